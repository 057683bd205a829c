import type { Ratings } from '../model/ratings.js'

/**
 * The sufficient statistics of every agreement coefficient: additive counts,
 * so that 10^6 items take one pass each and memory stays bounded.
 *
 * Three layers, each computed in one pass over the previous one:
 * 1. `groupByItem`: the ratings grouped by item (a counting sort);
 * 2. `countCategories`: per-item category counts n_ik, in CSR form;
 * 3. `summarizeItems`: sums over items (coincidence matrix, category
 *    marginals, agreement shares); `countPairs`: per-annotator-pair K×K
 *    contingency tables.
 *
 * How they merge: every quantity is a sum over items, so statistics of shards
 * that partition the items (worker threads, other machines) merge by addition
 * (`mergeAgreementStats`, `PairTables.merge`); only the rating-count range
 * merges by min/max. The per-item counts merge by concatenation when the
 * shards partition the items, and by adding n_ik when one item is split.
 */

/** Ratings grouped by item: item i's ratings are `order[start[i] .. start[i+1])`. */
export interface ItemGroups {
  /** Length `nItems + 1`. */
  readonly start: Int32Array
  /**
   * Rating indices, grouped by item code, in rating order within an item; null
   * when that is the identity (item codes non-decreasing, every rating valid:
   * a file grouped by item), read as `order === null ? p : order[p]`. At 10^8
   * ratings the identity array alone was 0.4 GB at the run's peak memory.
   */
  readonly order: Int32Array | null
  /** Annotator codes with at least one rating, ascending. */
  readonly raters: Int32Array
  /** Ratings left out because a code was out of range (a builder bug, never data). */
  readonly skipped: number
}

// One check asks for the same version's groups and pair tables several times
// (agreement, diff, drift, adjudication); ratings are never mutated, so the
// results are kept per ratings object.
const groupsOf = new WeakMap<Ratings, ItemGroups>()
const pairsOf = new WeakMap<Ratings, PairTables>()

/** A counting sort by item code: O(ratings + items), no comparisons. */
export function groupByItem(ratings: Ratings): ItemGroups {
  let groups = groupsOf.get(ratings)
  if (groups === undefined) {
    groups = sortByItem(ratings)
    groupsOf.set(ratings, groups)
  }
  return groups
}

function sortByItem(ratings: Ratings): ItemGroups {
  // Locals, not property reads, in the loops: this runs on millions of rows.
  const { item, annotator, category } = ratings
  const size = Math.min(item.length, annotator.length, category.length)
  const nItems = Math.max(0, ratings.nItems)
  const nAnnotators = Math.max(0, ratings.nAnnotators)
  const K = ratings.categories.length
  const start = new Int32Array(nItems + 1)
  const rated = new Uint8Array(nAnnotators)
  // Out-of-range codes (a builder bug, never data) are left out, not thrown on;
  // the mask of them is allocated only when there is one (10^8 bytes at 10^8).
  let invalid: Uint8Array | null = null
  let nValid = 0
  // Non-decreasing item codes (buildRatings keeps file order, and a file
  // grouped by item gets its codes in that order) need no scatter: the
  // counting sort's random writes measured ~0.1 s on 3M ratings.
  let grouped = true
  for (let r = 0, previous = -1; r < size; r++) {
    const i = item[r]!
    const a = annotator[r]!
    const k = category[r]!
    if (i < 0 || i >= nItems || a < 0 || a >= nAnnotators || k < 0 || k >= K) {
      invalid ??= new Uint8Array(size)
      invalid[r] = 1
      continue
    }
    if (i < previous) grouped = false
    previous = i
    start[i + 1]!++
    rated[a] = 1
    nValid++
  }
  for (let i = 0; i < nItems; i++) start[i + 1]! += start[i]!
  let order: Int32Array | null = null
  if (grouped && invalid !== null) {
    order = new Int32Array(nValid)
    for (let r = 0, p = 0; r < size; r++) if (invalid[r] === 0) order[p++] = r
  } else if (!grouped) {
    order = new Int32Array(nValid)
    const next = start.slice(0, nItems)
    for (let r = 0; r < size; r++)
      if (invalid === null || invalid[r] === 0) order[next[item[r]!]!++] = r
  }
  const raters: number[] = []
  for (let a = 0; a < nAnnotators; a++) if (rated[a] === 1) raters.push(a)
  return {
    start,
    order,
    raters: Int32Array.from(raters),
    skipped: size - nValid
  }
}

/**
 * Per-item category counts n_ik in CSR form, for items with at least one
 * rating: item `item[j]` has `count[e]` ratings of category `category[e]` for
 * e in `offset[j] .. offset[j+1]`, categories ascending.
 */
export interface ItemCategoryCounts {
  readonly nCategories: number
  readonly item: Int32Array
  readonly offset: Int32Array
  readonly category: Int32Array
  readonly count: Int32Array
}

export function countCategories(
  ratings: Ratings,
  groups: ItemGroups
): ItemCategoryCounts {
  const nCategories = ratings.categories.length
  const labels = ratings.category
  const { start, order } = groups
  const nItems = start.length - 1
  const scratch = new Int32Array(nCategories)
  const items = new Int32Array(nItems)
  const offset = new Int32Array(nItems + 1)
  // At most one entry per rating.
  const category = new Int32Array(start[nItems]!)
  const count = new Int32Array(start[nItems]!)
  let rated = 0
  let e = 0
  for (let i = 0; i < nItems; i++) {
    const from = start[i]!
    const to = start[i + 1]!
    if (from === to) continue
    const first = e
    for (let p = from; p < to; p++) {
      const k = labels[order?.[p] ?? p]!
      if (scratch[k]!++ === 0) {
        // Insertion keeps categories ascending, so the CSR is canonical
        // whatever the rating order; items have few distinct labels.
        let q = e++
        while (q > first && category[q - 1]! > k) {
          category[q] = category[q - 1]!
          q--
        }
        category[q] = k
      }
    }
    for (let q = first; q < e; q++) {
      count[q] = scratch[category[q]!]!
      scratch[category[q]!] = 0
    }
    items[rated++] = i
    offset[rated] = e
  }
  // Views, not copies: copying four arrays of up to 3M entries cost more
  // than the slack they keep alive.
  return {
    nCategories,
    item: items.subarray(0, rated),
    offset: offset.subarray(0, rated + 1),
    category: category.subarray(0, e),
    count: count.subarray(0, e)
  }
}

/** Sums over items of the per-item counts; see `summarizeItems`. */
export interface AgreementStats {
  readonly nCategories: number
  /** Items with at least one rating, and their ratings. */
  ratedItems: number
  ratings: number
  /** Items with at least two ratings (Krippendorff's pairable units), and their ratings. */
  pairableItems: number
  pairableRatings: number
  /** Fewest and most ratings on a rated item (0 when none); merge by min/max. */
  minRatingsPerItem: number
  maxRatingsPerItem: number
  /** Σ over pairable items of Σ_k n_ik(n_ik − 1) / (m_i(m_i − 1)): agreeing pairs' share. */
  agreementSum: number
  /** Krippendorff's coincidence matrix o_ck (K×K, row-major). */
  coincidence: Float64Array
  /** n_k: values of category k in pairable units (the coincidence marginals). */
  pairableTotals: Float64Array
  /** All ratings of category k. */
  categoryTotals: Float64Array
  /** Σ over rated items of n_ik / m_i (Gwet's category shares, before the mean). */
  categoryShareSum: Float64Array
}

export function emptyAgreementStats(nCategories: number): AgreementStats {
  return {
    nCategories,
    ratedItems: 0,
    ratings: 0,
    pairableItems: 0,
    pairableRatings: 0,
    minRatingsPerItem: 0,
    maxRatingsPerItem: 0,
    agreementSum: 0,
    coincidence: new Float64Array(nCategories * nCategories),
    pairableTotals: new Float64Array(nCategories),
    categoryTotals: new Float64Array(nCategories),
    categoryShareSum: new Float64Array(nCategories)
  }
}

/**
 * One pass over the per-item counts. The coincidence matrix follows
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
 * o_ck = Σ_u (number of c-k pairs of values in unit u) / (m_u − 1), where a
 * unit with n_uc values c holds n_uc·n_uk ordered c-k pairs (c ≠ k) and
 * n_uc(n_uc − 1) c-c pairs.
 *
 * `weights` (one per entry of `counts.item`) counts each item that many
 * times: the bootstrap passes distinct per-item count patterns with their
 * resampled multiplicities instead of repeating items; items of weight 0 are
 * left out.
 */
export function summarizeItems(
  counts: ItemCategoryCounts,
  weights?: ArrayLike<number>
): AgreementStats {
  const K = counts.nCategories
  const stats = emptyAgreementStats(K)
  const { offset, category, count } = counts
  const coincidence = stats.coincidence
  let min = Infinity
  let max = 0
  for (let j = 0; j + 1 < offset.length; j++) {
    const w = weights === undefined ? 1 : weights[j]!
    if (w === 0) continue
    const from = offset[j]!
    const to = offset[j + 1]!
    let m = 0
    for (let e = from; e < to; e++) m += count[e]!
    stats.ratedItems += w
    stats.ratings += w * m
    if (m < min) min = m
    if (m > max) max = m
    for (let e = from; e < to; e++) {
      stats.categoryTotals[category[e]!]! += w * count[e]!
      stats.categoryShareSum[category[e]!]! += (w * count[e]!) / m
    }
    if (m < 2) continue
    stats.pairableItems += w
    stats.pairableRatings += w * m
    let agreeing = 0
    for (let e = from; e < to; e++) {
      const c = category[e]!
      const nc = count[e]!
      agreeing += nc * (nc - 1)
      stats.pairableTotals[c]! += w * nc
      for (let f = from; f < to; f++) {
        const nk = f === e ? nc - 1 : count[f]!
        // Divide, not multiply by 1/(m − 1): the same rounding whatever the shard.
        coincidence[c * K + category[f]!]! += (w * (nc * nk)) / (m - 1)
      }
    }
    stats.agreementSum += (w * agreeing) / (m * (m - 1))
  }
  stats.minRatingsPerItem = stats.ratedItems > 0 ? min : 0
  stats.maxRatingsPerItem = max
  return stats
}

/** Statistics of two shards whose items do not overlap. */
export function mergeAgreementStats(
  a: AgreementStats,
  b: AgreementStats
): AgreementStats {
  if (a.nCategories !== b.nCategories)
    throw new Error('merging statistics of different category spaces')
  const add = (x: Float64Array, y: Float64Array): Float64Array =>
    x.map((v, k) => v + y[k]!)
  const bounds =
    a.ratedItems === 0
      ? [b.minRatingsPerItem, b.maxRatingsPerItem]
      : b.ratedItems === 0
        ? [a.minRatingsPerItem, a.maxRatingsPerItem]
        : [
            Math.min(a.minRatingsPerItem, b.minRatingsPerItem),
            Math.max(a.maxRatingsPerItem, b.maxRatingsPerItem)
          ]
  return {
    nCategories: a.nCategories,
    ratedItems: a.ratedItems + b.ratedItems,
    ratings: a.ratings + b.ratings,
    pairableItems: a.pairableItems + b.pairableItems,
    pairableRatings: a.pairableRatings + b.pairableRatings,
    minRatingsPerItem: bounds[0]!,
    maxRatingsPerItem: bounds[1]!,
    agreementSum: a.agreementSum + b.agreementSum,
    coincidence: add(a.coincidence, b.coincidence),
    pairableTotals: add(a.pairableTotals, b.pairableTotals),
    categoryTotals: add(a.categoryTotals, b.categoryTotals),
    categoryShareSum: add(a.categoryShareSum, b.categoryShareSum)
  }
}

/** Categories that at least one rating used. */
export function usedCategories(stats: AgreementStats): number {
  let used = 0
  for (const total of stats.categoryTotals) if (total > 0) used++
  return used
}

/**
 * The contingency table of two annotators (codes a < b) over the items both
 * rated: `counts[ka * K + kb]` items got category ka from a and kb from b.
 * Int32 counts: half the memory of float64, which keeps a thousand 20×20
 * tables in cache; a cell would need 2^31 shared items to overflow.
 */
export interface PairTable {
  readonly a: number
  readonly b: number
  readonly counts: Int32Array
  /** Items both rated (the sum of `counts`). */
  readonly n: number
}

// Above this many annotators, a dense pair index (nAnnotators² int32) would
// cost more than 4 MB; a Map keyed by pair then holds only co-occurring pairs.
export const DENSE_PAIR_INDEX_MAX_ANNOTATORS = 1024

/**
 * The K×K tables of every annotator pair that shares at least one item. The
 * counts of all tables live in one growing Int32Array (table t at t·K²):
 * thousands of small typed arrays would each cost a backing store and GC
 * work, which dominated the run time with hundreds of annotators.
 */
export class PairTables {
  readonly nCategories: number
  readonly nAnnotators: number
  private cells: Int32Array
  private readonly pairA: number[] = []
  private readonly pairB: number[] = []
  private readonly totals: number[] = []
  private views: PairTable[] | null = null
  // Both hold table index + 1 per pair key a·nAnnotators + b, so 0 is "none".
  private readonly dense: Int32Array | null
  private readonly sparse: Map<number, number> | null

  constructor(nAnnotators: number, nCategories: number) {
    this.nAnnotators = nAnnotators
    this.nCategories = nCategories
    this.cells = new Int32Array(16 * nCategories * nCategories)
    const dense = nAnnotators <= DENSE_PAIR_INDEX_MAX_ANNOTATORS
    this.dense = dense ? new Int32Array(nAnnotators * nAnnotators) : null
    this.sparse = dense ? null : new Map()
  }

  /**
   * One pass over the items: every pair of ratings within an item adds one
   * count to its annotators' table. Cost is Σ_i m_i(m_i − 1)/2, and memory is
   * K² per pair that actually co-occurs (not per possible pair).
   */
  static count(ratings: Ratings, groups: ItemGroups): PairTables {
    const nA = Math.max(0, ratings.nAnnotators)
    const K = ratings.categories.length
    const KK = K * K
    const pairs = new PairTables(nA, K)
    const { dense, sparse } = pairs
    const { annotator, category } = ratings
    const { start, order } = groups
    let cells = pairs.cells
    // The hot loop of the whole tool on large data: locals, no calls on the
    // dense path except to open a new table.
    for (let i = 0; i + 1 < start.length; i++) {
      const to = start[i + 1]!
      for (let p = start[i]!; p < to; p++) {
        const r = order?.[p] ?? p
        const x = annotator[r]!
        const kx = category[r]!
        for (let q = p + 1; q < to; q++) {
          const s = order?.[q] ?? q
          const y = annotator[s]!
          // One rating per (item, annotator) is the contract; a repeat is not a pair.
          if (x === y) continue
          const ky = category[s]!
          const key = x < y ? x * nA + y : y * nA + x
          let slot = dense !== null ? dense[key]! : (sparse!.get(key) ?? 0)
          if (slot === 0) {
            slot = pairs.create(key)
            cells = pairs.cells
          }
          cells[(slot - 1) * KK + (x < y ? kx * K + ky : ky * K + kx)]!++
        }
      }
    }
    for (let t = 0; t < pairs.pairA.length; t++) {
      let n = 0
      for (let c = t * KK; c < (t + 1) * KK; c++) n += cells[c]!
      pairs.totals[t] = n
    }
    return pairs
  }

  /** Every table, in order of first co-occurrence (views; read, don't keep). */
  get tables(): readonly PairTable[] {
    if (this.views === null) {
      const KK = this.nCategories * this.nCategories
      this.views = this.pairA.map((a, t) => ({
        a,
        b: this.pairB[t]!,
        counts: this.cells.subarray(t * KK, (t + 1) * KK),
        n: this.totals[t]!
      }))
    }
    return this.views
  }

  /** The table of annotators x and y (either order), or undefined. */
  get(x: number, y: number): PairTable | undefined {
    const index = this.index(x, y)
    return index < 0 ? undefined : this.tables[index]
  }

  /** Position in `tables` of the pair x, y (either order), or -1. */
  index(x: number, y: number): number {
    const key = x < y ? x * this.nAnnotators + y : y * this.nAnnotators + x
    return this.slot(key) - 1
  }

  /** Counts `times` items where annotator x gave category kx and y gave ky. */
  add(x: number, kx: number, y: number, ky: number, times = 1): void {
    const K = this.nCategories
    const key = x < y ? x * this.nAnnotators + y : y * this.nAnnotators + x
    let slot = this.slot(key)
    if (slot === 0) slot = this.create(key)
    const cell = x < y ? kx * K + ky : ky * K + kx
    this.cells[(slot - 1) * K * K + cell]! += times
    this.totals[slot - 1]! += times
    this.views = null
  }

  /** Adds another shard's tables (same annotator and category codes). */
  merge(other: PairTables): void {
    const K = this.nCategories
    for (const t of other.tables)
      for (let cell = 0; cell < K * K; cell++)
        if (t.counts[cell]! > 0)
          this.add(t.a, Math.floor(cell / K), t.b, cell % K, t.counts[cell]!)
  }

  private slot(key: number): number {
    return this.dense !== null
      ? (this.dense[key] ?? 0)
      : (this.sparse!.get(key) ?? 0)
  }

  private create(key: number): number {
    const a = Math.floor(key / this.nAnnotators)
    this.pairA.push(a)
    this.pairB.push(key - a * this.nAnnotators)
    this.totals.push(0)
    const slot = this.pairA.length
    const KK = this.nCategories * this.nCategories
    if (slot * KK > this.cells.length) {
      const grown = new Int32Array(2 * slot * KK)
      grown.set(this.cells)
      this.cells = grown
    }
    if (this.dense !== null) this.dense[key] = slot
    else this.sparse!.set(key, slot)
    this.views = null
    return slot
  }
}

/** The annotator-pair tables of the ratings; see `PairTables.count`. */
export function countPairs(ratings: Ratings, groups: ItemGroups): PairTables {
  let pairs = pairsOf.get(ratings)
  if (pairs === undefined) {
    pairs = PairTables.count(ratings, groups)
    pairsOf.set(ratings, pairs)
  }
  return pairs
}
