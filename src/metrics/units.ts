import { higherIsBetter, isPercentMetric } from './names.js'
import type { Interval } from './result.js'

/**
 * One unit convention for every output: levels of proportions as percents
 * (`81.3%`), levels of coefficients as decimals (`0.812`); every difference
 * head − base, signed, in percentage points (`-1.2 pp`) or coefficient units
 * (`+0.012`). A value's parts are joined by non-breaking spaces so that a
 * table cell never wraps inside a number.
 */
export const NBSP = '\u00a0'

/** How an undefined (null) or absent number is shown. */
export const MISSING = '—'

/** `value.toFixed(decimals)` without a sign on a value that rounds to zero. */
export function formatFixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals)
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text
}

/** Spaces inside one value become non-breaking. */
export function keepTogether(text: string): string {
  return text.replace(/ /g, NBSP)
}

/** A level in the metric's own unit. */
export function levelText(
  metric: string,
  value: number | null | undefined,
  extraDecimals = 0
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return MISSING
  }
  return isPercentMetric(metric)
    ? `${formatFixed(value * 100, 1 + extraDecimals)}%`
    : formatFixed(value, 3 + extraDecimals)
}

/**
 * Two levels of one metric, written with the fewest extra digits (up to 4)
 * that tell them apart: `0.1522`, `0.1520` where `levelText` gives `0.152`
 * twice. A step a gate judged must be visible where it is named.
 */
export function distinctLevels(
  metric: string,
  a: number,
  b: number
): [string, string] {
  for (let extra = 0; extra < 4; extra++) {
    const x = levelText(metric, a, extra)
    const y = levelText(metric, b, extra)
    if (x !== y) return [x, y]
  }
  return [levelText(metric, a, 4), levelText(metric, b, 4)]
}

/**
 * A signed difference head − base: `+0.012`, `-1.2${NBSP}pp`, `±0.0${NBSP}pp`
 * for a change that rounds to zero. Every difference has a sign.
 */
export function changeText(
  metric: string,
  difference: number | null | undefined
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
  const n = Number(text)
  const sign = n > 0 ? '+' : n < 0 ? '' : '±'
  return `${sign}${text}${percent ? `${NBSP}pp` : ''}`
}

/**
 * The size of a difference, without a sign, in the metric's difference unit:
 * `1.0${NBSP}pp`, `0.020`. For a `max_drop` threshold ("max drop 1.0 pp").
 */
export function magnitudeText(metric: string, size: number): string {
  const percent = isPercentMetric(metric)
  const text = formatFixed(
    Math.abs(percent ? size * 100 : size),
    percent ? 1 : 3
  )
  return `${text}${percent ? `${NBSP}pp` : ''}`
}

/** A difference of two proportions in percentage points, signed. */
export function pointsText(difference: number | null | undefined): string {
  return changeText('percent_agreement', difference)
}

/** `81.8% (81.3–82.3)`, `0.812 (0.790–0.834)`: the interval folded into the value. */
export function valueWithInterval(
  metric: string,
  value: number | null | undefined,
  ci: Interval | undefined
): string {
  const level = levelText(metric, value)
  if (ci === undefined || level === MISSING) return level
  const percent = isPercentMetric(metric)
  const end = (x: number): string =>
    percent ? formatFixed(x * 100, 1) : formatFixed(x, 3)
  return `${level}${NBSP}(${end(ci.low)}–${end(ci.high)})`
}

/**
 * A gate's threshold as a condition on the value it tests: `≥ 0.800`,
 * `≤ 5.0%`; a `max_drop` as the allowed change head − base (`Δ ≥ -1.0 pp`
 * when higher is better, `Δ ≤ +1.0 pp` for an error rate); a `max_jsd` as
 * the distance's bound.
 */
export function thresholdText(gate: {
  metric: string
  bound: string
  threshold: number
}): string {
  const { metric, bound, threshold } = gate
  // A slice gap is a distance between two levels: points, not a level.
  if (metric.startsWith('slice_gap.'))
    return keepTogether(`≤ ${magnitudeText(metric, threshold)}`)
  if (bound === 'min') return keepTogether(`≥ ${levelText(metric, threshold)}`)
  if (bound === 'max') return keepTogether(`≤ ${levelText(metric, threshold)}`)
  if (bound === 'max_jsd') return keepTogether(`≤ ${formatFixed(threshold, 3)}`)
  if (bound === 'max_decline') {
    return higherIsBetter(metric)
      ? keepTogether(`Δ best ≥ ${changeText(metric, -threshold)}`)
      : keepTogether(`Δ best ≤ ${changeText(metric, threshold)}`)
  }
  const unit = driftUnit(metric)
  return higherIsBetter(unit)
    ? keepTogether(`Δ ≥ ${changeText(unit, -threshold)}`)
    : keepTogether(`Δ ≤ ${changeText(unit, threshold)}`)
}

/** `annotator.drift` is a drop of accuracy: measured in accuracy's unit. */
function driftUnit(metric: string): string {
  return metric === 'annotator.drift' ? 'accuracy' : metric
}

/**
 * The value a gate tested, in the same form as its threshold: a level for
 * `min`/`max`/`max_jsd`, the change head − base for `max_drop` (a drift
 * row's value is base − change, so its sign is turned round). `base` is the
 * metric's value at the base when the row does not carry it.
 */
export function gateValueText(
  gate: {
    metric: string
    bound: string
    threshold: number
    value: number | null
    base_value?: number | null
    trend_best?: { value: number }
  },
  base?: number | null
): string {
  const { metric, bound, value } = gate
  if (value === null) return MISSING
  if (metric.startsWith('slice_gap.')) return magnitudeText(metric, value)
  if (bound === 'max_jsd') return formatFixed(value, 3)
  if (bound === 'max_decline' && gate.trend_best !== undefined) {
    return changeText(metric, value - gate.trend_best.value)
  }
  if (bound === 'max_drop') {
    if (metric === 'annotator.drift') return changeText('accuracy', -value)
    const from = gate.base_value ?? base
    if (from === null || from === undefined) return levelText(metric, value)
    return changeText(metric, value - from)
  }
  // When the usual places would show a failing value equal to its
  // threshold, more places are used until the two differ.
  let extra = 0
  while (
    extra < 4 &&
    value !== gate.threshold &&
    levelText(metric, value, extra) === levelText(metric, gate.threshold, extra)
  ) {
    extra++
  }
  return levelText(metric, value, extra)
}
