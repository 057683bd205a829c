import { describe, expect, it } from '@jest/globals'
import { computeAgreement } from '../../src/metrics/agreement.js'
import { makeRatings, type RatingRow } from './ratings-helper.js'

// Labels 0, 1 and 10: 1 apart and 9 apart. Expected values from irrCAC
// 1.4: kappa2.table(t, weights = linear.weights(c(0, 1, 10))) (by value),
// linear.weights(1:3) (by rank), quadratic.weights(c(0, 1, 10)).
const A = ['0', '0', '1', '1', '10', '10', '0', '1', '10', '1']
const B = ['0', '1', '1', '10', '10', '0', '0', '0', '10', '1']
const rows: RatingRow[] = A.flatMap((a, i) => [
  [`i${i}`, 'a', a] as const,
  [`i${i}`, 'b', B[i]!] as const
])

describe('weighted kappa: by value at interval/ratio, by rank at ordinal', () => {
  it('interval and ratio weigh by value', () => {
    for (const level of ['interval', 'ratio'] as const) {
      const m = computeAgreement(makeRatings(rows, { level })).metrics
      expect(m.cohen_kappa_linear.value).toBeCloseTo(0.5047169811, 9)
      expect(m.cohen_kappa_linear.se).toBeCloseTo(0.2739963865, 9)
      expect(m.cohen_kappa_quadratic.value).toBeCloseTo(0.5216936749, 9)
      expect(m.cohen_kappa_quadratic.se).toBeCloseTo(0.2935628432, 9)
    }
  })

  it('ordinal weighs by rank in the declared order', () => {
    const m = computeAgreement(
      makeRatings(rows, { level: 'ordinal', categories: ['0', '1', '10'] })
    ).metrics
    expect(m.cohen_kappa_linear.value).toBeCloseTo(0.4318181818, 9)
    expect(m.cohen_kappa_linear.se).toBeCloseTo(0.2395672628, 9)
    // The t interval (9 df) is clipped at 1 only where it reaches it.
    expect(m.cohen_kappa_linear.ci!.low).toBeCloseTo(
      0.4318181818 - 2.262157163 * 0.2395672628,
      6
    )
  })
})
