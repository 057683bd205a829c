import { gammaln } from 'simple-statistics'

/**
 * One-sided Fisher's exact test of the 2×2 table
 *
 *              correct     wrong
 *   sample 1   x1          n1 − x1
 *   sample 2   x2          n2 − x2
 *
 * with the alternative "sample 1's proportion is smaller" (R. A. Fisher,
 * "Statistical Methods for Research Workers", 1925; A. Agresti, "Categorical
 * Data Analysis", 3rd ed., 2013, section 3.5). Given all margins, x1 is
 * hypergeometric: N = n1 + n2 draws-population, K = x1 + x2 successes, n1
 * draws; the p-value is P(X ≤ x1). This is SciPy's
 * `fisher_exact([[x1, n1 - x1], [x2, n2 - x2]], alternative='less')`.
 *
 * The smaller tail is summed directly, outward from its inner end by the
 * ratio of neighbouring probabilities, so small p-values keep their relative
 * precision and no term overflows; the other tail is 1 minus it. Null when a
 * sample is empty.
 */
export function fisherExactLess(
  x1: number,
  n1: number,
  x2: number,
  n2: number
): number | null {
  if (!(n1 > 0 && n2 > 0)) return null
  const N = n1 + n2
  const K = x1 + x2
  const low = Math.max(0, n1 - (N - K))
  const high = Math.min(K, n1)
  if (x1 <= low) return pmf(low, N, K, n1)
  if (x1 >= high) return 1
  // The mode of the hypergeometric distribution.
  const mode = Math.floor(((n1 + 1) * (K + 1)) / (N + 2))
  if (x1 < mode) return tail(x1, -1, low, N, K, n1)
  return Math.max(0, 1 - tail(x1 + 1, +1, high, N, K, n1))
}

/** Σ P(X = k) for k from `start` stepping by `step` to `end` (inclusive). */
function tail(
  start: number,
  step: -1 | 1,
  end: number,
  N: number,
  K: number,
  n: number
): number {
  let term = 1
  let sum = 1
  for (let k = start; k !== end; k += step) {
    // P(k + step) / P(k) for the hypergeometric distribution.
    term *=
      step === -1
        ? (k * (N - K - n + k)) / ((K - k + 1) * (n - k + 1))
        : ((K - k) * (n - k)) / ((k + 1) * (N - K - n + k + 1))
    sum += term
    if (term < sum * Number.EPSILON) break
  }
  return Math.min(1, sum * pmf(start, N, K, n))
}

/** P(X = k) = C(K, k) C(N − K, n − k) / C(N, n), through ln Γ. */
function pmf(k: number, N: number, K: number, n: number): number {
  return Math.exp(logChoose(K, k) + logChoose(N - K, n - k) - logChoose(N, n))
}

function logChoose(a: number, b: number): number {
  return gammaln(a + 1) - gammaln(b + 1) - gammaln(a - b + 1)
}
