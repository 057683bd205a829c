import { describe, expect, it } from '@jest/globals'
import { seededRandom } from '../../src/governance/seeded-random.js'
import { computeReference } from '../../src/metrics/reference.js'
import {
  differenceTest,
  moverInterval
} from '../../src/slices/difference-test.js'
import { populationValues, simulate } from '../metrics/coverage-model.js'

// The slice gap's interval and test under the null, by simulation: two
// slices drawn from the same model (coverage-model.ts: 3 annotators per item,
// half the items easy and half hard, so the annotations of an item are
// correlated). The true gap is 0, so the MOVER interval should cover 0 about
// 95% of the time and the Rao–Scott z-test should reject at 5% about 5% of
// the time. Seeded, so the figures are fixed; an estimator that ignored the
// clustering (or an interval built the wrong way round) moves them out.
const DATASETS = 1000

function nullGaps(nItems: number): { covered: number; rejected: number } {
  const next = seededRandom(`slice-gap-null/${nItems}`)
  let covered = 0
  let rejected = 0
  for (let d = 0; d < DATASETS; d++) {
    const [a, b] = [0, 1].map(() => {
      const { ratings, reference } = simulate(next, nItems, 3, true)
      return computeReference(ratings, reference).metrics.accuracy
    })
    const ci = moverInterval(a!.value!, a!.ci!, b!.value!, b!.ci!)
    if (ci.low <= 0 && 0 <= ci.high) covered++
    const t = differenceTest('accuracy', a!, b!)
    if (t.p !== null && t.p < 0.05) rejected++
  }
  return { covered: covered / DATASETS, rejected: rejected / DATASETS }
}

describe('slice gap under the null (two slices of equal accuracy)', () => {
  it('simulates slices of accuracy 0.8', () => {
    expect(populationValues().accuracy).toBeCloseTo(0.8, 12)
  })

  it.each([30, 200])(
    'at %i items per slice: the interval covers 0 in 93-97%%, the test rejects in 3-7%%',
    (nItems) => {
      const { covered, rejected } = nullGaps(nItems)
      expect(covered).toBeGreaterThanOrEqual(0.93)
      expect(covered).toBeLessThanOrEqual(0.97)
      expect(rejected).toBeGreaterThanOrEqual(0.03)
      expect(rejected).toBeLessThanOrEqual(0.07)
    }
  )
})
