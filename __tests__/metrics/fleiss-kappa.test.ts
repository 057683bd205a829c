import { describe, expect, it } from '@jest/globals'
import { computeAgreement } from '../../src/metrics/agreement.js'
import {
  countRows,
  indexCategories,
  makeRatings,
  subjectRows
} from './ratings-helper.js'

// Fleiss (1971) diagnoses: 30 subjects × 6 raters, 5 categories, as R irr's
// `diagnoses` (statsmodels stats/tests/test_inter_rater.py). irr
// kappam.fleiss(diagnoses) = 0.4302445; irr kappam.light(diagnoses) = 0.459.
const DIAGNOSES = [
  [4, 4, 4, 4, 4, 4],
  [2, 2, 2, 5, 5, 5],
  [2, 3, 3, 3, 3, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3],
  [3, 3, 3, 3, 5, 5],
  [1, 1, 3, 3, 3, 4],
  [1, 1, 4, 4, 4, 4],
  [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4],
  [1, 2, 4, 4, 4, 4],
  [2, 2, 2, 3, 3, 3],
  [1, 4, 4, 4, 4, 4],
  [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5],
  [1, 1, 1, 4, 5, 5],
  [1, 1, 1, 1, 1, 2],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 4, 4, 4, 4, 4],
  [2, 2, 4, 5, 5, 5],
  [1, 1, 4, 4, 4, 4],
  [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4],
  [1, 1, 1, 1, 5, 5],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 3, 3, 3],
  [5, 5, 5, 5, 5, 5]
]

// Wikipedia's Fleiss' kappa example (statsmodels `table1`): 10 subjects,
// 14 raters, counts per category; kappa = 0.210.
const WIKIPEDIA_COUNTS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7]
]

function fleiss(rows: ReturnType<typeof countRows>, K?: number) {
  const categories = K === undefined ? undefined : indexCategories(K)
  return computeAgreement(makeRatings(rows, { categories })).metrics
    .fleiss_kappa
}

describe('fleiss_kappa: published values', () => {
  it('is 0.4302445 on Fleiss (1971) diagnoses (R irr kappam.fleiss)', () => {
    const result = fleiss(subjectRows(DIAGNOSES))
    expect(result.value).toBeCloseTo(0.4302445, 7)
    expect(result.n_items).toBe(30)
    expect(result.n).toBe(180)
  })

  it('is 0.210 on the Wikipedia example (statsmodels)', () => {
    expect(fleiss(countRows(WIKIPEDIA_COUNTS), 5).value).toBeCloseTo(0.21, 3)
  })

  // statsmodels test_fleis_randolph, numbers from Randolph's online calculator.
  it.each([
    [
      [
        [7, 1],
        [3, 5]
      ],
      0.161905
    ],
    [
      [
        [6, 1, 0],
        [0, 7, 0]
      ],
      0.708333
    ],
    [
      [
        [7, 0],
        [0, 7]
      ],
      1
    ]
  ])('fixed-marginal kappa of %j is %d', (counts, published) => {
    const value = fleiss(countRows(counts), counts[0]!.length).value
    expect(Math.abs(value! - published)).toBeLessThan(6e-6)
  })
})

describe('fleiss_kappa: undefined cases', () => {
  it('is null with the range when items have different numbers of ratings', () => {
    const rows = countRows([
      [2, 0],
      [1, 2],
      [3, 1]
    ])
    const result = fleiss(rows, 2)
    expect(result.value).toBeNull()
    expect(result.reason).toMatch(/^items have 2 to 4 ratings/)
  })

  it('does not count items without ratings', () => {
    // Declaring an extra item code that nobody rated changes nothing.
    const ratings = makeRatings(countRows(WIKIPEDIA_COUNTS), {
      categories: indexCategories(5)
    })
    const padded = {
      ...ratings,
      nItems: ratings.nItems + 3,
      itemIds: [...ratings.itemIds, 'p', 'q', 'r']
    }
    expect(computeAgreement(padded).metrics.fleiss_kappa.value).toBe(
      computeAgreement(ratings).metrics.fleiss_kappa.value
    )
  })

  it('is null when every item has one rating', () => {
    const result = fleiss(
      countRows([
        [1, 0],
        [0, 1]
      ]),
      2
    )
    expect(result.value).toBeNull()
    expect(result.reason).toMatch(/single rating/)
  })

  it('is null when a single category is in use', () => {
    const result = fleiss(
      countRows([
        [3, 0],
        [3, 0]
      ]),
      2
    )
    expect(result.value).toBeNull()
    expect(result.reason).toMatch(/single category/)
  })
})

describe('light_kappa: R irr kappam.light(diagnoses) = 0.459', () => {
  it('is the mean of the 15 pairwise kappas', () => {
    const result = computeAgreement(makeRatings(subjectRows(DIAGNOSES)))
    expect(result.metrics.light_kappa.value!.toFixed(3)).toBe('0.459')
    expect(result.metrics.light_kappa.n_items).toBe(30)
    expect(result.pairwise).toHaveLength(15)
    const mean =
      result.pairwise.reduce((s, p) => s + p.kappa!, 0) / result.pairwise.length
    expect(result.metrics.light_kappa.value).toBeCloseTo(mean, 12)
    expect(result.metrics.cohen_kappa.value).toBeNull()
    expect(result.metrics.cohen_kappa.reason).toBe(
      "6 annotators; Cohen's kappa needs exactly two (see light_kappa)"
    )
  })
})
