import { describe, expect, it } from '@jest/globals'
import { computeAgreement } from '../../src/metrics/agreement.js'
import { makeRatings, subjectRows, type RatingRow } from './ratings-helper.js'

// irrCAC `cac.raw4raters` (Gwet 2014, Handbook of Inter-Rater Reliability,
// 4th ed., p. 120), as printed in the irrCAC README: 12 units × 4 raters.
const RAW_4_RATERS = [
  [1, 1, null, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [null, 5, 5, 5],
  [null, null, 1, 1],
  [null, null, 3, null]
]

// Datasets of the irrCAC Python port (afergadis/irrCAC, irrCAC/datasets.py)
// with the values of its tests (test/unit/irrCAC/raw/*.py, 3 decimals).
const RAW_5_OBSERVERS = transpose([
  [1, 1, 2, null, 0, 0, 1, 1, 2, 2, null, 0, 1, 3, 1],
  [1, 1, 3, 0, 0, 0, 0, null, 2, 1, 1, 0, 2, 3, 1],
  [2, 0, 3, 0, 0, 0, 2, 2, 2, 1, 0, 0, 2, 2, 1],
  [null, 1, 3, null, null, null, null, 0, null, 1, 0, 0, 2, 2, null],
  [2, null, null, 0, 0, 0, 1, null, 2, null, null, null, null, 3, 1]
])
const RAW_GENDER = transpose(
  [
    'a a a a a b b b c a a a a a b',
    'a a a a b a b c c a a a a b a',
    'a b b c a a b b c a b b c a a',
    'c c c c a a b b c c c c c a a'
  ].map((r) => r.split(' '))
)
const RAW_G1G2 = transpose([
  ['a', 'b', 'c', 'c', 'b', 'a', 'd', 'a', 'b', null, null, null, 'b', 'b'],
  ['a', 'b', 'c', 'c', 'b', 'b', 'd', 'a', 'b', 'e', null, null, 'b', 'a'],
  [null, 'c', 'c', 'c', 'b', 'c', 'd', 'b', 'b', 'e', 'a', 'c', 'c', 'c'],
  ['a', 'b', 'c', 'c', 'b', 'd', 'd', 'a', 'b', 'e', 'a', null, 'b', 'b']
])
const RAW_BEN_GERRY = transpose([
  ['a', 'a', 'b', 'b', 'd', 'c', 'c', 'c', 'e', 'd', 'd', 'a'],
  ['b', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'e', null, 'd', 'd']
])

function transpose<T>(columns: T[][]): T[][] {
  return columns[0]!.map((_, u) => columns.map((column) => column[u]!))
}

const metricsOf = (rows: RatingRow[], categories?: string[]) =>
  computeAgreement(makeRatings(rows, { categories })).metrics

describe('gwet_ac1: irrCAC gwet.ac1.raw(cac.raw4raters)', () => {
  const m = metricsOf(subjectRows(RAW_4_RATERS))

  it('AC1 is 0.77544', () => {
    expect(Math.abs(m.gwet_ac1.value! - 0.77544)).toBeLessThan(5e-6)
    expect(m.gwet_ac1.n).toBe(41) // irrCAC tot.obs
    expect(m.gwet_ac1.n_items).toBe(12)
  })

  it('pa (our percent_agreement) is 0.8181818, as pa.coeff.raw', () => {
    expect(m.percent_agreement.value).toBeCloseTo(0.8181818, 7)
    expect(m.percent_agreement.n_items).toBe(11)
  })

  it('pe is 0.1903212: AC1 = (pa - pe)/(1 - pe) with the published pa, pe', () => {
    const pa = 0.8181818
    const pe = 0.1903212
    expect(m.gwet_ac1.value).toBeCloseTo((pa - pe) / (1 - pe), 6)
  })

  it('krippen.alpha.raw is 0.74342', () => {
    expect(m.krippendorff_alpha.value).toBeCloseTo(0.74342, 5)
  })

  it("Fleiss' kappa is null: irrCAC's 0.76117 is a generalization to missing ratings", () => {
    expect(m.fleiss_kappa.value).toBeNull()
    expect(m.fleiss_kappa.reason).toMatch(/^items have 1 to 4 ratings/)
  })

  it('declaring the same five categories changes nothing (all are used)', () => {
    const declared = metricsOf(subjectRows(RAW_4_RATERS), [
      '1',
      '2',
      '3',
      '4',
      '5'
    ])
    expect(declared.gwet_ac1.value).toBe(m.gwet_ac1.value)
  })
})

describe('gwet_ac1 and others: irrCAC Python port test values', () => {
  it.each([
    ['raw_5observers', RAW_5_OBSERVERS, 0.616, 0.497, 0.481],
    ['raw_gender', RAW_GENDER, 0.456, 0.208, 0.143],
    ['raw_g1g2', RAW_G1G2, 0.744, 0.685, 0.632],
    ['raw_ben_gerry', RAW_BEN_GERRY, 0.727, 0.661, 0.665]
  ])('%s: pa %d, AC1 %d, alpha %d', (_, data, pa, ac1, alpha) => {
    const m = metricsOf(subjectRows(data))
    expect(m.percent_agreement.value!.toFixed(3)).toBe(pa.toFixed(3))
    expect(m.gwet_ac1.value!.toFixed(3)).toBe(ac1.toFixed(3))
    expect(m.krippendorff_alpha.value!.toFixed(3)).toBe(alpha.toFixed(3))
  })

  it("raw_gender has 4 ratings on every unit, so Fleiss' kappa is 0.129", () => {
    const m = metricsOf(subjectRows(RAW_GENDER))
    expect(m.fleiss_kappa.value!.toFixed(3)).toBe('0.129')
  })
})

describe('gwet_ac1: conventions', () => {
  // Items (a, a) and (a, b): pa = (1 + 0)/2; pi_a = (1 + 1/2)/2 = 3/4,
  // pi_b = 1/4; Σ pi(1 - pi) = 3/8.
  const rows: RatingRow[] = [
    ['i', 'A', 'a'],
    ['i', 'B', 'a'],
    ['j', 'A', 'a'],
    ['j', 'B', 'b']
  ]

  it('q is the number of labels used when categories are not declared', () => {
    // pe = (3/8)/(2 - 1); AC1 = (1/2 - 3/8)/(5/8) = 1/5
    expect(metricsOf(rows).gwet_ac1.value).toBeCloseTo(0.2, 12)
  })

  it('q is the declared count when categories are declared', () => {
    // pe = (3/8)/(3 - 1) = 3/16; AC1 = (5/16)/(13/16) = 5/13
    expect(metricsOf(rows, ['a', 'b', 'c']).gwet_ac1.value).toBeCloseTo(
      5 / 13,
      12
    )
  })

  it('items rated once count in the category shares, not in pa', () => {
    // Adding (k: b) once: pa unchanged; pi_a = (1 + 1/2 + 0)/3 = 1/2.
    const more: RatingRow[] = [...rows, ['k', 'A', 'b']]
    // pe = 1/2; AC1 = (1/2 - 1/2)/(1/2) = 0
    expect(metricsOf(more).gwet_ac1.value).toBeCloseTo(0, 12)
  })

  it('is null with one category in use and none declared (q = 1)', () => {
    const result = metricsOf([
      ['i', 'A', 'a'],
      ['i', 'B', 'a']
    ]).gwet_ac1
    expect(result.value).toBeNull()
    expect(result.reason).toMatch(/needs at least two/)
  })
})
