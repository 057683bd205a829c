import { normalQuantile } from '../metrics/wilson.js'

export interface CochranSize {
  /** Sample size for an infinite population: z² p(1 − p) / e². */
  n0: number
  /** Two-sided normal quantile of the confidence level. */
  z: number
  /** n0 with the finite population correction, before rounding. */
  exact: number
  /** `exact` rounded up, at most the population. */
  n: number
}

/**
 * The sample size that estimates a proportion within ±`margin` at the given
 * confidence level, from a population of `population` units (W. G. Cochran,
 * "Sampling Techniques", 3rd ed., Wiley 1977, chapter 4):
 *
 *   n0 = z² p(1 − p) / e²,   n = n0 / (1 + (n0 − 1) / N)
 *
 * with p = 0.5, the conservative choice: p(1 − p) is largest there, so the
 * sample is large enough whatever the true error rate. Algebraically the same
 * as Krejcie and Morgan's s = χ²NP(1 − P) / (d²(N − 1) + χ²P(1 − P))
 * (Educational and Psychological Measurement 30 (1970) 607-610), whose
 * table rounds to the nearest integer; here n is rounded up, so the margin
 * holds, and capped at N. N = Infinity gives ceil(n0) (385 at ±5%, 95%).
 */
export function cochranSampleSize(
  population: number,
  margin: number,
  confidence: number,
  p = 0.5
): CochranSize {
  if (!(margin > 0 && margin < 1))
    throw new RangeError(`margin must be in (0, 1), got ${margin}`)
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`)
  if (!(population >= 0))
    throw new RangeError(`population must be >= 0, got ${population}`)
  const z = normalQuantile(1 - (1 - confidence) / 2)
  const n0 = (z * z * p * (1 - p)) / (margin * margin)
  const exact = population === Infinity ? n0 : n0 / (1 + (n0 - 1) / population)
  // Round up, but not a float residue such as 278.00000000000006 to 279.
  const n = Math.min(population, Math.ceil(exact - 1e-9))
  return { n0, z, exact, n: Math.max(0, n) }
}
