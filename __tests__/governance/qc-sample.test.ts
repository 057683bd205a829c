import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { allocateSample } from '../../src/governance/allocate-sample.js'
import { cochranSampleSize } from '../../src/governance/cochran.js'
import { qcSample, qcSampleCsv } from '../../src/governance/qc-sample.js'
import {
  randomBelow,
  seededRandom,
  xoshiro128StarStar
} from '../../src/governance/seeded-random.js'
import { ratingsOf, shuffledRows, type Row } from './ratings-helper.js'

/**
 * Krejcie and Morgan (1970), "Determining sample size for research
 * activities", Educational and Psychological Measurement 30, 607-610, Table 1
 * (±5%, 95%, P = 0.5): population N -> sample s. Their formula is Cochran's
 * with the finite population correction; they use χ² = 3.841 and round to
 * the nearest integer.
 */
const KREJCIE_MORGAN: [number, number][] = [
  [10, 10],
  [15, 14],
  [20, 19],
  [25, 24],
  [30, 28],
  [35, 32],
  [40, 36],
  [45, 40],
  [50, 44],
  [55, 48],
  [60, 52],
  [65, 56],
  [70, 59],
  [75, 63],
  [80, 66],
  [85, 70],
  [90, 73],
  [95, 76],
  [100, 80],
  [110, 86],
  [220, 140],
  [230, 144],
  [240, 148],
  [250, 152],
  [500, 217],
  [1000, 278],
  [1200, 291],
  [1300, 297],
  [1400, 302],
  [1500, 306],
  [2000, 322],
  [2800, 338]
]

describe('cochranSampleSize', () => {
  it('gives n0 = 1.96² · 0.25 / 0.05² = 384.15, so 385 for an infinite population', () => {
    const size = cochranSampleSize(Infinity, 0.05, 0.95)
    expect(size.z).toBeCloseTo(1.959963984540054, 14)
    expect(size.n0).toBeCloseTo(384.14588206941, 9)
    expect(size.n).toBe(385)
  })

  it('gives 278 for N = 1000 at ±5%, 95% (Krejcie and Morgan 1970)', () => {
    const size = cochranSampleSize(1000, 0.05, 0.95)
    expect(size.exact).toBeCloseTo(277.733, 3)
    expect(size.n).toBe(278)
  })

  it.each(KREJCIE_MORGAN)(
    'N = %i: the unrounded size rounds to the published %i; n rounds up',
    (N, published) => {
      const size = cochranSampleSize(N, 0.05, 0.95)
      expect(Math.round(size.exact)).toBe(published)
      expect(size.n).toBe(Math.ceil(size.exact))
      expect(size.n).toBeGreaterThanOrEqual(published)
    }
  )

  it('is Cochran 1977 at other margins and levels', () => {
    // 99%: z = 2.5758, n0 = 2.5758² · 0.25 / 0.03² = 1843.03 -> 1844.
    expect(cochranSampleSize(Infinity, 0.03, 0.99).n).toBe(1844)
    // 90%, ±10%: n0 = 1.6449² · 0.25 / 0.01 = 67.64 -> 68.
    expect(cochranSampleSize(Infinity, 0.1, 0.9).n).toBe(68)
  })

  it('never exceeds the population and is 0 for an empty one', () => {
    expect(cochranSampleSize(0, 0.05, 0.95).n).toBe(0)
    expect(cochranSampleSize(1, 0.05, 0.95).n).toBe(1)
    expect(cochranSampleSize(7, 0.05, 0.95).n).toBe(7)
  })

  it('rejects margins and levels outside (0, 1)', () => {
    expect(() => cochranSampleSize(10, 0, 0.95)).toThrow(RangeError)
    expect(() => cochranSampleSize(10, 0.05, 1)).toThrow(RangeError)
    expect(() => cochranSampleSize(-1, 0.05, 0.95)).toThrow(RangeError)
  })
})

describe('allocateSample', () => {
  it('is exactly proportional when the quotas are whole', () => {
    expect(allocateSample([50, 30, 20], 10)).toEqual([5, 3, 2])
    expect(allocateSample([90, 10], 10)).toEqual([9, 1])
  })

  it('rounds by largest remainders, summing exactly to n', () => {
    // Quotas 3.33, 3.33, 3.33: ties go to the earlier stratum.
    expect(allocateSample([10, 10, 10], 10)).toEqual([4, 3, 3])
    // Quotas 4.6, 3.5, 1.9 -> floors 4, 3, 1 and the two largest remainders.
    expect(allocateSample([46, 35, 19], 10)).toEqual([5, 3, 2])
  })

  it('gives every non-empty stratum at least one where n allows', () => {
    // Proportional would give 10 and 0 and 0.
    expect(allocateSample([998, 1, 1], 10)).toEqual([8, 1, 1])
    expect(allocateSample([0, 5, 0, 1], 3)).toEqual([0, 2, 0, 1])
  })

  it('takes one from each of the largest strata when they outnumber n', () => {
    expect(allocateSample([3, 9, 3, 1, 9], 3)).toEqual([1, 1, 0, 0, 1])
    expect(allocateSample([2, 2, 2], 2)).toEqual([1, 1, 0])
  })

  it('caps n at the population', () => {
    expect(allocateSample([2, 3], 100)).toEqual([2, 3])
    expect(allocateSample([], 5)).toEqual([])
    expect(allocateSample([4], 0)).toEqual([0])
  })

  it('always sums to min(n, N), within sizes, one per stratum when n allows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(200), { maxLength: 30 }),
        fc.nat(2000),
        (sizes, n) => {
          const allocation = allocateSample(sizes, n)
          const total = sizes.reduce((s, x) => s + x, 0)
          const strata = sizes.filter((x) => x > 0).length
          const sample = Math.min(n, total)
          const sums = allocation.reduce((s, x) => s + x, 0) === sample
          const within = allocation.every((a, h) => a >= 0 && a <= sizes[h]!)
          const oneEach =
            n < strata || allocation.every((a, h) => sizes[h] === 0 || a > 0)
          // When plain proportional rounding already gives everyone one,
          // each stratum is within one unit of its quota.
          const proportional =
            total === 0 ||
            sizes.some((x) => x > 0 && (n * x) / total < 1) ||
            allocation.every(
              (a, h) => Math.abs(a - (sample * sizes[h]!) / total) < 1
            )
          return sums && within && oneEach && proportional
        }
      )
    )
  })
})

describe('seeded random numbers', () => {
  it('is xoshiro128** (reference outputs from state 1, 2, 3, 4)', () => {
    // By hand from https://prng.di.unimi.it/xoshiro128starstar.c:
    // rotl(2·5, 7)·9 = 11520; then s1 = 0 gives 0; then s1 = 1029 gives
    // rotl(5145, 7)·9 = 5927040.
    const next = xoshiro128StarStar(1, 2, 3, 4)
    expect([next(), next(), next()]).toEqual([11520, 0, 5927040])
  })

  it('is the same stream for the same seed, another for another seed', () => {
    const a = seededRandom('9ab1c0ffee')
    const b = seededRandom('9ab1c0ffee')
    const c = seededRandom('9ab1c0ffef')
    const xs = Array.from({ length: 8 }, () => a())
    expect(Array.from({ length: 8 }, () => b())).toEqual(xs)
    expect(Array.from({ length: 8 }, () => c())).not.toEqual(xs)
    for (const x of xs) expect(x >>> 0).toBe(x)
  })

  it('draws integers below k uniformly enough', () => {
    const next = seededRandom('uniform')
    const counts = new Array<number>(6).fill(0)
    for (let j = 0; j < 6000; j++) counts[randomBelow(next, 6)]!++
    // Expected 1000 each; 5 standard deviations is about ±144.
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150)
  })
})

/** 3 annotators × 40 items, labels cycling through 3 values per annotator. */
function population(): Row[] {
  const rows: Row[] = []
  const labels = ['neg', 'neu', 'pos']
  for (let i = 0; i < 40; i++)
    for (const [a, annotator] of ['ann1', 'ann2', 'ann3'].entries())
      // ann3 uses 'pos' only on multiples of 10: a small stratum.
      rows.push([
        `item${String(i).padStart(2, '0')}`,
        annotator,
        a === 2 ? (i % 10 === 0 ? 'pos' : 'neg') : labels[(i + a) % 3]!
      ])
  return rows
}

describe('qcSample', () => {
  const rows = population()
  const ratings = ratingsOf(rows)
  const all = (): boolean => true

  it('samples a fixed size, stratified by (label, annotator)', () => {
    const sample = qcSample(ratings, all, { size: 24 }, 'seed')
    expect(sample.size).toBe(24)
    expect(sample.population).toBe(120)
    expect(sample.formula).toBeNull()
    expect(sample.rows).toHaveLength(24)
    expect(
      sample.strata.map((s) => [s.label, s.annotator, s.population, s.sampled])
    ).toEqual([
      ['neg', 'ann1', 14, 3],
      ['neg', 'ann2', 13, 3],
      ['neg', 'ann3', 36, 7],
      ['neu', 'ann1', 13, 3],
      ['neu', 'ann2', 14, 3],
      ['pos', 'ann1', 13, 2],
      ['pos', 'ann2', 13, 2],
      ['pos', 'ann3', 4, 1]
    ])
    expect(sample.strata.reduce((s, x) => s + x.sampled, 0)).toBe(24)
    // Each row is a real rating of its stratum, none twice.
    const real = new Set(rows.map((r) => r.join('|')))
    const picked = sample.rows.map((r) =>
      [r.item, r.annotator, r.label].join('|')
    )
    for (const p of picked) expect(real.has(p)).toBe(true)
    expect(new Set(picked).size).toBe(24)
    // Sorted by item, then annotator.
    const sorted = [...sample.rows].sort((x, y) =>
      x.item < y.item
        ? -1
        : x.item > y.item
          ? 1
          : x.annotator < y.annotator
            ? -1
            : 1
    )
    expect(sample.rows).toEqual(sorted)
  })

  it("sizes by Cochran's formula with p = 0.5", () => {
    const sample = qcSample(
      ratings,
      all,
      { margin: 0.1, confidence: 0.95 },
      's'
    )
    // n0 = 96.04; n = 96.04 / (1 + 95.04/120) = 53.6 -> 54.
    expect(sample.formula).toEqual({
      n0: expect.closeTo(96.0365, 3),
      z: expect.closeTo(1.96, 2),
      margin: 0.1,
      confidence: 0.95,
      p: 0.5
    })
    expect(sample.size).toBe(54)
    expect(sample.strata.every((s) => s.sampled >= 1)).toBe(true)
  })

  it('samples only the ratings that keep accepts', () => {
    const sample = qcSample(
      ratings,
      (r) => ratings.annotatorIds[ratings.annotator[r]!] === 'ann3',
      { size: 5 },
      'seed'
    )
    expect(sample.population).toBe(40)
    expect(sample.rows.every((r) => r.annotator === 'ann3')).toBe(true)
    expect(sample.strata.map((s) => [s.label, s.sampled])).toEqual([
      ['neg', 4],
      ['pos', 1]
    ])
  })

  it('takes one from each of the largest strata when there are more strata than the size', () => {
    const sample = qcSample(ratings, all, { size: 3 }, 'seed')
    expect(
      sample.strata
        .filter((s) => s.sampled > 0)
        .map((s) => [s.label, s.annotator])
    ).toEqual([
      ['neg', 'ann1'],
      ['neg', 'ann3'],
      ['neu', 'ann2']
    ])
  })

  it('gives the same sample for the same seed, whatever the rating order', () => {
    const sample = qcSample(ratings, all, { size: 20 }, 'a1b2c3')
    expect(qcSample(ratings, all, { size: 20 }, 'a1b2c3')).toEqual(sample)
    for (const shift of [0, 1, 17, 60]) {
      const other = ratingsOf(shuffledRows(rows, shift))
      expect(qcSample(other, all, { size: 20 }, 'a1b2c3')).toEqual(sample)
    }
  })

  it('gives another sample for another seed', () => {
    const sample = qcSample(ratings, all, { size: 20 }, 'a1b2c3')
    const seeds = ['a1b2c4', 'ffff', '']
    for (const seed of seeds) {
      const other = qcSample(ratings, all, { size: 20 }, seed)
      expect(other.strata).toEqual(sample.strata)
      expect(other.rows).not.toEqual(sample.rows)
    }
  })

  it('takes the whole population when the size exceeds it', () => {
    const sample = qcSample(ratings, all, { size: 1000 }, 'seed')
    expect(sample.size).toBe(120)
    expect(sample.strata.every((s) => s.sampled === s.population)).toBe(true)
  })

  it('is empty for an empty population', () => {
    const sample = qcSample(
      ratings,
      () => false,
      { margin: 0.05, confidence: 0.95 },
      'seed'
    )
    expect(sample).toMatchObject({
      size: 0,
      population: 0,
      strata: [],
      rows: []
    })
  })

  it('rejects a negative size', () => {
    expect(() => qcSample(ratings, all, { size: -1 }, 'seed')).toThrow(
      RangeError
    )
  })
})

describe('qcSampleCsv', () => {
  it('writes the rows with empty review columns, formula-safe', () => {
    const sample = qcSample(
      ratingsOf([
        ['=cmd', '@ann', 'a,b'],
        ['plain', '@ann', 'a,b']
      ]),
      () => true,
      { size: 2 },
      'seed'
    )
    expect(qcSampleCsv(sample)).toBe(
      'item,annotator,label,review_label,review_note\r\n' +
        '\'=cmd,\'@ann,"a,b",,\r\n' +
        'plain,\'@ann,"a,b",,\r\n'
    )
  })
})
