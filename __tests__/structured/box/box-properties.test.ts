import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { boxAgreement } from '../../../src/structured/box/box-agreement.js'
import { boxReference } from '../../../src/structured/box/box-reference.js'
import { iou } from '../../../src/structured/box/iou.js'
import { boxTable, newSpace, type Box } from './box-table-helper.js'

// Coordinates are integers over 997: continuous-looking values, so that two
// different assignments practically never tie on total IoU.
const coordinate = fc.integer({ min: 0, max: 60_000 }).map((v) => v / 997)
const size = fc.integer({ min: 200, max: 30_000 }).map((v) => v / 997)
const boxArb: fc.Arbitrary<Box> = fc.tuple(
  fc.constantFrom('car', 'person'),
  coordinate,
  coordinate,
  size,
  size
)

type Row = [string, string | null, Box[]]

/** Items with 1-4 annotators each, some boxes near a shared truth so that matches happen. */
const rowsArb: fc.Arbitrary<Row[]> = fc
  .array(
    fc.record({
      truth: fc.array(boxArb, { minLength: 0, maxLength: 5 }),
      annotators: fc.subarray(['ann1', 'ann2', 'ann3', 'ann4'], {
        minLength: 1
      }),
      jitter: fc.array(fc.integer({ min: -400, max: 400 }), {
        minLength: 40,
        maxLength: 40
      }),
      extra: fc.array(boxArb, { maxLength: 2 })
    }),
    { minLength: 1, maxLength: 8 }
  )
  .map((items) =>
    items.flatMap(({ truth, annotators, jitter, extra }, i): Row[] => {
      const item = `img${i}`
      const rows: Row[] = annotators.map((a, k) => [
        item,
        a,
        [
          ...truth.map(([l, x, y, w, h], j): Box => {
            const d = jitter[(k * 7 + j) % jitter.length]! / 997
            return [l, x + d, y - d / 2, w + d / 3, h]
          }),
          ...extra.slice(0, k % 3)
        ]
      ])
      rows.push([item, null, truth])
      return rows
    })
  )

function metricsOf(rows: Row[]): unknown {
  const space = newSpace()
  const table = boxTable(
    rows.filter((r) => r[1] !== null),
    space
  )
  const reference = boxTable(
    rows.filter((r) => r[1] === null),
    space
  )
  const agreement = boxAgreement(table)
  const vs = boxReference(table, reference)
  return {
    agreement: agreement.metrics,
    classes: agreement.classes,
    pairs: agreement.pairs,
    reference: vs.metrics,
    referenceClasses: vs.classes,
    // Codes follow the order annotators were first read; names do not.
    annotators: vs.annotators.map(({ code: _code, ...rest }) => rest)
  }
}

/**
 * Equal in shape, with every number within 1e-9: pooled sums taken in
 * another order may differ in the last bits (rounding both sides to a fixed
 * number of decimals is not enough: a value can straddle the rounding edge).
 */
function expectSame(got: unknown, want: unknown, at = '$'): void {
  if (typeof want === 'number' && typeof got === 'number') {
    if (Math.abs(got - want) > 1e-9) {
      throw new Error(`${at}: ${got} is not ${want} (within 1e-9)`)
    }
    return
  }
  if (want !== null && typeof want === 'object') {
    expect(got !== null && typeof got === 'object').toBe(true)
    const g = got as Record<string, unknown>
    const w = want as Record<string, unknown>
    expect(Object.keys(g).sort()).toEqual(Object.keys(w).sort())
    for (const key of Object.keys(w)) expectSame(g[key], w[key], `${at}.${key}`)
    return
  }
  expect(got).toEqual(want)
}

describe('box metric properties (fast-check)', () => {
  it('do not depend on the order of items, annotators and boxes', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer(), (rows, seed) => {
        const random = mulberry(seed)
        const shuffled = shuffle(
          rows.map(([i, a, boxes]): Row => [i, a, shuffle([...boxes], random)]),
          random
        )
        expectSame(metricsOf(shuffled), metricsOf(rows))
      }),
      { numRuns: 150 }
    )
  })

  it('do not depend on the annotator names (renaming keeps the values)', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const renamed = rows.map(([i, a, b]): Row => [
          i,
          a === null ? null : `z-${a}`,
          b
        ])
        const one = metricsOf(rows) as {
          agreement: unknown
          reference: unknown
        }
        const two = metricsOf(renamed) as typeof one
        expectSame(two.agreement, one.agreement)
        expectSame(two.reference, one.reference)
      }),
      { numRuns: 100 }
    )
  })

  it('identical annotators (and a reference equal to them) give 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(boxArb, { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 6
        }),
        fc.integer({ min: 2, max: 4 }),
        (images, k) => {
          const rows: Row[] = images.flatMap((boxes, i) => [
            ...Array.from({ length: k }, (_, a): Row => [
              `img${i}`,
              `a${a}`,
              boxes
            ]),
            [`img${i}`, null, boxes] as Row
          ])
          const m = metricsOf(rows) as {
            agreement: Record<string, { value: number | null }>
            reference: Record<string, { value: number | null }>
          }
          for (const r of Object.values(m.agreement))
            expect(r.value).toBeCloseTo(1, 12)
          for (const r of Object.values(m.reference))
            expect(r.value).toBeCloseTo(1, 12)
        }
      ),
      { numRuns: 100 }
    )
  })

  it('stay within [0, 1]', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const m = metricsOf(rows) as {
          agreement: Record<string, { value: number | null }>
          reference: Record<string, { value: number | null }>
        }
        for (const r of [
          ...Object.values(m.agreement),
          ...Object.values(m.reference)
        ]) {
          if (r.value === null) continue
          expect(r.value).toBeGreaterThanOrEqual(0)
          expect(r.value).toBeLessThanOrEqual(1 + 1e-12)
        }
      }),
      { numRuns: 100 }
    )
  })

  it('add over a partition of the items (what shards would sum)', () => {
    // Every box metric is a ratio of sums over items: split the items in
    // two, and each class's counts, F1 numerators and IoU sums of the halves
    // add up to the whole's.
    fc.assert(
      fc.property(
        rowsArb,
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (rows, side) => {
          const space = newSpace()
          const table = boxTable(
            rows.filter((r) => r[1] !== null),
            space
          )
          const reference = boxTable(
            rows.filter((r) => r[1] === null),
            space
          )
          const n = space.items.size
          const mask = (want: boolean) =>
            Uint8Array.from({ length: n }, (_, i) =>
              side[i % 8] === want ? 1 : 0
            )
          const parts = [mask(true), mask(false)]
          const whole = boxAgreement(table)
          const halves = parts.map((include) =>
            boxAgreement(table, { include })
          )
          for (const c of whole.classes) {
            const of = halves.map(
              (h) =>
                h.classes.find((x) => x.label === c.label) ?? {
                  boxes: 0,
                  matches_50: 0,
                  f1_50_95: null,
                  mean_iou: null
                }
            )
            expect(of[0]!.boxes + of[1]!.boxes).toBe(c.boxes)
            expect(of[0]!.matches_50 + of[1]!.matches_50).toBe(c.matches_50)
            const f1Sum = (x: { boxes: number; f1_50_95: number | null }) =>
              x.boxes * (x.f1_50_95 ?? 0)
            expect(f1Sum(of[0]!) + f1Sum(of[1]!)).toBeCloseTo(f1Sum(c), 9)
            const iouSum = (x: {
              matches_50: number
              mean_iou: number | null
            }) => x.matches_50 * (x.mean_iou ?? 0)
            expect(iouSum(of[0]!) + iouSum(of[1]!)).toBeCloseTo(iouSum(c), 9)
          }
          const vs = boxReference(table, reference)
          const vsHalves = parts.map((include) =>
            boxReference(table, reference, { include })
          )
          for (const c of vs.classes) {
            const of = vsHalves.map((h) =>
              h.classes.find((x) => x.label === c.label)
            )
            const sum = (key: 'predicted' | 'reference' | 'matches_50') =>
              of.reduce((t, x) => t + (x?.[key] ?? 0), 0)
            expect(sum('predicted')).toBe(c.predicted)
            expect(sum('reference')).toBe(c.reference)
            expect(sum('matches_50')).toBe(c.matches_50)
          }
        }
      ),
      { numRuns: 100 }
    )
  })

  it('IoU is invariant to translation and to scaling each axis', () => {
    fc.assert(
      fc.property(
        fc.tuple(coordinate, coordinate, size, size),
        fc.tuple(coordinate, coordinate, size, size),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-2, max: 1e2, noNaN: true }),
        fc.double({ min: 1e-2, max: 1e2, noNaN: true }),
        (a, b, dx, dy, sx, sy) => {
          const move = ([x, y, w, h]: readonly number[]) =>
            [x! * sx + dx, y! * sy + dy, w! * sx, h! * sy] as const
          const before = iou(...a, ...b)
          const after = iou(...move(a), ...move(b))
          expect(Math.abs(after - before)).toBeLessThan(1e-8)
        }
      ),
      { numRuns: 500 }
    )
  })
})

function mulberry(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle<T>(values: T[], random: () => number): T[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[values[i], values[j]] = [values[j]!, values[i]!]
  }
  return values
}
