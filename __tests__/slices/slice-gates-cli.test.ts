import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { DatasetReport, GateResult } from '../../src/report/types.js'
import { runCli } from '../helpers/run-cli.js'

jest.setTimeout(60_000)

/**
 * Synthetic datasets: per slice value, `items` items rated by three
 * annotators; annotator j errs on `errors[j]` items (spread over the items
 * so that no item collects every error). The gold label is known, so each
 * slice's accuracy is exact: 1 − Σ errors / (3 · items).
 */
interface SliceSpec {
  value: string
  items: number
  errors: [number, number, number]
}

const truth = (i: number): string => (i % 2 === 0 ? 'pos' : 'neg')
const flip = (l: string): string => (l === 'pos' ? 'neg' : 'pos')

function dataset(specs: SliceSpec[], format: 'csv' | 'jsonl' = 'csv') {
  const records: Record<string, string>[] = []
  const gold: string[] = ['item_id,label']
  for (const s of specs) {
    for (let i = 0; i < s.items; i++) {
      const item = `${s.value.replace(/[^a-z]/gi, '') || 'x'}-${i}`
      gold.push(`${item},${truth(i)}`)
      for (let j = 0; j < 3; j++) {
        // Annotator j's errors start at j·items/3, so they overlap little.
        const offset = (i - Math.floor((j * s.items) / 3) + s.items) % s.items
        const wrong = offset < s.errors[j]!
        records.push({
          item_id: item,
          annotator: `a${j}`,
          label: wrong ? flip(truth(i)) : truth(i),
          language: s.value
        })
      }
    }
  }
  const labels =
    format === 'csv'
      ? [
          'item_id,annotator,label,language',
          ...records.map((r) =>
            [r.item_id, r.annotator, r.label, csvCell(r.language!)].join(',')
          )
        ].join('\n') + '\n'
      : records.map((r) => JSON.stringify(r)).join('\n') + '\n'
  return { labels, gold: gold.join('\n') + '\n' }
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function config(gates: string[], format: 'csv' | 'jsonl' = 'csv'): string {
  return [
    'version: 1',
    'datasets:',
    '  - name: toy',
    `    path: data/labels.${format}`,
    '    categories: [neg, pos]',
    '    reference: { path: gold.csv }',
    '    slices: [language]',
    '    gates:',
    ...gates.map((g) => `      ${g}`),
    ''
  ].join('\n')
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-slices-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function check(
  specs: SliceSpec[],
  gates: string[],
  format: 'csv' | 'jsonl' = 'csv',
  extra: string[] = []
) {
  const { labels, gold } = dataset(specs, format)
  writeFileSync(path.join(dir, 'labelgate.yml'), config(gates, format))
  const { mkdirSync } = await import('node:fs')
  mkdirSync(path.join(dir, 'data'), { recursive: true })
  writeFileSync(path.join(dir, `data/labels.${format}`), labels)
  writeFileSync(path.join(dir, 'gold.csv'), gold)
  const r = await runCli(dir, ['check', '--json', 'report.json', ...extra])
  const report =
    r.code === 2
      ? null
      : (JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))
          .datasets[0] as DatasetReport)
  return { ...r, report }
}

const gateOf = (d: DatasetReport, metric: string): GateResult[] =>
  d.gates.filter((g) => g.metric === metric)

describe('slice_gap: a real gap fails, noise at small n does not', () => {
  it('fails when slice B’s annotators are 10 points less accurate (400 items each)', async () => {
    const r = await check(
      [
        { value: 'en', items: 400, errors: [40, 40, 40] },
        { value: 'de', items: 400, errors: [80, 80, 80] }
      ],
      ['slice_gap.accuracy: { max: 0.05 }']
    )
    expect(r.code).toBe(1)
    const d = r.report!
    const de = d.slices!.groups.find((g) => g.value === 'de')!
    const en = d.slices!.groups.find((g) => g.value === 'en')!
    expect(de.metrics.accuracy!.value).toBeCloseTo(0.8, 12)
    expect(en.metrics.accuracy!.value).toBeCloseTo(0.9, 12)
    expect(de.counts).toEqual({
      items: 400,
      annotators: 3,
      annotations: 1200,
      reference_items: 400
    })
    const gap = d.slices!.gaps.find((g) => g.metric === 'accuracy')!
    expect(gap.gap).toBeCloseTo(0.1, 12)
    expect(gap.worst!.value).toBe('de')
    expect(gap.best!.value).toBe('en')
    expect(gap.comparisons).toBe(1)
    expect(gap.ci!.method).toBe('mover')
    expect(gap.ci!.low).toBeGreaterThan(0)
    expect(gap.ci!.low).toBeLessThan(0.1)
    expect(gap.ci!.high).toBeGreaterThan(0.1)
    expect(gap.significant).toBe(true)
    const [gate] = gateOf(d, 'slice_gap.accuracy')
    expect(gate!.status).toBe('fail')
    expect(gate!.slice).toEqual({ column: 'language', value: 'de' })
    expect(gate!.value).toBeCloseTo(0.1, 12)
    expect(gate!.message).toContain('worst language=de')
  })

  it('passes a 13-point gap on 15 items per slice: not significant', async () => {
    const r = await check(
      [
        { value: 'en', items: 15, errors: [2, 2, 1] },
        { value: 'de', items: 15, errors: [4, 4, 3] }
      ],
      ['slice_gap.accuracy: { max: 0.05, min_items: 10 }']
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const gap = r.report!.slices!.gaps.find((g) => g.metric === 'accuracy')!
    expect(gap.gap).toBeCloseTo(40 / 45 - 34 / 45, 12)
    expect(gap.gap!).toBeGreaterThan(0.05)
    expect(gap.significant).toBe(false)
    expect(gap.ci!.low).toBeLessThan(0)
    const [gate] = gateOf(r.report!, 'slice_gap.accuracy')
    expect(gate!.status).toBe('pass')
    expect(gate!.message).toContain('not significant')
  })

  it('passes a gap exactly equal to max, even when significant', async () => {
    // 75% vs 50% on 100 items each: a gap of exactly 0.25 in binary too.
    const r = await check(
      [
        { value: 'en', items: 100, errors: [25, 25, 25] },
        { value: 'de', items: 100, errors: [50, 50, 50] }
      ],
      ['slice_gap.accuracy: { max: 0.25 }']
    )
    const gap = r.report!.slices!.gaps.find((g) => g.metric === 'accuracy')!
    expect(gap.gap).toBe(0.25)
    expect(gap.significant).toBe(true)
    const [gate] = gateOf(r.report!, 'slice_gap.accuracy')
    expect(gate!.value).toBe(0.25)
    expect(gate!.status).toBe('pass')
    expect(r.code).toBe(0)
  })

  it('corrects gated gaps by Holm across the gates, ungated ones by Bonferroni only', async () => {
    const r = await check(
      [
        { value: 'en', items: 15, errors: [2, 2, 1] },
        { value: 'de', items: 15, errors: [4, 4, 3] }
      ],
      [
        'slice_gap.accuracy: { max: 0.05, min_items: 10 }',
        'slice_gap.error_rate: { max: 0.05, min_items: 10 }',
        // Sets percent agreement's min_items, without a gap gate.
        'slice.percent_agreement: { min: 0, min_items: 10 }'
      ]
    )
    const gaps = r.report!.slices!.gaps
    const accuracy = gaps.find((g) => g.metric === 'accuracy')!
    const errors = gaps.find((g) => g.metric === 'error_rate')!
    // The same test on both (one pair, so Bonferroni's factor is 1); Holm
    // over two equal p-values doubles both.
    expect(errors.p_value).toBeCloseTo(accuracy.p_value!, 12)
    expect(accuracy.comparisons).toBe(1)
    expect(accuracy.p_adjusted).toBeCloseTo(2 * accuracy.p_value!, 12)
    expect(errors.p_adjusted).toBeCloseTo(2 * errors.p_value!, 12)
    // percent_agreement has no gate: its p-value is not Holm-adjusted.
    const vote = gaps.find((g) => g.metric === 'percent_agreement')!
    expect(vote.p_value).not.toBeNull()
    expect(vote.p_adjusted).toBeCloseTo(vote.p_value!, 12)
  })

  it('counts a slice with exactly min_items items and leaves out one with one fewer', async () => {
    const specs: SliceSpec[] = [
      { value: 'en', items: 400, errors: [40, 40, 40] },
      { value: 'de', items: 30, errors: [15, 15, 15] },
      { value: 'fr', items: 29, errors: [29, 29, 29] }
    ]
    const r = await check(specs, ['slice_gap.accuracy: { max: 0.05 }'])
    const gap = r.report!.slices!.gaps.find((g) => g.metric === 'accuracy')!
    expect(gap.min_items).toBe(30)
    expect(gap.groups_compared).toBe(2)
    expect(gap.worst!.value).toBe('de')
    expect(gap.worst!.n_items).toBe(30)
    expect(gap.comparisons).toBe(1)
    const [gate] = gateOf(r.report!, 'slice_gap.accuracy')
    expect(gate!.status).toBe('fail')
  })

  it('reads lower-is-better metrics the other way (error_rate)', async () => {
    const r = await check(
      [
        { value: 'en', items: 400, errors: [40, 40, 40] },
        { value: 'de', items: 400, errors: [80, 80, 80] }
      ],
      ['slice_gap.error_rate: { max: 0.05 }', 'slice.error_rate: { max: 0.15 }']
    )
    const gap = r.report!.slices!.gaps.find((g) => g.metric === 'error_rate')!
    expect(gap.worst!.value).toBe('de')
    expect(gap.worst!.estimate).toBeCloseTo(0.2, 12)
    expect(gap.best!.value).toBe('en')
    expect(gap.gap).toBeCloseTo(0.1, 12)
    expect(gap.ci!.low).toBeGreaterThan(0)
    const bound = gateOf(r.report!, 'slice.error_rate')
    expect(bound.map((g) => [g.status, g.slice?.value])).toEqual([
      ['fail', 'de']
    ])
    expect(gateOf(r.report!, 'slice_gap.error_rate')[0]!.status).toBe('fail')
  })

  it('applies slice.accuracy: { min } to every slice with enough items', async () => {
    const r = await check(
      [
        { value: 'en', items: 400, errors: [40, 40, 40] },
        { value: 'de', items: 400, errors: [80, 80, 80] },
        { value: 'fr', items: 10, errors: [10, 10, 10] }
      ],
      ['slice.accuracy: { min: 0.85 }', 'slice.percent_agreement: { min: 0.5 }']
    )
    const rows = gateOf(r.report!, 'slice.accuracy')
    // fr (0%) has 10 items, below the default min_items 30: not judged.
    expect(rows.map((g) => [g.status, g.slice?.value])).toEqual([
      ['fail', 'de']
    ])
    const ok = gateOf(r.report!, 'slice.percent_agreement')
    expect(ok).toHaveLength(1)
    expect(ok[0]!.status).toBe('pass')
    expect(ok[0]!.message).toContain('2 language values judged')
    expect(r.code).toBe(1)
  })

  it('reads the slice column from JSONL keys', async () => {
    const r = await check(
      [
        { value: 'en', items: 400, errors: [40, 40, 40] },
        { value: 'de', items: 400, errors: [80, 80, 80] }
      ],
      ['slice_gap.accuracy: { max: 0.05 }'],
      'jsonl'
    )
    expect(r.stderr).toBe('')
    expect(r.report!.slices!.groups.map((g) => g.value)).toEqual(['de', 'en'])
    expect(gateOf(r.report!, 'slice_gap.accuracy')[0]!.status).toBe('fail')
  })

  it('stops with one line naming the file and the field when the column is missing', async () => {
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      config(['slice_gap.accuracy: { max: 0.05 }']).replace(
        'slices: [language]',
        'slices: [langauge]'
      )
    )
    const { labels, gold } = dataset([
      { value: 'en', items: 5, errors: [0, 0, 0] }
    ])
    const { mkdirSync } = await import('node:fs')
    mkdirSync(path.join(dir, 'data'))
    writeFileSync(path.join(dir, 'data/labels.csv'), labels)
    writeFileSync(path.join(dir, 'gold.csv'), gold)
    const r = await runCli(dir, ['check'])
    expect(r.code).toBe(2)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('data/labels.csv')
    expect(lines[0]).toContain("missing column 'langauge'")
    expect(lines[0]).toContain('set slices in the config')
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
  })
})

describe('slices in the config', () => {
  it("refuses a slice gate on another type's metric, at its line", async () => {
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: tags',
        '    path: tags.jsonl',
        '    type: multi_label',
        '    slices: [language]',
        '    gates:',
        '      slice_gap.accuracy: { max: 0.05 }',
        ''
      ].join('\n')
    )
    writeFileSync(path.join(dir, 'tags.jsonl'), '')
    const r = await runCli(dir, ['check'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/labelgate\.yml:8/)
    expect(r.stderr).toContain('accuracy is a category metric')
  })

  it('refuses a slice gate without slices', async () => {
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      config(['slice_gap.accuracy: { max: 0.05 }']).replace(
        '    slices: [language]\n',
        ''
      )
    )
    const r = await runCli(dir, ['check'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('slice_gap.accuracy judges slices')
  })
})
