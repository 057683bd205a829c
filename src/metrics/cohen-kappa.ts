import type { Level } from '../model/level.js'
import type { ItemGroups, PairTable, PairTables } from './agreement-stats.js'
import { defined, undefinedMetric, type MetricResult } from './result.js'

export type KappaWeighting = 'unweighted' | 'linear' | 'quadratic'

/**
 * Agreement weight of categories at positions i and j out of K (Cohen 1968,
 * "Weighted kappa", with the usual linear and quadratic choices):
 * linear 1 − |i − j|/(K − 1), quadratic 1 − (i − j)²/(K − 1)². Positions in
 * `Ratings.categories`, not label values; declared-but-unused categories keep
 * their position, so K is the size of the category list.
 */
export function agreementWeight(
  weighting: KappaWeighting,
  i: number,
  j: number,
  K: number
): number {
  if (i === j) return 1
  if (weighting === 'unweighted' || K < 2) return 0
  const d = Math.abs(i - j) / (K - 1)
  return weighting === 'linear' ? 1 - d : 1 - d * d
}

/**
 * Cohen's kappa of a K×K table of counts o (rows: annotator a):
 *   kappa = (p_o − p_e) / (1 − p_e), p_o = Σ w_ij o_ij / n,
 *   p_e = Σ w_ij r_i c_j / n²   (Cohen 1960 eq. 1; Cohen 1968 eqs. 2-4),
 * computed as (n Σ w o − Σ w r c) / (n² − Σ w r c), which is exact for the
 * unweighted case. Null when there is no item or chance agreement is 1.
 */
export function kappaOfTable(
  counts: ArrayLike<number>,
  K: number,
  weighting: KappaWeighting = 'unweighted'
): number | null {
  const rows = new Float64Array(K)
  const cols = new Float64Array(K)
  let n = 0
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      const o = counts[i * K + j]!
      rows[i]! += o
      cols[j]! += o
      n += o
    }
  if (n === 0) return null
  let observed = 0
  let chance = 0
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      const w = agreementWeight(weighting, i, j, K)
      if (w === 0) continue
      observed += w * counts[i * K + j]!
      chance += w * rows[i]! * cols[j]!
    }
  const denominator = n * n - chance
  if (denominator === 0) return null
  return (n * observed - chance) / denominator
}

/** Share of the table's items on which the two annotators agree exactly. */
export function agreementOfTable(
  counts: ArrayLike<number>,
  K: number
): number | null {
  let n = 0
  let same = 0
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      n += counts[i * K + j]!
      if (i === j) same += counts[i * K + j]!
    }
  return n === 0 ? null : same / n
}

/**
 * The table of the only two annotators who rated anything, or why there is
 * none: two-rater coefficients (Cohen, Scott) are computed on the items both
 * rated, and only when exactly two annotators rated anything.
 */
export function soleAnnotatorPair(
  groups: ItemGroups,
  pairs: PairTables,
  coefficient: string,
  instead: string
): PairTable | string {
  const raters = groups.raters.length
  if (raters !== 2)
    return raters === 0
      ? 'no ratings'
      : `${raters} annotator${raters === 1 ? '' : 's'}; ${coefficient} needs exactly two (see ${instead})`
  const table = pairs.get(groups.raters[0]!, groups.raters[1]!)
  if (table === undefined || table.n === 0)
    return 'the two annotators share no item'
  return table
}

const CHANCE_IS_ONE =
  'both annotators used one and the same category on their shared items, so chance agreement is 1'

/**
 * Cohen's kappa (Cohen 1960) and weighted kappa (Cohen 1968) for exactly two
 * annotators, on the items both rated. Weighted kappas need ordered labels.
 * `n_items` is the number of shared items, `n` their ratings.
 */
export function cohenKappa(
  groups: ItemGroups,
  pairs: PairTables,
  level: Level,
  weighting: KappaWeighting = 'unweighted'
): MetricResult {
  if (weighting !== 'unweighted' && level === 'nominal')
    return undefinedMetric(
      `nominal labels have no order, so ${weighting} weights do not apply`
    )
  const table = soleAnnotatorPair(groups, pairs, "Cohen's kappa", 'light_kappa')
  if (typeof table === 'string') return undefinedMetric(table)
  const extra = { n_items: table.n, n: 2 * table.n }
  const kappa = kappaOfTable(table.counts, pairs.nCategories, weighting)
  if (kappa === null) return undefinedMetric(CHANCE_IS_ONE, extra)
  return defined(kappa, extra)
}
