import { Interner } from '../../src/model/interner.js'
import type { Ratings } from '../../src/model/ratings.js'

/** One rating: item id, annotator id, label text. */
export type Row = readonly [item: string, annotator: string, label: string]

/**
 * Test-only nominal `Ratings`: items and annotators interned in row order,
 * categories the labels used sorted by text unless given (to build versions
 * whose category codes differ). Rows are kept as given, duplicates included.
 */
export function ratingsOf(
  rows: readonly Row[],
  categories: readonly string[] = [...new Set(rows.map((r) => r[2]))].sort()
): Ratings {
  const items = new Interner()
  const annotators = new Interner()
  const position = new Map(categories.map((c, k) => [c, k]))
  const item = new Int32Array(rows.length)
  const annotator = new Int32Array(rows.length)
  const category = new Int32Array(rows.length)
  rows.forEach(([i, a, label], r) => {
    const k = position.get(label)
    if (k === undefined) throw new Error(`label ${label} is not a category`)
    item[r] = items.intern(i)
    annotator[r] = annotators.intern(a)
    category[r] = k
  })
  return {
    level: 'nominal',
    nItems: items.size,
    nAnnotators: annotators.size,
    categories,
    declared: false,
    values: null,
    item,
    annotator,
    category,
    row: Int32Array.from(item, (_, r) => r),
    itemIds: items.values,
    annotatorIds: annotators.values
  }
}

/** Item ids whose flag is set, sorted. */
export function flaggedItems(ratings: Ratings, flags: Uint8Array): string[] {
  return ratings.itemIds.filter((_, i) => flags[i] === 1).sort()
}

/** `item/annotator` of the ratings whose flag is set, sorted. */
export function flaggedRatings(ratings: Ratings, flags: Uint8Array): string[] {
  const out: string[] = []
  flags.forEach((flag, r) => {
    if (flag === 1)
      out.push(
        `${ratings.itemIds[ratings.item[r]!]}/${ratings.annotatorIds[ratings.annotator[r]!]}`
      )
  })
  return out.sort()
}
