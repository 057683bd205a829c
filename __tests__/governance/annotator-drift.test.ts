import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { diffRatings } from '../../src/diff/diff-ratings.js'
import { sliceRatings } from '../../src/diff/slice-ratings.js'
import { annotatorDrift } from '../../src/governance/annotator-drift.js'
import {
  normalCdf,
  twoProportionZTest
} from '../../src/governance/two-proportion-z.js'
import { wilsonInterval } from '../../src/metrics/wilson.js'
import {
  ratingsOf,
  shuffledRows,
  versionOf,
  type Gold,
  type Row,
  type Version
} from './ratings-helper.js'

interface Fixture {
  ztest: {
    x1: number
    n1: number
    x2: number
    n2: number
    z: number
    p: number
  }[]
  normal_cdf: { z: number; cdf: number }[]
}

const fisherFixture = JSON.parse(
  readFileSync(
    new URL('../../__fixtures__/gates/fisher-exact.json', import.meta.url),
    'utf8'
  )
) as {
  fisher_less: { x1: number; n1: number; x2: number; n2: number; p: number }[]
}

const fixture = JSON.parse(
  readFileSync(
    new URL(
      '../../__fixtures__/governance/two-proportion-z.json',
      import.meta.url
    ),
    'utf8'
  )
) as Fixture

/** Relative closeness, for p-values down to 1e-92. */
function expectRelativelyClose(
  actual: number,
  expected: number,
  tol = 1e-9
): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    tol * Math.max(Math.abs(expected), 1e-300)
  )
}

describe('twoProportionZTest (statsmodels proportions_ztest, alternative="smaller")', () => {
  it.each(fixture.ztest.map((c) => [c.x1, c.n1, c.x2, c.n2, c]))(
    '%i/%i against %i/%i',
    (x1, n1, x2, n2, c) => {
      const test = twoProportionZTest(
        x1 as number,
        n1 as number,
        x2 as number,
        n2 as number
      )
      const expected = c as Fixture['ztest'][number]
      expect(test).not.toBeNull()
      expect(test!.z).toBeCloseTo(expected.z, 10)
      expectRelativelyClose(test!.pValue, expected.p, 1e-8)
    }
  )

  it('is undefined without items or without variance', () => {
    expect(twoProportionZTest(0, 0, 5, 10)).toBeNull()
    expect(twoProportionZTest(10, 10, 20, 20)).toBeNull()
    expect(twoProportionZTest(0, 10, 0, 20)).toBeNull()
  })

  it.each(fixture.normal_cdf.map((c) => [c.z, c.cdf]))(
    'normalCdf(%d) is scipy norm.cdf',
    (z, cdf) => expectRelativelyClose(normalCdf(z!), cdf!, 1e-10)
  )
})

/** `n` gold items `${prefix}k`, labelled 'A'. */
function goldItems(prefix: string, n: number): Gold[] {
  return Array.from({ length: n }, (_, k) => [`${prefix}${k}`, 'A'] as const)
}

/** Ratings of `annotator` on the gold items: the first `correct` right ('A'), the rest 'B'. */
function answers(annotator: string, items: Gold[], correct: number): Row[] {
  return items.map(
    ([item], k) => [item, annotator, k < correct ? 'A' : 'B'] as const
  )
}

/**
 * Base: gold items g0..g99; ann1 90/100 right, ann2 28/30, ann3 25/25.
 * Head: the base plus new gold items n0..n24 (ann1 15/25 right: the
 * statsmodels case 15/25 vs 90/100), m0..m4 (ann2 0/5 right: a drop on too
 * few items), and ann4, new, on 30 items p* all right. ann3 adds nothing.
 */
function scenario(): { base: Version; head: Version; headRows: Row[] } {
  const old = goldItems('g', 100)
  const fresh = goldItems('n', 25)
  const few = goldItems('m', 5)
  const newcomer = goldItems('p', 30)
  const gold = [...old, ...fresh, ...few, ...newcomer]
  const baseRows: Row[] = [
    ...answers('ann1', old, 90),
    ...answers('ann2', old.slice(0, 30), 28),
    ...answers('ann3', old.slice(30, 55), 25)
  ]
  const headRows: Row[] = [
    ...baseRows,
    ...answers('ann1', fresh, 15),
    ...answers('ann2', few, 0),
    ...answers('ann4', newcomer, 30)
  ]
  return {
    base: versionOf(baseRows, gold, ['A', 'B']),
    head: versionOf(headRows, gold, ['A', 'B']),
    headRows
  }
}

function changedSlice(base: Version, head: Version) {
  const { changedRatings } = diffRatings(base.ratings, head.ratings)
  return sliceRatings(head.ratings, (r) => changedRatings[r] === 1)
}

describe('annotatorDrift', () => {
  const { base, head, headRows } = scenario()
  const changed = changedSlice(base, head)
  const rows = annotatorDrift(base, head, changed)
  const byId = new Map(rows.map((r) => [r.annotator, r]))

  it('gives base, slice and head accuracy with Wilson intervals and counts', () => {
    const ann1 = byId.get('ann1')!
    expect(ann1.base).toEqual({
      value: 0.9,
      n_items: 100,
      n: 100,
      ci: wilsonInterval(90, 100)
    })
    expect(ann1.changed).toEqual({
      value: 0.6,
      n_items: 25,
      n: 25,
      ci: wilsonInterval(15, 25)
    })
    expect(ann1.head).toMatchObject({ value: 105 / 125, n: 125 })
    expect(ann1.drop).toBeCloseTo(0.3, 12)
  })

  it('flags a significant drop on enough items, by the exact test when an expected count is below 5', () => {
    const ann1 = byId.get('ann1')!
    // 15/25 against 90/100: 20 wrong of 125, the smallest expected count is
    // 25 × 20 / 125 = 4, so Fisher's exact test (SciPy's value), not the z-test.
    const expected = fisherFixture.fisher_less.find(
      (c) => c.x1 === 15 && c.n1 === 25 && c.x2 === 90 && c.n2 === 100
    )!
    expect(ann1.test).toBe('fisher-exact')
    expect(ann1.z).toBeNull()
    expectRelativelyClose(ann1.p_value!, expected.p, 1e-9)
    expect(ann1.p_value!).toBeGreaterThan(fixture.ztest[0]!.p)
    expect(ann1.flagged).toBe(true)
  })

  it('uses the z-test (statsmodels) when every expected count is at least 5', () => {
    const old = goldItems('g', 200)
    const fresh = goldItems('n', 60)
    const baseRows = answers('a', old, 180)
    const added = answers('a', fresh, 40)
    const gold = [...old, ...fresh]
    const big = annotatorDrift(
      versionOf(baseRows, gold, ['A', 'B']),
      versionOf([...baseRows, ...added], gold, ['A', 'B']),
      versionOf(added, gold, ['A', 'B']).ratings
    )[0]!
    // 40/60 in the change against 180/200 at the base.
    const z = twoProportionZTest(40, 60, 180, 200)!
    expect(big.test).toBe('z')
    expect(big.z).toBeCloseTo(z.z, 12)
    expect(big.p_value).toBeCloseTo(z.pValue, 15)
  })

  it('does not flag a drop on fewer than min_items items', () => {
    const ann2 = byId.get('ann2')!
    expect(ann2.changed).toMatchObject({ value: 0, n: 5 })
    expect(ann2.drop).toBeCloseTo(28 / 30, 12)
    expect(ann2.p_value!).toBeLessThan(0.001)
    expect(ann2.flagged).toBe(false)
    // With min_items 5 it is flagged.
    const relaxed = annotatorDrift(base, head, changed, { minItems: 5 })
    expect(relaxed.find((r) => r.annotator === 'ann2')!.flagged).toBe(true)
  })

  it('takes alpha from the options', () => {
    const strict = annotatorDrift(base, head, changed, { alpha: 1e-5 })
    expect(strict.find((r) => r.annotator === 'ann1')!.flagged).toBe(false)
  })

  it('leaves drop and test null without slice or base annotations', () => {
    const ann3 = byId.get('ann3')!
    expect(ann3.changed).toEqual({
      value: null,
      reason: 'the annotator has no annotation in the change'
    })
    expect(ann3).toMatchObject({
      drop: null,
      z: null,
      p_value: null,
      flagged: false
    })
    const ann4 = byId.get('ann4')!
    expect(ann4.base.value).toBeNull()
    expect(ann4.base.reason).toBe('the annotator has no annotation at the base')
    expect(ann4.changed).toMatchObject({ value: 1, n: 30 })
    expect(ann4.drop).toBeNull()
  })

  it('sorts flagged first, then the largest drop, then by id', () => {
    expect(rows.map((r) => r.annotator)).toEqual([
      'ann1',
      'ann2',
      'ann3',
      'ann4'
    ])
    const relaxed = annotatorDrift(base, head, changed, { minItems: 5 })
    // ann2's drop (0.93) is larger than ann1's (0.3); both flagged.
    expect(relaxed.map((r) => r.annotator)).toEqual([
      'ann2',
      'ann1',
      'ann3',
      'ann4'
    ])
  })

  it('matches annotators by id across independently interned versions', () => {
    const reordered = versionOf(
      shuffledRows(headRows, 11),
      [
        ...goldItems('g', 100),
        ...goldItems('n', 25),
        ...goldItems('m', 5),
        ...goldItems('p', 30)
      ].reverse(),
      ['B', 'A']
    )
    const again = annotatorDrift(base, reordered, changedSlice(base, reordered))
    expect(again).toEqual(rows)
  })

  it('reads a slice in its own code spaces against the head reference', () => {
    const own = ratingsOf(
      [...answers('ann1', goldItems('n', 25), 15)].reverse()
    )
    const ann1 = annotatorDrift(base, head, own).find(
      (r) => r.annotator === 'ann1'
    )!
    expect(ann1.changed).toMatchObject({ value: 0.6, n: 25 })
    expect(ann1.flagged).toBe(true)
  })

  it('has no base values without a base, and no accuracy without a reference', () => {
    const noBase = annotatorDrift(null, head, changed)
    for (const row of noBase) {
      expect(row.base).toEqual({ value: null, reason: 'no base version' })
      expect(row.kappa_base).toEqual({ value: null, reason: 'no base version' })
      expect(row).toMatchObject({ drop: null, z: null, flagged: false })
    }
    const noGold = annotatorDrift(
      { ratings: base.ratings, reference: null },
      { ratings: head.ratings, reference: null },
      changed
    )
    for (const row of noGold) {
      expect(row.head).toEqual({
        value: null,
        reason: 'no reference labels at the head'
      })
      expect(row.flagged).toBe(false)
    }
  })

  it('says so when an annotator rated no reference item', () => {
    const version = versionOf([['x', 'a', 'A']], [['y', 'A']])
    const [row] = annotatorDrift(null, version, version.ratings)
    expect(row!.head).toMatchObject({
      value: null,
      reason: 'annotator rated no item with a reference label'
    })
  })
})

describe('annotatorDrift kappa', () => {
  // Items 1-4. Base: A = B = x x y y, C = x y x y, so kappa(A, B) = 1 and
  // kappa(A, C) = kappa(B, C) = 0 (table [[1, 1], [1, 1]]: p_o = p_e = 0.5).
  // D shares one item with A only: no pair with >= 2 shared items.
  const baseRows: Row[] = [
    ['1', 'A', 'x'],
    ['2', 'A', 'x'],
    ['3', 'A', 'y'],
    ['4', 'A', 'y'],
    ['1', 'B', 'x'],
    ['2', 'B', 'x'],
    ['3', 'B', 'y'],
    ['4', 'B', 'y'],
    ['1', 'C', 'x'],
    ['2', 'C', 'y'],
    ['3', 'C', 'x'],
    ['4', 'C', 'y'],
    ['5', 'A', 'x'],
    ['5', 'D', 'y']
  ]
  // Head: C relabels items 2 and 3, agreeing with A and B; E only uses 'x'
  // on two items that A also labels 'x' (chance agreement 1: undefined kappa).
  const headRows: Row[] = baseRows
    .map((r): Row => (r[1] === 'C' ? [r[0], 'C', r[0] <= '2' ? 'x' : 'y'] : r))
    .concat([
      ['6', 'A', 'x'],
      ['7', 'A', 'x'],
      ['6', 'E', 'x'],
      ['7', 'E', 'x']
    ])
  const base = versionOf(baseRows)
  const head = versionOf(headRows)
  const rows = annotatorDrift(base, head, changedSlice(base, head))
  const kappa = (id: string, side: 'kappa_base' | 'kappa_head') =>
    rows.find((r) => r.annotator === id)![side]

  it('averages Cohen kappa over partners sharing >= 2 items', () => {
    expect(kappa('A', 'kappa_base').value).toBeCloseTo(0.5, 12)
    expect(kappa('B', 'kappa_base').value).toBeCloseTo(0.5, 12)
    expect(kappa('C', 'kappa_base').value).toBeCloseTo(0, 12)
    // At the head every pair among A, B, C agrees fully. A-E (items 6, 7:
    // x and x from both) has chance agreement 1, so it is left out of A's mean.
    expect(kappa('A', 'kappa_head').value).toBeCloseTo(1, 12)
    expect(kappa('C', 'kappa_head').value).toBeCloseTo(1, 12)
  })

  it('is null with a reason for an annotator without partners or defined pairs', () => {
    expect(kappa('D', 'kappa_base')).toEqual({
      value: null,
      reason:
        'the annotator shares 2 or more items with no other annotator at the base'
    })
    expect(kappa('E', 'kappa_base')).toEqual({
      value: null,
      reason: 'the annotator has no annotation at the base'
    })
    expect(kappa('E', 'kappa_head')).toEqual({
      value: null,
      reason:
        'no pair with this annotator has a defined kappa at the head (each pair used one and the same category)'
    })
  })
})
