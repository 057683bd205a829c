import type { Interval } from '../../metrics/result.js'
import { isPercentMetric, metricBaseName } from '../../metrics/names.js'
import { formatFixed, MISSING } from '../../metrics/units.js'
import { formatCount as formatWholeCount } from '../../util/format-count.js'

export { isPercentMetric, metricBaseName, formatFixed, MISSING }

/** A coefficient to 3 places: `0.812`. */
export function formatCoefficient(
  value: number | null | undefined,
  decimals = 3
): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? MISSING
    : formatFixed(value, decimals)
}

/** A proportion as a percent to 1 place: `0.8125` → `81.3%`. */
export function formatPercent(
  value: number | null | undefined,
  decimals = 1
): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? MISSING
    : `${formatFixed(value * 100, decimals)}%`
}

/** A metric's value in the metric's own style (percent or coefficient). */
export function formatMetricValue(
  metric: string,
  value: number | null | undefined,
  extraDecimals = 0
): string {
  return isPercentMetric(metric)
    ? formatPercent(value, 1 + extraDecimals)
    : formatCoefficient(value, 3 + extraDecimals)
}

/** `[0.812, 0.861]`, or `[81.2%, 86.1%]`; empty without an interval. */
export function formatInterval(
  ci: Interval | undefined,
  percent: boolean
): string {
  if (ci === undefined) return ''
  const f = percent ? formatPercent : formatCoefficient
  return `[${f(ci.low)}, ${f(ci.high)}]`
}

export function formatMetricInterval(
  metric: string,
  ci: Interval | undefined
): string {
  return formatInterval(ci, isPercentMetric(metric))
}

/**
 * A difference between two values of a metric, signed: `+0.012`, `-0.040`,
 * or in percentage points for percent metrics: `-1.2 pp`. Zero has no sign.
 */
export function formatDifference(
  metric: string,
  difference: number | null | undefined,
  signed = true
): string {
  if (
    difference === null ||
    difference === undefined ||
    !Number.isFinite(difference)
  ) {
    return MISSING
  }
  const percent = isPercentMetric(metric)
  const text = formatFixed(
    percent ? difference * 100 : difference,
    percent ? 1 : 3
  )
  const sign = signed && Number(text) > 0 ? '+' : ''
  return `${sign}${text}${percent ? ' pp' : ''}`
}

/** Head minus base, signed; `—` when either is undefined. */
export function formatDelta(
  metric: string,
  head: number | null | undefined,
  base: number | null | undefined
): string {
  if (head === null || head === undefined) return MISSING
  if (base === null || base === undefined) return MISSING
  return formatDifference(metric, head - base)
}

/** A count with thousands separators, the same on every machine: `1,200`. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return MISSING
  return formatWholeCount(n)
}

/**
 * A gate's threshold and value as shown side by side. A `max_drop` threshold
 * is a difference (`0.020`, `2.0 pp`). When the usual places would show a
 * failing value equal to its threshold (`5.0%` against `5.0%`), more places
 * are used until the two differ, so the table never contradicts itself.
 */
export function formatGateNumbers(gate: {
  metric: string
  bound: string
  threshold: number
  value: number | null
}): { threshold: string; value: string } {
  const { metric, bound, threshold, value } = gate
  const show = (x: number, extra: number): string =>
    bound === 'max_drop' || bound === 'max_decline'
      ? formatDifference(metric, x, false)
      : formatMetricValue(metric, x, extra)
  let extra = 0
  if (
    value !== null &&
    bound !== 'max_drop' &&
    bound !== 'max_decline' &&
    value !== threshold
  ) {
    while (extra < 4 && show(value, extra) === show(threshold, extra)) extra++
  }
  return {
    threshold: show(threshold, extra),
    value: value === null ? MISSING : formatMetricValue(metric, value, extra)
  }
}

/** `1 annotator`, `3,600 annotations`: a count with its noun. */
export function formatCountOf(
  n: number,
  singular: string,
  plural = `${singular}s`
): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`
}

/** A count's share of a total as a percent; `—` when the total is zero. */
export function formatShare(n: number, total: number): string {
  return total > 0 ? formatPercent(n / total) : MISSING
}

/** A difference of two proportions in percentage points: `+3.2 pp`. */
export function formatPoints(difference: number | null | undefined): string {
  return formatDifference('percent_agreement', difference)
}

/** A p-value as people read it: `p = 0.042`, `p < 0.001`. */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p))
    return `p ${MISSING}`
  if (p < 0.001) return 'p < 0.001'
  return `p = ${formatFixed(Math.min(1, p), 3)}`
}

/** Pearson's chi-square test: `χ² = 12.34, df = 3, p = 0.006`. */
export function formatChiSquare(test: {
  statistic: number
  df: number
  p_value: number
}): string {
  const statistic = Number.isFinite(test.statistic)
    ? formatFixed(test.statistic, 2)
    : MISSING
  return `χ² = ${statistic}, df = ${formatCount(test.df)}, ${formatPValue(test.p_value)}`
}
