import { describe, expect, it } from '@jest/globals'
import { seededRandom } from '../../src/governance/seeded-random.js'
import {
  compressItems,
  poisson,
  withBootstrapInterval
} from '../../src/metrics/bootstrap.js'
import {
  countCategories,
  groupByItem,
  summarizeItems
} from '../../src/metrics/agreement-stats.js'
import { computeAgreement } from '../../src/metrics/agreement.js'
import {
  studentQuantile,
  studentUpperTail
} from '../../src/metrics/student-t.js'
import {
  clusteredWilsonInterval,
  wilsonInterval
} from '../../src/metrics/wilson.js'
import { makeRatings, type RatingRow } from './ratings-helper.js'

describe('Student t quantile', () => {
  // R 4.2.2: qt(0.975, df), qt(0.995, 5), pt(2.5, 7, lower.tail = FALSE).
  it.each([
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [3, 3.182446305283708],
    [9, 2.262157162798205],
    [11, 2.200985160091639],
    [29, 2.045229642132703],
    [99, 1.984216951586417],
    [299, 1.967929669065669],
    [1e6, 1.959966356814107]
  ])('t(0.975, %d) agrees with R to 1e-9', (df, expected) => {
    expect(Math.abs(studentQuantile(0.975, df) - expected)).toBeLessThan(1e-9)
    expect(Math.abs(studentQuantile(0.025, df) + expected)).toBeLessThan(1e-9)
  })

  it('has the right tail and other levels', () => {
    expect(studentQuantile(0.995, 5)).toBeCloseTo(4.032142983555229, 10)
    expect(studentUpperTail(2.5, 7)).toBeCloseTo(0.02049610929287644, 14)
    expect(studentQuantile(0.5, 4)).toBe(0)
    expect(studentQuantile(1, 4)).toBeNaN()
    expect(studentQuantile(0.9, 0)).toBeNaN()
  })
})

describe('clustered Wilson interval', () => {
  it('uses the ratio-estimator design effect (worked by hand)', () => {
    // 4 items with 3 annotations each: hits 3, 3, 0, 3 -> p = 0.75, M = 12.
    // Σ (y - p m)^2 = 3 * 0.75^2 + 2.25^2 = 6.75; v = 4/3 * 6.75 / 144 = 0.0625;
    // independent 0.75 * 0.25 / 12 = 0.015625; d = 4; effective n = 3.
    const r = clusteredWilsonInterval(9, 12, 4, 6.75)!
    const plain = wilsonInterval(2.25, 3)!
    expect(r.ci.method).toBe('wilson-cluster')
    expect(r.ci.low).toBeCloseTo(plain.low, 14)
    expect(r.ci.high).toBeCloseTo(plain.high, 14)
    expect(r.se).toBeCloseTo(Math.sqrt(0.0625), 14)
  })

  it('is never narrower than plain Wilson, and is plain Wilson at p = 1', () => {
    // Perfectly spread hits: design effect below 1 is floored at 1.
    const spread = clusteredWilsonInterval(4, 8, 4, 0)!
    const plain = wilsonInterval(4, 8)!
    expect(spread.ci.low).toBeCloseTo(plain.low, 14)
    expect(spread.ci.high).toBeCloseTo(plain.high, 14)
    const all = clusteredWilsonInterval(8, 8, 4, 0)!
    expect(all.ci.high).toBe(1)
    expect(all.ci.low).toBeCloseTo(wilsonInterval(8, 8)!.low, 14)
    expect(clusteredWilsonInterval(0, 0, 0, 0)).toBeUndefined()
  })
})

describe('bootstrap primitives', () => {
  it('draws Poisson counts with the right mean and variance', () => {
    for (const lambda of [0.5, 3, 12, 250]) {
      const next = seededRandom(`poisson ${lambda}`)
      const N = 20000
      let sum = 0
      let sumSquares = 0
      for (let i = 0; i < N; i++) {
        const k = poisson(next, lambda)
        expect(Number.isInteger(k) && k >= 0).toBe(true)
        sum += k
        sumSquares += k * k
      }
      const mean = sum / N
      const variance = sumSquares / N - mean * mean
      // Within 5 standard errors of the mean; the variance within 10%.
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / N))
      expect(Math.abs(variance / lambda - 1)).toBeLessThan(0.1)
    }
  })

  it('compresses items to patterns that sum to the same statistics', () => {
    const rows: RatingRow[] = []
    for (let i = 0; i < 50; i++)
      for (const a of ['A', 'B', 'C'])
        rows.push([`i${i}`, a, i % 3 === 0 && a === 'C' ? 'y' : 'x'])
    rows.push(['lone', 'A', 'y'])
    const ratings = makeRatings(rows)
    const counts = countCategories(ratings, groupByItem(ratings))
    const { patterns, frequency } = compressItems(counts)
    expect(frequency.length).toBe(3)
    expect([...frequency].sort((a, b) => a - b)).toEqual([1, 17, 33])
    const direct = summarizeItems(counts)
    const weighted = summarizeItems(patterns, frequency)
    expect(weighted.ratedItems).toBe(direct.ratedItems)
    expect(weighted.agreementSum).toBeCloseTo(direct.agreementSum, 12)
    direct.coincidence.forEach((o, k) =>
      expect(weighted.coincidence[k]).toBeCloseTo(o, 12)
    )
    direct.categoryShareSum.forEach((s, k) =>
      expect(weighted.categoryShareSum[k]).toBeCloseTo(s, 12)
    )
  })

  it('gives the percentile interval and the standard deviation', () => {
    const values = Float64Array.from({ length: 101 }, (_, i) => i / 100)
    values[7] = NaN
    const m = withBootstrapInterval({ value: 0.5 }, values)
    expect(m.ci).toEqual({
      // Type-7 quantiles of the 100 defined values (0.07 is left out):
      // positions 99 * 0.025 = 2.475 and 99 * 0.975 = 96.525.
      low: expect.closeTo(0.02475, 12),
      high: expect.closeTo(0.97525, 12),
      level: 0.95,
      method: 'bootstrap'
    })
    expect(m.se).toBeGreaterThan(0.28)
    // Fewer than half of the resamples defined: no interval.
    const sparse = new Float64Array(10).fill(NaN)
    sparse[0] = 1
    expect(withBootstrapInterval({ value: 1 }, sparse)).toEqual({
      value: 1,
      se: null
    })
  })

  it('bootstrap intervals depend only on the seed', () => {
    const rows: RatingRow[] = []
    const labels = ['x', 'y', 'z']
    for (let i = 0; i < 40; i++)
      for (const [a, shift] of [
        ['A', 0],
        ['B', i % 4 === 0 ? 1 : 0]
      ] as const)
        rows.push([`i${i}`, a, labels[(i + shift) % 3]!])
    const ratings = makeRatings(rows)
    const run = (seed: string) =>
      computeAgreement(ratings, { method: 'bootstrap', resamples: 300, seed })
        .metrics
    const a = run('abc123')
    expect(run('abc123')).toEqual(a)
    expect(run('def456').cohen_kappa.ci).not.toEqual(a.cohen_kappa.ci)
    for (const name of [
      'percent_agreement',
      'cohen_kappa',
      'scott_pi',
      'fleiss_kappa',
      'krippendorff_alpha',
      'gwet_ac1'
    ] as const) {
      const m = a[name]
      expect(m.ci?.method).toBe('bootstrap')
      expect(m.ci!.low).toBeLessThanOrEqual(m.value!)
      expect(m.ci!.high).toBeGreaterThanOrEqual(m.value!)
      // The bootstrap se is near the analytic one on 40 items.
      const analytic = computeAgreement(ratings).metrics[name]
      expect(m.se! / analytic.se!).toBeGreaterThan(0.7)
      expect(m.se! / analytic.se!).toBeLessThan(1.3)
    }
  })
})
