import { describe, expect, it } from '@jest/globals'
import {
  countCategories,
  countPairs,
  groupByItem
} from '../../src/metrics/agreement-stats.js'
import { computeAgreement } from '../../src/metrics/agreement.js'
import type { Ratings } from '../../src/model/ratings.js'

/** Ratings from (item, annotator, category) codes, taken as given. */
function ratingsOf(
  rows: readonly (readonly [number, number, number])[]
): Ratings {
  return {
    level: 'nominal',
    nItems: 4,
    nAnnotators: 3,
    categories: ['a', 'b', 'c'],
    declared: false,
    values: null,
    item: Int32Array.from(rows, (r) => r[0]),
    annotator: Int32Array.from(rows, (r) => r[1]),
    category: Int32Array.from(rows, (r) => r[2]),
    row: Int32Array.from(rows, (_, r) => r),
    itemIds: ['i0', 'i1', 'i2', 'i3'],
    annotatorIds: ['x', 'y', 'z']
  }
}

// Item 2 has no rating; item 3 one.
const grouped = [
  [0, 0, 0],
  [0, 1, 0],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 2],
  [3, 1, 1]
] as const
// The same ratings, items interleaved.
const shuffled = [3, 0, 5, 1, 4, 2].map((r) => grouped[r]!)

/** The ratings of item i, as (annotator, category) pairs in group order. */
function itemRatings(ratings: Ratings, i: number): number[][] {
  const { start, order } = groupByItem(ratings)
  const out: number[][] = []
  for (let p = start[i]!; p < start[i + 1]!; p++) {
    const r = order === null ? p : order[p]!
    out.push([ratings.annotator[r]!, ratings.category[r]!])
  }
  return out
}

describe('groupByItem', () => {
  it('keeps no order array when the ratings are already grouped by item', () => {
    const ratings = ratingsOf(grouped)
    const groups = groupByItem(ratings)
    expect(groups.order).toBeNull()
    expect(Array.from(groups.start)).toEqual([0, 3, 5, 5, 6])
    expect(Array.from(groups.raters)).toEqual([0, 1, 2])
    expect(groups.skipped).toBe(0)
  })

  it('gives the same groups, counts, pair tables and coefficients either way', () => {
    const a = ratingsOf(grouped)
    const b = ratingsOf(shuffled)
    expect(groupByItem(b).order).not.toBeNull()
    for (let i = 0; i < 4; i++)
      expect(itemRatings(b, i)).toEqual(itemRatings(a, i))
    const csr = (r: Ratings): number[][] => {
      const c = countCategories(r, groupByItem(r))
      return [c.item, c.offset, c.category, c.count].map((x) => Array.from(x))
    }
    expect(csr(b)).toEqual(csr(a))
    const pairs = (r: Ratings): string =>
      JSON.stringify(
        countPairs(r, groupByItem(r)).tables.map((t) => [
          t.a,
          t.b,
          t.n,
          Array.from(t.counts)
        ])
      )
    expect(pairs(b)).toEqual(pairs(a))
    expect(JSON.stringify(computeAgreement(b))).toBe(
      JSON.stringify(computeAgreement(a))
    )
  })

  it('keeps an order array that leaves out an invalid rating in a grouped file', () => {
    // Annotator code 3 is out of range (a builder bug): the order skips it.
    const ratings = ratingsOf([
      ...grouped.slice(0, 2),
      [0, 3, 0],
      ...grouped.slice(2)
    ])
    const groups = groupByItem(ratings)
    expect(groups.skipped).toBe(1)
    expect(Array.from(groups.order!)).toEqual([0, 1, 3, 4, 5, 6])
    expect(Array.from(groups.start)).toEqual([0, 3, 5, 5, 6])
    expect(itemRatings(ratings, 0)).toEqual([
      [0, 0],
      [1, 0],
      [2, 1]
    ])
  })
})
