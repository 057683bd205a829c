import type { Level } from '../model/level.js'
import type { AgreementStats } from './agreement-stats.js'
import { distanceMatrix } from './distance.js'
import { defined, undefinedMetric, type MetricResult } from './result.js'

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
 */
export function krippendorffAlpha(
  stats: AgreementStats,
  level: Level,
  values: Float64Array | null
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
    }
  }
  if (expected === 0)
    return undefinedMetric(
      'only one value is in use, so there is no expected disagreement',
      extra
    )
  return defined(1 - ((stats.pairableRatings - 1) * observed) / expected, extra)
}
