import { normalCdf } from '../governance/two-proportion-z.js'
import type { Interval, MetricResult } from '../metrics/result.js'

/**
 * The statistics behind a slice gap (docs/slices.md): an interval for the
 * difference of two groups' estimates and a two-sided p-value of "no
 * difference", then the corrections for the comparisons made.
 */

/**
 * MOVER interval ("method of variance estimates recovery") of θ1 − θ2 from
 * each estimate's own interval (R. G. Newcombe, "Interval estimation for the
 * difference between independent proportions", Statistics in Medicine 17,
 * 1998, method 10; G. Y. Zou and A. Donner, "Construction of confidence
 * limits about effect measures: a general approach", Statistics in Medicine
 * 27, 2008):
 *   L = d − √((θ1 − l1)² + (u2 − θ2)²),  U = d + √((u1 − θ1)² + (θ2 − l2)²).
 * It inherits the asymmetry of Wilson or percentile intervals, which a Wald
 * interval of the difference would lose near 0 or 1.
 */
export function moverInterval(
  theta1: number,
  ci1: Interval,
  theta2: number,
  ci2: Interval
): Interval {
  const d = theta1 - theta2
  return {
    low: d - Math.hypot(theta1 - ci1.low, ci2.high - theta2),
    high: d + Math.hypot(ci1.high - theta1, theta2 - ci2.low),
    level: Math.min(ci1.level, ci2.level),
    method: 'mover'
  }
}

/** Two-sided p-value of a standard normal statistic: 2·(1 − Φ(|z|)). */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)))
}

/**
 * The pooled two-proportion z statistic, two-sided: statsmodels'
 * `proportions_ztest([x1, x2], [n1, n2])` (default pooled variance, two-sided
 * alternative). Counts may be fractional (effective sizes below). Null when
 * a size is 0 or the pooled proportion is 0 or 1 (no variance, no test).
 */
export function twoProportionTwoSided(
  x1: number,
  n1: number,
  x2: number,
  n2: number
): { z: number; p: number } | null {
  if (!(n1 > 0 && n2 > 0)) return null
  const pooled = (x1 + x2) / (n1 + n2)
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
  if (!(variance > 0)) return null
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance)
  return { z, p: twoSidedP(z) }
}

/**
 * The design effect of a clustered proportion from its reported standard
 * error: d = se²·n / (p(1 − p)), at least 1 (the interval of accuracy
 * already floors it there, docs/metrics.md); 1 where p is 0 or 1 or no
 * standard error is known.
 */
export function designEffect(result: MetricResult): number {
  const p = result.value
  const n = result.n ?? 0
  const se = result.se
  if (p === null || se === null || se === undefined || !(n > 0)) return 1
  const independent = p * (1 - p)
  if (!(independent > 0)) return 1
  return Math.max(1, (se * se * n) / independent)
}

export type DifferenceTest =
  { p: number; test: string } | { p: null; reason: string }

/**
 * Two-sided p-value of "the two groups do not differ" for one metric:
 * - accuracy, error_rate (annotations clustered within items): the pooled
 *   two-proportion z-test on effective sizes n/d, d the group's design effect
 *   (the first-order Rao–Scott correction: J. N. K. Rao and A. J. Scott,
 *   "The analysis of categorical data from complex sample surveys", JASA 76,
 *   1981; "On chi-squared tests for multiway contingency tables with cell
 *   proportions estimated from survey data", Annals of Statistics 12, 1984);
 * - majority_vote_accuracy (one vote per item): the plain pooled z-test;
 * - agreement coefficients: a Wald z from the two standard errors (analytic
 *   or bootstrap), null with a reason where a group has none.
 */
export function differenceTest(
  metric: string,
  a: MetricResult,
  b: MetricResult
): DifferenceTest {
  if (a.value === null || b.value === null) {
    return { p: null, reason: 'a group has no value' }
  }
  if (
    metric === 'accuracy' ||
    metric === 'error_rate' ||
    metric === 'majority_vote_accuracy'
  ) {
    const clustered = metric !== 'majority_vote_accuracy'
    const da = clustered ? designEffect(a) : 1
    const db = clustered ? designEffect(b) : 1
    const na = (a.n ?? 0) / da
    const nb = (b.n ?? 0) / db
    const t = twoProportionTwoSided(a.value * na, na, b.value * nb, nb)
    if (t === null) {
      return {
        p: null,
        reason: 'no variance to test: both groups are at 0% or both at 100%'
      }
    }
    return {
      p: t.p,
      test: clustered ? 'two-proportion z (Rao–Scott)' : 'two-proportion z'
    }
  }
  const sa = a.se
  const sb = b.se
  if (sa == null || sb == null) {
    return {
      p: null,
      reason: `${metric} has no standard error in one of the groups, so the gap cannot be tested`
    }
  }
  const se = Math.hypot(sa, sb)
  if (!(se > 0)) {
    return { p: null, reason: 'both groups have a standard error of 0' }
  }
  return { p: twoSidedP((a.value - b.value) / se), test: 'Wald z' }
}

/**
 * Bonferroni over the k(k − 1)/2 pairwise comparisons that picking the best
 * and the worst of k groups implicitly makes (C. E. Bonferroni 1936; the
 * selected pair is the most extreme of them).
 */
export function bonferroni(p: number, comparisons: number): number {
  return Math.min(1, p * Math.max(1, comparisons))
}

/**
 * Holm's step-down adjusted p-values (S. Holm, "A simple sequentially
 * rejective multiple test procedure", Scandinavian Journal of Statistics 6,
 * 1979): sorted ascending, p(i)·(m − i + 1), made monotone, at most 1.
 * Rejecting where the adjusted value is below α controls the family-wise
 * error at α.
 */
export function holm(ps: readonly number[]): number[] {
  const m = ps.length
  const order = ps.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0])
  const out = new Array<number>(m)
  let running = 0
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, p * (m - rank)))
    out[i] = running
  })
  return out
}
