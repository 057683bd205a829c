import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
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

// Two annotators on interval labels 1-3; the gold file also holds the label
// 2.5, which no annotator used.
const ANNOTATIONS = [
  'item_id,annotator,label',
  ...[
    ['1', '1'],
    ['1', '2'],
    ['2', '2'],
    ['2', '3'],
    ['3', '3'],
    ['3', '1'],
    ['1', '1'],
    ['2', '2']
  ].flatMap(([a, b], i) => [`i${i},a,${a}`, `i${i},b,${b}`])
].join('\n')
const GOLD = ['item_id,label', 'i0,1', 'i1,2.5', 'i2,2', 'i3,3'].join('\n')

function config(extra: string[], reference: boolean): string {
  return [
    'version: 1',
    'datasets:',
    '  - name: scores',
    '    path: data/labels.csv',
    '    level: interval',
    ...(reference ? ['    reference: { path: data/gold.csv }'] : []),
    ...extra.map((line) => `    ${line}`),
    ''
  ].join('\n')
}

interface Metric {
  value: number | null
  reason?: string
  se?: number | null
  ci?: { low: number; high: number; level: number; method: string }
}

async function headMetrics(
  dir: string,
  args: string[] = []
): Promise<Record<string, Metric>> {
  const r = await runCli(dir, ['check', '--json', 'out.json', ...args])
  expect(r.stderr).toBe('')
  const report = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8'))
  return report.datasets[0].head.metrics
}

describe('inter-annotator definitions and intervals through the CLI', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-intervals-'))
    mkdirSync(path.join(dir, 'data'))
    writeFileSync(path.join(dir, 'data/labels.csv'), ANNOTATIONS)
    writeFileSync(path.join(dir, 'data/gold.csv'), GOLD)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('a label only the reference holds does not move weighted kappa', async () => {
    writeFileSync(path.join(dir, 'labelgate.yml'), config([], false))
    const without = await headMetrics(dir)
    writeFileSync(path.join(dir, 'labelgate.yml'), config([], true))
    const withGold = await headMetrics(dir)
    for (const name of [
      'cohen_kappa_linear',
      'cohen_kappa_quadratic',
      'krippendorff_alpha'
    ]) {
      expect(without[name]!.value).not.toBeNull()
      expect(withGold[name]!.value).toBe(without[name]!.value)
      expect(withGold[name]!.se).toBe(without[name]!.se)
    }
  })

  it('nominal coefficients are not reported at the interval level', async () => {
    writeFileSync(path.join(dir, 'labelgate.yml'), config([], true))
    const m = await headMetrics(dir)
    for (const name of [
      'cohen_kappa',
      'scott_pi',
      'fleiss_kappa',
      'gwet_ac1',
      'light_kappa'
    ]) {
      expect(m[name]).toEqual({
        value: null,
        reason: 'nominal coefficient, not defined for level interval'
      })
    }
    expect(m.krippendorff_alpha!.ci?.method).toBe('gwet')
    expect(m.accuracy!.ci?.method).toBe('wilson-cluster')
  })

  it('bootstrap intervals are the same for the same commit and change with it', async () => {
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      config(['intervals: bootstrap', 'bootstrap: { resamples: 200 }'], true)
    )
    git(dir, 'init', '-q')
    git(dir, 'add', '.')
    git(dir, 'commit', '-qm', 'labels')
    const first = await headMetrics(dir, ['--head', 'HEAD'])
    const again = await headMetrics(dir, ['--head', 'HEAD'])
    expect(first.krippendorff_alpha!.ci?.method).toBe('bootstrap')
    expect(first.accuracy!.ci?.method).toBe('bootstrap')
    expect(again.krippendorff_alpha).toEqual(first.krippendorff_alpha)
    expect(again.accuracy).toEqual(first.accuracy)
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'another commit')
    const next = await headMetrics(dir, ['--head', 'HEAD'])
    expect(next.krippendorff_alpha!.value).toBe(first.krippendorff_alpha!.value)
    expect(next.krippendorff_alpha!.ci).not.toEqual(
      first.krippendorff_alpha!.ci
    )
  })
})
