import type {
  AnnotatorTrend,
  DatasetHistory,
  History,
  HistoryRecord,
  RankCorrelation as HistoryCorrelation
} from '../history/types.js'
import {
  isPercentMetric,
  METRICS_BY_TYPE,
  type DatasetType
} from '../metrics/names.js'
import { historyType } from '../history/record-type.js'
import type { MetricResult } from '../metrics/result.js'
import type { AdjudicationRow } from '../governance/adjudication.js'
import type { Problem } from '../model/problem.js'
import type { DatasetReport, GateResult, Report } from '../report/types.js'
import {
  rankCorrelation,
  type RankCorrelation
} from '../metrics/rank-correlation.js'
import type { LineChart, Series } from './line-chart.js'
import { sliceView, type SliceView } from './slice-view.js'

export type { LineChart, Series, SliceView }

/**
 * What the dashboard shows, computed from a history and the head's check
 * report: every chart as numbers (the page draws them and prints each as a
 * table). Pure: no HTML here.
 */
export interface DashboardModel {
  ref: string
  /** The head report's commit (or folder, or "worktree"). */
  head: string
  generated: string
  version: string
  datasets: DatasetView[]
}

export interface DatasetView {
  name: string
  /** What one annotation is: it decides the metric names (and the defaults charted). */
  type: DatasetType
  /** The head's verdict; null when the report has no such dataset. */
  passed: boolean | null
  versions: VersionPoint[]
  gates: GateResult[]
  metricCharts: LineChart[]
  /**
   * Why these metrics are charted: a gate names them; no gate does and they
   * are the type's default pair (`DEFAULT_METRICS`); neither default is
   * recorded and this is the type's first recorded metric; or nothing of the
   * type is recorded (no chart).
   */
  metricSource: 'gates' | 'defaults' | 'fallback' | 'none'
  annotatorChart: LineChart | null
  annotatorWeekChart: LineChart | null
  annotatorRows: AnnotatorRow[]
  /** Annotators the history has in all (the table may show fewer). */
  annotatorsTotal: number
  classChart: LineChart | null
  confusion: Heatmap | null
  pairwise: Heatmap | null
  disputed: DisputedItems
  problems: { rows: Problem[]; total: number }
  model: ModelView | null
  /** Quality by slice over time; null when neither a version nor the head has slices. */
  slices: SliceView | null
  counts: DatasetReport['head']['counts'] | null
}

export interface VersionPoint {
  commit: string
  date: string
  author: string
  subject: string
}

export interface Heatmap {
  title: string
  rows: string[]
  columns: string[]
  /** cells[r][c]; null where there is no value. */
  cells: (number | null)[][]
  /** Colour scale: counts shaded per row, coefficients on [-1, 1] or [0, 1]. */
  scale: 'row-share' | 'coefficient'
  rowLabel: string
  columnLabel: string
  note?: string
}

export interface AnnotatorRow {
  annotator: string
  first: number | null
  last: number | null
  decline: AnnotatorTrend['decline']
  /** Reference items behind the last defined accuracy. */
  n: number | null
}

export interface DisputedItems {
  configured: boolean
  rows: AdjudicationRow[]
  total: number
}

export interface ModelView {
  keys: string[]
  charts: LineChart[]
  correlations: {
    label: string
    model: string
    result: RankCorrelation
  }[]
  /** Per version: the model metrics file is older than the labels. */
  stale: boolean[]
  /** Per version: values of each model metric. */
  values: Record<string, (number | null)[]>
  dates: (string | null)[]
}

/** Bounds on what one page draws (tables keep the full numbers of what is drawn). */
export const LIMITS = {
  annotatorLines: 8,
  annotatorRows: 200,
  classLines: 10,
  heatmapSide: 30,
  disputed: 25,
  problems: 50
} as const

/**
 * Metrics charted (and headlined in the slices) when no gate names a dataset
 * metric: per type, its agreement among annotators and its quality against
 * the reference, the pair docs/label-types.md names as the type's agreement
 * and its `annotators[a].accuracy` (subset accuracy; strict span F1; box F1
 * at IoU 0.5), so the dataset's chart and its annotators' chart measure the
 * same thing.
 */
export const DEFAULT_METRICS: Record<DatasetType, readonly string[]> = {
  category: ['krippendorff_alpha', 'accuracy'],
  multi_label: ['masi_alpha', 'subset_accuracy'],
  span: ['pairwise_span_f1_strict', 'span_f1_strict'],
  box: ['pairwise_box_f1_50', 'box_f1_50']
}

export function buildDashboardModel(
  history: History,
  report: Report | null,
  generated: string
): DashboardModel {
  const names: string[] = []
  for (const d of report?.datasets ?? []) names.push(d.name)
  for (const d of history.datasets)
    if (!names.includes(d.name)) names.push(d.name)
  let chartId = 0
  const nextId = (): string => `chart-${++chartId}`
  const datasets = names.map((name) =>
    datasetView(
      name,
      history.datasets.find((d) => d.name === name),
      report?.datasets.find((d) => d.name === name),
      nextId
    )
  )
  return {
    ref: history.ref,
    head: report?.head ?? history.ref,
    generated,
    version: report?.version ?? history.version,
    datasets
  }
}

function datasetView(
  name: string,
  history: DatasetHistory | undefined,
  report: DatasetReport | undefined,
  nextId: () => string
): DatasetView {
  const records = history?.versions ?? []
  const versions = records.map((r) => ({
    commit: r.commit,
    date: r.date,
    author: r.author,
    subject: r.subject
  }))
  const x = records.map((r) => r.commit.slice(0, 7))
  const gates = report?.gates ?? records.at(-1)?.gates ?? []
  // A category report has no `type` (it predates the field); the history's
  // records then say it, or are category too.
  const type = report?.type ?? historyType(records)
  const { metrics, source: metricSource } = chartedMetrics(gates, records, type)
  const metricCharts = metrics.map((metric) =>
    metricChart(metric, records, gates, x, nextId())
  )
  const annotatorGate = gates.find(
    (g) => g.metric === 'annotator.accuracy' && g.bound === 'min'
  )
  const trends = history?.annotators ?? []
  const ordered = orderAnnotators(trends)
  const drawn = ordered.slice(0, LIMITS.annotatorLines)
  const annotatorChart =
    drawn.length > 0 && records.length > 0
      ? {
          id: nextId(),
          title: `Annotator accuracy on the reference items, by version (${drawn.length} of ${trends.length}: falling first, then lowest)`,
          x,
          xTitle: 'commit' as const,
          series: drawn.map((t) => ({
            label: t.annotator,
            values: t.by_version.map((m) => m?.value ?? null)
          })),
          thresholds: annotatorGate
            ? [
                {
                  value: annotatorGate.threshold,
                  label: `annotator.accuracy min ${annotatorGate.threshold}`
                }
              ]
            : [],
          percent: true,
          metric: 'accuracy'
        }
      : null
  const annotatorWeekChart = weekChart(drawn, annotatorGate, nextId)
  const annotatorRows = ordered.slice(0, LIMITS.annotatorRows).map((t) => {
    const defined = t.by_version.filter(
      (m): m is MetricResult => m !== null && m.value !== null
    )
    return {
      annotator: t.annotator,
      first: defined[0]?.value ?? null,
      last: defined.at(-1)?.value ?? null,
      decline: t.decline,
      n: defined.at(-1)?.n ?? null
    }
  })
  return {
    name,
    type,
    passed: report?.passed ?? null,
    versions,
    gates,
    metricCharts,
    metricSource,
    annotatorChart,
    annotatorWeekChart,
    annotatorRows,
    annotatorsTotal: trends.length,
    classChart: classChart(records, x, nextId),
    confusion: confusionHeatmap(report),
    pairwise: pairwiseHeatmap(report, type),
    disputed: disputedItems(report),
    problems: {
      rows: (report?.problems ?? []).slice(0, LIMITS.problems),
      total: report?.problems.length ?? 0
    },
    model: modelView(records, metrics, history?.correlations ?? [], x, nextId),
    slices: sliceView(
      records,
      report,
      headlineMetrics(gates, type, knownMetrics(records, report)),
      gates,
      nextId
    ),
    counts: report?.head.counts ?? null
  }
}

/**
 * The dataset metrics a gate names (without the change slice's and the
 * annotators' prefixes), in the order of the gates; the type's default pair
 * when no gate names one. Only metrics the history records.
 */
function chartedMetrics(
  gates: readonly GateResult[],
  records: readonly HistoryRecord[],
  type: DatasetType
): { metrics: string[]; source: DatasetView['metricSource'] } {
  const recorded = new Set(records.flatMap((r) => Object.keys(r.metrics)))
  const gated = [
    ...new Set(
      gates
        .map((g) => g.metric)
        .filter((m) => !m.includes('.') && recorded.has(m))
    )
  ]
  if (gated.length > 0) return { metrics: gated, source: 'gates' }
  return defaultMetrics(type, recorded)
}

/**
 * The type's default pair, those of it that are recorded; when neither is,
 * the type's first recorded metric (in the order of docs/metrics.md), so a
 * dataset whose defaults are missing still gets a chart.
 */
function defaultMetrics(
  type: DatasetType,
  recorded: ReadonlySet<string>
): { metrics: string[]; source: DatasetView['metricSource'] } {
  const defaults = DEFAULT_METRICS[type].filter((m) => recorded.has(m))
  if (defaults.length > 0) return { metrics: defaults, source: 'defaults' }
  const first = METRICS_BY_TYPE[type].find((m) => recorded.has(m))
  return first === undefined
    ? { metrics: [], source: 'none' }
    : { metrics: [first], source: 'fallback' }
}

/** Every dataset metric the versions, their slices or the head's check have. */
function knownMetrics(
  records: readonly HistoryRecord[],
  report: DatasetReport | undefined
): Set<string> {
  const groups = [
    ...records.flatMap((r) => r.slices?.groups ?? []),
    ...(report?.slices?.groups ?? [])
  ]
  return new Set([
    ...records.flatMap((r) => Object.keys(r.metrics)),
    ...Object.keys(report?.head.metrics ?? {}),
    ...groups.flatMap((g) => Object.keys(g.metrics))
  ])
}

/**
 * The metrics a dataset is judged by: its gated dataset metrics, or the
 * type's defaults (its first known metric when neither default is known);
 * unlike the charted ones, not only those the versions record (a slice has
 * metrics of its own).
 */
function headlineMetrics(
  gates: readonly GateResult[],
  type: DatasetType,
  known: ReadonlySet<string>
): string[] {
  const gated = [
    ...new Set(gates.map((g) => g.metric).filter((m) => !m.includes('.')))
  ]
  if (gated.length > 0) return gated
  const { metrics } = defaultMetrics(type, known)
  // Nothing known at all: the pair, which the slices panel keeps only where present.
  return metrics.length > 0 ? metrics : [...DEFAULT_METRICS[type]]
}

function metricChart(
  metric: string,
  records: readonly HistoryRecord[],
  gates: readonly GateResult[],
  x: string[],
  id: string
): LineChart {
  const results = records.map((r) => r.metrics[metric])
  const thresholds = gates
    .filter(
      (g) => g.metric === metric && (g.bound === 'min' || g.bound === 'max')
    )
    .map((g) => ({ value: g.threshold, label: `${g.bound} ${g.threshold}` }))
  const unique = thresholds.filter(
    (t, i) => thresholds.findIndex((u) => u.label === t.label) === i
  )
  return {
    id,
    title: metric,
    x,
    xTitle: 'commit',
    series: [
      {
        label: metric,
        values: results.map((m) => m?.value ?? null),
        low: results.map((m) => m?.ci?.low ?? null),
        high: results.map((m) => m?.ci?.high ?? null),
        n: results.map((m) => m?.n_items ?? m?.n ?? null),
        status: records.map((r) => gateStatus(r.gates, metric))
      }
    ],
    thresholds: unique,
    percent: isPercentMetric(metric),
    metric
  }
}

/** The worst status of the min/max gates on the metric at one version; null when none. */
function gateStatus(
  gates: readonly GateResult[],
  metric: string
): string | null {
  const own = gates.filter((g) => g.metric === metric)
  if (own.length === 0) return null
  return (
    own.find((g) => g.status === 'fail')?.status ??
    own.find((g) => g.status !== 'pass')?.status ??
    'pass'
  )
}

/**
 * Annotators whose accuracy fell significantly first (largest fall first),
 * then by their last defined accuracy, lowest first; ties by id.
 */
function orderAnnotators(trends: readonly AnnotatorTrend[]): AnnotatorTrend[] {
  const last = (t: AnnotatorTrend): number => {
    for (let i = t.by_version.length - 1; i >= 0; i--) {
      const v = t.by_version[i]?.value
      if (v !== null && v !== undefined) return v
    }
    return Infinity
  }
  const fall = (t: AnnotatorTrend): number =>
    t.decline?.significant ? t.decline.from - t.decline.to : -Infinity
  return [...trends].sort(
    (a, b) =>
      fall(b) - fall(a) ||
      last(a) - last(b) ||
      (a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0)
  )
}

function weekChart(
  drawn: readonly AnnotatorTrend[],
  gate: GateResult | undefined,
  nextId: () => string
): LineChart | null {
  const weeks = [
    ...new Set(drawn.flatMap((t) => t.by_week.map((w) => w.week)))
  ].sort()
  if (weeks.length === 0) return null
  return {
    id: nextId(),
    title: 'Annotator accuracy by calendar week (from the lineage timestamps)',
    x: weeks,
    xTitle: 'week',
    series: drawn
      .filter((t) => t.by_week.length > 0)
      .map((t) => {
        const byWeek = new Map(t.by_week.map((w) => [w.week, w.accuracy]))
        return {
          label: t.annotator,
          values: weeks.map((w) => byWeek.get(w)?.value ?? null)
        }
      }),
    thresholds: gate
      ? [
          {
            value: gate.threshold,
            label: `annotator.accuracy min ${gate.threshold}`
          }
        ]
      : [],
    percent: true,
    metric: 'accuracy'
  }
}

/** The most frequent classes at the last version, the rest summed as "(other)". */
function classChart(
  records: readonly HistoryRecord[],
  x: string[],
  nextId: () => string
): LineChart | null {
  const last = records.at(-1)
  if (last === undefined) return null
  const all = [...new Set(records.flatMap((r) => Object.keys(r.class_shares)))]
  if (all.length === 0) return null
  const share = (label: string): number => last.class_shares[label] ?? 0
  all.sort((a, b) => share(b) - share(a) || (a < b ? -1 : a > b ? 1 : 0))
  const keep =
    all.length > LIMITS.classLines ? all.slice(0, LIMITS.classLines - 1) : all
  const rest = all.slice(keep.length)
  const series: Series[] = keep.map((label) => ({
    label,
    values: records.map((r) => r.class_shares[label] ?? 0)
  }))
  if (rest.length > 0) {
    series.push({
      label: `(other: ${rest.length} classes)`,
      values: records.map((r) =>
        rest.reduce((sum, label) => sum + (r.class_shares[label] ?? 0), 0)
      )
    })
  }
  return {
    id: nextId(),
    title: 'Class shares (share of annotations per label)',
    x,
    xTitle: 'commit',
    series,
    thresholds: [],
    percent: true,
    metric: 'share'
  }
}

function confusionHeatmap(report: DatasetReport | undefined): Heatmap | null {
  const confusion = report?.head.confusion
  if (!confusion || confusion.labels.length === 0) return null
  const n = Math.min(confusion.labels.length, LIMITS.heatmapSide)
  const labels = confusion.labels.slice(0, n)
  return {
    title: 'Confusion matrix at head',
    rows: labels,
    columns: labels,
    cells: confusion.matrix.slice(0, n).map((row) => row.slice(0, n)),
    scale: 'row-share',
    rowLabel: 'reference label',
    columnLabel: 'annotator label',
    note:
      confusion.labels.length > n || confusion.capped
        ? `${n} of ${confusion.capped?.labels ?? confusion.labels.length} categories shown.`
        : undefined
  }
}

/**
 * What the pairwise heatmap shows per dataset type: Cohen's kappa for
 * categories, the type's own pair agreement (`similarity`) otherwise, where
 * kappa is null.
 */
const PAIR_MEASURE: Record<DatasetType, string> = {
  category: "Cohen's kappa on the items both rated",
  multi_label: 'mean 1 − MASI distance on the items both rated',
  span: 'strict span F1 on the items both annotated',
  box: 'box F1 at IoU 0.5 on the images both annotated'
}

function pairwiseHeatmap(
  report: DatasetReport | undefined,
  type: DatasetType
): Heatmap | null {
  const pairs = report?.head.pairwise ?? []
  if (pairs.length === 0) return null
  // The annotators in the most pairs, up to the side's limit.
  const degree = new Map<string, number>()
  for (const p of pairs) {
    degree.set(p.a, (degree.get(p.a) ?? 0) + 1)
    degree.set(p.b, (degree.get(p.b) ?? 0) + 1)
  }
  const all = [...degree.keys()].sort(
    (a, b) => degree.get(b)! - degree.get(a)! || (a < b ? -1 : a > b ? 1 : 0)
  )
  const shown = all
    .slice(0, LIMITS.heatmapSide)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const index = new Map(shown.map((a, i) => [a, i]))
  const cells: (number | null)[][] = shown.map(() => shown.map(() => null))
  for (const p of pairs) {
    const i = index.get(p.a)
    const j = index.get(p.b)
    if (i === undefined || j === undefined) continue
    const value = type === 'category' ? p.kappa : (p.similarity ?? null)
    cells[i]![j] = value
    cells[j]![i] = value
  }
  return {
    title: `Pairwise agreement at head (${PAIR_MEASURE[type]})`,
    rows: shown,
    columns: shown,
    cells,
    scale: 'coefficient',
    rowLabel: 'annotator',
    columnLabel: 'annotator',
    note:
      all.length > shown.length
        ? `${shown.length} of ${all.length} annotators shown (those in the most pairs).`
        : undefined
  }
}

/** Adjudication rows, the least agreed first (lowest plurality share, then most reasons). */
function disputedItems(report: DatasetReport | undefined): DisputedItems {
  const adjudication = report?.adjudication
  if (!adjudication) return { configured: false, rows: [], total: 0 }
  const rows = [...adjudication.rows].sort(
    (a, b) =>
      a.majority_share - b.majority_share ||
      b.reasons.length - a.reasons.length ||
      (a.item < b.item ? -1 : a.item > b.item ? 1 : 0)
  )
  return {
    configured: true,
    rows: rows.slice(0, LIMITS.disputed),
    total: adjudication.total
  }
}

/**
 * Label metrics against model metrics: the history's rank correlations where
 * it has them, else computed here over the charted label metrics.
 */
function modelView(
  records: readonly HistoryRecord[],
  metrics: readonly string[],
  recorded: readonly HistoryCorrelation[],
  x: string[],
  nextId: () => string
): ModelView | null {
  const keys = [
    ...new Set(records.flatMap((r) => Object.keys(r.model_metrics ?? {})))
  ]
  if (keys.length === 0) return null
  const values: Record<string, (number | null)[]> = {}
  for (const key of keys)
    values[key] = records.map((r) => r.model_metrics?.[key] ?? null)
  const labelValues = (metric: string): (number | null)[] =>
    records.map((r) => r.metrics[metric]?.value ?? null)
  const correlations =
    recorded.length > 0
      ? recorded.map((c) => ({
          label: c.label_metric,
          model: c.model_metric,
          result: {
            rho: c.rho,
            n: c.n,
            ...(c.reason !== undefined ? { reason: c.reason } : {})
          }
        }))
      : metrics.flatMap((label) =>
          keys.map((model) => ({
            label,
            model,
            result: rankCorrelation(labelValues(label), values[model]!)
          }))
        )
  const charts = keys.map((key) => ({
    id: nextId(),
    title: `${key} (right axis) against the label metrics`,
    x,
    xTitle: 'commit' as const,
    series: [
      ...metrics.map((m) => ({ label: m, values: labelValues(m) })),
      { label: key, values: values[key]!, axis: 'y2' as const }
    ],
    thresholds: [],
    percent: false,
    metric: key,
    y2: key
  }))
  return {
    keys,
    charts,
    correlations,
    stale: records.map(
      (r) =>
        r.model_metrics_date !== null &&
        Date.parse(r.model_metrics_date) < Date.parse(r.date)
    ),
    values,
    dates: records.map((r) => r.model_metrics_date)
  }
}
