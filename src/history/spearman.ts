/**
 * Spearman's rank correlation: Pearson's correlation of the ranks, ties
 * given their average rank (C. Spearman, "The proof and measurement of
 * association between two things", Am. J. Psychol. 15, 1904; the tie
 * handling of scipy.stats.spearmanr). Null with a reason with fewer than 3
 * pairs or when either side is constant.
 */
export function spearman(
  x: readonly number[],
  y: readonly number[]
): { rho: number | null; reason?: string } {
  const n = x.length
  if (n < 3)
    return {
      rho: null,
      reason: `${n} versions with both values; needs at least 3`
    }
  const rx = ranks(x)
  const ry = ranks(y)
  const mean = (n + 1) / 2
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    const dx = rx[i]! - mean
    const dy = ry[i]! - mean
    sxy += dx * dy
    sxx += dx * dx
    syy += dy * dy
  }
  if (sxx === 0 || syy === 0) {
    return { rho: null, reason: 'one of the two is the same in every version' }
  }
  return { rho: Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))) }
}

/** Ranks from 1, ties at their average rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!)
  const out = new Array<number>(values.length)
  for (let start = 0; start < order.length;) {
    let end = start
    while (
      end + 1 < order.length &&
      values[order[end + 1]!] === values[order[start]!]
    )
      end++
    const rank = (start + end) / 2 + 1
    for (let k = start; k <= end; k++) out[order[k]!] = rank
    start = end + 1
  }
  return out
}
