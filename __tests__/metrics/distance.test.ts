import { describe, expect, it } from '@jest/globals'
import {
  distanceMatrix,
  intervalDistance,
  nominalDistance,
  ordinalDistances,
  ratioDistance
} from '../../src/metrics/distance.js'

// Krippendorff (2011), section E; marginals n_g of the paper's reliability
// data (values 1-5): 9, 13, 10, 5, 3.
const MARGINALS = [9, 13, 10, 5, 3]

describe("Krippendorff's squared differences", () => {
  it('nominal is 0 for the same value and 1 otherwise', () => {
    expect(nominalDistance(2, 2)).toBe(0)
    expect(nominalDistance(2, 3)).toBe(1)
  })

  it('interval is the squared difference of the values', () => {
    expect(intervalDistance(1, 4)).toBe(9)
    expect(intervalDistance(4, 1)).toBe(9)
  })

  it('ratio is ((c - k)/(c + k))^2, 0 for equal values including zeros', () => {
    expect(ratioDistance(1, 3)).toBeCloseTo(0.25, 15)
    expect(ratioDistance(0, 0)).toBe(0)
    expect(ratioDistance(0, 5)).toBe(1)
    expect(Number.isFinite(ratioDistance(-1, 1))).toBe(false)
  })

  it('ordinal uses ranks: (sum of n_g from c to k - (n_c + n_k)/2)^2', () => {
    const d = ordinalDistances(MARGINALS)
    const at = (c: number, k: number): number => d[(c - 1) * 5 + (k - 1)]!
    expect(at(1, 2)).toBeCloseTo((22 - 11) ** 2, 12) // 121
    expect(at(1, 3)).toBeCloseTo((32 - 9.5) ** 2, 12) // 506.25
    expect(at(1, 5)).toBeCloseTo((40 - 6) ** 2, 12) // 1156
    expect(at(4, 2)).toBeCloseTo(at(2, 4), 12)
    expect(at(3, 3)).toBe(0)
  })

  it('an unused category between two others adds nothing to their distance', () => {
    const d = ordinalDistances([9, 0, 13])
    expect(d[2]).toBeCloseTo(ordinalDistances([9, 13])[1]!, 12)
  })

  it('interval and ratio without values give a reason instead of a matrix', () => {
    expect(distanceMatrix('interval', null, MARGINALS)).toMatch(/numeric value/)
    expect(distanceMatrix('ratio', new Float64Array(2), MARGINALS)).toMatch(
      /numeric value/
    )
    const values = Float64Array.from([1, 2, 3, 4, 5])
    const d = distanceMatrix('interval', values, MARGINALS) as Float64Array
    expect(d[0 * 5 + 4]).toBe(16)
  })
})
