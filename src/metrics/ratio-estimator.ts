/**
 * A ratio of sums over items, R = Σ aᵢ / Σ bᵢ, with its standard error by
 * linearization (the Taylor or delta method), items being the independent
 * units (clusters). Span and box F1 are such ratios: aᵢ = 2·matched and
 * bᵢ = predicted + reference elements of one annotation of item i. The
 * elements of one item are not independent of each other (a hard sentence
 * or image makes all its spans or boxes harder, and every match pairs two
 * elements), so a variance that counted elements as independent draws would
 * be too small; over items it is not.
 *
 * With dᵢ = aᵢ − R bᵢ and b̄ = Σ bᵢ / n,
 *
 *   v(R) = Σ dᵢ² / (n (n − 1) b̄²)
 *
 * W. G. Cochran, "Sampling Techniques", 3rd ed., Wiley 1977, section 6.4
 * (eq. 6.13, the sample estimate of eq. 6.9 with the finite population
 * correction dropped, items being a sample from an unlimited population);
 * R. S. Woodruff, "A simple method for approximating the variance of a
 * complicated estimate", JASA 66, 1971. It is the cluster-robust (CR1)
 * variance of the mean of the element indicators with the items as
 * clusters, which is how the committed fixture checks it (statsmodels OLS,
 * `cov_type='cluster'`).
 *
 * Items with bᵢ = 0 (no element on either side) have dᵢ = 0 and still count
 * in n: they are sampled items, as in Cochran's estimator.
 */
export interface RatioEstimate {
  /** Σ a / Σ b; null when Σ b = 0. */
  value: number | null
  /** Items (clusters). */
  n: number
  /** Items with bᵢ > 0: the ones that carry information about R. */
  informative: number
  /**
   * Linearized standard error; null when fewer than 2 items are
   * informative (one sentence with spans among 19 empty ones has dᵢ = 0
   * everywhere, a variance of 0 that is no evidence at all) or the value is
   * null.
   */
  se: number | null
}

export function ratioEstimate(
  numerator: ArrayLike<number>,
  denominator: ArrayLike<number>
): RatioEstimate {
  const n = numerator.length
  let sa = 0
  let sb = 0
  let informative = 0
  for (let i = 0; i < n; i++) {
    sa += numerator[i]!
    sb += denominator[i]!
    if (denominator[i]! > 0) informative++
  }
  if (!(sb > 0)) return { value: null, n, informative, se: null }
  const R = sa / sb
  if (informative < 2) return { value: R, n, informative, se: null }
  // Two passes: Σ dᵢ² from the residuals, never as Σa² − 2RΣab + R²Σb²,
  // which cancels badly when the annotator is almost always right.
  let ss = 0
  for (let i = 0; i < n; i++) {
    const d = numerator[i]! - R * denominator[i]!
    ss += d * d
  }
  const mean = sb / n
  return {
    value: R,
    n,
    informative,
    se: Math.sqrt(ss / (n * (n - 1))) / mean
  }
}

/**
 * The standard error to test or bound R with: the linearized one, or where
 * that is 0 (every informative item scored alike, as when all are perfect)
 * the Agresti–Coull standard error of a proportion R on the m informative
 * items, √(p̃ (1 − p̃) / (m + 4)) with p̃ = (m R + 2) / (m + 4) (A. Agresti
 * and B. A. Coull, "Approximate is better than 'exact' for interval
 * estimation of binomial proportions", The American Statistician 52, 1998).
 * Forty perfect items are strong evidence, two are not; a variance of 0
 * would treat both as certainty. Null where `se` is null.
 */
export function testableSe(r: RatioEstimate): number | null {
  if (r.se === null || r.value === null) return null
  if (r.se > 0) return r.se
  const m = r.informative
  const p = (m * Math.min(1, Math.max(0, r.value)) + 2) / (m + 4)
  return Math.sqrt((p * (1 - p)) / (m + 4))
}
