import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Report } from '../../src/report/types.js'
import { git, runCli } from '../helpers/run-cli.js'

jest.setTimeout(60_000)

const config = (qc: string) =>
  [
    'version: 1',
    'datasets:',
    '  - name: tags',
    '    type: multi_label',
    '    path: data/tags.csv',
    '    categories: [a, b, c]',
    `    qc_sample: ${qc}`,
    ''
  ].join('\n')

const ANNOTATORS = ['ann', 'bea', 'cid']
const SETS = ['a', 'a|b', '', 'c', 'b|c']

function csv(change: (item: number, annotator: string) => string | null) {
  const lines = ['item_id,annotator,label']
  for (let item = 1; item <= 12; item++)
    for (const who of ANNOTATORS) {
      const label = change(item, who)
      if (label !== null) lines.push(`${item},${who},${label}`)
    }
  return lines.join('\n') + '\n'
}

const base = (item: number) => SETS[item % SETS.length]!
const BASE = csv((item) => (item <= 10 ? base(item) : null))
// The change: bea relabels items 1, 3 and 4 (4 to the empty set; item 2
// was already empty), and all three annotate the new items 11 and 12:
// 3 + 6 = 9 annotations.
const HEAD = csv((item, who) =>
  item > 10
    ? 'a|c'
    : who === 'bea' && item <= 4
      ? item % 2 === 0
        ? ''
        : 'b'
      : base(item)
)

describe('the QC sample of a multi_label dataset', () => {
  let repo: string
  let baseSha: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-structured-qc-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    writeFileSync(path.join(repo, 'labelgate.yml'), config('{ size: 100 }'))
    writeFileSync(path.join(repo, 'data/tags.csv'), BASE)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    baseSha = git(repo, 'rev-parse', 'HEAD')
    writeFileSync(path.join(repo, 'data/tags.csv'), HEAD)
    git(repo, 'commit', '-q', '-am', 'head')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  const run = async (qc: string) => {
    writeFileSync(path.join(repo, 'labelgate.yml'), config(qc))
    const out = await runCli(repo, [
      'check',
      '--config',
      'labelgate.yml',
      '--base',
      baseSha,
      '--head',
      'HEAD',
      '--json',
      'r.json',
      '--qc-sample',
      'qc.csv'
    ])
    expect(out.stderr).toBe('')
    const report = JSON.parse(
      readFileSync(path.join(repo, 'r.json'), 'utf8')
    ) as Report
    return {
      sample: report.datasets[0]!.qc_sample!,
      csv: readFileSync(path.join(repo, 'qc.csv'), 'utf8'),
      stdout: out.stdout
    }
  }

  it("samples from the change's annotations, each row showing its set", async () => {
    const { sample, csv: file, stdout } = await run('{ size: 100 }')
    expect(sample.population).toBe(9)
    expect(sample.size).toBe(9)
    const rows = sample.rows.map((r) => `${r.item} ${r.annotator} ${r.label}`)
    expect(rows.sort()).toEqual(
      [
        '1 bea {b}',
        '11 ann {a, c}',
        '11 bea {a, c}',
        '11 cid {a, c}',
        '12 ann {a, c}',
        '12 bea {a, c}',
        '12 cid {a, c}',
        '3 bea {b}',
        '4 bea {}'
      ].sort()
    )
    // Strata: annotator × whether the set is empty.
    expect(
      sample.strata.map((s) => `${s.label} ${s.annotator} ${s.population}`)
    ).toEqual([
      'no labels bea 1',
      'with labels ann 2',
      'with labels bea 4',
      'with labels cid 2'
    ])
    expect(file.split('\r\n')[0]).toBe(
      'item,annotator,label,review_label,review_note'
    )
    expect(file).toContain('1,bea,{b},,')
    expect(stdout).toMatch(/QC sample: 9 of 9 annotations/)
    expect(stdout).toContain('4 strata (marked anything × annotator)')
  })

  it('a smaller sample is seeded: the same draw on every run, one per stratum at least', async () => {
    const one = await run('{ size: 5 }')
    const two = await run('{ size: 5 }')
    expect(one.sample.size).toBe(5)
    expect(one.sample.rows).toEqual(two.sample.rows)
    expect(one.sample.strata.every((s) => s.sampled >= 1)).toBe(true)
  })

  it('scope: all samples every head annotation', async () => {
    const { sample } = await run('{ size: 1000, scope: all }')
    expect(sample.population).toBe(36)
  })
})
