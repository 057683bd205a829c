import type { AgreementStats, ItemCategoryCounts } from './agreement-stats.js'

/**
 * Standard errors of the multi-rater coefficients by Gwet's linearization
 * (K. L. Gwet, Handbook of Inter-Rater Reliability, 4th ed., 2014, ch. 5
 * and 6), exactly as the R package irrCAC computes them in `pa.coeff.raw`,
 * `gwet.ac1.raw`, `fleiss.kappa.raw` and `krippen.alpha.raw`, with the
 * finite-population correction f = n/N at irrCAC's default N = ∞ (f = 0).
 *
 * Each coefficient is written as a mean of per-item terms c_i* (the
 * coefficient's influence values); the variance is
 *   v = Σ_i (c_i* − c)² / (n(n − 1)),
 * over the n rated items (pairable items for alpha). One pass over the
 * per-item category counts, O(Σ_i d_i) (d_i distinct labels of item i),
 * O(Σ_i d_i²) with weights.
 */

// Sums over items are kept in a one-element Float64Array, not a local
// `let`: a single call of these functions runs its loop in code that V8
// optimized on the stack (OSR), and there a double carried from one
// iteration to the next was boxed, one heap number per item (~16 MB of
// garbage and 8-16 scavenges per pass at 10^6 items; alpha's SE measured
// ~15% faster without). A Float64Array holds the same double, so every sum
// is unchanged to the bit.

/** Sum of squares accumulated item by item. */
function standardError(sumSquares: number, n: number): number | null {
  if (n < 2) return null
  return Math.sqrt(sumSquares / (n * (n - 1)))
}

/**
 * Percent agreement (`pa.coeff.raw`): pa_i = (n/n₂) a_i/(r_i(r_i − 1)) for
 * items with r_i >= 2 ratings, 0 otherwise; n rated items, n₂ pairable.
 */
export function percentAgreementSe(
  counts: ItemCategoryCounts,
  stats: AgreementStats,
  pa: number
): number | null {
  const n = stats.ratedItems
  const scale = n / stats.pairableItems
  const { offset, count } = counts
  const ss = new Float64Array(1)
  for (let j = 0; j + 1 < offset.length; j++) {
    let r = 0
    let agree = 0
    for (let e = offset[j]!; e < offset[j + 1]!; e++) {
      r += count[e]!
      agree += count[e]! * (count[e]! - 1)
    }
    const pai = r >= 2 ? (scale * agree) / (r * (r - 1)) : 0
    ss[0]! += (pai - pa) ** 2
  }
  return standardError(ss[0]!, n)
}

/**
 * AC1 (`gwet.ac1.raw`, unweighted) and Fleiss' kappa (`fleiss.kappa.raw`):
 *   c_i  = (n/n₂)(pa_i − p_e·[r_i >= 2])/(1 − p_e),
 *   pe_i = AC1: Σ_k r_ik (1 − π_k) / (r_i (q − 1));  Fleiss: Σ_k r_ik π_k / r_i,
 *   c_i* = c_i − 2(1 − c)(pe_i − p_e)/(1 − p_e),
 * π_k the mean over rated items of r_ik/r_i, p_e the coefficient's chance
 * agreement and q the number of categories (AC1).
 */
export function chanceCorrectedSe(
  kind: 'ac1' | 'fleiss',
  counts: ItemCategoryCounts,
  stats: AgreementStats,
  value: number,
  pe: number,
  q: number
): number | null {
  const n = stats.ratedItems
  const scale = n / stats.pairableItems
  const pi = stats.categoryShareSum.map((s) => s / n)
  const { offset, category, count } = counts
  const ss = new Float64Array(1)
  for (let j = 0; j + 1 < offset.length; j++) {
    let r = 0
    let agree = 0
    let chance = 0
    for (let e = offset[j]!; e < offset[j + 1]!; e++) {
      const nk = count[e]!
      r += nk
      agree += nk * (nk - 1)
      const p = pi[category[e]!]!
      chance += kind === 'ac1' ? nk * (1 - p) : nk * p
    }
    const pai = r >= 2 ? agree / (r * (r - 1)) : 0
    const ci = (scale * (pai - (r >= 2 ? pe : 0))) / (1 - pe)
    const pei = kind === 'ac1' ? chance / (r * (q - 1)) : chance / r
    const star = ci - (2 * (1 - value) * (pei - pe)) / (1 - pe)
    ss[0]! += (star - value) ** 2
  }
  return standardError(ss[0]!, n)
}

/**
 * Krippendorff's alpha (`krippen.alpha.raw`) under agreement weights
 * w = 1 − δ²/max δ², over the n pairable items with mean r̄ ratings:
 *   s_i   = Σ_kl w_kl r_ik r_il − r_i,  pa'  = Σ_i s_i/(r̄(r_i − 1)) / n,
 *   π_k   = Σ_i r_ik/(n r̄),  p_e = Σ w_kl π_k π_l,  α' = (pa' − p_e)/(1 − p_e),
 *   a_i   = s_i/(r̄(r_i − 1)) − pa'(r_i − r̄)/r̄,  α_i = (a_i − p_e)/(1 − p_e),
 *   pe_i  = Σ_k r_ik (Wπ)_k / r̄ − p_e(r_i − r̄)/r̄,
 *   α_i*  = α_i − 2(1 − α')(pe_i − p_e)/(1 − p_e),
 *   v     = Σ_i (α_i* − α')² / (n(n − 1)).
 * (alpha itself is (pa − p_e)/(1 − p_e) with pa = (1 − ε)pa' + ε, ε = 1/Σ r_i,
 * which equals Krippendorff's 1 − D_o/D_e exactly.) Null when the weights
 * leave no expected disagreement.
 */
export function krippendorffAlphaSe(
  counts: ItemCategoryCounts,
  stats: AgreementStats,
  weights: Float64Array
): number | null {
  const K = stats.nCategories
  const n = stats.pairableItems
  if (n < 2) return null
  const rMean = stats.pairableRatings / n
  const pi = stats.pairableTotals.map((t) => t / stats.pairableRatings)
  const wPi = new Float64Array(K)
  let pe = 0
  for (let k = 0; k < K; k++)
    for (let l = 0; l < K; l++) {
      wPi[k]! += weights[k * K + l]! * pi[l]!
      pe += weights[k * K + l]! * pi[k]! * pi[l]!
    }
  if (!(1 - pe > 1e-15)) return null
  const { offset, category, count } = counts
  // Nominal data (every category in a pairable unit) has the identity as
  // weights: Σ_kl w_kl r_ik r_il is then Σ_k r_ik², without the d_i² inner
  // loop. The same value to the bit: every product and partial sum is a
  // small integer, and the skipped terms are exact zeros.
  const identity = isIdentity(weights, K)
  // Two passes: pa' (and so α') is needed inside the per-item terms.
  const s = new Float64Array(offset.length - 1)
  const paSum = new Float64Array(1)
  for (let j = 0; j + 1 < offset.length; j++) {
    const from = offset[j]!
    const to = offset[j + 1]!
    let r = 0
    let weighted = 0
    for (let e = from; e < to; e++) {
      const ne = count[e]!
      r += ne
      if (identity) {
        weighted += ne * ne
        continue
      }
      const row = category[e]! * K
      for (let f = from; f < to; f++)
        weighted += weights[row + category[f]!]! * ne * count[f]!
    }
    if (r < 2) {
      s[j] = NaN
      continue
    }
    s[j] = weighted - r
    paSum[0]! += s[j]! / (rMean * (r - 1))
  }
  const paPrime = paSum[0]! / n
  const alphaPrime = (paPrime - pe) / (1 - pe)
  const ss = new Float64Array(1)
  for (let j = 0; j + 1 < offset.length; j++) {
    if (Number.isNaN(s[j]!)) continue
    let r = 0
    let chance = 0
    for (let e = offset[j]!; e < offset[j + 1]!; e++) {
      r += count[e]!
      chance += count[e]! * wPi[category[e]!]!
    }
    const ai = s[j]! / (rMean * (r - 1)) - (paPrime * (r - rMean)) / rMean
    const alphaI = (ai - pe) / (1 - pe)
    const pei = chance / rMean - (pe * (r - rMean)) / rMean
    const star = alphaI - (2 * (1 - alphaPrime) * (pei - pe)) / (1 - pe)
    ss[0]! += (star - alphaPrime) ** 2
  }
  return standardError(ss[0]!, n)
}

/** Whether the K×K `weights` are 1 on the diagonal and 0 elsewhere. */
function isIdentity(weights: Float64Array, K: number): boolean {
  for (let c = 0; c < K; c++)
    for (let k = 0; k < K; k++)
      if (weights[c * K + k] !== (c === k ? 1 : 0)) return false
  return true
}
