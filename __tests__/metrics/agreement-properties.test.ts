import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  computeAgreement,
  type AgreementResult
} from '../../src/metrics/agreement.js'
import {
  countCategories,
  countPairs,
  groupByItem,
  mergeAgreementStats,
  summarizeItems,
  type AgreementStats
} from '../../src/metrics/agreement-stats.js'
import { AGREEMENT_METRICS } from '../../src/metrics/names.js'
import type { Level } from '../../src/model/level.js'
import type { Ratings } from '../../src/model/ratings.js'
import { makeRatings, type RatingRow } from './ratings-helper.js'

const TOLERANCE = 1e-12

interface Case {
  rows: RatingRow[]
  level: Level
  declared: boolean
  K: number
}

/** Random ratings, one per (item, annotator); labels are '1'..'K'. */
const caseArb: fc.Arbitrary<Case> = fc
  .record({
    nItems: fc.integer({ min: 1, max: 12 }),
    nAnnotators: fc.integer({ min: 1, max: 5 }),
    K: fc.integer({ min: 1, max: 4 }),
    level: fc.constantFrom<Level>('nominal', 'ordinal', 'interval', 'ratio'),
    declared: fc.boolean()
  })
  .chain(({ nItems, nAnnotators, K, level, declared }) =>
    fc
      .array(
        fc.tuple(
          fc.integer({ min: 0, max: nItems - 1 }),
          fc.integer({ min: 0, max: nAnnotators - 1 }),
          fc.integer({ min: 1, max: K })
        ),
        { maxLength: 50 }
      )
      .map((tuples) => {
        const seen = new Set<string>()
        const rows: RatingRow[] = []
        for (const [i, a, k] of tuples) {
          if (seen.has(`${i}/${a}`)) continue
          seen.add(`${i}/${a}`)
          rows.push([`item${i}`, `ann${a}`, String(k)])
        }
        return { rows, level, declared, K }
      })
  )

const categoriesOf = (K: number): string[] =>
  Array.from({ length: K }, (_, k) => String(k + 1))

function ratingsOf(c: Case, rows: RatingRow[] = c.rows): Ratings {
  return makeRatings(rows, {
    level: c.level,
    categories: c.declared ? categoriesOf(c.K) : undefined
  })
}

function expectSameResult(x: AgreementResult, y: AgreementResult): void {
  for (const name of AGREEMENT_METRICS) {
    const a = x.metrics[name]
    const b = y.metrics[name]
    expect(b.reason).toBe(a.reason)
    expect(b.n_items).toBe(a.n_items)
    expect(b.n).toBe(a.n)
    if (a.value === null) expect(b.value).toBeNull()
    else expect(Math.abs(b.value! - a.value)).toBeLessThanOrEqual(TOLERANCE)
  }
  expect(y.pairwise.length).toBe(x.pairwise.length)
  x.pairwise.forEach((p, j) => {
    const q = y.pairwise[j]!
    expect([q.a, q.b, q.n_items]).toEqual([p.a, p.b, p.n_items])
    for (const key of ['kappa', 'percent_agreement'] as const) {
      if (p[key] === null) expect(q[key]).toBeNull()
      else expect(Math.abs(q[key]! - p[key])).toBeLessThanOrEqual(TOLERANCE)
    }
  })
}

describe('agreement properties (fast-check)', () => {
  it('the order of the ratings changes nothing', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc
            .shuffledSubarray(c.rows, {
              minLength: c.rows.length,
              maxLength: c.rows.length
            })
            .map((shuffled) => ({ c, shuffled }))
        ),
        ({ c, shuffled }) => {
          // Re-interning in the new order also permutes item and annotator codes.
          expectSameResult(
            computeAgreement(ratingsOf(c)),
            computeAgreement(ratingsOf(c, shuffled))
          )
        }
      ),
      { numRuns: 200 }
    )
  })

  it('renaming nominal labels changes nothing', () => {
    const names = ['red', 'green', 'blue', 'amber']
    fc.assert(
      fc.property(
        caseArb,
        fc.shuffledSubarray(names, { minLength: 4, maxLength: 4 }),
        (c, permuted) => {
          const rename = (label: string): string => permuted[Number(label) - 1]!
          const renamed = c.rows.map(([i, a, label]): RatingRow => [
            i,
            a,
            rename(label)
          ])
          const before = makeRatings(c.rows, {
            categories: c.declared ? categoriesOf(c.K) : undefined
          })
          const after = makeRatings(renamed, {
            categories: c.declared
              ? categoriesOf(c.K).map(rename).sort()
              : undefined
          })
          expectSameResult(computeAgreement(before), computeAgreement(after))
        }
      ),
      { numRuns: 200 }
    )
  })

  it('perfect agreement gives 1 wherever a coefficient is defined', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        // Every annotator gives the item's first label.
        const truth = new Map<string, string>()
        for (const [i, , label] of c.rows)
          if (!truth.has(i)) truth.set(i, label)
        const rows = c.rows.map(([i, a]): RatingRow => [i, a, truth.get(i)!])
        const { metrics, pairwise } = computeAgreement(ratingsOf(c, rows))
        // Undefined (null) is allowed; a defined value must be 1.
        for (const name of AGREEMENT_METRICS)
          expect(metrics[name].value ?? 1).toBeCloseTo(1, 12)
        for (const p of pairwise) {
          expect(p.kappa ?? 1).toBeCloseTo(1, 12)
          expect(p.percent_agreement).toBe(1)
        }
      }),
      { numRuns: 200 }
    )
  })

  it('values stay in their ranges and are never NaN', () => {
    const within = (v: number | null, low: number, high: number): void => {
      if (v === null) return
      expect(Number.isNaN(v)).toBe(false)
      expect(v).toBeGreaterThanOrEqual(low - TOLERANCE)
      expect(v).toBeLessThanOrEqual(high + TOLERANCE)
    }
    fc.assert(
      fc.property(caseArb, (c) => {
        const { metrics: m, pairwise } = computeAgreement(ratingsOf(c))
        within(m.percent_agreement.value, 0, 1)
        within(m.krippendorff_alpha.value, -Infinity, 1)
        within(m.cohen_kappa_linear.value, -Infinity, 1)
        for (const name of [
          'cohen_kappa',
          'cohen_kappa_quadratic',
          'light_kappa',
          'scott_pi',
          'fleiss_kappa',
          'gwet_ac1'
        ] as const)
          within(m[name].value, -1, 1)
        for (const p of pairwise) {
          within(p.kappa, -1, 1)
          within(p.percent_agreement, 0, 1)
          expect(p.a < p.b).toBe(true)
          expect(p.n_items).toBeGreaterThanOrEqual(2)
        }
      }),
      { numRuns: 300 }
    )
  })

  it('statistics of shards split by item merge by addition', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 1000 }), (c, seed) => {
        const whole = ratingsOf(c)
        const inFirst = (item: number): boolean =>
          ((item * 7919 + seed) & 1) === 0
        const shard = (keep: boolean): Ratings => {
          const rows: number[] = []
          for (let r = 0; r < whole.item.length; r++)
            if (inFirst(whole.item[r]!) === keep) rows.push(r)
          return {
            ...whole,
            item: Int32Array.from(rows, (r) => whole.item[r]!),
            annotator: Int32Array.from(rows, (r) => whole.annotator[r]!),
            category: Int32Array.from(rows, (r) => whole.category[r]!)
          }
        }
        const statsOf = (ratings: Ratings): AgreementStats =>
          summarizeItems(countCategories(ratings, groupByItem(ratings)))
        const merged = mergeAgreementStats(
          statsOf(shard(true)),
          statsOf(shard(false))
        )
        const direct = statsOf(whole)
        const keys = Object.keys(direct) as (keyof AgreementStats)[]
        const scalar = (s: AgreementStats): unknown[] =>
          keys.filter((k) => typeof direct[k] === 'number').map((k) => s[k])
        // Sums in another order may differ in the last bit: compare with the
        // same tolerance as the arrays below.
        const got = scalar(merged) as number[]
        scalar(direct).forEach((v, k) =>
          expect(Math.abs(got[k]! - (v as number))).toBeLessThanOrEqual(
            TOLERANCE
          )
        )
        for (const key of keys.filter((k) => typeof direct[k] !== 'number')) {
          const a = direct[key] as Float64Array
          const b = merged[key] as Float64Array
          expect(b.length).toBe(a.length)
          const worst = a.reduce(
            (w, v, k) => Math.max(w, Math.abs(b[k]! - v)),
            0
          )
          expect(worst).toBeLessThanOrEqual(TOLERANCE)
        }
        const pairs = countPairs(whole, groupByItem(whole))
        const first = shard(true)
        const second = shard(false)
        const sum = countPairs(first, groupByItem(first))
        sum.merge(countPairs(second, groupByItem(second)))
        expect(sum.tables.length).toBe(pairs.tables.length)
        for (const t of pairs.tables) {
          const u = sum.get(t.b, t.a)!
          expect(u.n).toBe(t.n)
          expect(Array.from(u.counts)).toEqual(Array.from(t.counts))
        }
      }),
      { numRuns: 200 }
    )
  })
})

describe('agreement at scale', () => {
  it('a sparse annotator space (Map-indexed pairs) gives the same result', () => {
    const rows: RatingRow[] = []
    for (let i = 0; i < 300; i++)
      for (let j = 0; j < 3; j++)
        rows.push([`i${i}`, `a${(i + j * 7) % 40}`, String((i * (j + 1)) % 3)])
    const compact = makeRatings(rows)
    // Same annotators spread over a code space of 5000 (> the dense limit).
    const spread: Ratings = {
      ...compact,
      nAnnotators: 5000,
      annotator: compact.annotator.map((a) => a * 123 + 7),
      annotatorIds: Array.from({ length: 5000 }, (_, code) =>
        (code - 7) % 123 === 0
          ? compact.annotatorIds[(code - 7) / 123]!
          : `?${code}`
      )
    }
    const a = computeAgreement(compact)
    expect(a.pairwise.length).toBeGreaterThan(10)
    expectSameResult(a, computeAgreement(spread))
  })
})
