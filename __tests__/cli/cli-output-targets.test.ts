import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { git, runCli } from '../helpers/run-cli.js'

const CONFIG = `version: 1
datasets:
  - name: d
    path: data/labels.csv
    categories: [neg, pos]
    reference: { path: data/gold.csv }
`
const LABELS = 'item_id,annotator,label\n1,a,pos\n1,b,pos\n2,a,neg\n2,b,pos\n'
const GOLD = 'item_id,label\n1,pos\n2,neg\n'

/**
 * `--json FILE` names where the report goes; a new user who reads it as "the
 * input is JSON" points it at a label file. An output must never replace a
 * file the check reads, nor two outputs share one file.
 */
describe('check refuses an output path that is one of its inputs', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-targets-'))
    mkdirSync(path.join(dir, 'data'))
    mkdirSync(path.join(dir, 'snap', 'data'), { recursive: true })
    writeFileSync(path.join(dir, 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(dir, 'data', 'labels.csv'), LABELS)
    writeFileSync(path.join(dir, 'data', 'gold.csv'), GOLD)
    writeFileSync(path.join(dir, 'snap', 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(dir, 'snap', 'data', 'labels.csv'), LABELS)
    writeFileSync(path.join(dir, 'snap', 'data', 'gold.csv'), GOLD)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const unchanged = (): void => {
    expect(readFileSync(path.join(dir, 'labelgate.yml'), 'utf8')).toBe(CONFIG)
    expect(readFileSync(path.join(dir, 'data', 'labels.csv'), 'utf8')).toBe(
      LABELS
    )
    expect(readFileSync(path.join(dir, 'data', 'gold.csv'), 'utf8')).toBe(GOLD)
  }

  it.each([
    ['--json', 'data/labels.csv'],
    ['--markdown', 'data/gold.csv'],
    ['--junit', 'labelgate.yml'],
    ['--json', './data/../data/labels.csv']
  ])('%s %s: exit 2, the file left as it was', async (option, file) => {
    const r = await runCli(dir, ['check', option, file])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      `labelgate: ${file}: is a file this run reads; not replaced (name another file for the output)\n`
    )
    unchanged()
  })

  it('an explicit --config is an input too', async () => {
    const r = await runCli(dir, [
      'check',
      '--config',
      'labelgate.yml',
      '--markdown',
      'labelgate.yml'
    ])
    expect(r.code).toBe(2)
    unchanged()
  })

  it.each([
    ['--head DIR', ['--head', 'snap']],
    ['--base DIR', ['--base', 'snap', '--head', '.']]
  ])('with %s, the files in that folder', async (_, versions) => {
    const r = await runCli(dir, [
      'check',
      ...versions,
      '--json',
      'snap/data/labels.csv'
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('is a file this run reads')
    expect(
      readFileSync(path.join(dir, 'snap', 'data', 'labels.csv'), 'utf8')
    ).toBe(LABELS)
  })

  it('two outputs on one file: exit 2, nothing written', async () => {
    const r = await runCli(dir, [
      'check',
      '--json',
      'out/report',
      '--markdown',
      'out/report'
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'labelgate: out/report: is named for two outputs; each needs a file of its own\n'
    )
    expect(existsSync(path.join(dir, 'out'))).toBe(false)
  })

  it('check --stats: a shard it merges', async () => {
    const out = await runCli(dir, ['stats', '--shard', '--out', 'part.json'])
    expect(out.code).toBe(0)
    const shard = readFileSync(path.join(dir, 'part.json'), 'utf8')
    const r = await runCli(dir, [
      'check',
      '--stats',
      'part.json',
      '--json',
      'part.json'
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('part.json: is a file this run reads')
    expect(readFileSync(path.join(dir, 'part.json'), 'utf8')).toBe(shard)
  })

  it('stats --shard --out: not over a label file', async () => {
    const r = await runCli(dir, [
      'stats',
      '--shard',
      '--out',
      'data/labels.csv'
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('data/labels.csv: is a file this run reads')
    unchanged()
  })

  it('an ordinary output is still written', async () => {
    const r = await runCli(dir, ['check', '--json', 'report.json'])
    expect(r.code).toBe(0)
    expect(existsSync(path.join(dir, 'report.json'))).toBe(true)
  })
})

/**
 * `history` and `report` read git, but their outputs land in the working
 * tree, over the checkout of what they read: the same refusal as check's.
 */
describe('history and report refuse an output over a file they read', () => {
  const EXPORT = `${JSON.stringify([
    { item_id: '1', annotator: 'a', label: 'pos' },
    { item_id: '1', annotator: 'b', label: 'pos' }
  ])}\n`
  const config = `${CONFIG}  - name: e
    path: export/report.json
    categories: [neg, pos]
`
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-targets-git-'))
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'export'))
    writeFileSync(path.join(repo, 'labelgate.yml'), config)
    writeFileSync(path.join(repo, 'data', 'labels.csv'), LABELS)
    writeFileSync(path.join(repo, 'data', 'gold.csv'), GOLD)
    writeFileSync(path.join(repo, 'export', 'report.json'), EXPORT)
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'labels')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  const unchanged = (): void => {
    expect(readFileSync(path.join(repo, 'labelgate.yml'), 'utf8')).toBe(config)
    expect(readFileSync(path.join(repo, 'data', 'labels.csv'), 'utf8')).toBe(
      LABELS
    )
    expect(readFileSync(path.join(repo, 'data', 'gold.csv'), 'utf8')).toBe(GOLD)
    expect(readFileSync(path.join(repo, 'export', 'report.json'), 'utf8')).toBe(
      EXPORT
    )
  }
  const refused = (file: string) =>
    `labelgate: ${file}: is a file this run reads; not replaced (name another file for the output)\n`

  it.each([
    [['history', '--json', 'data/labels.csv'], 'data/labels.csv'],
    [['history', '--csv', 'data/gold.csv'], 'data/gold.csv'],
    [['history', '--json', 'labelgate.yml'], 'labelgate.yml'],
    [
      ['history', '--config', 'labelgate.yml', '--csv', 'labelgate.yml'],
      'labelgate.yml'
    ],
    [['report', '--html', 'export'], 'export/report.json']
  ])('%j: exit 2, nothing replaced', async (argv, file) => {
    const run = await runCli(repo, [...argv, '--no-cache'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(refused(file))
    unchanged()
  })

  it('report: not over the history it draws', async () => {
    const h = await runCli(repo, [
      'history',
      '--no-cache',
      '--quiet',
      '--json',
      'site/history.json'
    ])
    expect(h.code).toBe(0)
    const history = readFileSync(path.join(repo, 'site/history.json'), 'utf8')
    const r = await runCli(repo, [
      'report',
      '--html',
      'site',
      '--history',
      'site/history.json'
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(refused(path.join('site', 'history.json')))
    expect(readFileSync(path.join(repo, 'site/history.json'), 'utf8')).toBe(
      history
    )
    expect(existsSync(path.join(repo, 'site/index.html'))).toBe(false)
    rmSync(path.join(repo, 'site'), { recursive: true })
  })

  it('history: --json and --csv on one file, nothing written', async () => {
    const r = await runCli(repo, [
      'history',
      '--no-cache',
      '--json',
      'out/h',
      '--csv',
      'out/h'
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'labelgate: out/h: is named for two outputs; each needs a file of its own\n'
    )
    expect(existsSync(path.join(repo, 'out'))).toBe(false)
  })

  it('ordinary outputs are still written', async () => {
    const h = await runCli(repo, [
      'history',
      '--no-cache',
      '--json',
      'h.json',
      '--csv',
      'h.csv'
    ])
    expect(h).toMatchObject({ code: 0, stderr: '' })
    expect(h.stdout).toContain(
      'labelgate history: 2 versions, 2 checked, 0 from the cache\n'
    )
    // One commit of one dataset: one version, in the singular.
    const one = await runCli(repo, ['history', '--no-cache', '--dataset', 'd'])
    expect(one.stdout).toMatch(/^d: 1 version, newest /m)
    expect(one.stdout).toContain(
      'labelgate history: 1 version, 1 checked, 0 from the cache\n'
    )
    const r = await runCli(repo, [
      'report',
      '--no-cache',
      '--quiet',
      '--html',
      'site'
    ])
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(existsSync(path.join(repo, 'site/index.html'))).toBe(true)
  })
})

describe('check --base DIR: a file only the base folder holds', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-targets-base-'))
    mkdirSync(path.join(dir, 'data'))
    mkdirSync(path.join(dir, 'snap', 'data'), { recursive: true })
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      'version: 1\ndatasets:\n  - name: d\n    path: data/*.csv\n    categories: [neg, pos]\n'
    )
    writeFileSync(path.join(dir, 'data', 'a.csv'), LABELS)
    writeFileSync(path.join(dir, 'snap', 'data', 'a.csv'), LABELS)
    // Removed from the head since the snapshot: read as part of the base.
    writeFileSync(path.join(dir, 'snap', 'data', 'old.csv'), LABELS)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is not replaced', async () => {
    const r = await runCli(dir, [
      'check',
      '--base',
      'snap',
      '--json',
      'snap/data/old.csv'
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'labelgate: snap/data/old.csv: is a file this run reads; not replaced (name another file for the output)\n'
    )
    expect(
      readFileSync(path.join(dir, 'snap', 'data', 'old.csv'), 'utf8')
    ).toBe(LABELS)
  })

  it('its path in the head, where nothing was read, can be written', async () => {
    const r = await runCli(dir, [
      'check',
      '--base',
      'snap',
      '--json',
      'data/old.csv'
    ])
    expect(r.code).toBe(0)
  })
})
