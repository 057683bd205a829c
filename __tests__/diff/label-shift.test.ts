import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chiSquareHomogeneity } from '../../src/diff/chi-square-homogeneity.js'
import { jensenShannonDistance } from '../../src/diff/jensen-shannon.js'
import { labelShift } from '../../src/diff/label-shift.js'
import { regularizedGammaQ } from '../../src/diff/regularized-gamma.js'
import { ratingsOf, type Row } from './ratings-helper.js'

/** Written by script/fixtures/diff/generate.py (scipy). */
interface Fixture {
  chi_square: {
    table: number[][]
    statistic: number
    df: number
    p_value: number
  }[]
  jensen_shannon: { p: number[]; q: number[]; distance: number }[]
  gamma_q: { a: number; x: number; q: number }[]
}

const fixture = JSON.parse(
  readFileSync(
    fileURLToPath(
      new URL('../../__fixtures__/diff/label-shift.json', import.meta.url)
    ),
    'utf8'
  )
) as Fixture

/** |actual − expected| within `relative` of |expected|: tiny tails too. */
function expectNear(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    relative * Math.abs(expected)
  )
}

/** `counts[k]` annotations of label `labels[k]`, one item each. */
function rowsOf(labels: string[], counts: number[], prefix: string): Row[] {
  const rows: Row[] = []
  labels.forEach((label, k) => {
    for (let c = 0; c < counts[k]!; c++)
      rows.push([`${prefix}${label}${c}`, 'ann', label])
  })
  return rows
}

describe('regularizedGammaQ', () => {
  it.each(fixture.gamma_q)('Q($a, $x) matches scipy gammaincc', (c) => {
    expectNear(regularizedGammaQ(c.a, c.x), c.q, 1e-12)
  })

  it('gives the closed forms Q(1, x) = e^-x and the bounds', () => {
    for (const x of [0.01, 1, 7.5, 40])
      expectNear(regularizedGammaQ(1, x), Math.exp(-x), 1e-14)
    expect(regularizedGammaQ(3, 0)).toBe(1)
    expect(regularizedGammaQ(3, Infinity)).toBe(0)
    expect(regularizedGammaQ(0, 1)).toBeNaN()
  })
})

describe('chiSquareHomogeneity', () => {
  it('reproduces Agresti (2007) Table 2.5: X² = 30.1, df = 2', () => {
    const test = chiSquareHomogeneity([
      [762, 327, 468],
      [484, 239, 477]
    ])
    expect(test?.statistic).toBeCloseTo(30.1, 1)
    expect(test?.df).toBe(2)
    expect(test?.p_value).toBeLessThan(0.001)
  })

  it.each(fixture.chi_square.map((c) => [JSON.stringify(c.table), c] as const))(
    '%s matches scipy chi2_contingency(correction=False)',
    (_, c) => {
      const test = chiSquareHomogeneity(c.table)
      expect(test).not.toBeNull()
      expectNear(test!.statistic, c.statistic, 1e-10)
      expect(test!.df).toBe(c.df)
      expectNear(test!.p_value, c.p_value, 1e-9)
    }
  )

  it('drops labels nobody used, and is undefined without two sides and labels', () => {
    expect(
      chiSquareHomogeneity([
        [10, 0, 20],
        [20, 0, 10]
      ])
    ).toEqual(
      chiSquareHomogeneity([
        [10, 20],
        [20, 10]
      ])
    )
    expect(chiSquareHomogeneity([[1, 2, 3]])).toBeNull()
    expect(
      chiSquareHomogeneity([
        [5, 0],
        [7, 0]
      ])
    ).toBeNull()
    expect(
      chiSquareHomogeneity([
        [0, 0],
        [3, 4]
      ])
    ).toBeNull()
  })

  it('gives statistic 0 and p = 1 for proportional rows', () => {
    expect(
      chiSquareHomogeneity([
        [2, 4, 6],
        [1, 2, 3]
      ])
    ).toEqual({ statistic: 0, df: 2, p_value: 1 })
  })
})

describe('jensenShannonDistance', () => {
  it.each(fixture.jensen_shannon)(
    '$p vs $q matches scipy jensenshannon(base=2)',
    (c) => {
      expectNear(jensenShannonDistance(c.p, c.q).value!, c.distance, 1e-12)
    }
  )

  it('is 0 for identical distributions and 1 for disjoint ones', () => {
    expect(jensenShannonDistance([3, 1, 2], [6, 2, 4]).value).toBe(0)
    expect(jensenShannonDistance([3, 0, 2, 0], [0, 5, 0, 1]).value).toBe(1)
  })

  it('is null with a reason when a side is empty', () => {
    const result = jensenShannonDistance([0, 0], [1, 2])
    expect(result.value).toBeNull()
    expect(result.reason).toBe('no annotations at the base')
    expect(jensenShannonDistance([1], [0]).reason).toBe(
      'no annotations at the head'
    )
  })
})

describe('labelShift', () => {
  it('unites labels by text, base order first, and counts each side', () => {
    const base = ratingsOf(
      [
        ['i1', 'a', 'neg'],
        ['i2', 'a', 'pos'],
        ['i3', 'a', 'pos']
      ],
      ['pos', 'neg', 'unused']
    )
    const head = ratingsOf([
      ['i1', 'a', 'neu'],
      ['i2', 'a', 'pos'],
      ['i4', 'a', 'neg']
    ])
    const shift = labelShift(base, head)
    expect(shift.labels).toEqual(['pos', 'neg', 'unused', 'neu'])
    expect(shift.base).toEqual([2, 1, 0, 0])
    expect(shift.head).toEqual([1, 1, 0, 1])
    expect(shift.jensen_shannon.n).toBe(6)
    // i1 relabeled to neu and i4 added are the new labels; i2 is unchanged.
    expect(shift.changed).toEqual([0, 1, 0, 1])
    expect(shift.unchanged).toEqual([1, 0, 0, 0])
    // The unused label is dropped from the test: 2 × 3, df 2.
    expect(shift.chi_square?.df).toBe(2)
  })

  it('matches scipy on Agresti Table 2.5: kept labels vs a new batch', () => {
    const labels = ['democrat', 'independent', 'republican']
    const kept = rowsOf(labels, [762, 327, 468], 'b')
    const base = ratingsOf(kept)
    // Another category order at the head: codes differ, texts do not.
    const head = ratingsOf(
      [...kept, ...rowsOf(labels, [484, 239, 477], 'h')],
      ['republican', 'democrat', 'independent']
    )
    const shift = labelShift(base, head)
    expect(shift.base).toEqual([762, 327, 468])
    expect(shift.head).toEqual([762 + 484, 327 + 239, 468 + 477])
    expect(shift.unchanged).toEqual([762, 327, 468])
    expect(shift.changed).toEqual([484, 239, 477])
    const chi = fixture.chi_square[0]!
    expectNear(shift.chi_square!.statistic, chi.statistic, 1e-10)
    expectNear(shift.chi_square!.p_value, chi.p_value, 1e-9)
    const js = fixture.jensen_shannon.find(
      (c) => c.p.join() === '762,327,468' && c.q.join() === '484,239,477'
    )!
    const apart = labelShift(
      base,
      ratingsOf(rowsOf(labels, [484, 239, 477], 'h'))
    )
    expectNear(apart.jensen_shannon.value!, js.distance, 1e-12)
  })

  it('is 0 and no test between a version and itself, and null when empty', () => {
    const rows = rowsOf(['x', 'y'], [3, 5], 'i')
    const same = labelShift(ratingsOf(rows), ratingsOf([...rows].reverse()))
    expect(same.jensen_shannon.value).toBe(0)
    // Nothing added or relabeled: no new labels to test.
    expect(same.changed).toEqual([0, 0])
    expect(same.chi_square).toBeNull()
    const empty = labelShift(ratingsOf([]), ratingsOf(rows))
    expect(empty.base).toEqual([0, 0])
    expect(empty.jensen_shannon.value).toBeNull()
    expect(empty.chi_square).toBeNull()
    const single = labelShift(
      ratingsOf(rowsOf(['x'], [3], 'i')),
      ratingsOf(rowsOf(['x'], [4], 'i'))
    )
    expect(single.jensen_shannon.value).toBe(0)
    expect(single.chi_square).toBeNull()
  })
})

/** Written by script/fixtures/diff/label-shift-change.py (scipy). */
interface ChangeCase {
  name: string
  labels: string[]
  unchanged: number[]
  changed: number[]
  chi_square: { statistic: number; df: number; p_value: number } | null
  base?: Row[]
  head?: Row[]
  data?: string
  base_without_annotator?: string
}

const changeCases = (
  JSON.parse(
    readFileSync(
      fileURLToPath(
        new URL(
          '../../__fixtures__/diff/label-shift-change.json',
          import.meta.url
        )
      ),
      'utf8'
    )
  ) as { cases: ChangeCase[] }
).cases

function rowsOfCase(c: ChangeCase): { base: Row[]; head: Row[] } {
  if (c.base !== undefined && c.head !== undefined)
    return { base: c.base, head: c.head }
  const head = readFileSync(
    fileURLToPath(new URL(`../../${c.data!}`, import.meta.url)),
    'utf8'
  )
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',') as unknown as Row)
  return {
    base: head.filter((r) => r[1] !== c.base_without_annotator),
    head
  }
}

describe('labelShift: the new labels against the unchanged ones (scipy)', () => {
  it.each(changeCases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { base, head } = rowsOfCase(c)
    const shift = labelShift(ratingsOf(base), ratingsOf(head))
    const byLabel = (counts: number[]) =>
      Object.fromEntries(shift.labels.map((l, k) => [l, counts[k]]))
    const expected = (counts: number[]) =>
      Object.fromEntries(c.labels.map((l, k) => [l, counts[k]]))
    expect(byLabel(shift.unchanged)).toEqual(expected(c.unchanged))
    expect(byLabel(shift.changed)).toEqual(expected(c.changed))
    // Relative differences (0 when both are null), so no expect is conditional.
    const relative = (a: number | undefined, b: number | undefined) =>
      a === b ? 0 : Math.abs((a ?? NaN) - (b ?? NaN)) / Math.abs(b ?? NaN)
    const [got, want] = [
      shift.chi_square ?? undefined,
      c.chi_square ?? undefined
    ]
    expect(got === undefined).toBe(want === undefined)
    expect(got?.df).toBe(want?.df)
    expect(relative(got?.statistic, want?.statistic)).toBeLessThanOrEqual(1e-10)
    expect(relative(got?.p_value, want?.p_value)).toBeLessThanOrEqual(1e-9)
  })
})
