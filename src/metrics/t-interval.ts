import type { Interval, MetricResult } from './result.js'
import { studentQuantile } from './student-t.js'

/** The range a coefficient can take, to which its interval is clipped. */
export interface CoefficientRange {
  low: number
  high: number
}

/** Chance-corrected coefficients (kappas, pi, alpha, AC1): at most 1, and -1 bounds them below. */
export const CHANCE_CORRECTED: CoefficientRange = { low: -1, high: 1 }
/** Proportions (percent agreement, accuracy). */
export const PROPORTION: CoefficientRange = { low: 0, high: 1 }

/**
 * Gwet's (2014) interval: value ± t_{0.975, n−1} · se, clipped to the
 * coefficient's range (irrCAC clips only the upper end at 1; the lower clip
 * only removes values the coefficient cannot take). Undefined when n < 2 or
 * the standard error is not finite.
 */
export function tInterval(
  value: number,
  se: number,
  nUnits: number,
  range: CoefficientRange,
  level = 0.95
): Interval | undefined {
  if (nUnits < 2 || !Number.isFinite(se) || !Number.isFinite(value))
    return undefined
  const t = studentQuantile(1 - (1 - level) / 2, nUnits - 1)
  return {
    low: Math.max(range.low, value - t * se),
    high: Math.min(range.high, value + t * se),
    level,
    method: 'gwet'
  }
}

/**
 * A metric with its analytic standard error and t interval added; a metric
 * without a value, or a standard error that could not be computed (null),
 * gets `se: null` and no interval.
 */
export function withTInterval(
  metric: MetricResult,
  se: number | null,
  nUnits: number,
  range: CoefficientRange
): MetricResult {
  if (metric.value === null || se === null || !Number.isFinite(se))
    return { ...metric, se: null }
  const ci = tInterval(metric.value, se, nUnits, range)
  return ci === undefined ? { ...metric, se } : { ...metric, se, ci }
}
