import { isNumericLevel, type Level } from '../model/level.js'
import type { ItemGroups, PairTable, PairTables } from './agreement-stats.js'
import type { KappaWeighting } from './kappa-weights.js'
import { defined, undefinedMetric, type MetricResult } from './result.js'
import { CHANCE_CORRECTED, withTInterval } from './t-interval.js'

export type { KappaWeighting } from './kappa-weights.js'

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
 * Kappa of a K×K table under any agreement weights W (1 on the diagonal):
 * (p_o − p_e)/(1 − p_e) with p_o = Σ w_kl p_kl, p_e = Σ w_kl p_k. p_.l, and
 * its standard error by Gwet (2014, Handbook of Inter-Rater Reliability, 4th
 * ed., ch. 5) as irrCAC's `kappa2.table` computes it (f = 0):
 *   v = (1/(n(1 − p_e)²)) (Σ p_kl (w_kl − (1 − κ)(w̄_k. + w̄_.l))² − (p_o − 2(1 − κ)p_e)²)
 * with w̄_k. = Σ_l w_kl p_.l and w̄_.l = Σ_k w_kl p_k.. `pooled` gives Scott's
 * pi instead (`scott2.table`): both margins replaced by their mean.
 */
export function tableCoefficient(
  counts: ArrayLike<number>,
  K: number,
  w: Float64Array,
  pooled = false
): { value: number; se: number; n: number } | null {
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
  for (let k = 0; k < K; k++) {
    rows[k]! /= n
    cols[k]! /= n
    if (pooled) rows[k] = cols[k] = (rows[k]! + cols[k]!) / 2
  }
  // The value as (n Σ w o − Σ w r c)/(n² − Σ w r c) on counts, the same
  // order of operations as `kappaOfTable`, so both agree to the last bit.
  let observed = 0
  let chanceCounts = 0
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      const wij = w[i * K + j]!
      if (wij === 0) continue
      observed += wij * counts[i * K + j]!
      chanceCounts += wij * (rows[i]! * n) * (cols[j]! * n)
    }
  let po = 0
  let pe = 0
  const wCol = new Float64Array(K) // w̄_k. = Σ_l w_kl p_.l
  const wRow = new Float64Array(K) // w̄_.l = Σ_k w_kl p_k.
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      const wij = w[i * K + j]!
      if (wij === 0) continue
      po += (wij * counts[i * K + j]!) / n
      pe += wij * rows[i]! * cols[j]!
      wCol[i]! += wij * cols[j]!
      wRow[j]! += wij * rows[i]!
    }
  const denominator = n * n - chanceCounts
  if (denominator === 0 || 1 - pe <= 1e-15) return null
  const value = (n * observed - chanceCounts) / denominator
  let sum = 0
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      const o = counts[i * K + j]!
      if (o === 0) continue
      const margin = pooled
        ? (wCol[i]! + wRow[i]! + wCol[j]! + wRow[j]!) / 2
        : wCol[i]! + wRow[j]!
      sum += (o / n) * (w[i * K + j]! - (1 - value) * margin) ** 2
    }
  const variance =
    (sum - (po - 2 * (1 - value) * pe) ** 2) / (n * (1 - pe) ** 2)
  return { value, se: Math.sqrt(Math.max(variance, 0)), n }
}

/**
 * Cohen's kappa (Cohen 1960) and weighted kappa (Cohen 1968) for exactly two
 * annotators, on the items both rated, with Gwet's standard error and t
 * interval. Weighted kappas need ordered labels; unweighted kappa is a
 * nominal coefficient, not reported at interval and ratio levels (the
 * weighted ones weigh by value there). `weights` comes from
 * `kappaWeights`. `n_items` is the number of shared items, `n` their ratings.
 */
export function cohenKappa(
  groups: ItemGroups,
  pairs: PairTables,
  level: Level,
  weighting: KappaWeighting,
  weights: Float64Array
): MetricResult {
  if (weighting !== 'unweighted' && level === 'nominal')
    return undefinedMetric(
      `nominal labels have no order, so ${weighting} weights do not apply`
    )
  if (weighting === 'unweighted' && isNumericLevel(level))
    return undefinedMetric(nominalOnly(level))
  const table = soleAnnotatorPair(groups, pairs, "Cohen's kappa", 'light_kappa')
  if (typeof table === 'string') return undefinedMetric(table)
  const extra = { n_items: table.n, n: 2 * table.n }
  const kappa = tableCoefficient(table.counts, pairs.nCategories, weights)
  if (kappa === null) return undefinedMetric(CHANCE_IS_ONE, extra)
  return withTInterval(
    defined(kappa.value, extra),
    kappa.se,
    table.n,
    CHANCE_CORRECTED
  )
}

/** The reason a nominal-only coefficient gives at interval and ratio levels. */
export function nominalOnly(level: Level): string {
  return `nominal coefficient, not defined for level ${level}`
}
