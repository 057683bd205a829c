import { describe, expect, it } from '@jest/globals'
import {
  bonferroni,
  designEffect,
  differenceTest,
  holm,
  moverInterval,
  twoProportionTwoSided
} from '../../src/slices/difference-test.js'
import { wilsonInterval } from '../../src/metrics/wilson.js'
import type { Interval } from '../../src/metrics/result.js'

const wilson = (x: number, n: number): Interval => ({
  ...wilsonInterval(x, n)!,
  method: 'wilson'
})

describe('MOVER interval of a difference', () => {
  // R. G. Newcombe, Statistics in Medicine 17 (1998), Table II, method 10
  // (Wilson score intervals combined), published to 4 decimals.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926]
  ])(
    '%i/%i − %i/%i is [%f, %f] as Newcombe publishes',
    (a, n, b, m, low, high) => {
      const ci = moverInterval(a / n, wilson(a, n), b / m, wilson(b, m))
      expect(ci.low).toBeCloseTo(low, 4)
      expect(ci.high).toBeCloseTo(high, 4)
      expect(ci.method).toBe('mover')
      expect(ci.level).toBe(0.95)
    }
  )
})

describe('two-proportion z-test, two-sided', () => {
  // statsmodels 0.13.5: proportions_ztest([37, 25], [50, 48]) and
  // proportions_ztest([40, 34], [45, 45]) (pooled variance, two-sided).
  it('equals statsmodels proportions_ztest', () => {
    const t = twoProportionTwoSided(37, 50, 25, 48)!
    expect(t.z).toBeCloseTo(2.249811156285928, 12)
    expect(t.p).toBeCloseTo(0.024460935524620978, 12)
    const u = twoProportionTwoSided(40, 45, 34, 45)!
    expect(u.z).toBeCloseTo(1.654232899711067, 12)
    expect(u.p).toBeCloseTo(0.09808020061082952, 12)
  })

  it('has no test when both groups are at 100%', () => {
    expect(twoProportionTwoSided(10, 10, 20, 20)).toBeNull()
  })
})

describe('Rao–Scott correction for annotations clustered in items', () => {
  it('recovers the design effect from the reported standard error', () => {
    // se² = d·p(1 − p)/n with d = 2.5.
    const p = 0.8
    const n = 300
    const se = Math.sqrt((2.5 * p * (1 - p)) / n)
    expect(designEffect({ value: p, n, se })).toBeCloseTo(2.5, 12)
    // Floored at 1, and 1 where p is 0 or 1.
    expect(designEffect({ value: p, n, se: se / 10 })).toBe(1)
    expect(designEffect({ value: 1, n, se: 0 })).toBe(1)
  })

  it('tests on the effective sizes n/d: the clustered p-value is larger', () => {
    const a = { value: 0.9, n: 1200, se: Math.sqrt((0.9 * 0.1) / 1200) }
    const b = { value: 0.8, n: 1200, se: Math.sqrt((0.8 * 0.2) / 1200) }
    const plain = differenceTest('accuracy', a, b)
    // d = 1: the plain test on 1080/1200 vs 960/1200 (statsmodels: z =
    // 6.859943405700352, p = 6.888783366327298e-12).
    expect(plain.p).toBeCloseTo(6.888783366327298e-12, 20)
    // d = 3 for both: the same test on 400 and 400 annotations.
    const clustered = differenceTest(
      'accuracy',
      { ...a, se: a.se * Math.sqrt(3) },
      { ...b, se: b.se * Math.sqrt(3) }
    )
    expect(clustered.p).toBeCloseTo(
      twoProportionTwoSided(360, 400, 320, 400)!.p,
      12
    )
    expect(clustered.p!).toBeGreaterThan(plain.p!)
  })

  it('uses a Wald z for agreement coefficients, and says why without a standard error', () => {
    const t = differenceTest(
      'krippendorff_alpha',
      { value: 0.8, se: 0.03 },
      { value: 0.7, se: 0.04 }
    )
    // z = 0.1/0.05 = 2: p = 0.04550026389635842.
    expect(t.p).toBeCloseTo(0.04550026389635842, 12)
    const none = differenceTest(
      'krippendorff_alpha',
      { value: 0.8, se: null },
      { value: 0.7, se: 0.04 }
    )
    expect(none.p).toBeNull()
    expect('reason' in none && none.reason).toContain('no standard error')
  })
})

describe('multiplicity', () => {
  it('Bonferroni multiplies by the comparisons, at most 1', () => {
    expect(bonferroni(0.01, 3)).toBeCloseTo(0.03, 15)
    expect(bonferroni(0.4, 3)).toBe(1)
    expect(bonferroni(0.02, 1)).toBe(0.02)
  })

  it('Holm adjusts step-down and keeps the order', () => {
    // By hand: sorted 0.01, 0.02, 0.04 → 0.03, 0.04, 0.04 (monotone).
    const adjusted = holm([0.04, 0.01, 0.02])
    expect(adjusted[0]).toBeCloseTo(0.04, 15)
    expect(adjusted[1]).toBeCloseTo(0.03, 15)
    expect(adjusted[2]).toBeCloseTo(0.04, 15)
    expect(holm([0.5, 0.6])).toEqual([1, 1])
  })
})
