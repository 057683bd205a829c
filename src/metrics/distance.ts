import type { Level } from '../model/level.js'

/**
 * Krippendorff's squared difference functions δ²(c, k), from Krippendorff
 * (2011), "Computing Krippendorff's Alpha-Reliability", section E (metric
 * differences). Categories are indices into `Ratings.categories`.
 */

/** Nominal: 0 for the same value, 1 otherwise. */
export function nominalDistance(c: number, k: number): number {
  return c === k ? 0 : 1
}

/** Interval: (c − k)² of the numeric values. */
export function intervalDistance(vc: number, vk: number): number {
  return (vc - vk) ** 2
}

/**
 * Ratio: ((c − k) / (c + k))². Equal values are at distance 0 (also 0 and 0);
 * unequal values summing to 0 (negative values, not ratio data) give a
 * non-finite distance, which makes alpha null.
 */
export function ratioDistance(vc: number, vk: number): number {
  if (vc === vk) return 0
  return ((vc - vk) / (vc + vk)) ** 2
}

/**
 * Ordinal: δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², for c ≤ k in the
 * category order, where n_g is the number of pairable values g (the
 * coincidence marginals). Ranks, not values, so a category nobody used adds
 * nothing, but keeps its place.
 */
export function ordinalDistances(marginals: ArrayLike<number>): Float64Array {
  const K = marginals.length
  const prefix = new Float64Array(K + 1)
  for (let g = 0; g < K; g++) prefix[g + 1] = prefix[g]! + marginals[g]!
  const d = new Float64Array(K * K)
  for (let c = 0; c < K; c++) {
    for (let k = c + 1; k < K; k++) {
      const between =
        prefix[k + 1]! - prefix[c]! - (marginals[c]! + marginals[k]!) / 2
      d[c * K + k] = between * between
      d[k * K + c] = between * between
    }
  }
  return d
}

/**
 * The K×K matrix of δ² at a level, or a reason why there is none. Interval and
 * ratio need the categories' numeric values; ordinal needs the marginals.
 */
export function distanceMatrix(
  level: Level,
  values: Float64Array | null,
  marginals: ArrayLike<number>
): Float64Array | string {
  const K = marginals.length
  if (level === 'ordinal') return ordinalDistances(marginals)
  if (level === 'nominal') {
    const d = new Float64Array(K * K)
    for (let c = 0; c < K; c++)
      for (let k = 0; k < K; k++) d[c * K + k] = nominalDistance(c, k)
    return d
  }
  if (values === null || values.length < K)
    return `the ${level} level needs a numeric value for every category`
  const distance = level === 'interval' ? intervalDistance : ratioDistance
  const d = new Float64Array(K * K)
  for (let c = 0; c < K; c++)
    for (let k = 0; k < K; k++) d[c * K + k] = distance(values[c]!, values[k]!)
  return d
}
