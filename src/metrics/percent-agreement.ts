import type { AgreementStats, ItemCategoryCounts } from './agreement-stats.js'
import { percentAgreementSe } from './gwet-variance.js'
import { defined, undefinedMetric, type MetricResult } from './result.js'
import { PROPORTION, withTInterval } from './t-interval.js'

/**
 * Percent agreement: the mean over items with at least two ratings of the
 * share of agreeing rating pairs within the item, Σ_k n_ik(n_ik − 1) /
 * (m_i(m_i − 1)) (Fleiss 1971, eq. 2, generalized to varying m_i as in
 * Gwet's irrCAC `pa.coeff.raw`). `n_items` counts those items, `n` their
 * ratings. With the per-item counts, Gwet's standard error (`pa.coeff.raw`)
 * and t interval over the rated items.
 */
export function percentAgreement(
  stats: AgreementStats,
  counts?: ItemCategoryCounts
): MetricResult {
  const extra = { n_items: stats.pairableItems, n: stats.pairableRatings }
  if (stats.pairableItems === 0)
    return undefinedMetric('no item has two or more ratings', extra)
  const pa = defined(stats.agreementSum / stats.pairableItems, extra)
  if (counts === undefined || pa.value === null) return pa
  return withTInterval(
    pa,
    percentAgreementSe(counts, stats, pa.value),
    stats.ratedItems,
    PROPORTION
  )
}
