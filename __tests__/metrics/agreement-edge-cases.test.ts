import { describe, expect, it } from '@jest/globals'
import { computeAgreement } from '../../src/metrics/agreement.js'
import { AGREEMENT_METRICS } from '../../src/metrics/names.js'
import type { MetricResult } from '../../src/metrics/result.js'
import type { Ratings } from '../../src/model/ratings.js'
import { makeRatings, type RatingRow } from './ratings-helper.js'

/** Every metric is a finite number or null with a reason; never NaN. */
function expectWellFormed(metrics: Record<string, MetricResult>): void {
  for (const name of AGREEMENT_METRICS) {
    const result = metrics[name]!
    if (result.value === null) {
      expect(typeof result.reason).toBe('string')
      expect(result.reason!.length).toBeGreaterThan(0)
    } else {
      expect(Number.isFinite(result.value)).toBe(true)
      expect(result.reason).toBeUndefined()
    }
    // A JSON round trip keeps it as it is (NaN would become null silently).
    expect(JSON.parse(JSON.stringify(result))).toEqual(result)
  }
}

const nullMetrics = (metrics: Record<string, MetricResult>): string[] =>
  AGREEMENT_METRICS.filter((name) => metrics[name]!.value === null)

describe('computeAgreement: edge cases', () => {
  it('no ratings: every metric is null with a reason', () => {
    const { metrics, pairwise } = computeAgreement(makeRatings([]))
    expectWellFormed(metrics)
    expect(nullMetrics(metrics)).toEqual([...AGREEMENT_METRICS])
    expect(pairwise).toEqual([])
    expect(metrics.cohen_kappa.reason).toBe('no ratings')
    expect(metrics.fleiss_kappa.reason).toBe('no ratings')
  })

  it('no ratings with declared categories and an empty item space', () => {
    const { metrics } = computeAgreement(
      makeRatings([], { categories: ['a', 'b'], level: 'ordinal' })
    )
    expectWellFormed(metrics)
    expect(nullMetrics(metrics)).toEqual([...AGREEMENT_METRICS])
  })

  it('one rating per item: nothing is pairable', () => {
    const rows: RatingRow[] = [
      ['i', 'A', 'a'],
      ['j', 'B', 'b'],
      ['k', 'C', 'a']
    ]
    const { metrics, pairwise } = computeAgreement(makeRatings(rows))
    expectWellFormed(metrics)
    expect(nullMetrics(metrics)).toEqual([...AGREEMENT_METRICS])
    expect(pairwise).toEqual([])
    expect(metrics.percent_agreement.reason).toBe(
      'no item has two or more ratings'
    )
    expect(metrics.light_kappa.reason).toMatch(/no two annotators share 2/)
  })

  it('one category in use: chance-corrected coefficients are null, agreement is 1', () => {
    const rows: RatingRow[] = [
      ['i', 'A', 'a'],
      ['i', 'B', 'a'],
      ['j', 'A', 'a'],
      ['j', 'B', 'a']
    ]
    const { metrics, pairwise } = computeAgreement(
      makeRatings(rows, { level: 'ordinal' })
    )
    expectWellFormed(metrics)
    expect(metrics.percent_agreement.value).toBe(1)
    for (const name of [
      'cohen_kappa',
      'cohen_kappa_linear',
      'cohen_kappa_quadratic',
      'light_kappa',
      'scott_pi',
      'fleiss_kappa',
      'krippendorff_alpha',
      'gwet_ac1'
    ] as const)
      expect(metrics[name].value).toBeNull()
    expect(pairwise).toEqual([
      { a: 'A', b: 'B', n_items: 2, kappa: null, percent_agreement: 1 }
    ])
  })

  it('one category in use of two declared: AC1 follows irrCAC and is 1', () => {
    const rows: RatingRow[] = [
      ['i', 'A', 'a'],
      ['i', 'B', 'a']
    ]
    const { metrics } = computeAgreement(
      makeRatings(rows, { categories: ['a', 'b'] })
    )
    expect(metrics.gwet_ac1.value).toBe(1)
    expect(metrics.krippendorff_alpha.value).toBeNull()
  })

  it('two annotators who never rate the same item', () => {
    const rows: RatingRow[] = [
      ['i', 'A', 'a'],
      ['j', 'A', 'b'],
      ['k', 'B', 'a'],
      ['l', 'B', 'b']
    ]
    const { metrics, pairwise } = computeAgreement(makeRatings(rows))
    expectWellFormed(metrics)
    expect(nullMetrics(metrics)).toEqual([...AGREEMENT_METRICS])
    expect(metrics.cohen_kappa.reason).toBe('the two annotators share no item')
    expect(pairwise).toEqual([])
  })

  it('all identical with two or more categories gives 1 wherever defined', () => {
    const rows: RatingRow[] = []
    const truth = ['1', '2', '3', '1', '2']
    truth.forEach((label, i) => {
      for (const a of ['A', 'B', 'C']) rows.push([`i${i}`, a, label])
    })
    const { metrics, pairwise } = computeAgreement(makeRatings(rows))
    expectWellFormed(metrics)
    expect(metrics.percent_agreement.value).toBe(1)
    expect(metrics.light_kappa.value).toBe(1)
    expect(metrics.fleiss_kappa.value).toBe(1)
    expect(metrics.krippendorff_alpha.value).toBe(1)
    expect(metrics.gwet_ac1.value).toBe(1)
    // Three annotators: two-rater coefficients are undefined.
    expect(metrics.cohen_kappa.value).toBeNull()
    expect(metrics.scott_pi.value).toBeNull()
    expect(pairwise.map((p) => p.kappa)).toEqual([1, 1, 1])
    // At the interval level, alpha weighs by value; nominal coefficients are
    // not reported.
    const interval = computeAgreement(
      makeRatings(rows, { level: 'interval' })
    ).metrics
    expectWellFormed(interval)
    expect(interval.percent_agreement.value).toBe(1)
    expect(interval.krippendorff_alpha.value).toBe(1)
    for (const name of ['light_kappa', 'fleiss_kappa', 'gwet_ac1'] as const) {
      expect(interval[name].value).toBeNull()
      expect(interval[name].reason).toBe(
        'nominal coefficient, not defined for level interval'
      )
    }
  })

  it('all identical with two annotators: the two-rater coefficients are 1', () => {
    const rows: RatingRow[] = []
    ;['lo', 'hi', 'mid', 'lo'].forEach((label, i) =>
      rows.push([`i${i}`, 'A', label], [`i${i}`, 'B', label])
    )
    const { metrics } = computeAgreement(
      makeRatings(rows, { level: 'ordinal', categories: ['lo', 'mid', 'hi'] })
    )
    expectWellFormed(metrics)
    expect(nullMetrics(metrics)).toEqual([])
    for (const name of AGREEMENT_METRICS) expect(metrics[name].value).toBe(1)
  })

  it('Fleiss reason names the range of ratings per item', () => {
    const rows: RatingRow[] = [
      ['i', 'A', 'a'],
      ['i', 'B', 'b'],
      ['j', 'A', 'a'],
      ['j', 'B', 'a'],
      ['j', 'C', 'b'],
      ['j', 'D', 'b']
    ]
    const { metrics } = computeAgreement(makeRatings(rows))
    expect(metrics.fleiss_kappa.reason).toMatch(/^items have 2 to 4 ratings/)
  })

  it('ratings with out-of-range codes are skipped, not thrown on', () => {
    const good = makeRatings([
      ['i', 'A', 'a'],
      ['i', 'B', 'b'],
      ['j', 'A', 'a'],
      ['j', 'B', 'a']
    ])
    const bad: Ratings = {
      ...good,
      item: Int32Array.from([...good.item, 7, 0]),
      annotator: Int32Array.from([...good.annotator, 0, 9]),
      category: Int32Array.from([...good.category, 0, -1])
    }
    expect(computeAgreement(bad)).toEqual(computeAgreement(good))
  })

  it('pairwise lists pairs sharing >= 2 items, sorted by id a < b', () => {
    // Annotator codes in order z, m, a; ids sort a < m < z.
    const rows: RatingRow[] = [
      ['1', 'z', 'x'],
      ['1', 'm', 'x'],
      ['1', 'a', 'y'],
      ['2', 'z', 'y'],
      ['2', 'm', 'y'],
      ['2', 'a', 'y'],
      ['3', 'z', 'x'],
      ['3', 'a', 'x'],
      ['4', 'm', 'x'],
      ['4', 'a', 'y']
    ]
    const { pairwise, metrics } = computeAgreement(makeRatings(rows))
    expect(pairwise.map((p) => [p.a, p.b, p.n_items])).toEqual([
      ['a', 'm', 3],
      ['a', 'z', 3],
      ['m', 'z', 2]
    ])
    // m-z agree on both shared items with both labels: kappa 1.
    expect(pairwise[2]).toEqual({
      a: 'm',
      b: 'z',
      n_items: 2,
      kappa: 1,
      percent_agreement: 1
    })
    // a-m: (y,x), (y,y), (y,x): a used only y, so chance agreement is
    // p_e = 1·(1/3) = 1/3 and p_o = 1/3: kappa 0.
    expect(pairwise[0]!.kappa).toBeCloseTo(0, 12)
    expect(pairwise[0]!.percent_agreement).toBeCloseTo(1 / 3, 12)
    expect(metrics.light_kappa.n_items).toBe(4)
  })
})
