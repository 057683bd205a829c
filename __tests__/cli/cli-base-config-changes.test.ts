import { afterEach, describe, expect, it, jest } from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { git, runCli } from '../helpers/run-cli.js'

// Pull requests that change what the base's config and gold labels say
// (docs/security.md: both are read from the base): removing a dataset,
// adding one, breaking the config, editing the gold. Real git repositories.
jest.setTimeout(60_000)

const dataset = (name: string) => [
  `  - name: ${name}`,
  `    path: data/${name}/*.csv`,
  '    categories: [neg, pos]',
  '    reference: { path: gold/gold.csv }',
  '    gates:',
  '      accuracy: { min: 0.8 }'
]
const config = (...names: string[]) =>
  ['version: 1', 'datasets:', ...names.flatMap(dataset), ''].join('\n')
const ROWS = 'item_id,annotator,label\ni1,a,pos\ni1,b,pos\ni2,a,neg\ni2,b,neg\n'
const GOLD = 'item_id,label\ni1,pos\ni2,neg\n'

let repo: string | undefined
afterEach(() => {
  if (repo !== undefined) rmSync(repo, { recursive: true, force: true })
  repo = undefined
})

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(repo!, file)), { recursive: true })
  writeFileSync(path.join(repo!, file), text)
}

/** A repository whose `main` has datasets `alpha` and `beta`, on branch `pr`. */
function baseRepo(): string {
  repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-base-config-'))
  git(repo, 'init', '-q', '-b', 'main')
  write('labelgate.yml', config('alpha', 'beta'))
  write('data/alpha/a.csv', ROWS)
  write('data/beta/b.csv', ROWS)
  write('gold/gold.csv', GOLD)
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'base')
  git(repo, 'checkout', '-q', '-b', 'pr')
  return repo
}

function commit(dir: string): void {
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'change')
}

async function check(dir: string) {
  const r = await runCli(dir, [
    'check',
    '--base',
    'main',
    '--head',
    'HEAD',
    '--json',
    'r.json'
  ])
  const report =
    r.code === 2
      ? undefined
      : JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'))
  return { ...r, report }
}

describe('a pull request that changes what the base config lists', () => {
  it('removes a dataset (its files and its config entry): a note, not an exit 2', async () => {
    const dir = baseRepo()
    git(dir, 'rm', '-q', '-r', 'data/beta')
    write('labelgate.yml', config('alpha'))
    commit(dir)
    const r = await check(dir)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.report.datasets.map((d: { name: string }) => d.name)).toEqual([
      'alpha'
    ])
    expect(r.report.notes).toContain(
      "dataset 'beta' is removed by this change (its files and its entry in the config are gone): not checked"
    )
  })

  it('deletes the files but keeps the config entry: exit 2 saying how to remove a dataset', async () => {
    const dir = baseRepo()
    git(dir, 'rm', '-q', '-r', 'data/beta')
    commit(dir)
    const r = await check(dir)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("path 'data/beta/*.csv' matches no file at")
    expect(r.stderr).toContain(
      'though it did at the base: to remove the dataset, delete its entry in labelgate.yml in the same change'
    )
  })

  it('adds a dataset to the config: the note says it is not checked here', async () => {
    const dir = baseRepo()
    write('labelgate.yml', config('alpha', 'beta', 'gamma'))
    write('data/gamma/g.csv', ROWS)
    commit(dir)
    const r = await check(dir)
    expect(r.code).toBe(0)
    expect(r.report.datasets).toHaveLength(2)
    expect(r.report.notes).toContain(
      "Not checked here: 'gamma', a dataset this change adds to labelgate.yml; the base's config does not list it, so it is checked from the first change after the merge."
    )
  })

  it('breaks the config: exit 2 naming the head version, not a pass on the base config', async () => {
    const dir = baseRepo()
    write(
      'labelgate.yml',
      config('alpha', 'beta').replace('min: 0.8', 'min: 0.8, mni: 1')
    )
    commit(dir)
    const r = await check(dir)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("unknown key 'mni'")
    expect(r.stderr).toContain('in the config as this change leaves it')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('edits the gold labels: the base gold judges, and a note says the edit waits for the merge', async () => {
    const dir = baseRepo()
    write('gold/gold.csv', GOLD.replace('i2,neg', 'i2,pos'))
    commit(dir)
    const r = await check(dir)
    expect(r.code).toBe(0)
    expect(r.report.datasets[0].head.metrics.accuracy.value).toBe(1)
    for (const name of ['alpha', 'beta']) {
      expect(r.report.notes).toContain(
        `dataset '${name}': this change edits its reference labels (gold/gold.csv); the check uses the base's, and the edit applies after merge`
      )
    }
  })

  it('leaves config and gold alone: no note', async () => {
    const dir = baseRepo()
    write('data/alpha/a.csv', ROWS.replace('i1,b,pos', 'i1,b,neg'))
    commit(dir)
    const r = await check(dir)
    expect(r.code).toBe(1)
    expect(r.report.notes).toEqual([])
  })
})
