import { testableSe, type RatioEstimate } from '../metrics/ratio-estimator.js'
import { normalCdf } from './two-proportion-z.js'

export interface RatioDropTest {
  /** The item-level (cluster) z-test of two ratio estimators. */
  test: 'cluster-z'
  /** (R₁ − R₂) / √(v₁ + v₂): negative when sample 1 (the change) is lower. */
  z: number
  /** One-sided p-value of H1: R₁ < R₂, so Φ(z). */
  pValue: number
}

/**
 * Has the ratio R₁ (the change's F1) fallen below R₂ (the base's)? The Wald
 * test on the difference of two ratio estimators with their linearized
 * variances over items (`ratioEstimate`): z = (R₁ − R₂) / √(v₁ + v₂),
 * p = Φ(z), one-sided.
 *
 * The two samples are treated as independent. The change's slice holds only
 * the annotations the change added or relabeled, so an annotation is never
 * in both; but a relabeled item is in both through its two versions, and an
 * item's difficulty makes those two F1s positively correlated. Then the
 * variance of the difference is v₁ + v₂ − 2 cov ≤ v₁ + v₂: the test is
 * conservative (it calls fewer drops significant than a paired test would),
 * the safe side for a gate that blocks merges.
 *
 * Null (no test) when either side has no standard error (fewer than 2
 * items with an element on either side). A side whose linearized variance
 * is 0 (its informative items all scored alike) is tested with the
 * Agresti–Coull standard error on its informative items (`testableSe`): a
 * variance of 0 comes from few items that happen to agree, not from
 * certainty.
 */
export function ratioDropTest(
  changed: RatioEstimate,
  base: RatioEstimate
): RatioDropTest | null {
  if (changed.value === null || base.value === null) return null
  const s1 = testableSe(changed)
  const s2 = testableSe(base)
  if (s1 === null || s2 === null) return null
  const sd = Math.sqrt(s1 * s1 + s2 * s2)
  if (!(sd > 0)) return null
  const z = (changed.value - base.value) / sd
  return { test: 'cluster-z', z, pValue: normalCdf(z) }
}
