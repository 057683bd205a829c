import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { dawidSkene } from '../../src/inference/dawid-skene.js'
import { mace } from '../../src/inference/mace.js'
import {
  DEFAULT_INFERENCE,
  type InferenceMethod,
  type TruthInference
} from '../../src/inference/truth-inference.js'
import { makeRatings, type RatingRow } from '../metrics/ratings-helper.js'

const fit = (
  method: InferenceMethod,
  rows: RatingRow[],
  categories: string[]
) => {
  const ratings = makeRatings(rows, { categories })
  const options = DEFAULT_INFERENCE[method]
  return {
    ratings,
    result:
      method === 'mace' ? mace(ratings, options) : dawidSkene(ratings, options)
  }
}

/** Item id -> category -> posterior. */
function posteriors(
  fitted: ReturnType<typeof fit>
): Map<string, Map<string, number>> {
  const { ratings, result } = fitted
  const out = new Map<string, Map<string, number>>()
  result.groups.items.forEach((code, g) => {
    out.set(
      ratings.itemIds[code]!,
      new Map(
        ratings.categories.map((c, k) => [
          c,
          result.posterior[g * result.k + k]!
        ])
      )
    )
  })
  return out
}

function expectSamePosteriors(
  a: Map<string, Map<string, number>>,
  b: Map<string, Map<string, number>>,
  rename: (c: string) => string = (c) => c
): void {
  expect(a.size).toBe(b.size)
  for (const [item, probs] of a) {
    for (const [c, p] of probs)
      expect(b.get(item)!.get(rename(c))!).toBeCloseTo(p, 9)
  }
}

// Datasets: up to 30 items, 2-6 annotators, 3 categories, 1-4 ratings per item.
const dataset = fc
  .array(
    fc.record({
      annotators: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), {
        minLength: 1,
        maxLength: 4
      }),
      labels: fc.array(fc.integer({ min: 0, max: 2 }), {
        minLength: 4,
        maxLength: 4
      })
    }),
    { minLength: 2, maxLength: 30 }
  )
  .map((items) =>
    items.flatMap((it, i) =>
      it.annotators.map((a, j): RatingRow => [
        `i${i}`,
        `a${a}`,
        `c${it.labels[j]}`
      ])
    )
  )
const CATEGORIES = ['c0', 'c1', 'c2']

describe.each(['dawid_skene', 'one_coin', 'mace'] as const)(
  '%s: invariances',
  (method) => {
    it('the order of the rows (annotators and items) changes nothing', () => {
      fc.assert(
        fc.property(dataset, fc.integer(), (rows, seed) => {
          const shuffled = [...rows]
          // A seeded Fisher-Yates shuffle: other interning orders of items and annotators.
          let s = seed >>> 0
          for (let i = shuffled.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0
            const j = s % (i + 1)
            ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
          }
          expectSamePosteriors(
            posteriors(fit(method, rows, CATEGORIES)),
            posteriors(fit(method, shuffled, CATEGORIES))
          )
        }),
        { numRuns: 40 }
      )
    })

    it('renaming the classes renames the posteriors, nothing else', () => {
      const rename = (c: string): string =>
        ({ c0: 'c2', c1: 'c0', c2: 'c1' })[c]!
      fc.assert(
        fc.property(dataset, (rows) => {
          const renamed = rows.map(([i, a, l]): RatingRow => [i, a, rename(l)])
          // The same category order for the renamed labels: the model sees a permutation.
          expectSamePosteriors(
            posteriors(fit(method, rows, CATEGORIES)),
            posteriors(fit(method, renamed, CATEGORIES)),
            rename
          )
        }),
        { numRuns: 40 }
      )
    })
  }
)

describe('a perfect annotator is recovered', () => {
  // 200 items, truth c0/c1/c2 by i % 3; "oracle" rates every item correctly,
  // five noisy annotators are right about 60% of the time (deterministically).
  const rows: RatingRow[] = []
  for (let i = 0; i < 200; i++) {
    const truth = i % 3
    rows.push([`i${i}`, 'oracle', `c${truth}`])
    for (let a = 0; a < 5; a++) {
      const wrong = (i * 7 + a * 13) % 5 < 2
      rows.push([
        `i${i}`,
        `n${a}`,
        `c${wrong ? (truth + 1 + (a % 2)) % 3 : truth}`
      ])
    }
  }
  it.each(['dawid_skene', 'one_coin', 'mace'] as const)('%s', (method) => {
    const { ratings, result } = fit(method, rows, CATEGORIES)
    const oracle = ratings.annotatorIds.indexOf('oracle')
    expect(result.estimatedAccuracy[oracle]).toBeGreaterThan(0.99)
    for (let a = 0; a < 5; a++) {
      const noisy =
        result.estimatedAccuracy[ratings.annotatorIds.indexOf(`n${a}`)]!
      expect(noisy).toBeLessThan(0.7)
      expect(noisy).toBeGreaterThan(0.5)
    }
    // Every inferred label is the oracle's, which is the truth.
    const wrong = labelsOf(result, ratings.itemIds).filter(
      ([item, label]) => label !== `c${Number(item.slice(1)) % 3}`
    )
    expect(wrong).toEqual([])
    // MACE: the oracle never spams; the other models have no spam score.
    expect(result.spamScore?.[oracle] ?? 0).toBeLessThan(0.05)
  })
})

function labelsOf(
  result: TruthInference,
  itemIds: readonly string[]
): [string, string][] {
  return Array.from(result.groups.items, (code, g) => [
    itemIds[code]!,
    result.label[g]! >= 0 ? `c${result.label[g]}` : 'tie'
  ])
}
