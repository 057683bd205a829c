import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { dawidSkene } from '../../src/inference/dawid-skene.js'
import { mace } from '../../src/inference/mace.js'
import type { InferenceOptions } from '../../src/inference/truth-inference.js'
import type { Ratings } from '../../src/model/ratings.js'
import { makeRatings, type RatingRow } from '../metrics/ratings-helper.js'

interface Expected {
  posterior: Record<string, Record<string, number>>
  estimated_accuracy: Record<string, number>
  confusion?: Record<string, Record<string, Record<string, number>>>
  prior?: Record<string, number>
  spam_score?: Record<string, number>
}
interface Case {
  name: string
  rows: RatingRow[]
  iterations: number
  expected: Record<string, Expected>
}
const fixture = JSON.parse(
  readFileSync(
    new URL('../../__fixtures__/inference/crowd-kit.json', import.meta.url),
    'utf8'
  )
) as { cases: Case[] }

// crowd-kit with its own stopping rule off (tol = -inf): every round runs.
const options = (
  method: InferenceOptions['method'],
  iterations: number,
  variational = false
): InferenceOptions => ({
  method,
  maxIterations: iterations,
  tolerance: -Infinity,
  smoothing: 0,
  start: 'majority',
  variational
})

/**
 * 1e-7 absolute: crowd-kit leaves a label an annotator never used out of
 * their confusion matrix, labelgate floors it at 1e-10, a difference far
 * below this; everything else is the same arithmetic.
 */
const CLOSE = 1e-7

function expectPosteriors(
  ratings: Ratings,
  result: ReturnType<typeof dawidSkene>,
  expected: Expected
): void {
  const { items } = result.groups
  expect(items.length).toBe(Object.keys(expected.posterior).length)
  let worst = 0
  items.forEach((code, g) => {
    const id = ratings.itemIds[code]!
    ratings.categories.forEach((c, k) => {
      const want = expected.posterior[id]![c]!
      worst = Math.max(
        worst,
        Math.abs(result.posterior[g * result.k + k]! - want)
      )
    })
  })
  expect(worst).toBeLessThan(CLOSE)
  let worstAccuracy = 0
  ratings.annotatorIds.forEach((id, a) => {
    worstAccuracy = Math.max(
      worstAccuracy,
      Math.abs(result.estimatedAccuracy[a]! - expected.estimated_accuracy[id]!)
    )
  })
  expect(worstAccuracy).toBeLessThan(CLOSE)
}

describe.each(fixture.cases)('crowd-kit parity: $name', (c) => {
  const ratings = makeRatings(c.rows)

  it('Dawid-Skene: posteriors, annotator accuracies, confusion matrices and prior', () => {
    const result = dawidSkene(ratings, options('dawid_skene', c.iterations))
    const want = c.expected.dawid_skene!
    expectPosteriors(ratings, result, want)
    const k = result.k
    let worst = 0
    ratings.annotatorIds.forEach((id, a) => {
      for (const [truth, row] of Object.entries(want.confusion![id]!)) {
        for (const [given, p] of Object.entries(row)) {
          const t = ratings.categories.indexOf(truth)
          const l = ratings.categories.indexOf(given)
          worst = Math.max(
            worst,
            Math.abs(result.confusion![(a * k + t) * k + l]! - p)
          )
        }
      }
    })
    expect(worst).toBeLessThan(CLOSE)
    ratings.categories.forEach((cat, t) =>
      expect(result.prior[t]).toBeCloseTo(want.prior![cat]!, 9)
    )
  })

  it('one-coin Dawid-Skene', () => {
    const result = dawidSkene(ratings, options('one_coin', c.iterations))
    expectPosteriors(ratings, result, c.expected.one_coin!)
  })

  it.each([
    ['mace_vb', true],
    ['mace_em', false]
  ] as const)(
    'MACE (%s): posteriors, accuracies and spam scores',
    (key, vb) => {
      // crowd-kit's EM smooths by 0.01 / k whatever its `smoothing` says.
      const result = mace(ratings, {
        ...options('mace', c.iterations, vb),
        smoothing: 0.01
      })
      const want = c.expected[key]!
      expectPosteriors(ratings, result, want)
      let worst = 0
      ratings.annotatorIds.forEach((id, a) => {
        worst = Math.max(
          worst,
          Math.abs(result.spamScore![a]! - want.spam_score![id]!)
        )
      })
      expect(worst).toBeLessThan(CLOSE)
    }
  )
})
