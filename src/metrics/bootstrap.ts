import { seededRandom, type Random32 } from '../governance/seeded-random.js'
import type { ItemCategoryCounts } from './agreement-stats.js'
import type { MetricResult } from './result.js'

/**
 * The seeded item-level (cluster) bootstrap.
 *
 * Items are the resampling unit: all ratings of an item stay together, which
 * is what makes it a cluster bootstrap (Davison and Hinkley 1997, Bootstrap
 * Methods and their Application, section 3.8). Two choices keep it bounded
 * on millions of items:
 * - items are compressed to their distinct sufficient statistics (per-item
 *   category counts, or a cell of a two-annotator table, or per-item
 *   (compared, correct) counts) with their frequencies; a resample draws a
 *   multiplicity per distinct pattern, never per item, so its cost is the
 *   number of patterns, not of items;
 * - multiplicities are Poisson(frequency) draws, the Poisson bootstrap
 *   (Hanley and MacGibbon 2006, "Creating non-parametric bootstrap samples
 *   using Poisson frequencies", Computer Methods and Programs in Biomedicine
 *   83; Chamandy et al. 2012, "Estimating uncertainty for massive data
 *   streams", Google): each item is drawn Poisson(1) times independently,
 *   and a sum of independent Poisson(1) is Poisson(frequency). The resample
 *   size varies around n (by about √n), which the ratio-type coefficients
 *   here absorb; it agrees with the multinomial bootstrap as n grows.
 * The interval is the percentile interval of the resampled coefficients and
 * `se` their standard deviation. Resamples where the coefficient is undefined
 * are left out; with fewer than half defined there is no interval.
 */

/** A uniform double in (0, 1) with 53 random bits. */
export function uniform(next: Random32): number {
  const high = next() >>> 5
  const low = next() >>> 6
  return (high * 67108864 + low + 0.5) / 9007199254740992
}

/** ln k! (exact sums below 30, Stirling's series above: error < 1e-14). */
function logFactorial(k: number): number {
  if (k < 30) {
    let s = 0
    for (let i = 2; i <= k; i++) s += Math.log(i)
    return s
  }
  const x = k + 1
  return (
    (x - 0.5) * Math.log(x) -
    x +
    0.5 * Math.log(2 * Math.PI) +
    1 / (12 * x) -
    1 / (360 * x ** 3) +
    1 / (1260 * x ** 5)
  )
}

/**
 * A Poisson(λ) draw: multiplication of uniforms (Knuth, TAOCP vol. 2,
 * 3.4.1) below λ = 10, else W. Hörmann's PTRS transformed rejection ("The
 * transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12, 1993), as in NumPy's
 * `random_poisson_ptrs`. Both are exact; expected cost O(min(λ, 1)) draws.
 */
export function poisson(next: Random32, lambda: number): number {
  if (lambda <= 0) return 0
  if (lambda < 10) {
    const limit = Math.exp(-lambda)
    let k = 0
    let product = uniform(next)
    while (product > limit) {
      k++
      product *= uniform(next)
    }
    return k
  }
  const slam = Math.sqrt(lambda)
  const loglam = Math.log(lambda)
  const b = 0.931 + 2.53 * slam
  const a = -0.059 + 0.02483 * b
  const invalpha = 1.1239 + 1.1328 / (b - 3.4)
  const vr = 0.9277 - 3.6224 / (b - 2)
  for (;;) {
    const U = uniform(next) - 0.5
    const V = uniform(next)
    const us = 0.5 - Math.abs(U)
    const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43)
    if (us >= 0.07 && V <= vr) return k
    if (k < 0 || (us < 0.013 && V > us)) continue
    if (
      Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
      -lambda + k * loglam - logFactorial(k)
    )
      return k
  }
}

/** One Poisson multiplicity per pattern, into `out`. */
export function resampleFrequencies(
  next: Random32,
  frequency: ArrayLike<number>,
  out: Float64Array
): Float64Array {
  for (let j = 0; j < frequency.length; j++)
    out[j] = poisson(next, frequency[j]!)
  return out
}

/** Per-item category counts compressed to their distinct patterns. */
export interface CountPatterns {
  /** The distinct per-item count vectors (in `item`: the pattern's first item). */
  readonly patterns: ItemCategoryCounts
  /** How many items have each pattern. */
  readonly frequency: Float64Array
}

/**
 * Groups items with identical category counts. With few labels per item the
 * patterns are few (at most a few thousand for five categories and up to ten
 * ratings), however many items there are.
 */
export function compressItems(counts: ItemCategoryCounts): CountPatterns {
  const { offset, category, count, item } = counts
  const index = new Map<string, number>()
  const first: number[] = []
  const frequency: number[] = []
  for (let j = 0; j + 1 < offset.length; j++) {
    let key = ''
    for (let e = offset[j]!; e < offset[j + 1]!; e++)
      key += `${category[e]!}:${count[e]!},`
    const p = index.get(key)
    if (p === undefined) {
      index.set(key, first.length)
      first.push(j)
      frequency.push(1)
    } else frequency[p]!++
  }
  const size = first.reduce((s, j) => s + offset[j + 1]! - offset[j]!, 0)
  const pOffset = new Int32Array(first.length + 1)
  const pCategory = new Int32Array(size)
  const pCount = new Int32Array(size)
  const pItem = new Int32Array(first.length)
  let e = 0
  first.forEach((j, p) => {
    pItem[p] = item[j]!
    for (let f = offset[j]!; f < offset[j + 1]!; f++, e++) {
      pCategory[e] = category[f]!
      pCount[e] = count[f]!
    }
    pOffset[p + 1] = e
  })
  return {
    patterns: {
      nCategories: counts.nCategories,
      item: pItem,
      offset: pOffset,
      category: pCategory,
      count: pCount
    },
    frequency: Float64Array.from(frequency)
  }
}

/** Bootstrap settings: resamples and the seed of the random stream. */
export interface BootstrapOptions {
  resamples: number
  /** Any string; the head revision makes the intervals deterministic per commit. */
  seed: string
  level?: number
}

/** The random stream of one family of metrics. */
export function bootstrapStream(
  options: BootstrapOptions,
  family: string
): Random32 {
  return seededRandom(`${options.seed}\u0000${family}`)
}

/** Type-7 (linear interpolation) quantile of sorted values, as R's default. */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  const hi = Math.min(sorted.length - 1, lo + 1)
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!)
}

/**
 * The metric with its bootstrap standard error and percentile interval from
 * the resampled values (NaN where undefined). A metric without a value is
 * returned unchanged; too few defined resamples give `se: null`.
 */
export function withBootstrapInterval(
  metric: MetricResult,
  replicates: Float64Array,
  level = 0.95
): MetricResult {
  if (metric.value === null) return metric
  const defined = replicates.filter((v) => Number.isFinite(v)).sort()
  if (defined.length < Math.max(2, replicates.length / 2))
    return { ...metric, se: null }
  let mean = 0
  for (const v of defined) mean += v
  mean /= defined.length
  let ss = 0
  for (const v of defined) ss += (v - mean) ** 2
  return {
    ...metric,
    se: Math.sqrt(ss / (defined.length - 1)),
    ci: {
      low: quantile(defined, (1 - level) / 2),
      high: quantile(defined, (1 + level) / 2),
      level,
      method: 'bootstrap'
    }
  }
}
