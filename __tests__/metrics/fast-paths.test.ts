import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  countCategories,
  groupByItem,
  summarizeItems
} from '../../src/metrics/agreement-stats.js'
import { krippendorffAlphaSe } from '../../src/metrics/gwet-variance.js'
import { makeRatings, type RatingRow } from './ratings-helper.js'

/**
 * The metrics' fast paths against their general paths, bit for bit: a fast
 * path may only skip work whose result is known exactly, so the reports of
 * both must be byte-identical.
 */

/** Random nominal ratings, one per (item, annotator), labels '1'..'K'. */
const rowsArb = (K: number): fc.Arbitrary<RatingRow[]> =>
  fc
    .array(
      fc.tuple(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: K })
      ),
      { minLength: 2, maxLength: 120 }
    )
    .map((tuples) => {
      const seen = new Set<string>()
      const rows: RatingRow[] = []
      for (const [i, a, k] of tuples) {
        if (seen.has(`${i}/${a}`)) continue
        seen.add(`${i}/${a}`)
        rows.push([`item${i}`, `ann${a}`, String(k)])
      }
      return rows
    })

const caseArb = fc
  .integer({ min: 2, max: 5 })
  .chain((K) => rowsArb(K).map((rows) => ({ K, rows })))

describe('krippendorffAlphaSe', () => {
  it('identity weights (nominal) give the general path’s value to the bit', () => {
    fc.assert(
      fc.property(caseArb, ({ K, rows }) => {
        // One more declared category than any rating uses: its weight can
        // be anything without changing the value, so a 0 on its diagonal
        // sends the same data down the general path.
        const n = K + 1
        const categories = Array.from({ length: n }, (_, k) => String(k + 1))
        const ratings = makeRatings(rows, { categories })
        const counts = countCategories(ratings, groupByItem(ratings))
        const stats = summarizeItems(counts)
        const identity = new Float64Array(n * n)
        for (let k = 0; k < n; k++) identity[k * n + k] = 1
        const general = identity.slice()
        general[K * n + K] = 0
        const fast = krippendorffAlphaSe(counts, stats, identity)
        expect(
          Object.is(fast, krippendorffAlphaSe(counts, stats, general))
        ).toBe(true)
      })
    )
  })
})
