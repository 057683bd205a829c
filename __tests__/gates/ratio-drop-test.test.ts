import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { ratioDropTest } from '../../src/governance/ratio-drop-test.js'
import {
  seededRandom,
  type Random32
} from '../../src/governance/seeded-random.js'
import { twoProportionZTest } from '../../src/governance/two-proportion-z.js'
import { ratioEstimate } from '../../src/metrics/ratio-estimator.js'

interface Sample {
  name: string
  a: number[]
  b: number[]
  value: number
  se: number
}

const fixture = JSON.parse(
  readFileSync(
    new URL('../../__fixtures__/gates/ratio-variance.json', import.meta.url),
    'utf8'
  )
) as {
  samples: Sample[]
  pairs: { changed: number; base: number; z: number; p: number }[]
}

const expectClose = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    1e-12 + 1e-9 * Math.abs(expected)
  )

describe('ratioEstimate (statsmodels cluster-robust SE over items)', () => {
  it.each(fixture.samples.map((s) => [s.name, s] as const))('%s', (_, s) => {
    const r = ratioEstimate(s.a, s.b)
    expect(r.n).toBe(s.a.length)
    expectClose(r.value!, s.value)
    expectClose(r.se!, s.se)
  })

  it('by hand: a = [2, 0], b = [2, 4]', () => {
    // R = 2/6; d = (2 − 2/3, 0 − 4/3) = (4/3, −4/3); Σd² = 32/9;
    // v = (32/9) / (2 · 1 · 3²) = 16/81, se = 4/9.
    const r = ratioEstimate([2, 0], [2, 4])
    expectClose(r.value!, 1 / 3)
    expectClose(r.se!, 4 / 9)
  })

  it('has no standard error for one item, and no value without elements', () => {
    expect(ratioEstimate([2], [4])).toEqual({
      value: 0.5,
      n: 1,
      informative: 1,
      se: null
    })
    expect(ratioEstimate([0, 0], [0, 0])).toEqual({
      value: null,
      n: 2,
      informative: 0,
      se: null
    })
    expect(ratioEstimate([], [])).toEqual({
      value: null,
      n: 0,
      informative: 0,
      se: null
    })
  })

  it('has no standard error when one item alone carries elements, however many are empty', () => {
    // One sentence with spans among 19 empty ones: every dᵢ is 0, which is
    // no evidence of precision.
    const a = [0, ...Array<number>(19).fill(0)]
    const b = [2, ...Array<number>(19).fill(0)]
    expect(ratioEstimate(a, b)).toEqual({
      value: 0,
      n: 20,
      informative: 1,
      se: null
    })
  })
})

describe('ratioDropTest', () => {
  it.each(
    fixture.pairs.map((p) => [
      fixture.samples[p.changed]!.name,
      fixture.samples[p.base]!.name,
      p
    ])
  )('%s against %s (scipy.stats.norm.cdf)', (_, __, p) => {
    const { changed, base, z, p: pValue } = p as (typeof fixture.pairs)[number]
    const c = fixture.samples[changed]!
    const b = fixture.samples[base]!
    const t = ratioDropTest(ratioEstimate(c.a, c.b), ratioEstimate(b.a, b.b))
    expect(t?.test).toBe('cluster-z')
    expectClose(t!.z, z)
    expectClose(t!.pValue, pValue)
  })

  it('is one-sided: a fall gives p < 0.5, a rise p > 0.5, equal F1 p = 0.5', () => {
    const low = ratioEstimate([0, 2, 2, 0], [4, 4, 4, 4])
    const high = ratioEstimate([4, 2, 4, 2], [4, 4, 4, 4])
    expect(ratioDropTest(low, high)!.pValue).toBeLessThan(0.5)
    expect(ratioDropTest(high, low)!.pValue).toBeGreaterThan(0.5)
    expect(ratioDropTest(low, low)!.pValue).toBeCloseTo(0.5, 12)
  })

  it('claims nothing without a standard error on both sides', () => {
    const one = ratioEstimate([0], [4])
    const perfect = ratioEstimate([4, 4, 4], [4, 4, 4])
    expect(ratioDropTest(one, perfect)).toBeNull()
    expect(ratioDropTest(ratioEstimate([0, 0], [0, 0]), perfect)).toBeNull()
    // The reviewer's case: one informative sentence in the change.
    const lone = ratioEstimate(
      [0, ...Array<number>(19).fill(0)],
      [2, ...Array<number>(19).fill(0)]
    )
    const base = ratioEstimate(
      [...Array<number>(36).fill(4), 2, 2, 2, 2],
      Array<number>(40).fill(4)
    )
    expect(ratioDropTest(lone, base)).toBeNull()
  })

  it('tests a side whose items all scored alike with the Agresti–Coull se of its informative items', () => {
    // Linearized variances are 0 on both sides; by hand with m = 3:
    // half: p̃ = (1.5 + 2)/7 = 1/2, v = (1/4)/7; perfect: p̃ = 5/7,
    // v = (10/49)/7. z = (0.5 − 1)/√(1/28 + 10/343).
    const perfect = ratioEstimate([4, 4, 4], [4, 4, 4])
    const half = ratioEstimate([2, 2, 2], [4, 4, 4])
    expect(half.se).toBe(0)
    const t = ratioDropTest(half, perfect)!
    expectClose(t.z, -0.5 / Math.sqrt(1 / 28 + 10 / 343))
    // Forty perfect items weigh more than three: the same fall is more
    // significant against them.
    const forty = ratioEstimate(
      Array<number>(40).fill(4),
      Array<number>(40).fill(4)
    )
    expect(ratioDropTest(half, forty)!.pValue).toBeLessThan(t.pValue)
  })
})

/** A uniform number in [0, 1). */
function uniform(next: Random32): number {
  return next() / 2 ** 32
}

/**
 * One annotator's annotations of `n` items under the null: every item is
 * easy (each reference element matched with probability 0.9) or hard (0.2),
 * half and half, so the elements of an item are strongly correlated; 1 to
 * 6 reference elements, matched ones also drawn by the annotator, plus up
 * to 3 spurious ones (more on hard items).
 */
function nullSample(next: Random32, n: number): { a: number[]; b: number[] } {
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < n; i++) {
    const p = uniform(next) < 0.5 ? 0.9 : 0.2
    const reference = 1 + Math.floor(uniform(next) * 6)
    let matched = 0
    for (let k = 0; k < reference; k++) if (uniform(next) < p) matched++
    let spurious = 0
    for (let k = 0; k < 3; k++) if (uniform(next) < 1 - p) spurious++
    a.push(2 * matched)
    b.push(reference + matched + spurious)
  }
  return { a, b }
}

describe('level under the null with correlated elements (seeded simulation)', () => {
  // 1,000 pairs: 30 items in the change, 60 at the base, both from the same
  // distribution, so every rejection is a false alarm. At the 5% level the
  // count is Binomial(1000, 0.05) if the test holds its level: 3%–7.5% is
  // beyond 2.9 standard deviations either side. The element-level test
  // (the pooled two-proportion z-test on matched of all elements, as if
  // elements were independent) is run on the same pairs.
  const next = seededRandom('structdrift/null-pairs')
  let itemLevel = 0
  let elementLevel = 0
  const pairs = 1000
  for (let s = 0; s < pairs; s++) {
    const changed = nullSample(next, 30)
    const base = nullSample(next, 60)
    const t = ratioDropTest(
      ratioEstimate(changed.a, changed.b),
      ratioEstimate(base.a, base.b)
    )
    if (t !== null && t.pValue < 0.05) itemLevel++
    const sum = (x: number[]) => x.reduce((u, v) => u + v, 0)
    const e = twoProportionZTest(
      sum(changed.a),
      sum(changed.b),
      sum(base.a),
      sum(base.b)
    )
    if (e !== null && e.pValue < 0.05) elementLevel++
  }

  it('the item-level test rejects in about 5% of null pairs', () => {
    expect(itemLevel / pairs).toBeGreaterThanOrEqual(0.03)
    expect(itemLevel / pairs).toBeLessThanOrEqual(0.075)
  })

  it('an element-level test rejects far more often (over 12%)', () => {
    expect(elementLevel / pairs).toBeGreaterThan(0.12)
    expect(elementLevel).toBeGreaterThan(2 * itemLevel)
  })
})
