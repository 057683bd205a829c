import { higherIsBetter } from '../../metrics/names.js'
import { levelText, magnitudeText } from '../../metrics/units.js'
import { formatCountOf, formatPValue, MISSING } from './format-number.js'
import type { MetricResult } from '../../metrics/result.js'
import type { DatasetReport, GateResult } from '../../report/types.js'
import type { SliceGap, SliceGroup } from '../../slices/slice-report.js'

/** Rows of the "Quality by slice" table in the comment and the terminal. */
export const SLICE_ROWS = 8

/** What the slice table shows: one metric, the worst values first, and each column's gap. */
export interface SliceView {
  metric: string
  /** Values with a defined estimate, worst first, at most SLICE_ROWS. */
  rows: { group: SliceGroup; result: MetricResult; failing: boolean }[]
  /** Values not shown (more, or undefined). */
  hidden: number
  gaps: SliceGap[]
}

/** Per dataset type: the reference metric the slice table prefers, then the agreement one. */
const SHOWN_BY_TYPE: Record<string, readonly [string, string]> = {
  category: ['accuracy', 'percent_agreement'],
  multi_label: ['subset_accuracy', 'masi_alpha'],
  span: ['span_f1_strict', 'pairwise_span_f1_strict'],
  box: ['box_f1_50', 'pairwise_box_f1_50']
}

/**
 * The metric the table shows: the first one a slice gate names, else the
 * type's reference metric (accuracy; subset accuracy, span or box F1) where
 * the slices have it, else its agreement (percent agreement; MASI alpha,
 * pairwise span or box F1).
 */
function shownMetric(dataset: DatasetReport): string {
  const gated = dataset.gates.find(
    (g) => g.metric.startsWith('slice.') || g.metric.startsWith('slice_gap.')
  )
  if (gated !== undefined) return gated.metric.replace(/^slice(_gap)?\./, '')
  const groups = dataset.slices?.groups ?? []
  const [reference, agreement] =
    SHOWN_BY_TYPE[dataset.type ?? 'category'] ?? SHOWN_BY_TYPE.category!
  return groups.some((g) => g.metrics[reference]?.value != null)
    ? reference
    : agreement
}

/** The slices of a dataset as the renderers show them; null without slices. */
export function sliceView(dataset: DatasetReport): SliceView | null {
  const slices = dataset.slices
  if (slices === undefined || slices.groups.length === 0) return null
  const metric = shownMetric(dataset)
  const up = higherIsBetter(metric)
  const failing = new Set(
    dataset.gates
      .filter(
        (g: GateResult) =>
          g.slice?.value != null &&
          g.status === 'fail' &&
          g.metric === `slice.${metric}`
      )
      .map((g) => `${g.slice!.column}\u0000${g.slice!.value}`)
  )
  const defined = slices.groups
    .filter((g) => g.metrics[metric]?.value != null)
    .map((group) => ({
      group,
      result: group.metrics[metric]!,
      failing: failing.has(`${group.column}\u0000${group.value}`)
    }))
  defined.sort((a, b) => {
    const d = up
      ? a.result.value! - b.result.value!
      : b.result.value! - a.result.value!
    // Equal estimates: the one on more items first (the firmer one).
    return d !== 0 ? d : b.group.counts.items - a.group.counts.items
  })
  const rows = defined.slice(0, SLICE_ROWS)
  return {
    metric,
    rows,
    hidden: slices.groups.length - rows.length,
    gaps: slices.gaps.filter((g) => g.metric === metric)
  }
}

/**
 * One column's gap in words, for the comment and the terminal; `data`
 * escapes the column and slice values for the target.
 */
export function gapSentence(
  gap: SliceGap,
  data: (text: string) => string
): string {
  return gapParts(gap, data).join(', ')
}

/** `gapSentence` in its parts: the gap and the two ends, the interval, the test. */
export function gapParts(
  gap: SliceGap,
  data: (text: string) => string
): string[] {
  const column = data(gap.column)
  if (gap.gap === null || gap.worst === null || gap.best === null) {
    return [`Gap by ${column}: ${MISSING} (${gap.reason ?? 'not computed'})`]
  }
  const m = gap.metric
  const value = (v: string): string => (v === '' ? '(empty)' : data(v))
  const parts = [
    `Gap by ${column}: ${magnitudeText(m, gap.gap)}`,
    `best ${value(gap.best.value)} ${levelText(m, gap.best.estimate)}, worst ${value(gap.worst.value)} ${levelText(m, gap.worst.estimate)}`
  ]
  if (gap.ci !== undefined) {
    const end = (x: number): string =>
      `${x < 0 ? '−' : ''}${magnitudeText(m, x)}`
    parts.push(
      `${Math.round(gap.ci.level * 100)}% interval ${end(gap.ci.low)} to ${end(gap.ci.high)}`
    )
  }
  if (gap.p_adjusted != null) {
    parts.push(
      `${formatPValue(gap.p_adjusted)} adjusted for ${formatCountOf(gap.comparisons ?? 1, 'comparison')}${gap.significant ? ' (significant)' : ' (not significant)'}`
    )
  } else if (gap.reason !== undefined) {
    parts.push(gap.reason)
  }
  return parts
}
