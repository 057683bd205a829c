import { withRatings, type Ratings } from '../model/ratings.js'

/**
 * The ratings that `keep` accepts, in their order, with the same code spaces
 * (items, annotators, categories, values): every metric runs on a slice
 * unchanged, and codes still index arrays built for the whole version, such
 * as the diff's `touchedItems`; `row` still points into the version's
 * annotation table. This is how the change's slice is cut
 * (docs/change-slice.md): agreement over the touched items with all their head
 * ratings, reference metrics over the ratings the change added or relabeled.
 *
 * `keep` may also be a mask over the rating indices (1: kept): a callback
 * per rating is a call the optimizer cannot inline when several callers
 * pass different callbacks, which cost ~30 ms per slice at 3M ratings.
 */
export function sliceRatings(
  ratings: Ratings,
  keep: ((ratingIndex: number) => boolean) | Uint8Array
): Ratings {
  const size = ratings.item.length
  let kept: Uint8Array
  let count = 0
  if (typeof keep === 'function') {
    kept = new Uint8Array(size)
    for (let r = 0; r < size; r++) {
      if (keep(r)) {
        kept[r] = 1
        count++
      }
    }
  } else {
    kept = keep
    for (let r = 0; r < size; r++) if (kept[r] === 1) count++
  }
  const item = new Int32Array(count)
  const annotator = new Int32Array(count)
  const category = new Int32Array(count)
  const row = new Int32Array(count)
  const from = ratings.row
  const { item: items, annotator: annotators, category: categories } = ratings
  let s = 0
  for (let r = 0; r < size; r++) {
    if (kept[r] !== 1) continue
    item[s] = items[r]!
    annotator[s] = annotators[r]!
    category[s] = categories[r]!
    row[s] = from[r]!
    s++
  }
  return withRatings(ratings, { item, annotator, category, row })
}
