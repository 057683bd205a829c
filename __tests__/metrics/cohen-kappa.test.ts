import { describe, expect, it } from '@jest/globals'
import type { Level } from '../../src/model/level.js'
import { computeAgreement } from '../../src/metrics/agreement.js'
import { agreementWeight, kappaOfTable } from '../../src/metrics/cohen-kappa.js'
import {
  indexCategories,
  makeRatings,
  tableRows,
  type RatingRow
} from './ratings-helper.js'

function metricsOf(rows: RatingRow[], level: Level, categories?: string[]) {
  return computeAgreement(makeRatings(rows, { level, categories })).metrics
}

function fromTable(table: number[][], level: Level = 'ordinal') {
  return metricsOf(tableRows(table), level, indexCategories(table.length))
}

/** Two annotators' aligned label vectors, as scikit-learn takes them. */
function aligned(y1: number[], y2: number[]): RatingRow[] {
  return y1.flatMap((label, i): RatingRow[] => [
    [`i${i}`, 'A', String(label)],
    [`i${i}`, 'B', String(y2[i])]
  ])
}
const repeat = (...runs: [number, number][]): number[] =>
  runs.flatMap(([label, times]) => Array<number>(times).fill(label))

describe('cohen_kappa: published values', () => {
  // statsmodels test_inter_rater.py, compared with a SAS printout.
  const SAS = [
    [0, 4, 1],
    [0, 8, 0],
    [0, 1, 5]
  ]

  it('SAS example: simple kappa 0.4842', () => {
    const m = fromTable(SAS)
    expect(m.cohen_kappa.value).toBeCloseTo(0.4842, 4)
    expect(m.cohen_kappa.n_items).toBe(19)
    expect(m.cohen_kappa.n).toBe(38)
  })

  it('SAS example: weighted kappa with linear weights 0.4701', () => {
    expect(fromTable(SAS).cohen_kappa_linear.value).toBeCloseTo(0.4701, 4)
  })

  // scikit-learn sklearn/metrics/tests/test_classification.py test_cohen_kappa.
  it('Artstein and Poesio (2008) Table 1: kappa 0.348', () => {
    const y1 = repeat([0, 40], [1, 60])
    const y2 = repeat([0, 20], [1, 20], [0, 10], [1, 50])
    expect(metricsOf(aligned(y1, y2), 'nominal').cohen_kappa.value).toBeCloseTo(
      0.348,
      3
    )
  })

  it('Artstein and Poesio (2008) Table 4: kappa 0.8013', () => {
    const y1 = repeat([0, 46], [1, 44], [2, 10])
    const y2 = repeat([0, 52], [1, 32], [2, 16])
    expect(metricsOf(aligned(y1, y2), 'nominal').cohen_kappa.value).toBeCloseTo(
      0.8013,
      4
    )
  })

  it('scikit-learn weighting example: 0.9315, linear 0.9412, quadratic 0.9541', () => {
    const y1 = repeat([0, 46], [1, 44], [2, 10])
    const y2 = repeat([0, 50], [1, 40], [2, 10])
    const m = metricsOf(aligned(y1, y2), 'ordinal')
    expect(m.cohen_kappa.value).toBeCloseTo(0.9315, 4)
    expect(m.cohen_kappa_linear.value).toBeCloseTo(0.9412, 4)
    expect(m.cohen_kappa_quadratic.value).toBeCloseTo(0.9541, 4)
  })

  // R irr `anxiety` (20 subjects × 3 raters), via statsmodels
  // test_cohens_kappa_irr: kappa2(anxiety[,2:3]) with weights
  // "unweighted" / "equal" / "squared". irr orders the levels both raters
  // used (1, 2, 3, 4, 6), so the weights come from those five positions.
  const ANXIETY = [
    3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3, 3, 6, 4, 6, 2,
    4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4, 2, 1, 4, 4, 3, 2, 1, 6, 1, 1,
    1, 2, 3, 3, 1, 1, 3, 3, 2, 2
  ]
  const rater2 = ANXIETY.slice(20, 40)
  const rater3 = ANXIETY.slice(40, 60)

  it('R irr kappa2(anxiety[,2:3]): -0.006289308, equal 0.1459075, squared 0.2520325', () => {
    const m = metricsOf(aligned(rater2, rater3), 'ordinal')
    expect(m.cohen_kappa.value).toBeCloseTo(-0.006289308, 8)
    expect(m.cohen_kappa_linear.value).toBeCloseTo(0.1459075, 7)
    expect(m.cohen_kappa_quadratic.value).toBeCloseTo(0.2520325, 7)
  })

  it('is light_kappa when the two annotators are the only pair', () => {
    const m = metricsOf(aligned(rater2, rater3), 'ordinal')
    expect(m.light_kappa.value).toBe(m.cohen_kappa.value)
  })
})

describe('cohen_kappa: weights and conventions', () => {
  it('uses category positions: 1 - |i-j|/(K-1) and 1 - (i-j)^2/(K-1)^2', () => {
    expect(agreementWeight('linear', 0, 2, 5)).toBeCloseTo(0.5, 15)
    expect(agreementWeight('quadratic', 0, 2, 5)).toBeCloseTo(0.75, 15)
    expect(agreementWeight('unweighted', 0, 2, 5)).toBe(0)
    expect(agreementWeight('quadratic', 3, 3, 5)).toBe(1)
  })

  it('keeps the position of a declared but unused category', () => {
    // Table over a, b, c: (a,a)=2 (b,b)=2 (c,c)=2 (a,b)=2, n = 8; A's
    // marginals 4, 2, 2 and B's 2, 4, 2. Hand-computed with disagreement
    // weights v = 1 - w: kappa_w = 1 - n Σ v o / Σ v r c.
    const table = [
      [2, 2, 0],
      [0, 2, 0],
      [0, 0, 2]
    ]
    const names = ['a', 'b', 'c']
    const rows: RatingRow[] = tableRows(table).map(([i, a, l]) => [
      i,
      a,
      names[Number(l)]!
    ])
    // K = 3: v(a,b) = v(b,c) = 1/2, v(a,c) = 1: 1 - 8·1/28 = 5/7.
    const abc = metricsOf(rows, 'ordinal', ['a', 'b', 'c'])
    expect(abc.cohen_kappa_linear.value).toBeCloseTo(5 / 7, 12)
    // x declared between b and c, never used: v(a,b) = 1/3, v(b,c) = 2/3,
    // v(a,c) = 1: 1 - 8·(2/3)/(80/3) = 4/5.
    const abxc = metricsOf(rows, 'ordinal', ['a', 'b', 'x', 'c'])
    expect(abxc.cohen_kappa_linear.value).toBeCloseTo(4 / 5, 12)
    // Unweighted kappa does not depend on unused categories.
    expect(abxc.cohen_kappa.value).toBeCloseTo(abc.cohen_kappa.value!, 12)
  })

  it('any weighting gives the same kappa when two categories are used', () => {
    const m = fromTable([
      [3, 1],
      [1, 3]
    ])
    expect(m.cohen_kappa.value).toBeCloseTo(0.5, 12)
    expect(m.cohen_kappa_linear.value).toBeCloseTo(0.5, 12)
    expect(m.cohen_kappa_quadratic.value).toBeCloseTo(0.5, 12)
  })

  it('weighted kappas are null on nominal labels', () => {
    const m = fromTable(
      [
        [3, 1],
        [1, 3]
      ],
      'nominal'
    )
    expect(m.cohen_kappa.value).toBeCloseTo(0.5, 12)
    expect(m.cohen_kappa_linear.value).toBeNull()
    expect(m.cohen_kappa_linear.reason).toMatch(/nominal labels have no order/)
    expect(m.cohen_kappa_quadratic.value).toBeNull()
  })

  it('kappaOfTable is null for an empty table and a single shared category', () => {
    expect(kappaOfTable([0, 0, 0, 0], 2)).toBeNull()
    expect(kappaOfTable([5, 0, 0, 0], 2)).toBeNull()
  })

  it('needs exactly two annotators', () => {
    const rows: RatingRow[] = [
      ['i', 'A', 'x'],
      ['i', 'B', 'y'],
      ['i', 'C', 'x'],
      ['j', 'A', 'x'],
      ['j', 'B', 'x']
    ]
    const m = metricsOf(rows, 'ordinal')
    for (const name of [
      'cohen_kappa',
      'cohen_kappa_linear',
      'cohen_kappa_quadratic'
    ] as const) {
      expect(m[name].value).toBeNull()
      expect(m[name].reason).toBe(
        "3 annotators; Cohen's kappa needs exactly two (see light_kappa)"
      )
    }
    expect(m.scott_pi.reason).toBe(
      "3 annotators; Scott's pi needs exactly two (see krippendorff_alpha)"
    )
  })

  it('is computed on the items both annotators rated', () => {
    const rows = tableRows([
      [3, 1],
      [1, 3]
    ])
    rows.push(['solo1', 'A', '0'], ['solo2', 'B', '1'], ['solo3', 'B', '0'])
    const m = metricsOf(rows, 'nominal', ['0', '1'])
    expect(m.cohen_kappa.value).toBeCloseTo(0.5, 12)
    expect(m.cohen_kappa.n_items).toBe(8)
  })
})

describe('scott_pi', () => {
  it('pools the two annotators: Artstein and Poesio Table 1 gives 31/91', () => {
    // [[20, 20], [10, 50]]: p_o = 0.7; pooled shares (40 + 30)/200 = 0.35 and
    // 0.65, p_e = 0.35² + 0.65² = 0.545; pi = 0.155 / 0.455 = 31/91.
    const m = fromTable(
      [
        [20, 20],
        [10, 50]
      ],
      'nominal'
    )
    expect(m.scott_pi.value).toBeCloseTo(31 / 91, 12)
    expect(m.scott_pi.n_items).toBe(100)
    // Cohen's kappa of the same table uses separate marginals: 0.16/0.46.
    expect(m.cohen_kappa.value).toBeCloseTo(0.16 / 0.46, 12)
  })

  it('is 1 for perfect agreement and -1 for systematic disagreement', () => {
    expect(
      fromTable(
        [
          [4, 0],
          [0, 6]
        ],
        'nominal'
      ).scott_pi.value
    ).toBe(1)
    expect(
      fromTable(
        [
          [0, 5],
          [5, 0]
        ],
        'nominal'
      ).scott_pi.value
    ).toBe(-1)
  })

  it('is null when the two annotators share no item', () => {
    const m = metricsOf(
      [
        ['i', 'A', 'x'],
        ['j', 'B', 'y']
      ],
      'nominal'
    )
    expect(m.scott_pi.value).toBeNull()
    expect(m.scott_pi.reason).toBe('the two annotators share no item')
    expect(m.cohen_kappa.reason).toBe('the two annotators share no item')
  })
})
