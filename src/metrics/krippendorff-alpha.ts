import type { Level } from '../model/level.js'
import type { AgreementStats, ItemCategoryCounts } from './agreement-stats.js'
import { distanceMatrix } from './distance.js'
import { krippendorffAlphaSe } from './gwet-variance.js'
import { defined, undefinedMetric, type MetricResult } from './result.js'
import { CHANCE_CORRECTED, withTInterval } from './t-interval.js'

/**
 * Krippendorff's alpha by the coincidence-matrix method of Krippendorff
 * (2011), "Computing Krippendorff's Alpha-Reliability", sections C-E:
 *
 *   alpha = 1 − D_o / D_e = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 *
 * with o the coincidence matrix, n_c its marginals and n = Σ n_c the number of
 * pairable values. Units with fewer than two ratings are not pairable and are
 * left out (they are in neither o nor n_c). Any number of annotators, missing
 * ratings allowed. `n_items` is the number of pairable units, `n` of values.
 *
 * With the per-item counts, the standard error is Gwet's (`krippen.alpha.raw`,
 * see `krippendorffAlphaSe`) under the weights 1 − δ²/max δ² (δ² of the
 * ordinal level taken as fixed), and the t interval has as many degrees of
 * freedom as rated items minus one, as in irrCAC.
 */
export function krippendorffAlpha(
  stats: AgreementStats,
  level: Level,
  values: Float64Array | null,
  counts?: ItemCategoryCounts
): MetricResult {
  const extra = { n_items: stats.pairableItems, n: stats.pairableRatings }
  if (stats.pairableItems === 0)
    return undefinedMetric(
      'no item has two or more ratings (no pairable unit)',
      extra
    )
  const K = stats.nCategories
  const marginals = stats.pairableTotals
  const delta = distanceMatrix(level, values, marginals)
  if (typeof delta === 'string') return undefinedMetric(delta, extra)
  let observed = 0
  let expected = 0
  let maxDistance = 0
  for (let c = 0; c < K; c++) {
    if (marginals[c] === 0) continue
    for (let k = 0; k < K; k++) {
      if (marginals[k] === 0 || c === k) continue
      const d = delta[c * K + k]!
      if (!Number.isFinite(d))
        return undefinedMetric(
          `the ${level} distance between values ${c} and ${k} (category indices) is not finite`,
          extra
        )
      observed += stats.coincidence[c * K + k]! * d
      expected += marginals[c]! * marginals[k]! * d
      if (d > maxDistance) maxDistance = d
    }
  }
  if (expected === 0)
    return undefinedMetric(
      'only one value is in use, so there is no expected disagreement',
      extra
    )
  const alpha = defined(
    1 - ((stats.pairableRatings - 1) * observed) / expected,
    extra
  )
  if (counts === undefined) return alpha
  const weights = new Float64Array(K * K)
  for (let c = 0; c < K; c++)
    for (let k = 0; k < K; k++)
      if (marginals[c]! > 0 && marginals[k]! > 0)
        weights[c * K + k] = c === k ? 1 : 1 - delta[c * K + k]! / maxDistance
  return withTInterval(
    alpha,
    krippendorffAlphaSe(counts, stats, weights),
    stats.ratedItems,
    CHANCE_CORRECTED
  )
}
