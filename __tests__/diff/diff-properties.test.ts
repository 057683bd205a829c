import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { diffRatings, type RatingsDiff } from '../../src/diff/diff-ratings.js'
import type { DiffReport } from '../../src/report/types.js'
import {
  flaggedItems,
  flaggedRatings,
  ratingsOf,
  type Row
} from './ratings-helper.js'

/** Random rows over small pools, so versions overlap; one per (item, annotator). */
const rowsArb: fc.Arbitrary<Row[]> = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 9 }),
      fc.integer({ min: 0, max: 4 }),
      fc.constantFrom('a', 'b', 'c', 'd')
    ),
    { maxLength: 40 }
  )
  .map((tuples) => {
    const seen = new Set<string>()
    const rows: Row[] = []
    for (const [i, a, label] of tuples) {
      if (seen.has(`${i}/${a}`)) continue
      seen.add(`${i}/${a}`)
      rows.push([`item${i}`, `ann${a}`, label])
    }
    return rows
  })

/** A base and a head made from it by random removals, relabels and additions. */
const versionsArb = fc
  .tuple(rowsArb, rowsArb, fc.array(fc.integer({ min: 0, max: 3 })))
  .map(([base, extra, edits]) => {
    const head: Row[] = []
    base.forEach((row, r) => {
      const edit = edits[r] ?? 0
      if (edit === 1) return // removed
      head.push(edit === 2 ? [row[0], row[1], row[2] === 'a' ? 'b' : 'a'] : row)
    })
    const taken = new Set(head.map(([i, a]) => `${i}/${a}`))
    for (const row of extra)
      if (!taken.has(`${row[0]}/${row[1]}`)) head.push(row)
    return { base, head }
  })

const shuffledArb = (rows: Row[]): fc.Arbitrary<Row[]> =>
  fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })

/** The diff by string keys, straight from the definitions. */
function naiveDiff(base: Row[], head: Row[]) {
  const key = (i: string, a: string) => JSON.stringify([i, a])
  const baseLabels = new Map(base.map(([i, a, l]) => [key(i, a), l]))
  const headLabels = new Map(head.map(([i, a, l]) => [key(i, a), l]))
  const baseItems = new Set(base.map((r) => r[0]))
  const headItems = new Set(head.map((r) => r[0]))
  const touched = new Set<string>()
  const changed: string[] = []
  const report: DiffReport = {
    items_added: [...headItems].filter((i) => !baseItems.has(i)).length,
    items_removed: [...baseItems].filter((i) => !headItems.has(i)).length,
    annotations_added: 0,
    annotations_removed: 0,
    labels_changed: 0
  }
  for (const [i, a, l] of head) {
    const before = baseLabels.get(key(i, a))
    if (before === l) continue
    if (before === undefined) report.annotations_added++
    else report.labels_changed++
    touched.add(i)
    changed.push(`${i}/${a}`)
  }
  for (const [i, a] of base) {
    if (headLabels.has(key(i, a))) continue
    report.annotations_removed++
    if (headItems.has(i)) touched.add(i)
  }
  return { report, touched: [...touched].sort(), changed: changed.sort() }
}

function summary(head: Row[], diff: RatingsDiff) {
  const ratings = ratingsOf(head)
  return {
    report: diff.report,
    relabeled: diff.relabeled,
    touched: flaggedItems(ratings, diff.touchedItems),
    changed: flaggedRatings(ratings, diff.changedRatings)
  }
}

describe('diffRatings properties (fast-check)', () => {
  it('agrees with a string-keyed diff written from the definitions', () => {
    fc.assert(
      fc.property(versionsArb, ({ base, head }) => {
        const diff = diffRatings(ratingsOf(base), ratingsOf(head))
        const naive = naiveDiff(base, head)
        expect(diff.report).toEqual(naive.report)
        expect(summary(head, diff).touched).toEqual(naive.touched)
        expect(summary(head, diff).changed).toEqual(naive.changed)
      })
    )
  })

  it('finds nothing between a version and a reordering of it', () => {
    fc.assert(
      fc.property(
        rowsArb.chain((rows) => fc.tuple(fc.constant(rows), shuffledArb(rows))),
        ([rows, shuffled]) => {
          const diff = diffRatings(ratingsOf(rows), ratingsOf(shuffled))
          expect(diff.report).toEqual({
            items_added: 0,
            items_removed: 0,
            annotations_added: 0,
            annotations_removed: 0,
            labels_changed: 0
          })
          expect(diff.touchedItems.every((t) => t === 0)).toBe(true)
          expect(diff.changedRatings.every((c) => c === 0)).toBe(true)
        }
      )
    )
  })

  it('swapping base and head swaps added and removed', () => {
    fc.assert(
      fc.property(versionsArb, ({ base, head }) => {
        const forward = diffRatings(ratingsOf(base), ratingsOf(head)).report
        const backward = diffRatings(ratingsOf(head), ratingsOf(base)).report
        expect(backward).toEqual({
          items_added: forward.items_removed,
          items_removed: forward.items_added,
          annotations_added: forward.annotations_removed,
          annotations_removed: forward.annotations_added,
          labels_changed: forward.labels_changed
        })
      })
    )
  })

  it('does not depend on the order of ratings or categories', () => {
    fc.assert(
      fc.property(
        versionsArb.chain(({ base, head }) =>
          fc.record({
            base: fc.constant(base),
            head: fc.constant(head),
            base2: shuffledArb(base),
            head2: shuffledArb(head),
            reverse: fc.boolean()
          })
        ),
        ({ base, head, base2, head2, reverse }) => {
          const categories = ['a', 'b', 'c', 'd']
          const order = reverse ? [...categories].reverse() : categories
          const one = diffRatings(ratingsOf(base), ratingsOf(head))
          const two = diffRatings(
            ratingsOf(base2, order),
            ratingsOf(head2, categories),
            { relabeledLimit: 2 }
          )
          const first = summary(head, one)
          const second = summary(head2, two)
          expect(second.report).toEqual(first.report)
          expect(second.touched).toEqual(first.touched)
          expect(second.changed).toEqual(first.changed)
          expect(second.relabeled).toEqual(first.relabeled.slice(0, 2))
        }
      )
    )
  })
})
