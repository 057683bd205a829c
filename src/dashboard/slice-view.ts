import type { HistoryRecord } from '../history/types.js'
import { isPercentMetric } from '../metrics/names.js'
import type { DatasetReport, GateResult } from '../report/types.js'
import type { SliceGap, SliceGroup } from '../slices/slice-report.js'
import type { LineChart } from './line-chart.js'

/** Lines per slice chart: the values with the most items; the rest are counted. */
export const SLICE_LINES = 8

/** How an empty metadata value (a row that leaves the column empty) is labelled. */
export const EMPTY_SLICE_LABEL = '(empty)'

/** Quality by slice over the history, per metadata column. */
export interface SliceView {
  columns: SliceColumnView[]
  /** Where the gaps come from: the head's check, or the newest version that has slices. */
  gapsAt: { source: 'head' } | { source: 'version'; commit: string }
}

export interface SliceColumnView {
  column: string
  /** Distinct values of the column over the drawn versions. */
  valuesTotal: number
  /** The values drawn, most items first (items at the newest version that has the column). */
  drawn: string[]
  /** One chart per metric, one line per drawn value. */
  charts: LineChart[]
  /** The latest gap of each metric on this column. */
  gaps: SliceGap[]
}

/**
 * The slices panel: for each metadata column, one chart per gated or headline
 * metric with a line per slice value over the versions that have slices (the
 * `SLICE_LINES` values with the most items), and the latest gap per metric.
 * Null when neither the history nor the head's check has slices, so a dataset
 * without `slices` in its config gets no panel.
 */
export function sliceView(
  records: readonly HistoryRecord[],
  report: DatasetReport | undefined,
  headline: readonly string[],
  gates: readonly GateResult[],
  nextId: () => string
): SliceView | null {
  const first = records.findIndex((r) => r.slices !== undefined)
  let newest = -1
  records.forEach((r, i) => {
    if (r.slices !== undefined) newest = i
  })
  const latest = report?.slices ?? records[newest]?.slices
  if (latest === undefined) return null
  const gapsAt: SliceView['gapsAt'] =
    report?.slices !== undefined
      ? { source: 'head' }
      : { source: 'version', commit: records[newest]!.commit }
  // Versions from the first one with slices on; earlier ones would be empty columns.
  const shown = first < 0 ? [] : records.slice(first).map((_, i) => first + i)
  const x = shown.map((i) => records[i]!.commit.slice(0, 7))
  const columns = [
    ...new Set([
      ...latest.columns,
      ...shown.flatMap((i) => records[i]!.slices?.columns ?? [])
    ])
  ]
  const metrics = slicedMetrics(records, shown, latest.groups, headline, gates)
  return {
    columns: columns.map((column) => {
      // Per value, its group at each shown version (undefined where absent).
      const byValue = new Map<string, (SliceGroup | undefined)[]>()
      shown.forEach((index, k) => {
        for (const group of records[index]!.slices?.groups ?? []) {
          if (group.column !== column) continue
          let line = byValue.get(group.value)
          if (line === undefined) {
            line = new Array<SliceGroup | undefined>(shown.length).fill(
              undefined
            )
            byValue.set(group.value, line)
          }
          line[k] = group
        }
      })
      const drawn = largestValues(byValue).slice(0, SLICE_LINES)
      return {
        column,
        valuesTotal: byValue.size,
        drawn,
        charts:
          drawn.length === 0
            ? []
            : metrics.map((metric) =>
                sliceChart(column, metric, drawn, byValue, gates, {
                  x,
                  versions: shown,
                  id: nextId()
                })
              ),
        gaps: latest.gaps.filter((g) => g.column === column)
      }
    }),
    gapsAt
  }
}

/**
 * The metrics the slice gates name (`slice.<metric>`, `slice_gap.<metric>`),
 * then the dataset's headline metrics (its gated ones, or the defaults), that
 * the slices have.
 */
function slicedMetrics(
  records: readonly HistoryRecord[],
  shown: readonly number[],
  latest: readonly SliceGroup[],
  headline: readonly string[],
  gates: readonly GateResult[]
): string[] {
  const present = new Set([
    ...latest.flatMap((g) => Object.keys(g.metrics)),
    ...shown.flatMap((i) =>
      (records[i]!.slices?.groups ?? []).flatMap((g) => Object.keys(g.metrics))
    )
  ])
  const gated = gates.flatMap((g) => {
    const m = /^slice(?:_gap)?\.(.+)$/.exec(g.metric)
    return m === null ? [] : [m[1]!]
  })
  return [...new Set([...gated, ...headline])].filter((m) => present.has(m))
}

/**
 * Values by items at the newest version where each has a group (most first),
 * then by the value, so the order does not depend on the JSON's order.
 */
function largestValues(
  byValue: ReadonlyMap<string, readonly (SliceGroup | undefined)[]>
): string[] {
  const newest = (line: readonly (SliceGroup | undefined)[]): number => {
    for (let k = line.length - 1; k >= 0; k--) {
      const group = line[k]
      if (group !== undefined) return k
    }
    return -1
  }
  const rank = [...byValue].map(([value, line]) => {
    const at = newest(line)
    return { value, at, items: line[at]?.counts.items ?? 0 }
  })
  // Values still present at the newest version first; then by items there.
  const last = Math.max(...rank.map((r) => r.at))
  rank.sort(
    (a, b) =>
      Number(b.at === last) - Number(a.at === last) ||
      b.items - a.items ||
      (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)
  )
  return rank.map((r) => r.value)
}

function sliceChart(
  column: string,
  metric: string,
  drawn: readonly string[],
  byValue: ReadonlyMap<string, readonly (SliceGroup | undefined)[]>,
  gates: readonly GateResult[],
  axis: { x: string[]; versions: number[]; id: string }
): LineChart {
  const thresholds = gates
    .filter(
      (g) =>
        g.metric === `slice.${metric}` &&
        (g.bound === 'min' || g.bound === 'max')
    )
    .map((g) => ({
      value: g.threshold,
      label: `slice.${metric} ${g.bound} ${g.threshold}`
    }))
  return {
    id: axis.id,
    title: `${metric} by ${column}`,
    x: axis.x,
    xTitle: 'commit',
    versions: axis.versions,
    series: drawn.map((value) => {
      const line = byValue.get(value)!
      return {
        label: value === '' ? EMPTY_SLICE_LABEL : value,
        values: line.map((g) => g?.metrics[metric]?.value ?? null),
        n: line.map((g) => {
          const m = g?.metrics[metric]
          return m?.n_items ?? m?.n ?? null
        })
      }
    }),
    thresholds: thresholds.filter(
      (t, i) => thresholds.findIndex((u) => u.label === t.label) === i
    ),
    percent: isPercentMetric(metric),
    metric
  }
}
