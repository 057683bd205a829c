import { isNumericLevel, type Level } from '../model/level.js'
import type { ItemGroups, PairTables } from './agreement-stats.js'
import {
  nominalOnly,
  soleAnnotatorPair,
  tableCoefficient
} from './cohen-kappa.js'
import { identityWeights } from './kappa-weights.js'
import { defined, undefinedMetric, type MetricResult } from './result.js'
import { CHANCE_CORRECTED, withTInterval } from './t-interval.js'

/**
 * Scott's pi (Scott 1955, "Reliability of content analysis: the case of
 * nominal scale coding", eq. 1): like Cohen's kappa, but chance agreement
 * uses the two annotators' pooled category shares,
 *   p_k = (r_k + c_k) / (2n),  p_e = Σ_k p_k²,  pi = (p_o − p_e) / (1 − p_e).
 * Exactly two annotators, on the items both rated; a nominal coefficient, so
 * not reported at interval and ratio levels. Standard error and t interval as
 * irrCAC's `scott2.table` (Gwet 2014); see `tableCoefficient`.
 */
export function scottPi(
  groups: ItemGroups,
  pairs: PairTables,
  level: Level = 'nominal'
): MetricResult {
  if (isNumericLevel(level)) return undefinedMetric(nominalOnly(level))
  const table = soleAnnotatorPair(
    groups,
    pairs,
    "Scott's pi",
    'krippendorff_alpha'
  )
  if (typeof table === 'string') return undefinedMetric(table)
  const K = pairs.nCategories
  const extra = { n_items: table.n, n: 2 * table.n }
  const pi = tableCoefficient(table.counts, K, identityWeights(K), true)
  if (pi === null)
    return undefinedMetric(
      'a single category is in use on the shared items, so chance agreement is 1',
      extra
    )
  return withTInterval(
    defined(pi.value, extra),
    pi.se,
    table.n,
    CHANCE_CORRECTED
  )
}
