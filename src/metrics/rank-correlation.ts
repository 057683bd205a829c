/**
 * Spearman's rank correlation (Spearman 1904): Pearson's correlation of the
 * ranks, ties given their average rank (as scipy.stats.spearmanr and R's
 * cor(method = "spearman") do). Pairs where either value is null are left out.
 * Undefined (null, with the reason) below 3 pairs or when either side has a
 * single distinct value (a zero variance of the ranks).
 */
export interface RankCorrelation {
  rho: number | null
  /** Pairs with both values defined. */
  n: number
  reason?: string
}

export const MIN_RANK_PAIRS = 3

export function rankCorrelation(
  xs: readonly (number | null)[],
  ys: readonly (number | null)[]
): RankCorrelation {
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i]
    const y = ys[i]
    if (x === null || y === null || x === undefined || y === undefined) continue
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue
    a.push(x)
    b.push(y)
  }
  const n = a.length
  if (n < MIN_RANK_PAIRS) {
    return {
      rho: null,
      n,
      reason: `${n} version${n === 1 ? '' : 's'} with both values (at least ${MIN_RANK_PAIRS} needed)`
    }
  }
  const ra = averageRanks(a)
  const rb = averageRanks(b)
  const mean = (n + 1) / 2
  let sab = 0
  let saa = 0
  let sbb = 0
  for (let i = 0; i < n; i++) {
    const da = ra[i]! - mean
    const db = rb[i]! - mean
    sab += da * db
    saa += da * da
    sbb += db * db
  }
  if (saa === 0 || sbb === 0) {
    return {
      rho: null,
      n,
      reason: 'one of the two has the same value at every version'
    }
  }
  // Clipped: rounding can step a hair outside [-1, 1].
  const rho = Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)))
  return { rho, n }
}

/** Ranks 1..n, ties sharing the mean of the ranks they span. */
export function averageRanks(values: readonly number[]): Float64Array {
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!)
  const ranks = new Float64Array(values.length)
  for (let start = 0; start < order.length;) {
    let end = start + 1
    while (end < order.length && values[order[end]!] === values[order[start]!])
      end++
    const rank = (start + 1 + end) / 2
    for (let k = start; k < end; k++) ranks[order[k]!] = rank
    start = end
  }
  return ranks
}
