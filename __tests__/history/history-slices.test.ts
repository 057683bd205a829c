import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { cachedVersion } from '../../src/history/cached-version.js'
import { FileCache } from '../../src/history/file-cache.js'
import {
  HISTORY_CSV_COLUMNS,
  historyCsv
} from '../../src/history/history-csv.js'
import {
  HISTORY_SCHEMA,
  type History,
  type HistoryRecord
} from '../../src/history/types.js'
import type { DatasetReport } from '../../src/report/types.js'
import type { SliceReport } from '../../src/slices/slice-report.js'
import { makeSliceReport, parseCsv } from '../helpers/slice-report-fixture.js'

/** A dataset report as the check gives it, with only what the history reads. */
function datasetReport(slices?: SliceReport): DatasetReport {
  return {
    name: 'reviews',
    passed: true,
    head: {
      counts: { items: 4, annotators: 2, annotations: 8, reference_items: 4 },
      metrics: { accuracy: { value: 0.75, n_items: 4, n: 8 } },
      annotators: {},
      distribution: { pos: 6, neg: 2 }
    },
    gates: [],
    problems: [],
    ...(slices === undefined ? {} : { slices })
  } as unknown as DatasetReport
}

const HOSTILE_VALUE = '=HYPERLINK("http://x","y")'

const SLICES = makeSliceReport({
  columns: {
    language: [
      { value: 'en', items: 40 },
      { value: 'de', items: 12 },
      { value: '', items: 3 }
    ],
    source: [
      { value: HOSTILE_VALUE, items: 9 },
      { value: 'vendor_a', items: 30 }
    ]
  },
  metrics: ['accuracy', 'krippendorff_alpha'],
  version: 1
})

function record(
  commit: string,
  extra: Partial<HistoryRecord> = {}
): HistoryRecord {
  return {
    commit,
    date: '2026-01-02T03:04:05Z',
    author: 'A',
    subject: 's',
    key: `k-${commit}`,
    ...cachedVersion(datasetReport()),
    model_metrics: null,
    model_metrics_date: null,
    ...extra
  }
}

describe('what the history keeps of a check’s slices', () => {
  it('keeps the dataset report’s slices as they are, and none without', () => {
    const kept = cachedVersion(datasetReport(SLICES))
    expect(kept.slices).toEqual(SLICES)
    const none = cachedVersion(datasetReport())
    expect('slices' in none).toBe(false)
    // The rest of the record does not depend on the slices.
    const { slices: _ignored, ...rest } = kept
    expect(rest).toEqual(none)
  })
})

describe('the history CSV with slices', () => {
  const history: History = {
    schema: HISTORY_SCHEMA,
    ref: 'main',
    version: 'test',
    datasets: [
      {
        name: 'reviews',
        versions: [
          record('c1'),
          record('c2', { slices: SLICES }),
          record('c3', { error: 'labelgate.yml:3: bad', metrics: {} })
        ],
        annotators: [],
        correlations: []
      }
    ]
  }
  const [header, ...rows] = parseCsv(historyCsv(history))
  const col = (name: (typeof HISTORY_CSV_COLUMNS)[number]): number =>
    HISTORY_CSV_COLUMNS.indexOf(name)

  it('appends the slice columns after the columns it had', () => {
    expect(header).toEqual([...HISTORY_CSV_COLUMNS])
    expect(header!.slice(0, 13)).toEqual([
      'dataset',
      'commit',
      'date',
      'author',
      'metric',
      'value',
      'ci_low',
      'ci_high',
      'ci_level',
      'ci_method',
      'n_items',
      'n',
      'reason'
    ])
    expect(header!.slice(13)).toEqual(['slice_column', 'slice_value'])
    for (const r of rows) expect(r).toHaveLength(header!.length)
  })

  it('has no slice row for a version without slices, and empty slice cells on the dataset rows', () => {
    const c1 = rows.filter((r) => r[col('commit')] === 'c1')
    expect(c1.map((r) => r[col('metric')])).toEqual(['accuracy'])
    const plain = rows.filter((r) => !r[col('metric')]!.startsWith('slice'))
    for (const r of plain) {
      expect(r[col('slice_column')]).toBe('')
      expect(r[col('slice_value')]).toBe('')
    }
    const error = rows.filter((r) => r[col('commit')] === 'c3')
    expect(error.map((r) => r[col('metric')])).toEqual(['error'])
  })

  it('gives one row per slice group and metric, with the JSON’s numbers', () => {
    const c2 = rows.filter(
      (r) => r[col('commit')] === 'c2' && r[col('metric')]!.startsWith('slice.')
    )
    // 5 groups × 2 metrics.
    expect(c2).toHaveLength(10)
    for (const group of SLICES.groups) {
      for (const [metric, m] of Object.entries(group.metrics)) {
        const row = c2.find(
          (r) =>
            r[col('metric')] === `slice.${metric}` &&
            r[col('slice_column')] === group.column &&
            // A spreadsheet formula is written with a leading quote.
            r[col('slice_value')] ===
              (group.value === HOSTILE_VALUE ? `'${group.value}` : group.value)
        )!
        expect(Number(row[col('value')])).toBe(m.value)
        expect(Number(row[col('ci_low')])).toBe(m.ci!.low)
        expect(Number(row[col('ci_high')])).toBe(m.ci!.high)
        expect(Number(row[col('n_items')])).toBe(m.n_items)
        expect(Number(row[col('n')])).toBe(m.n)
      }
    }
    // The empty value of a column is a group of its own, written empty.
    expect(
      c2.filter(
        (r) =>
          r[col('slice_column')] === 'language' && r[col('slice_value')] === ''
      )
    ).toHaveLength(2)
  })

  it('gives one row per column and metric for the gap', () => {
    const gaps = rows.filter((r) => r[col('metric')]!.startsWith('slice_gap.'))
    expect(gaps).toHaveLength(SLICES.gaps.length)
    for (const g of SLICES.gaps) {
      const row = gaps.find(
        (r) =>
          r[col('metric')] === `slice_gap.${g.metric}` &&
          r[col('slice_column')] === g.column
      )!
      expect(row[col('value')]).toBe(g.gap === null ? '' : String(g.gap))
      expect(row[col('slice_value')]).toBe('')
      expect(row[col('reason')]).toBe(g.reason ?? '')
      expect(row[col('ci_low')]).toBe(g.ci ? String(g.ci.low) : '')
    }
  })
})

describe('the version cache with slices', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-slice-cache-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const key = 'ab' + '0'.repeat(62)

  it('gives back the slices it stored', async () => {
    const cache = new FileCache(dir)
    const value = cachedVersion(datasetReport(SLICES))
    await cache.put(key, value)
    expect(await cache.get(key)).toEqual(value)
  })

  it('takes an entry whose slices are not a slice report for corrupt', async () => {
    const warnings: string[] = []
    const cache = new FileCache(dir, (m) => warnings.push(m))
    const file = path.join(dir, 'ab', `${key}.json`)
    const entry = JSON.parse(readFileSync(file, 'utf8')) as {
      value: { slices: unknown }
    }
    entry.value.slices = { groups: 'none' }
    writeFileSync(file, JSON.stringify(entry))
    expect(await cache.get(key)).toBeUndefined()
    expect(warnings.join('\n')).toMatch(/is corrupt; ignored and recomputed/)
  })
})
