import { withRatings, type Ratings } from './ratings.js'

/**
 * The ratings restricted to the categories some rating uses, renumbered in
 * their original order, with what the full category space still decides.
 *
 * Why: a taxonomy of 10^4-10^5 declared classes with a handful of ratings has
 * almost no occupied cells, yet every K×K structure (coincidence matrix,
 * distances, weights, pair tables) would be sized by the declared K. Sized by
 * the used categories U instead, every coefficient is unchanged: an unused
 * category has zero counts and zero marginals, so it only ever adds exact
 * zeros to a sum, and the order of the used categories is kept (ordinal
 * distances sum marginals between two categories in that order). What the
 * unused categories do decide is carried along: Gwet's q (the declared
 * count) and the positions and span of the weighted-kappa scale.
 */
export interface CompactCategories {
  /** The same ratings with category codes in 0 .. U − 1. */
  readonly ratings: Ratings
  /** Compact code -> category code of the full space. */
  readonly original: Int32Array
  /** Number of categories of the full space. */
  readonly fullCount: number
}

const compacted = new WeakMap<Ratings, CompactCategories>()

export function compactCategories(ratings: Ratings): CompactCategories {
  let result = compacted.get(ratings)
  if (result === undefined) {
    result = compact(ratings)
    compacted.set(ratings, result)
  }
  return result
}

function compact(ratings: Ratings): CompactCategories {
  const K = ratings.categories.length
  const { category } = ratings
  const code = new Int32Array(K).fill(-1)
  for (let r = 0; r < category.length; r++) {
    const k = category[r]!
    if (k >= 0 && k < K) code[k] = 0
  }
  let used = 0
  for (let k = 0; k < K; k++) if (code[k] === 0) code[k] = used++
  const original = new Int32Array(used)
  for (let k = 0; k < K; k++) if (code[k]! >= 0) original[code[k]!] = k
  if (used === K) return { ratings, original, fullCount: K }
  // Out-of-range codes (a builder bug) stay out of range, as before.
  const remapped = category.map((k) =>
    k >= 0 && k < K ? code[k]! : k < 0 ? k : used + (k - K)
  )
  const values = ratings.values
  return {
    ratings: withRatings(ratings, {
      categories: Array.from(original, (k) => ratings.categories[k]!),
      values:
        values === null ? null : Float64Array.from(original, (k) => values[k]!),
      category: remapped
    }),
    original,
    fullCount: K
  }
}
