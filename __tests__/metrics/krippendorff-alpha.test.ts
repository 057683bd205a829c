import { describe, expect, it } from '@jest/globals'
import type { Level } from '../../src/model/level.js'
import { computeAgreement } from '../../src/metrics/agreement.js'
import {
  countCategories,
  groupByItem,
  summarizeItems
} from '../../src/metrics/agreement-stats.js'
import { makeRatings, reliabilityRows } from './ratings-helper.js'

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section
// C: 4 observers × 12 units, values 1-5, missing values. Also R irr's `nmm`
// and fast-krippendorff's tests/test_krippendorff.py.
const KRIPPENDORFF_2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]
]
const VALUES_1_TO_5 = ['1', '2', '3', '4', '5']

// fast-krippendorff tests/test_krippendorff.py: 3 coders × 15 units.
const FAST_KRIPPENDORFF_3X15 = [
  [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
  [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
  [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4]
]

function alpha(
  data: (number | null)[][],
  level: Level,
  categories?: string[]
): number | null {
  const ratings = makeRatings(reliabilityRows(data), { level, categories })
  return computeAgreement(ratings).metrics.krippendorff_alpha.value
}

describe('krippendorff_alpha: Krippendorff (2011) reliability data', () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797]
  ] as const)('%s alpha is %s', (level, published) => {
    const value = alpha(KRIPPENDORFF_2011, level, VALUES_1_TO_5)
    expect(value).not.toBeNull()
    expect(value!.toFixed(3)).toBe(published.toFixed(3))
  })

  it('matches irrCAC krippen.alpha.raw(cac.raw4raters) = 0.74342', () => {
    // irrCAC README: the same data as cac.raw4raters (unit 12 rated once).
    expect(alpha(KRIPPENDORFF_2011, 'nominal')).toBeCloseTo(0.74342, 5)
  })

  it('leaves out the unit with one value and counts 11 pairable units', () => {
    const ratings = makeRatings(reliabilityRows(KRIPPENDORFF_2011), {
      categories: VALUES_1_TO_5
    })
    const result = computeAgreement(ratings).metrics.krippendorff_alpha
    expect(result.n_items).toBe(11)
    expect(result.n).toBe(40)
  })

  it('builds the coincidence matrix of the paper', () => {
    const ratings = makeRatings(reliabilityRows(KRIPPENDORFF_2011), {
      categories: VALUES_1_TO_5
    })
    const stats = summarizeItems(countCategories(ratings, groupByItem(ratings)))
    // Marginals n_c and n.. = 40 as printed in the paper's matrix.
    expect(Array.from(stats.pairableTotals)).toEqual([9, 13, 10, 5, 3])
    // o_11 = 3·2/2 (unit 1) + 3·2/3 (unit 8) + 2·1/1 (unit 11) = 7
    expect(stats.coincidence[0]).toBeCloseTo(7, 12)
    // o_12 = 3·1/3 (unit 8) + 1·1/3 (unit 6) = 4/3
    expect(stats.coincidence[1]).toBeCloseTo(4 / 3, 12)
    expect(stats.coincidence[5]).toBeCloseTo(4 / 3, 12)
    // Rows of o sum to the marginals.
    for (let c = 0; c < 5; c++) {
      const row = stats.coincidence.slice(c * 5, c * 5 + 5)
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(
        stats.pairableTotals[c]!,
        12
      )
    }
  })
})

describe('krippendorff_alpha: fast-krippendorff test values', () => {
  it('nominal alpha of the 3 × 15 data is 0.691358', () => {
    expect(alpha(FAST_KRIPPENDORFF_3X15, 'nominal')).toBeCloseTo(0.691358, 6)
  })

  it('interval alpha of the 3 × 15 data is 0.810845', () => {
    expect(alpha(FAST_KRIPPENDORFF_3X15, 'interval')).toBeCloseTo(0.810845, 6)
  })

  it('ratio alpha with a zero value is 1 for perfect agreement', () => {
    const data = [
      [0, 1, 2],
      [0, 1, 2]
    ]
    expect(alpha(data, 'ratio')).toBe(1)
  })

  it('ordinal alpha uses the declared order, not the label text', () => {
    // fast-krippendorff test_string_labels_ordinal_with_domain: 0.815.
    const names = ['very low', 'low', 'mid', 'high', 'very high']
    const data = KRIPPENDORFF_2011.map((row) =>
      row.map((v) => (v === null ? null : names[v - 1]!))
    )
    const ratings = makeRatings(reliabilityRows(data), {
      level: 'ordinal',
      categories: names
    })
    const value = computeAgreement(ratings).metrics.krippendorff_alpha.value
    expect(value!.toFixed(3)).toBe('0.815')
  })

  it('a declared but unused category changes no ordinal alpha', () => {
    const declared = ['1', '2', '3', '4', '5', '6']
    const data = KRIPPENDORFF_2011
    expect(alpha(data, 'ordinal', declared)).toBeCloseTo(
      alpha(data, 'ordinal', VALUES_1_TO_5)!,
      12
    )
  })
})

describe('krippendorff_alpha: undefined cases', () => {
  it('is null without a pairable unit', () => {
    const result = computeAgreement(
      makeRatings([
        ['a', 'x', '1'],
        ['b', 'y', '2']
      ])
    ).metrics.krippendorff_alpha
    expect(result.value).toBeNull()
    expect(result.reason).toMatch(/pairable/)
  })

  it('is null when only one value is in use (no expected disagreement)', () => {
    const result = computeAgreement(
      makeRatings(
        [
          ['a', 'x', '1'],
          ['a', 'y', '1'],
          ['b', 'x', '1'],
          ['b', 'y', '1']
        ],
        { categories: ['1', '2'] }
      )
    ).metrics.krippendorff_alpha
    expect(result.value).toBeNull()
    expect(result.reason).toMatch(/one value/)
  })

  it('is null at interval level without numeric values', () => {
    const ratings = {
      ...makeRatings(reliabilityRows(KRIPPENDORFF_2011)),
      level: 'interval' as const
    }
    const result = computeAgreement(ratings).metrics.krippendorff_alpha
    expect(result.value).toBeNull()
    expect(result.reason).toMatch(/numeric value/)
  })

  it('is null at ratio level when unequal values sum to zero', () => {
    const ratings = makeRatings(
      [
        ['a', 'x', '-1'],
        ['a', 'y', '1'],
        ['b', 'x', '1'],
        ['b', 'y', '1']
      ],
      { level: 'ratio' }
    )
    const result = computeAgreement(ratings).metrics.krippendorff_alpha
    expect(result.value).toBeNull()
    expect(result.reason).toMatch(/not finite/)
  })
})
