import type { Ratings } from '../model/ratings.js'

/**
 * Ratings grouped by item (a counting sort): the ratings of the g-th rated
 * item are `order[start[g]] .. order[start[g + 1] - 1]`, indices into the
 * rating arrays. Truth inference visits items one at a time and annotators
 * one rating at a time; this keeps both passes linear with typed arrays.
 */
export interface ItemGroups {
  /** Item code of each rated item, in item-code order. */
  readonly items: Int32Array
  /** Length items.length + 1. */
  readonly start: Int32Array
  readonly order: Int32Array
  /** Item code -> group index, -1 for items without a rating. */
  readonly groupOf: Int32Array
}

export function groupByItem(ratings: Ratings): ItemGroups {
  const { item } = ratings
  const counts = new Int32Array(ratings.nItems)
  for (let r = 0; r < item.length; r++) counts[item[r]!]!++
  const groupOf = new Int32Array(ratings.nItems).fill(-1)
  let groups = 0
  for (let i = 0; i < counts.length; i++)
    if (counts[i]! > 0) groupOf[i] = groups++
  const items = new Int32Array(groups)
  const start = new Int32Array(groups + 1)
  for (let i = 0; i < counts.length; i++) {
    const g = groupOf[i]!
    if (g < 0) continue
    items[g] = i
    start[g + 1] = counts[i]!
  }
  for (let g = 0; g < groups; g++) start[g + 1] += start[g]!
  const fill = start.slice(0, groups)
  const order = new Int32Array(item.length)
  for (let r = 0; r < item.length; r++) order[fill[groupOf[item[r]!]!]!++] = r
  return { items, start, order, groupOf }
}
