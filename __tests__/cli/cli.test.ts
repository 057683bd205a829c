import { describe, expect, it, beforeAll, afterAll, jest } from '@jest/globals'
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
  existsSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'

// CLI runs on real repositories, on a machine that may be busy: a timeout
// would remove the repository while the CLI still runs in it.
jest.setTimeout(60_000)

const ANNOTATIONS = [
  'item_id,annotator,label',
  'i1,a,pos',
  'i1,b,pos',
  'i2,a,neg',
  'i2,b,neg',
  'i3,a,pos',
  'i3,b,neg',
  'i4,a,neg',
  'i4,b,neg'
].join('\n')

const GOLD = ['item_id,label', 'i1,pos', 'i2,neg', 'i3,pos', 'i4,neg'].join(
  '\n'
)

function config(gates: string): string {
  return [
    'version: 1',
    'datasets:',
    '  - name: toy',
    '    path: data/labels.csv',
    '    categories: [neg, pos]',
    '    reference: { path: data/gold.csv }',
    '    gates:',
    gates,
    ''
  ].join('\n')
}

describe('labelgate check (CLI)', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-cli-'))
    mkdirSync(path.join(dir, 'data'))
    writeFileSync(path.join(dir, 'data/labels.csv'), ANNOTATIONS)
    writeFileSync(path.join(dir, 'data/gold.csv'), GOLD)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('exits 0 when every gate passes and writes the JSON and Markdown reports', async () => {
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      config('      accuracy: { min: 0.8 }')
    )
    const r = await runCli(dir, [
      'check',
      '--json',
      'out/report.json',
      '--markdown',
      'out/body.md'
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(
      readFileSync(path.join(dir, 'out/report.json'), 'utf8')
    )
    expect(report.schema).toBe('labelgate-report/1')
    expect(report.passed).toBe(true)
    expect(report.base).toBeNull()
    expect(report.datasets[0].head.counts).toEqual({
      items: 4,
      annotators: 2,
      annotations: 8,
      reference_items: 4
    })
    // 7 of 8 annotations match the gold labels.
    expect(report.datasets[0].head.metrics.accuracy.value).toBeCloseTo(
      7 / 8,
      12
    )
    expect(report.datasets[0].gates[0]).toMatchObject({
      metric: 'accuracy',
      status: 'pass'
    })
    expect(readFileSync(path.join(dir, 'out/body.md'), 'utf8')).toContain(
      '<!-- labelgate:report -->'
    )
    expect(r.stdout).toContain('toy')
  })

  it('exits 1 when a gate of severity error fails', async () => {
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      config('      accuracy: { min: 0.95 }')
    )
    const r = await runCli(dir, ['check'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/FAIL/)
  })

  it('exits 1 on a data problem of severity error (a label outside the schema)', async () => {
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      config('      accuracy: { min: 0.1 }')
    )
    mkdirSync(path.join(dir, 'bad'), { recursive: true })
    writeFileSync(
      path.join(dir, 'bad/labels.csv'),
      ANNOTATIONS.replace('i4,b,neg', 'i4,b,poss')
    )
    writeFileSync(
      path.join(dir, 'bad.yml'),
      config('      accuracy: { min: 0.1 }').replace(
        'data/labels.csv',
        'bad/labels.csv'
      )
    )
    const r = await runCli(dir, [
      'check',
      '--config',
      'bad.yml',
      '--json',
      'bad.json'
    ])
    expect(r.code).toBe(1)
    const report = JSON.parse(readFileSync(path.join(dir, 'bad.json'), 'utf8'))
    expect(report.datasets[0].problems[0]).toMatchObject({
      severity: 'error',
      file: 'bad/labels.csv',
      line: 9
    })
    expect(report.datasets[0].problems[0].message).toContain(
      "did you mean 'pos'?"
    )
  })

  it('exits 2 with one line naming the config line on a bad config, writing nothing', async () => {
    writeFileSync(
      path.join(dir, 'typo.yml'),
      config('      krippendorf_alpha: { min: 0.8 }')
    )
    const r = await runCli(dir, [
      'check',
      '--config',
      'typo.yml',
      '--json',
      'typo.json'
    ])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(
      /^labelgate: typo\.yml:8:\d+: .*krippendorff_alpha/
    )
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(path.join(dir, 'typo.json'))).toBe(false)
  })

  it('exits 2 naming the file when a label file is missing a column', async () => {
    mkdirSync(path.join(dir, 'nocol'), { recursive: true })
    writeFileSync(
      path.join(dir, 'nocol/labels.csv'),
      'id,annotator,label\ni1,a,pos\n'
    )
    writeFileSync(
      path.join(dir, 'nocol.yml'),
      config('      accuracy: { min: 0.1 }').replace(
        'data/labels.csv',
        'nocol/labels.csv'
      )
    )
    const r = await runCli(dir, ['check', '--config', 'nocol.yml'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('nocol/labels.csv')
    expect(r.stderr).toContain("'item_id'")
  })

  it('exits 2 when the dataset path matches nothing, and on unknown options', async () => {
    writeFileSync(
      path.join(dir, 'missing.yml'),
      config('      accuracy: { min: 0.1 }').replace(
        'data/labels.csv',
        'data/nothing-*.csv'
      )
    )
    const r = await runCli(dir, ['check', '--config', 'missing.yml'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('matches no file')
    const bad = await runCli(dir, ['check', '--frobnicate'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--frobnicate')
  })

  it('prints help and version', async () => {
    expect((await runCli(dir, ['--help'])).stdout).toContain(
      'Usage: labelgate check'
    )
    expect((await runCli(dir, ['--version'])).stdout).toMatch(
      /^labelgate \d+\.\d+\.\d+/
    )
  })
})
