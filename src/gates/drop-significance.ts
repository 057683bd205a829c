import type { MetricResult } from '../metrics/result.js'
import { normalCdf } from '../governance/two-proportion-z.js'

/**
 * One-sided p-value that a metric fell from `base` to `head` by `drop` (> 0
 * is worse): the Wald test z = drop / √(se_base² + se_head²), p = 1 − Φ(z).
 * The two versions are treated as independent samples. A head mostly holds
 * the base's annotations, so the two estimates are positively correlated and
 * the true variance of their difference is smaller: the test is conservative
 * (it calls fewer drops significant than an exact paired test would). Null
 * when either side has no standard error.
 */
export function dropPValue(
  drop: number,
  base: MetricResult,
  head: MetricResult
): number | null {
  const a = standardError(base)
  const b = standardError(head)
  if (a === null || b === null) return null
  const sd = Math.sqrt(a * a + b * b)
  if (sd === 0) return drop > 0 ? 0 : 1
  return 1 - normalCdf(drop / sd)
}

/**
 * `se`, else the interval's average half-width over the normal quantile of
 * its level (exact for a symmetric normal interval, close for Wilson).
 */
export function standardError(result: MetricResult): number | null {
  if (typeof result.se === 'number' && Number.isFinite(result.se)) {
    return result.se
  }
  const ci = result.ci
  if (ci === undefined || !(ci.level > 0 && ci.level < 1)) return null
  return (ci.high - ci.low) / (2 * normalQuantile((1 + ci.level) / 2))
}

/** Φ⁻¹(p) by bisection on Φ: 80 halvings of [−40, 40] reach double precision. */
export function normalQuantile(p: number): number {
  let lo = -40
  let hi = 40
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2
    if (normalCdf(mid) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}
