import { describe, expect, it } from '@jest/globals'
import { buildDashboardModel } from '../../src/dashboard/dashboard-model.js'
import {
  EMPTY_SLICE_LABEL,
  SLICE_LINES
} from '../../src/dashboard/slice-view.js'
import {
  HISTORY_SCHEMA,
  type History,
  type HistoryRecord
} from '../../src/history/types.js'
import type {
  DatasetReport,
  GateResult,
  Report
} from '../../src/report/types.js'
import type { SliceReport } from '../../src/slices/slice-report.js'
import { makeSliceReport } from '../helpers/slice-report-fixture.js'

const METRICS = ['accuracy', 'krippendorff_alpha', 'error_rate']

/** Eleven languages; 'xx' is the largest at version 1 and gone after it. */
function slicesAt(version: number): SliceReport {
  const languages = [
    'ar',
    'de',
    'en',
    'es',
    'fr',
    'it',
    'nl',
    'pl',
    'pt',
    'sv'
  ].map((value, j) => ({ value, items: 100 - 9 * j }))
  // The empty value (rows without a language) at version 3 only, with the most items.
  if (version === 3) languages.push({ value: '', items: 500 })
  if (version === 1) languages.push({ value: 'xx', items: 1000 })
  return makeSliceReport({
    columns: {
      language: languages,
      source: [
        { value: 'vendor_a', items: 60 },
        { value: 'vendor_b', items: 3 }
      ]
    },
    metrics: METRICS,
    version
  })
}

function record(k: number, slices?: SliceReport): HistoryRecord {
  return {
    commit: `${k}`.repeat(40),
    date: `2026-01-0${k + 1}T00:00:00Z`,
    author: 'A',
    subject: `v${k}`,
    key: `key-${k}`,
    counts: { items: 1, annotators: 1, annotations: 1, reference_items: 1 },
    metrics: {
      accuracy: { value: 0.9 },
      krippendorff_alpha: { value: 0.7 }
    },
    annotators: {},
    class_shares: {},
    gates: [],
    passed: true,
    problems: [],
    problem_count: { errors: 0, warnings: 0 },
    error: null,
    model_metrics: null,
    model_metrics_date: null,
    ...(slices === undefined ? {} : { slices })
  }
}

function history(records: HistoryRecord[]): History {
  return {
    schema: HISTORY_SCHEMA,
    ref: 'main',
    version: 'test',
    datasets: [
      { name: 'reviews', versions: records, annotators: [], correlations: [] }
    ]
  }
}

const gate = (metric: string, bound: string, threshold: number): GateResult =>
  ({ metric, bound, threshold, value: null, status: 'pass' }) as GateResult

function report(gates: GateResult[], slices?: SliceReport): Report {
  const dataset = {
    name: 'reviews',
    passed: true,
    head: {
      counts: { items: 1, annotators: 1, annotations: 1, reference_items: 1 },
      metrics: {},
      annotators: {},
      pairwise: [],
      distribution: {}
    },
    gates,
    problems: [],
    ...(slices === undefined ? {} : { slices })
  } as unknown as DatasetReport
  return {
    head: 'h',
    version: 'test',
    datasets: [dataset]
  } as unknown as Report
}

// Slices at versions 1 to 3; version 0 predates `slices` in the config.
const RECORDS = [
  record(0),
  record(1, slicesAt(1)),
  record(2, slicesAt(2)),
  record(3, slicesAt(3))
]

describe('the dashboard’s slices panel (model)', () => {
  it('has no panel when neither the history nor the head has slices', () => {
    const model = buildDashboardModel(
      history([record(0), record(1)]),
      report([gate('accuracy', 'min', 0.8)]),
      'now'
    )
    expect(model.datasets[0]!.slices).toBeNull()
  })

  it('draws a line for each of the values with the most items at the newest version, and counts the rest', () => {
    const view = buildDashboardModel(history(RECORDS), null, 'now').datasets[0]!
      .slices!
    expect(view.columns.map((c) => c.column)).toEqual(['language', 'source'])
    const language = view.columns[0]!
    // 10 languages, the empty value and 'xx' (gone since version 2).
    expect(language.valuesTotal).toBe(12)
    expect(SLICE_LINES).toBe(8)
    // At version 3: '' 500 items, then ar 100, de 91, … (9 fewer each).
    expect(language.drawn).toEqual([
      '',
      'ar',
      'de',
      'en',
      'es',
      'fr',
      'it',
      'nl'
    ])
    const source = view.columns[1]!
    expect(source.drawn).toEqual(['vendor_a', 'vendor_b'])
    expect(source.valuesTotal).toBe(2)
  })

  it('charts the headline metrics from the first version with slices on, with the groups’ numbers', () => {
    const dataset = buildDashboardModel(history(RECORDS), null, 'now')
      .datasets[0]!
    const language = dataset.slices!.columns[0]!
    // No gate: the default headline metrics, in that order.
    expect(language.charts.map((c) => c.title)).toEqual([
      'krippendorff_alpha by language',
      'accuracy by language'
    ])
    const accuracy = language.charts[1]!
    expect(accuracy.versions).toEqual([1, 2, 3])
    expect(accuracy.x).toEqual(['1111111', '2222222', '3333333'])
    expect(accuracy.percent).toBe(true)
    expect(accuracy.series.map((s) => s.label)).toEqual([
      EMPTY_SLICE_LABEL,
      'ar',
      'de',
      'en',
      'es',
      'fr',
      'it',
      'nl'
    ])
    for (const s of accuracy.series) {
      const value = s.label === EMPTY_SLICE_LABEL ? '' : s.label
      const expected = [1, 2, 3].map(
        (k) =>
          RECORDS[k]!.slices!.groups.find(
            (g) => g.column === 'language' && g.value === value
          )?.metrics.accuracy ?? null
      )
      expect(s.values).toEqual(expected.map((m) => m?.value ?? null))
      expect(s.n).toEqual(expected.map((m) => m?.n_items ?? null))
    }
    // The empty value exists at version 3 only.
    expect(accuracy.series[0]!.values.slice(0, 2)).toEqual([null, null])
    // Every slice chart is in the page's chart list (distinct ids).
    const ids = [
      ...dataset.metricCharts,
      ...dataset.slices!.columns.flatMap((c) => c.charts)
    ].map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('charts the metrics the slice gates name first, with their bounds, then the gated dataset metrics', () => {
    const gates = [
      gate('accuracy', 'min', 0.8),
      gate('slice.error_rate', 'max', 0.3),
      gate('slice_gap.krippendorff_alpha', 'max', 0.1),
      gate('changed.accuracy', 'min', 0.8),
      gate('slice.f1_not_computed', 'min', 0.5)
    ]
    const source = buildDashboardModel(history(RECORDS), report(gates), 'now')
      .datasets[0]!.slices!.columns[1]!
    expect(source.charts.map((c) => c.metric)).toEqual([
      'error_rate',
      'krippendorff_alpha',
      'accuracy'
    ])
    expect(source.charts[0]!.thresholds).toEqual([
      { value: 0.3, label: 'slice.error_rate max 0.3' }
    ])
    // A dataset gate is no bound on each slice; a gap gate is no level of a value.
    expect(source.charts[1]!.thresholds).toEqual([])
    expect(source.charts[2]!.thresholds).toEqual([])
  })

  it('shows the gaps of the head’s check, else of the newest version with slices', () => {
    const head = slicesAt(4)
    const fromHead = buildDashboardModel(
      history(RECORDS),
      report([], head),
      'now'
    ).datasets[0]!.slices!
    expect(fromHead.gapsAt).toEqual({ source: 'head' })
    expect(fromHead.columns[0]!.gaps).toEqual(
      head.gaps.filter((g) => g.column === 'language')
    )
    const fromHistory = buildDashboardModel(
      history([...RECORDS, record(4)]),
      report([]),
      'now'
    ).datasets[0]!.slices!
    expect(fromHistory.gapsAt).toEqual({
      source: 'version',
      commit: RECORDS[3]!.commit
    })
    expect(fromHistory.columns[1]!.gaps).toEqual(
      RECORDS[3]!.slices!.gaps.filter((g) => g.column === 'source')
    )
    // vendor_b has fewer items than the fixture's minimum: no gap on source.
    expect(fromHistory.columns[1]!.gaps.every((g) => g.gap === null)).toBe(true)
  })

  it('shows the head’s gaps without charts when no version has slices yet', () => {
    const view = buildDashboardModel(
      history([record(0)]),
      report([], slicesAt(1)),
      'now'
    ).datasets[0]!.slices!
    expect(view.columns.map((c) => [c.column, c.charts.length])).toEqual([
      ['language', 0],
      ['source', 0]
    ])
    expect(view.columns[0]!.gaps.length).toBe(3)
  })
})
