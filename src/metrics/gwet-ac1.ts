import { usedCategories, type AgreementStats } from './agreement-stats.js'
import { defined, undefinedMetric, type MetricResult } from './result.js'

/**
 * Gwet's AC1 (Gwet 2008, "Computing inter-rater reliability and its variance
 * in the presence of high agreement", BJMSP 61, eqs. 14-15), exactly as R
 * irrCAC `gwet.ac1.raw` computes it for missing ratings:
 *   pa   = mean over items with >= 2 ratings of Σ_k r_ik(r_ik − 1) / (r_i(r_i − 1)),
 *   pi_k = mean over items with >= 1 rating of r_ik / r_i,
 *   pe   = Σ_k pi_k(1 − pi_k) / (q − 1),
 *   AC1  = (pa − pe) / (1 − pe).
 * q is the number of declared categories when the config declares them, else
 * the number of categories the ratings use (irrCAC's `categ.labels`). Always
 * nominal (unweighted), whatever the level. `n_items` counts the rated items
 * and `n` their ratings, since all of them enter pi_k.
 */
export function gwetAc1(
  stats: AgreementStats,
  declared: boolean
): MetricResult {
  const extra = { n_items: stats.ratedItems, n: stats.ratings }
  if (stats.ratedItems === 0) return undefinedMetric('no ratings', extra)
  const q = declared ? stats.nCategories : usedCategories(stats)
  if (q < 2)
    return undefinedMetric(
      `${q} ${declared ? 'declared' : 'used'} categor${q === 1 ? 'y' : 'ies'}; Gwet's AC1 needs at least two`,
      extra
    )
  if (stats.pairableItems === 0)
    return undefinedMetric('no item has two or more ratings', extra)
  const pa = stats.agreementSum / stats.pairableItems
  let spread = 0
  for (const shareSum of stats.categoryShareSum) {
    const pi = shareSum / stats.ratedItems
    spread += pi * (1 - pi)
  }
  // pe <= 1/q <= 1/2, so the denominator is never 0.
  const pe = spread / (q - 1)
  return defined((pa - pe) / (1 - pe), extra)
}
