import { isNumericLevel, type Level } from '../model/level.js'
import {
  usedCategories,
  type AgreementStats,
  type ItemCategoryCounts
} from './agreement-stats.js'
import { nominalOnly } from './cohen-kappa.js'
import { chanceCorrectedSe } from './gwet-variance.js'
import { defined, undefinedMetric, type MetricResult } from './result.js'
import { CHANCE_CORRECTED, withTInterval } from './t-interval.js'

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
 * nominal (unweighted): not reported at interval and ratio levels. `n_items`
 * counts the rated items and `n` their ratings, since all of them enter pi_k.
 * `declaredCount` is the size of the declared list when the statistics cover
 * only the categories in use (see `compactCategories`).
 *
 * With the per-item counts, Gwet's standard error and t interval are added
 * (`chanceCorrectedSe`).
 */
export function gwetAc1(
  stats: AgreementStats,
  declared: boolean,
  level: Level = 'nominal',
  counts?: ItemCategoryCounts,
  declaredCount: number = stats.nCategories
): MetricResult {
  if (isNumericLevel(level)) return undefinedMetric(nominalOnly(level))
  const extra = { n_items: stats.ratedItems, n: stats.ratings }
  if (stats.ratedItems === 0) return undefinedMetric('no ratings', extra)
  const q = declared ? declaredCount : usedCategories(stats)
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
  const ac1 = (pa - pe) / (1 - pe)
  const result = defined(ac1, extra)
  if (counts === undefined) return result
  return withTInterval(
    result,
    chanceCorrectedSe('ac1', counts, stats, ac1, pe, q),
    stats.ratedItems,
    CHANCE_CORRECTED
  )
}
