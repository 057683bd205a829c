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
 * Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many
 * raters", eqs. 1-9): N items each rated m times;
 *   P̄ = (1/N) Σ_i Σ_j n_ij(n_ij − 1) / (m(m − 1)),
 *   p_j = Σ_i n_ij / (N m),  P̄_e = Σ_j p_j²,
 *   kappa = (P̄ − P̄_e) / (1 − P̄_e).
 * Defined only when every item with ratings has the same number m >= 2 of
 * them (items with no rating are not items); otherwise null with the range.
 * A nominal coefficient: not reported at interval and ratio levels. With the
 * per-item counts, Gwet's standard error (`fleiss.kappa.raw`) and t interval.
 */
export function fleissKappa(
  stats: AgreementStats,
  level: Level = 'nominal',
  counts?: ItemCategoryCounts
): MetricResult {
  if (isNumericLevel(level)) return undefinedMetric(nominalOnly(level))
  const N = stats.ratedItems
  const m = stats.maxRatingsPerItem
  const extra = { n_items: N, n: stats.ratings }
  if (N === 0) return undefinedMetric('no ratings', extra)
  if (stats.minRatingsPerItem !== m)
    return undefinedMetric(
      `items have ${stats.minRatingsPerItem} to ${m} ratings; Fleiss' kappa needs the same number on every item`,
      extra
    )
  if (m < 2)
    return undefinedMetric(
      "every item has a single rating; Fleiss' kappa needs at least two",
      extra
    )
  if (usedCategories(stats) < 2)
    return undefinedMetric(
      'a single category is in use, so chance agreement is 1',
      extra
    )
  const observed = stats.agreementSum / N
  let chance = 0
  for (const total of stats.categoryTotals) {
    const p = total / (N * m)
    chance += p * p
  }
  const kappa = (observed - chance) / (1 - chance)
  const result = defined(kappa, extra)
  if (counts === undefined) return result
  return withTInterval(
    result,
    chanceCorrectedSe('fleiss', counts, stats, kappa, chance, 0),
    N,
    CHANCE_CORRECTED
  )
}
