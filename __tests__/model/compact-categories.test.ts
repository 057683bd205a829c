import { describe, expect, it } from '@jest/globals'
import { computeAgreement } from '../../src/metrics/agreement.js'
import { compactCategories } from '../../src/model/compact-categories.js'
import type { Ratings } from '../../src/model/ratings.js'
import { makeRatings } from '../metrics/ratings-helper.js'

/** The ratings with getters that count their reads, as `buildRatings` has them. */
function withCountingGetters(ratings: Ratings): {
  ratings: Ratings
  reads: Record<'row' | 'itemIds' | 'annotatorIds', number>
} {
  const reads = { row: 0, itemIds: 0, annotatorIds: 0 }
  const { itemIds, annotatorIds } = ratings
  const row = Int32Array.from(ratings.item, (_, r) => r)
  return {
    reads,
    ratings: {
      level: ratings.level,
      nItems: ratings.nItems,
      nAnnotators: ratings.nAnnotators,
      categories: ratings.categories,
      declared: ratings.declared,
      values: ratings.values,
      item: ratings.item,
      annotator: ratings.annotator,
      category: ratings.category,
      get row() {
        reads.row++
        return row
      },
      get itemIds() {
        reads.itemIds++
        return itemIds
      },
      get annotatorIds() {
        reads.annotatorIds++
        return annotatorIds
      }
    }
  }
}

describe('compactCategories', () => {
  const rows = [
    ['i1', 'a', 'x'],
    ['i1', 'b', 'z'],
    ['i2', 'a', 'z'],
    ['i2', 'b', 'z']
  ] as const
  // 'y' is declared and unused: the ratings are renumbered.
  const declared = makeRatings(rows, { categories: ['x', 'y', 'z'] })

  it('renumbers without reading the ids or the rows (no decoding of 10^6 ids)', () => {
    const { ratings, reads } = withCountingGetters(declared)
    const compact = compactCategories(ratings)
    expect(compact.ratings).not.toBe(ratings)
    expect(compact.ratings.categories).toEqual(['x', 'z'])
    expect([...compact.ratings.category]).toEqual([0, 1, 1, 1])
    computeAgreement(ratings)
    // (The annotator ids name the pairwise table: a few, read as needed.)
    expect(reads.itemIds).toBe(0)
    expect(reads.row).toBe(0)
    // Read on demand, from the ratings it was made from.
    expect(compact.ratings.itemIds).toBe(declared.itemIds)
    expect(compact.ratings.row).toBe(ratings.row)
    expect(reads.itemIds).toBe(1)
  })
})
