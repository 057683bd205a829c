import { describe, expect, it } from '@jest/globals'
import { diffRatings } from '../../src/diff/diff-ratings.js'
import { sliceRatings } from '../../src/diff/slice-ratings.js'
import { computeAgreement } from '../../src/metrics/agreement.js'
import { ratingsOf, type Row } from './ratings-helper.js'

const base: Row[] = [
  ['i1', 'ann', 'pos'],
  ['i1', 'bob', 'pos'],
  ['i1', 'cat', 'pos'],
  ['i2', 'ann', 'neg'],
  ['i2', 'bob', 'neg'],
  ['i2', 'cat', 'pos'],
  ['i3', 'ann', 'neg'],
  ['i3', 'bob', 'neg'],
  ['i4', 'ann', 'pos'],
  ['i4', 'bob', 'neu']
]
// i2/cat relabeled, i3/cat added, i4/bob removed; i1 untouched.
const head: Row[] = [
  ...base.filter(([i, a]) => !(i === 'i4' && a === 'bob')),
  ['i3', 'cat', 'pos']
].map(([i, a, l]): Row => [i, a, i === 'i2' && a === 'cat' ? 'neg' : l])

describe('sliceRatings', () => {
  const headRatings = ratingsOf(head)

  it('keeps the code spaces and only the accepted ratings, in order', () => {
    const slice = sliceRatings(headRatings, (r) => r % 2 === 0)
    expect(slice.nItems).toBe(headRatings.nItems)
    expect(slice.nAnnotators).toBe(headRatings.nAnnotators)
    expect(slice.categories).toBe(headRatings.categories)
    expect(slice.itemIds).toBe(headRatings.itemIds)
    expect(slice.annotatorIds).toBe(headRatings.annotatorIds)
    expect(slice.level).toBe(headRatings.level)
    const even = (_: number, r: number) => r % 2 === 0
    expect([...slice.item]).toEqual([...headRatings.item].filter(even))
    expect([...slice.annotator]).toEqual(
      [...headRatings.annotator].filter(even)
    )
    expect([...slice.category]).toEqual([...headRatings.category].filter(even))
  })

  it('takes a mask over the ratings as it takes a callback', () => {
    const mask = Uint8Array.from(headRatings.item, (_, r) =>
      r % 3 === 1 ? 1 : 0
    )
    const byMask = sliceRatings(headRatings, mask)
    const byCallback = sliceRatings(headRatings, (r) => r % 3 === 1)
    expect(byMask.item.length).toBe(3)
    for (const key of ['item', 'annotator', 'category', 'row'] as const)
      expect([...byMask[key]]).toEqual([...byCallback[key]])
  })

  it('cuts the change slice: touched items with all their head ratings', () => {
    const diff = diffRatings(ratingsOf(base), headRatings)
    const slice = sliceRatings(
      headRatings,
      (r) => diff.touchedItems[headRatings.item[r]!] === 1
    )
    const items = [...slice.item].map((i) => headRatings.itemIds[i])
    expect([...new Set(items)].sort()).toEqual(['i2', 'i3', 'i4'])
    expect(slice.item).toHaveLength(7)

    const changed = sliceRatings(
      headRatings,
      (r) => diff.changedRatings[r] === 1
    )
    expect(
      [...changed.item].map(
        (i, s) =>
          `${headRatings.itemIds[i]}/${headRatings.annotatorIds[changed.annotator[s]!]}`
      )
    ).toEqual(['i2/cat', 'i3/cat'])
  })

  it('gives metrics the same values as the sliced rows on their own', () => {
    const keep = (row: Row) => row[0] !== 'i1'
    const slice = sliceRatings(headRatings, (r) => keep(head[r]!))
    // Same categories, so Gwet's and the marginals see the same space.
    const alone = ratingsOf(head.filter(keep), headRatings.categories)
    const sliced = computeAgreement(slice).metrics
    const expected = computeAgreement(alone).metrics
    expect(sliced.krippendorff_alpha.value).not.toBeNull()
    // Values to 12 decimals: the sums may run in another order.
    const rounded = (metrics: typeof expected) =>
      Object.entries(metrics).map(([name, m]) => [
        name,
        m.value === null ? m.reason : Number(m.value.toFixed(12)),
        m.n_items
      ])
    expect(rounded(sliced)).toEqual(rounded(expected))
  })
})
