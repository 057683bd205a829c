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
import { runCli } from '../helpers/run-cli.js'

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
