import type { ItemGroups, PairTables } from './agreement-stats.js'
import { soleAnnotatorPair } from './cohen-kappa.js'
import { defined, undefinedMetric, type MetricResult } from './result.js'

/**
 * Scott's pi (Scott 1955, "Reliability of content analysis: the case of
 * nominal scale coding", eq. 1): like Cohen's kappa, but chance agreement
 * uses the two annotators' pooled category shares,
 *   p_k = (r_k + c_k) / (2n),  p_e = Σ_k p_k²,  pi = (p_o − p_e) / (1 − p_e),
 * computed as (4n·Σ o_kk − Σ (r_k + c_k)²) / (4n² − Σ (r_k + c_k)²).
 * Exactly two annotators, on the items both rated.
 */
export function scottPi(groups: ItemGroups, pairs: PairTables): MetricResult {
  const table = soleAnnotatorPair(
    groups,
    pairs,
    "Scott's pi",
    'krippendorff_alpha'
  )
  if (typeof table === 'string') return undefinedMetric(table)
  const K = pairs.nCategories
  const extra = { n_items: table.n, n: 2 * table.n }
  const pooled = new Float64Array(K)
  let same = 0
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      const o = table.counts[i * K + j]!
      pooled[i]! += o
      pooled[j]! += o
      if (i === j) same += o
    }
  let chance = 0
  for (const p of pooled) chance += p * p
  const n = table.n
  const denominator = 4 * n * n - chance
  if (denominator === 0)
    return undefinedMetric(
      'a single category is in use on the shared items, so chance agreement is 1',
      extra
    )
  return defined((4 * n * same - chance) / denominator, extra)
}
