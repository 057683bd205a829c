import { regularizedGammaQ } from '../diff/regularized-gamma.js'

/**
 * The standard normal distribution function Φ(z), through the complementary
 * error function: Φ(z) = erfc(−z/√2) / 2, and erfc(x) = Q(1/2, x²) for x >= 0
 * (Abramowitz & Stegun 7.1.2 and 6.5.17), Q the regularized upper incomplete
 * gamma function already used for chi-square tails. The tail on the side of
 * z is computed directly, so small p-values keep their relative precision.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN
  const tail = regularizedGammaQ(0.5, (z * z) / 2) / 2
  return z < 0 ? tail : 1 - tail
}

export interface TwoProportionTest {
  /** (x1/n1 − x2/n2) / sqrt(p̂(1 − p̂)(1/n1 + 1/n2)), p̂ = (x1 + x2)/(n1 + n2). */
  z: number
  /** One-sided, H1: p1 < p2, so Φ(z). */
  pValue: number
}

/**
 * The pooled two-proportion z-test (the score test for p1 = p2; z² is
 * Pearson's X² of the 2×2 table, see A. Agresti, "Categorical Data
 * Analysis", 3rd ed., Wiley 2013), one-sided with the alternative p1 < p2.
 * This is statsmodels' `proportions_ztest([x1, x2], [n1, n2],
 * alternative='smaller')` with its default pooled variance. Null when a count
 * is 0 or the pooled proportion is 0 or 1 (no variance, no test).
 */
export function twoProportionZTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number
): TwoProportionTest | null {
  if (!(n1 > 0 && n2 > 0)) return null
  const pooled = (x1 + x2) / (n1 + n2)
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
  if (!(variance > 0)) return null
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance)
  return { z, pValue: normalCdf(z) }
}
