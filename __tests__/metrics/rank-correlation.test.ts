import { describe, expect, it } from '@jest/globals'
import {
  averageRanks,
  rankCorrelation
} from '../../src/metrics/rank-correlation.js'

// Reference values: scipy.stats.spearmanr (SciPy 1.17.1, Debian's python3-scipy),
// `spearmanr(x, y).statistic`.
describe('rankCorrelation (Spearman)', () => {
  it('matches scipy with ties on one side', () => {
    expect(rankCorrelation([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).rho).toBeCloseTo(
      0.8207826816681233,
      12
    )
  })

  it('matches scipy with ties and unsorted values', () => {
    const r = rankCorrelation(
      [0.7, 0.72, 0.72, 0.8, 0.65, 0.9],
      [0.81, 0.8, 0.85, 0.86, 0.79, 0.88]
    )
    expect(r.rho).toBeCloseTo(0.898645105261295, 12)
    expect(r.n).toBe(6)
  })

  it('is defined at exactly 3 pairs and negative when the order reverses', () => {
    expect(rankCorrelation([3, 1, 2], [1, 2, 3])).toEqual({ rho: -0.5, n: 3 })
    expect(rankCorrelation([1, 2, 3], [9, 8, 7]).rho).toBe(-1)
  })

  it('leaves out pairs with a null and is undefined below 3 pairs', () => {
    const r = rankCorrelation([1, null, 2, 3], [1, 5, null, 2])
    expect(r.rho).toBeNull()
    expect(r.n).toBe(2)
    expect(r.reason).toMatch(/2 versions with both values/)
  })

  it('is undefined when one side never changes', () => {
    const r = rankCorrelation([1, 2, 3, 4], [0.5, 0.5, 0.5, 0.5])
    expect(r.rho).toBeNull()
    expect(r.reason).toMatch(/same value/)
  })

  it('gives tied values their average rank', () => {
    expect([...averageRanks([10, 20, 10, 30, 20])]).toEqual([
      1.5, 3.5, 1.5, 5, 3.5
    ])
  })
})
