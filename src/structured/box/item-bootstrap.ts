import {
  bootstrapStream,
  withBootstrapInterval,
  type BootstrapOptions
} from '../../metrics/bootstrap.js'
import type { MetricResult } from '../../metrics/result.js'

/**
 * Per-item sufficient statistics (`columns` numbers per item, row-major)
 * and ratio statistics computed from their sums. Every box metric is such a
 * ratio of sums over items (matches over boxes, IoU sum over matches), so
 * one pass per resample serves them all.
 */
export interface ItemStatistics {
  columns: number
  /** items x columns. */
  values: Float64Array
  items: number
}

/**
 * P(Poisson(1) <= k) for k = 0 .. 17, scaled to 2^32, for inversion with
 * one 32-bit draw (the tail beyond 17 has probability below 2^-52).
 */
const POISSON_ONE_CDF: Float64Array = (() => {
  const cdf = new Float64Array(18)
  let p = Math.exp(-1)
  let s = 0
  for (let k = 0; k < cdf.length; k++) {
    s += p
    cdf[k] = s * 4294967296
    p /= k + 1
  }
  return cdf
})()

/**
 * The seeded item-level Poisson bootstrap (the scheme of
 * src/metrics/bootstrap.ts: each item is drawn Poisson(1) times, all of its
 * boxes and annotators together) of every statistic in `statistics`, each
 * a function of the weighted column sums (NaN where undefined). Returns the
 * metrics with `se` and a percentile interval. The Poisson(1) draw is by
 * inversion of its distribution function with one 32-bit number, which
 * keeps 10^5 items x 1,000 resamples near 10^8 draws.
 */
export function bootstrapItemRatios(
  data: ItemStatistics,
  statistics: readonly ((sum: Float64Array) => number)[],
  metrics: readonly MetricResult[],
  options: BootstrapOptions,
  family: string
): MetricResult[] {
  const R = options.resamples
  const next = bootstrapStream(options, family)
  const replicates = statistics.map(() => new Float64Array(R))
  const { columns, values, items } = data
  const sum = new Float64Array(columns)
  const cdf = POISSON_ONE_CDF
  for (let r = 0; r < R; r++) {
    sum.fill(0)
    for (let i = 0; i < items; i++) {
      const u = next()
      if (u < cdf[0]!) continue
      let w = 1
      while (w < cdf.length - 1 && u >= cdf[w]!) w++
      const base = i * columns
      for (let c = 0; c < columns; c++) sum[c]! += w * values[base + c]!
    }
    for (let s = 0; s < statistics.length; s++)
      replicates[s]![r] = statistics[s]!(sum)
  }
  return metrics.map((m, s) =>
    withBootstrapInterval(m, replicates[s]!, options.level)
  )
}
