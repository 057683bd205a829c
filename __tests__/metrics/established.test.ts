import { describe, expect, it } from '@jest/globals'
import { computeReference } from '../../src/metrics/reference.js'
import { normalQuantile, wilsonInterval } from '../../src/metrics/wilson.js'
import {
  buildRatings,
  expectClose,
  expectReferenceMatches,
  loadFixture
} from './established-helper.js'

interface Bounds {
  low: number
  high: number
}
interface WilsonCase extends Bounds {
  successes: number
  n: number
}

describe('Wilson interval', () => {
  // Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3
  // (score interval without continuity correction), to the 4 decimals printed.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718]
  ])('%i/%i matches Newcombe 1998', (x, n, low, high) => {
    const ci = wilsonInterval(x, n)
    expect(ci?.low).toBeCloseTo(low, 4)
    expect(ci?.high).toBeCloseTo(high, 4)
    expect(ci?.level).toBe(0.95)
    expect(ci?.method).toBe('wilson')
  })

  const fixture = loadFixture('wilson.json')
  const wilson95 = fixture.expected.wilson95 as WilsonCase[]
  const wilson90 = fixture.expected.wilson90 as WilsonCase[]

  it.each(wilson95)(
    'matches statsmodels at the 95 percent level: $successes/$n',
    ({ successes, n, low, high }) => {
      const ci = wilsonInterval(successes, n)
      expectClose(ci?.low, low)
      expectClose(ci?.high, high)
    }
  )

  it.each(wilson90)(
    'matches statsmodels at the 90 percent level: $successes/$n',
    ({ successes, n, low, high }) => {
      const ci = wilsonInterval(successes, n, 0.9)
      expectClose(ci?.low, low)
      expectClose(ci?.high, high)
    }
  )

  it('is undefined without observations', () => {
    expect(wilsonInterval(0, 0)).toBeUndefined()
  })

  it('gives the quantiles of scipy.stats.norm.ppf (AS 241)', () => {
    const cases = fixture.expected.normal_quantile as { p: number; z: number }[]
    for (const { p, z } of cases) {
      expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(
        1e-14 * Math.max(1, Math.abs(z))
      )
    }
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 15)
    expect(normalQuantile(0)).toBe(-Infinity)
    expect(normalQuantile(1)).toBe(Infinity)
    expect(normalQuantile(2)).toBeNaN()
  })
})

describe('reference metrics against sklearn and statsmodels', () => {
  const fixture = loadFixture('gold.json')
  const { ratings, reference } = buildRatings(
    fixture.rows ?? [],
    fixture.categories,
    fixture.level,
    fixture.reference ?? []
  )
  const result = computeReference(ratings, reference)

  it('matches every expected value of the gold fixture', () => {
    expectReferenceMatches(fixture, result, ratings.annotatorIds)
  })

  it('exercises the edge cases the fixture was built for', () => {
    // An annotator with no gold item, a declared unused class, a tied item.
    expect(result.annotators.some((a) => a?.accuracy.value === null)).toBe(true)
    const other = result.classes.find((c) => c.label === 'other')
    expect(other).toMatchObject({
      support: 0,
      predicted: 0,
      precision: null,
      recall: null,
      f1: null
    })
    expect(result.referenceItems).toBeLessThan(reference.size)
  })
})

describe('reference metrics: edge cases', () => {
  it('is null with a reason when no rated item has a reference label', () => {
    const { ratings, reference } = buildRatings(
      [
        ['i1', 'a', 'x'],
        ['i2', 'b', 'y']
      ],
      ['x', 'y'],
      'nominal',
      [['i9', 'x']]
    )
    const result = computeReference(ratings, reference)
    for (const metric of [
      'accuracy',
      'error_rate',
      'majority_vote_accuracy'
    ] as const) {
      expect(result.metrics[metric].value).toBeNull()
      expect(result.metrics[metric].reason).toBe(
        'no rated item has a reference label'
      )
      expect(result.metrics[metric].ci).toBeUndefined()
    }
    expect(result.referenceItems).toBe(0)
    expect(result.confusion.matrix).toEqual([
      [0, 0],
      [0, 0]
    ])
    expect(result.annotators.map((a) => a?.accuracy.value)).toEqual([
      null,
      null
    ])
    expect(result.classes.every((c) => c.f1 === null)).toBe(true)
  })

  it('leaves annotators without ratings undefined', () => {
    const { ratings, reference } = buildRatings(
      [['i1', 'a', 'x']],
      ['x'],
      'nominal',
      [['i1', 'x']]
    )
    const wider = { ...ratings, nAnnotators: 3 }
    const result = computeReference(wider, reference)
    expect(result.annotators).toHaveLength(3)
    expect(result.annotators[0]?.accuracy.value).toBe(1)
    expect(result.annotators[1]).toBeUndefined()
    expect(result.annotators[2]).toBeUndefined()
  })

  it('counts a plurality tie as wrong, even when the reference is tied', () => {
    const { ratings, reference } = buildRatings(
      [
        ['tie', 'a', 'x'],
        ['tie', 'b', 'y'],
        ['win', 'a', 'x'],
        ['win', 'b', 'x'],
        ['win', 'c', 'y'],
        ['lose', 'a', 'y']
      ],
      ['x', 'y'],
      'nominal',
      [
        ['tie', 'x'],
        ['win', 'x'],
        ['lose', 'x']
      ]
    )
    const { metrics } = computeReference(ratings, reference)
    expect(metrics.majority_vote_accuracy).toMatchObject({
      value: 1 / 3,
      n_items: 3,
      n: 3
    })
    // One vote per item: plain Wilson.
    expect(metrics.majority_vote_accuracy.ci?.method).toBe('wilson')
    // 3 of 6 ratings agree with the reference.
    expect(metrics.accuracy.value).toBe(0.5)
    expect(metrics.error_rate.value).toBe(0.5)
  })

  // Beyond 2^24 vote cells (reference items x categories) the plurality
  // vote groups ratings by item instead of keeping K counters per item.
  it('gives the same plurality vote with thousands of categories', () => {
    const k = 1000
    const categories = Array.from({ length: k }, (_, c) => `v${c}`)
    const rows: [string, string, string][] = []
    const gold: [string, string][] = []
    let expectedHits = 0
    for (let i = 0; i < 20000; i++) {
      gold.push([`i${i}`, `v${i % k}`])
      if (i % 500 !== 0) continue
      // Two votes for the reference, then one for a rival, or a 2-2 tie.
      const tie = i % 1000 === 0
      rows.push([`i${i}`, 'a', `v${i % k}`], [`i${i}`, 'b', `v${i % k}`])
      rows.push([`i${i}`, 'c', `v${(i + 1) % k}`])
      if (tie) rows.push([`i${i}`, 'd', `v${(i + 1) % k}`])
      else expectedHits++
    }
    const { ratings, reference } = buildRatings(
      rows,
      categories,
      'nominal',
      gold
    )
    expect(reference.size * k).toBeGreaterThan(2 ** 24)
    const { metrics, referenceItems } = computeReference(ratings, reference)
    expect(referenceItems).toBe(40)
    expect(metrics.majority_vote_accuracy.value).toBe(expectedHits / 40)
    expect(expectedHits).toBe(20)
  })

  it('does not depend on the order of the records', () => {
    const fixture = loadFixture('gold.json')
    const rows = fixture.rows ?? []
    const build = (order: readonly (readonly string[])[]) => {
      const { ratings, reference } = buildRatings(
        order,
        fixture.categories,
        'nominal',
        fixture.reference ?? []
      )
      const result = computeReference(ratings, reference)
      const byId = Object.fromEntries(
        result.annotators.map((a, code) => [ratings.annotatorIds[code], a])
      )
      // Per-item counts are indexed by item code, which follows record
      // order; compare them by item id.
      const { clusters, ...rest } = result
      const byItem = Object.fromEntries(
        [...clusters.compared].map((m, code) => [
          ratings.itemIds[code],
          [m, clusters.correct[code]]
        ])
      )
      return { ...rest, annotators: byId, byItem }
    }
    const reversed = build([...rows].reverse())
    const original = build(rows)
    expect(reversed).toEqual(original)
  })
})
