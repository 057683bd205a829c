/**
 * Splits a sample of `n` units over strata of the given sizes, in proportion
 * to the sizes (proportional allocation; W. G. Cochran, "Sampling Techniques",
 * 3rd ed. 1977, chapter 5) with at least one unit per non-empty stratum where
 * n allows.
 *
 * - Quotas n·N_h/N are rounded by the largest-remainder (Hamilton) method, so
 *   the allocations sum to exactly n. Quotas and remainders are computed in
 *   integers (n·N_h mod N), so no float rounding can move a unit.
 * - A non-empty stratum that gets 0 is given 1, and the rest of the sample is
 *   split again over the other strata, until none gets 0. When plain
 *   proportional allocation already gives every stratum a unit, it is kept
 *   as it is. No stratum ever gets more than its size (below).
 * - With more non-empty strata than n, the n largest strata get one unit each.
 *
 * Ties (equal remainders, equal sizes) go to the larger stratum, then to the
 * earlier one in the given order, so the caller's canonical order of strata
 * makes the result deterministic.
 *
 * Why allocations never exceed sizes: with m <= M (units to place, units in
 * the strata that share them), each quota m·N_h/M is at most N_h, and a
 * remainder unit goes only to a quota with a fractional part, so below N_h.
 * Fixing strata at 1 keeps m <= M: the strata that got 0 leave, and the rest
 * got all m units within their sizes.
 */
export function allocateSample(sizes: readonly number[], n: number): number[] {
  const H = sizes.length
  const allocation = new Array<number>(H).fill(0)
  const nonEmpty = sizes.flatMap((size, h) => (size > 0 ? [h] : []))
  const total = nonEmpty.reduce((sum, h) => sum + sizes[h]!, 0)
  const sample = Math.min(Math.max(0, Math.floor(n)), total)
  if (sample === 0) return allocation

  if (sample < nonEmpty.length) {
    const largest = [...nonEmpty].sort((x, y) => sizes[y]! - sizes[x]! || x - y)
    for (const h of largest.slice(0, sample)) allocation[h] = 1
    return allocation
  }

  let active = nonEmpty
  let m = sample
  for (;;) {
    const M = active.reduce((sum, h) => sum + sizes[h]!, 0)
    const shares = hamilton(sizes, active, m, M)
    const empty = active.filter((_, j) => shares[j] === 0)
    if (empty.length === 0) {
      active.forEach((h, j) => (allocation[h] = shares[j]!))
      return allocation
    }
    for (const h of empty) allocation[h] = 1
    m -= empty.length
    active = active.filter((_, j) => shares[j] !== 0)
  }
}

/** Largest-remainder split of m units over `active` strata holding M units. */
function hamilton(
  sizes: readonly number[],
  active: readonly number[],
  m: number,
  M: number
): number[] {
  if (M === 0) return active.map(() => 0)
  const floors: number[] = []
  const remainders: number[] = []
  let placed = 0
  for (const h of active) {
    // m·N_h stays below 2^53 for any sample and stratum a machine can hold.
    const numerator = m * sizes[h]!
    let q = Math.floor(numerator / M)
    let r = numerator - q * M
    // The float division can round across an integer; the remainder cannot lie.
    if (r < 0) {
      q--
      r += M
    } else if (r >= M) {
      q++
      r -= M
    }
    floors.push(q)
    remainders.push(r)
    placed += q
  }
  const byRemainder = active
    .map((_, j) => j)
    .sort(
      (x, y) =>
        remainders[y]! - remainders[x]! ||
        sizes[active[y]!]! - sizes[active[x]!]! ||
        active[x]! - active[y]!
    )
  for (const j of byRemainder.slice(0, m - placed)) floors[j]!++
  return floors
}
