import { describe, expect, it } from '@jest/globals'
import {
  buildDashboardModel,
  DEFAULT_METRICS
} from '../../src/dashboard/dashboard-model.js'
import {
  HISTORY_SCHEMA,
  type History,
  type HistoryRecord
} from '../../src/history/types.js'
import { METRICS_BY_TYPE, type DatasetType } from '../../src/metrics/names.js'
import type { MetricResult } from '../../src/metrics/result.js'
import { renderDashboardPage } from '../../src/render/html/render-dashboard.js'
import type {
  DatasetReport,
  GateResult,
  Report
} from '../../src/report/types.js'
import { makeSliceReport } from '../helpers/slice-report-fixture.js'

const STRUCTURED = ['multi_label', 'span', 'box'] as const

/** Every metric of the type, each with a value that differs by version. */
function metricsOf(names: readonly string[], k: number) {
  return Object.fromEntries(
    names.map((m, j): [string, MetricResult] => [
      m,
      { value: 0.5 + (j + k) / 100, n_items: 50 }
    ])
  )
}

/**
 * A version's record: every metric of `type` (or only `names`), with slices
 * over one metadata column holding the same metrics; `type` recorded unless
 * `recorded` is false (a history written before records had it).
 */
function record(
  k: number,
  type: DatasetType,
  options: { names?: readonly string[]; recorded?: boolean } = {}
): HistoryRecord {
  const names = options.names ?? METRICS_BY_TYPE[type]
  return {
    commit: `${k}`.repeat(40),
    date: `2026-01-0${k + 1}T00:00:00Z`,
    author: 'A',
    subject: `v${k}`,
    key: `key-${k}`,
    ...(options.recorded === false ? {} : { type }),
    counts: { items: 50, annotators: 3, annotations: 150, reference_items: 20 },
    metrics: metricsOf(names, k),
    annotators: {},
    class_shares: {},
    gates: [],
    passed: true,
    problems: [],
    problem_count: { errors: 0, warnings: 0 },
    error: null,
    model_metrics: null,
    model_metrics_date: null,
    slices: makeSliceReport({
      columns: {
        language: [
          { value: 'en', items: 30 },
          { value: 'de', items: 20 }
        ]
      },
      metrics: [...names],
      version: k
    })
  }
}

function history(records: HistoryRecord[]): History {
  return {
    schema: HISTORY_SCHEMA,
    ref: 'main',
    version: 'test',
    datasets: [
      { name: 'ds', versions: records, annotators: [], correlations: [] }
    ]
  }
}

/** The head's check: the report of type `type` (absent for category, as the check writes it). */
function report(type: DatasetType | undefined, gates: GateResult[]): Report {
  const dataset = {
    name: 'ds',
    passed: true,
    ...(type === undefined ? {} : { type }),
    head: {
      counts: { items: 1, annotators: 1, annotations: 1, reference_items: 1 },
      metrics: {},
      annotators: {},
      pairwise: [],
      distribution: {}
    },
    gates,
    problems: []
  } as unknown as DatasetReport
  return {
    head: 'h',
    version: 'test',
    datasets: [dataset]
  } as unknown as Report
}

const gate = (metric: string, bound: string, threshold: number): GateResult =>
  ({ metric, bound, threshold, value: null, status: 'pass' }) as GateResult

function view(records: HistoryRecord[], head: Report | null = null) {
  return buildDashboardModel(history(records), head, 'now').datasets[0]!
}

const sliceMetrics = (d: ReturnType<typeof view>): string[] =>
  d.slices!.columns[0]!.charts.map((c) => c.metric)

describe('the dashboard’s default metrics per dataset type (model)', () => {
  it('has a default pair per type, each a metric the type computes', () => {
    for (const type of ['category', ...STRUCTURED] as const) {
      expect(DEFAULT_METRICS[type]).toHaveLength(2)
      for (const m of DEFAULT_METRICS[type])
        expect(METRICS_BY_TYPE[type]).toContain(m)
    }
  })

  it.each([
    ['multi_label', ['masi_alpha', 'subset_accuracy']],
    ['span', ['pairwise_span_f1_strict', 'span_f1_strict']],
    ['box', ['pairwise_box_f1_50', 'box_f1_50']]
  ] as const)(
    'charts and headlines the %s defaults when no gate names a dataset metric',
    (type, expected) => {
      // Only an annotator gate: no dataset metric is gated.
      const gates = [gate('annotator.accuracy', 'min', 0.7)]
      const records = [record(0, type), record(1, type)]
      for (const head of [null, report(type, gates)]) {
        const d = view(records, head)
        expect(d.type).toBe(type)
        expect(d.metricSource).toBe('defaults')
        expect(d.metricCharts.map((c) => c.metric)).toEqual(expected)
        expect(d.metricCharts[1]!.series[0]!.values).toEqual(
          records.map((r) => r.metrics[expected[1]]!.value)
        )
        expect(sliceMetrics(d)).toEqual(expected)
      }
    }
  )

  it('charts the gated metrics of a structured type, not the defaults', () => {
    const gates = [gate('span_f1_overlap', 'min', 0.8)]
    const d = view(
      [record(0, 'span'), record(1, 'span')],
      report('span', gates)
    )
    expect(d.metricSource).toBe('gates')
    expect(d.metricCharts.map((c) => c.metric)).toEqual(['span_f1_overlap'])
    expect(sliceMetrics(d)).toEqual(['span_f1_overlap'])
  })

  it('keeps the category defaults for a category dataset', () => {
    const d = view(
      [record(0, 'category'), record(1, 'category')],
      report(undefined, [])
    )
    expect(d.type).toBe('category')
    expect(d.metricSource).toBe('defaults')
    expect(d.metricCharts.map((c) => c.metric)).toEqual([
      'krippendorff_alpha',
      'accuracy'
    ])
    expect(sliceMetrics(d)).toEqual(['krippendorff_alpha', 'accuracy'])
  })

  it('reads an old record without a type as category, or as the type its metric names belong to', () => {
    const category = view([
      record(0, 'category', { recorded: false }),
      record(1, 'category', { recorded: false })
    ])
    expect(category.versions).toHaveLength(2)
    expect(category.type).toBe('category')
    expect(category.metricCharts.map((c) => c.metric)).toEqual([
      'krippendorff_alpha',
      'accuracy'
    ])
    // An old history of a box dataset: its metric names say box.
    const box = view([record(0, 'box', { recorded: false })])
    expect(box.type).toBe('box')
    expect(box.metricCharts.map((c) => c.metric)).toEqual(DEFAULT_METRICS.box)
    // A version that could not be checked says nothing: the newest that does.
    const failed = { ...record(1, 'box', { recorded: false }), metrics: {} }
    expect(view([record(0, 'box', { recorded: false }), failed]).type).toBe(
      'box'
    )
    // Nothing says: category.
    expect(view([failed]).type).toBe('category')
  })

  it('falls back to the first recorded metric of the type when neither default is recorded, and says so', () => {
    const names = ['example_f1', 'micro_f1']
    const d = view([record(0, 'multi_label', { names })])
    expect(d.metricSource).toBe('fallback')
    // The first in the type's order (src/metrics/names.ts), not the record's.
    expect(d.metricCharts.map((c) => c.metric)).toEqual(['example_f1'])
    expect(sliceMetrics(d)).toEqual(['example_f1'])
    const page = renderDashboardPage(
      buildDashboardModel(
        history([record(0, 'multi_label', { names })]),
        null,
        'now'
      )
    )
    expect(page).toContain(
      'No gate names a dataset metric and the multi_label defaults were not recorded: example_f1, the first multi_label metric recorded.'
    )
  })

  it('says why there is no chart when nothing of the type is recorded', () => {
    const failed = { ...record(0, 'span'), metrics: {} }
    const d = view([failed])
    expect(d.type).toBe('span')
    expect(d.metricSource).toBe('none')
    expect(d.metricCharts).toEqual([])
    const page = renderDashboardPage(
      buildDashboardModel(history([failed]), null, 'now')
    )
    expect(page).toContain(
      'No dataset metric is gated and the history records no span metric: no chart.'
    )
  })

  it('names the defaults on the page, and says nothing when gates chose', () => {
    const defaults = renderDashboardPage(
      buildDashboardModel(history([record(0, 'box')]), null, 'now')
    )
    expect(defaults).toContain(
      'No gate names a dataset metric: the box defaults, pairwise_box_f1_50 and box_f1_50.'
    )
    const gated = renderDashboardPage(
      buildDashboardModel(
        history([record(0, 'box')]),
        report('box', [gate('box_f1_50', 'min', 0.5)]),
        'now'
      )
    )
    expect(gated).not.toContain('data-field="metric-source"')
  })

  it("maps the pairs' agreement of the type, not kappa, and says why there is no confusion matrix", () => {
    const pairs = [
      {
        a: 'x',
        b: 'y',
        n_items: 4,
        kappa: null,
        percent_agreement: 0.25,
        similarity: 0.75
      }
    ]
    const withPairs = (type: DatasetType | undefined): Report => {
      const head = report(type, [])
      head.datasets[0]!.head.pairwise =
        type === undefined ? [{ ...pairs[0]!, kappa: 0.4 }] : pairs
      return head
    }
    const cases: [DatasetType, string, number][] = [
      ['category', "Cohen's kappa", 0.4],
      ['multi_label', '1 − MASI distance', 0.75],
      ['span', 'strict span F1', 0.75],
      ['box', 'box F1 at IoU 0.5', 0.75]
    ]
    for (const [type, measure, value] of cases) {
      const d = view(
        [record(0, type)],
        withPairs(type === 'category' ? undefined : type)
      )
      expect(d.pairwise!.title).toContain(measure)
      expect(d.pairwise!.cells[0]![1]).toBe(value)
      expect(d.pairwise!.cells[1]![0]).toBe(value)
    }
    const page = renderDashboardPage(
      buildDashboardModel(
        history([record(0, 'multi_label')]),
        withPairs('multi_label'),
        'now'
      )
    )
    expect(page).toContain('A multi_label dataset has no confusion matrix')
    expect(page).not.toContain('No reference labels at head')
  })

  it('says the band is the 95% interval only when some point has one', () => {
    const page = (records: HistoryRecord[]): string =>
      renderDashboardPage(buildDashboardModel(history(records), null, 'now'))
    // metricsOf records no interval.
    expect(page([record(0, 'span'), record(1, 'span')])).not.toContain(
      'Shaded: the 95% interval.'
    )
    const withInterval = record(1, 'span')
    withInterval.metrics.span_f1_strict = {
      value: 0.6,
      n_items: 50,
      ci: { low: 0.5, high: 0.7, method: 'linearized', level: 0.95 }
    } as MetricResult
    expect(page([record(0, 'span'), withInterval])).toContain(
      'Shaded: the 95% interval.'
    )
  })
})
