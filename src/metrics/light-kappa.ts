import type { Ratings } from '../model/ratings.js'
import type { PairwiseAgreement } from './result.js'
import type { ItemGroups, PairTables } from './agreement-stats.js'
import { agreementOfTable, kappaOfTable } from './cohen-kappa.js'
import { defined, undefinedMetric, type MetricResult } from './result.js'

/** Pairs sharing fewer items than this are left out of the kappa matrix. */
export const MIN_PAIR_ITEMS = 2

export interface LightKappa {
  result: MetricResult
  /** Pairs sharing >= MIN_PAIR_ITEMS items, sorted by annotator id a then b (a < b). */
  pairwise: PairwiseAgreement[]
}

/**
 * Light's kappa (Light 1971, "Measures of response agreement for qualitative
 * data", Psychological Bulletin 76): the mean of Cohen's (1960) kappa over
 * annotator pairs. Here: every pair that shares at least two items gets its
 * kappa on those items, and the mean runs over the pairs whose kappa is
 * defined (missing ratings allowed, unlike Light's complete design).
 * `n_items` is the number of distinct items in those pairs.
 */
export function lightKappa(
  ratings: Ratings,
  groups: ItemGroups,
  pairs: PairTables
): LightKappa {
  return lightKappaOf(
    ratings.annotatorIds,
    groups.raters.length,
    pairs,
    (counted) =>
      itemsInPairs(
        ratings.annotator,
        groups.start,
        groups.order,
        pairs,
        counted
      )
  )
}

/**
 * Light's kappa from the pair tables; `itemsIn` counts the items rated by at
 * least one of the counted pairs (table index -> 1), which needs each item's
 * raters. `nRaters`: annotators with at least one rating.
 */
export function lightKappaOf(
  ids: readonly string[],
  nRaters: number,
  pairs: PairTables,
  itemsIn: (counted: Uint8Array) => number
): LightKappa {
  const K = pairs.nCategories
  const counted = new Uint8Array(pairs.tables.length)
  const pairwise: PairwiseAgreement[] = []
  pairs.tables.forEach((table, index) => {
    if (table.n < MIN_PAIR_ITEMS) return
    const kappa = kappaOfTable(table.counts, K)
    if (kappa !== null) counted[index] = 1
    const x = ids[table.a] ?? String(table.a)
    const y = ids[table.b] ?? String(table.b)
    pairwise.push({
      a: x < y ? x : y,
      b: x < y ? y : x,
      n_items: table.n,
      kappa,
      percent_agreement: agreementOfTable(table.counts, K)
    })
  })
  // Code-unit order, so the list is the same on every machine and locale.
  pairwise.sort((p, q) =>
    p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0
  )
  let sum = 0
  let withKappa = 0
  for (const p of pairwise)
    if (p.kappa !== null) {
      sum += p.kappa
      withKappa++
    }
  if (nRaters < 2)
    return {
      result: undefinedMetric(
        `${nRaters} annotator${nRaters === 1 ? '' : 's'}; Light's kappa needs at least two`
      ),
      pairwise
    }
  if (pairwise.length === 0)
    return {
      result: undefinedMetric(
        `no two annotators share ${MIN_PAIR_ITEMS} or more items`
      ),
      pairwise
    }
  if (withKappa === 0)
    return {
      result: undefinedMetric(
        'no annotator pair has a defined kappa (each pair used one and the same category)'
      ),
      pairwise
    }
  const items = itemsIn(counted)
  return {
    result: defined(sum / withKappa, { n_items: items }),
    pairwise
  }
}

/**
 * Items rated by at least one of the counted pairs (a second pass over
 * items): item i's raters are `annotator[order[p]]` for p in
 * `start[i] .. start[i+1]`.
 */
export function itemsInPairs(
  annotator: Int32Array,
  start: Int32Array,
  order: Int32Array | null,
  pairs: PairTables,
  counted: Uint8Array
): number {
  // Usually every co-occurring pair counts; then any two raters on an item
  // will do, and the pair lookups can be skipped.
  const all = counted.every((c) => c === 1)
  let items = 0
  for (let i = 0; i + 1 < start.length; i++) {
    const to = start[i + 1]!
    search: for (let p = start[i]!; p < to; p++) {
      const x = annotator[order?.[p] ?? p]!
      for (let q = p + 1; q < to; q++) {
        const y = annotator[order?.[q] ?? q]!
        if (x !== y && (all || counted[pairs.index(x, y)] === 1)) {
          items++
          break search
        }
      }
    }
  }
  return items
}
