import { fisherExactLess } from './fisher-exact.js'
import { twoProportionZTest } from './two-proportion-z.js'

export interface ProportionDropTest {
  /** `z`: the pooled two-proportion z-test; `fisher-exact`: one-sided Fisher's exact test. */
  test: 'z' | 'fisher-exact'
  /** The z statistic; null when the exact test was used. */
  z: number | null
  /** One-sided p-value of H1: sample 1's proportion is smaller than sample 2's. */
  pValue: number
}

/** Every expected cell count at least this: the z-test's normal approximation is used. */
export const MIN_EXPECTED_FOR_Z = 5

/**
 * Has the proportion x1/n1 (the change) fallen below x2/n2 (the base)? The
 * pooled two-proportion z-test when every expected count of the 2×2 table
 * under equal proportions is at least 5 (W. G. Cochran, "Some methods for
 * strengthening the common χ² tests", Biometrics 10, 1954); otherwise, and
 * always when a count is that small, one-sided Fisher's exact test, which
 * is valid at any size (and conservative: its p-value is never below the
 * exact level). Null when a sample is empty; when the pooled proportion is 0
 * or 1 nothing can have fallen and the p-value is 1.
 */
export function proportionDropTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number
): ProportionDropTest | null {
  if (!(n1 > 0 && n2 > 0)) return null
  const N = n1 + n2
  const successes = x1 + x2
  const failures = N - successes
  const smallest = (Math.min(n1, n2) * Math.min(successes, failures)) / N
  if (smallest >= MIN_EXPECTED_FOR_Z) {
    const z = twoProportionZTest(x1, n1, x2, n2)
    if (z !== null) return { test: 'z', z: z.z, pValue: z.pValue }
  }
  const p = fisherExactLess(x1, n1, x2, n2)
  return p === null ? null : { test: 'fisher-exact', z: null, pValue: p }
}
