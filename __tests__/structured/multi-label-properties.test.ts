import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { multiLabelKind } from '../../src/structured/multi-label/multi-label-kind.js'
import {
  pairableUnits,
  setAlpha
} from '../../src/structured/multi-label/set-agreement.js'
import {
  jaccardBySizes,
  jaccardDistance,
  masiBySizes,
  masiDistance
} from '../../src/structured/multi-label/set-distance.js'
import { setTable } from '../helpers/set-table.js'
import type { MetricResult } from '../../src/metrics/result.js'

const LABELS = ['a', 'b', 'c', 'd', 'e']
const labelSet = fc.subarray(LABELS)
/** Items with 2-4 annotators each (some items without a reference). */
const dataset = fc
  .array(
    fc.record({
      sets: fc.array(labelSet, { minLength: 2, maxLength: 4 }),
      reference: fc.option(labelSet, { nil: undefined })
    }),
    { minLength: 2, maxLength: 25 }
  )
  .map((items) => ({
    rows: items.flatMap((it, i) =>
      it.sets.map((s, a): [string, string, string[]] => [`i${i}`, `r${a}`, s])
    ),
    reference: items.flatMap((it, i): [string, null, string[]][] =>
      it.reference === undefined ? [] : [[`i${i}`, null, it.reference]]
    )
  }))

function measure(
  rows: [string, string, string[]][],
  reference: [string, null, string[]][]
) {
  const t = setTable(rows)
  const m = multiLabelKind.measure({
    agreement: t,
    judged: t,
    reference: setTable(reference, t),
    intervals: { method: 'analytic' }
  })
  const values = Object.fromEntries(
    Object.entries(m.metrics).map(([k, v]) => [k, v.value])
  )
  const perLabel = Object.fromEntries(
    m.perLabel!.map((r) => [r.label, [r.alpha.value, r.kappa.value]])
  )
  return { values, perLabel }
}

/** Paths where two results differ: null against a number, or by more than 1e-9. */
function differences(x: unknown, y: unknown, at = ''): string[] {
  if (typeof x === 'number' && typeof y === 'number')
    return Math.abs(x - y) <= 1e-9 ? [] : [`${at}: ${x} vs ${y}`]
  if (
    x !== null &&
    y !== null &&
    typeof x === 'object' &&
    typeof y === 'object'
  ) {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)])
    return [...keys].flatMap((k) =>
      differences(
        (x as Record<string, unknown>)[k],
        (y as Record<string, unknown>)[k],
        `${at}.${k}`
      )
    )
  }
  return x === y ? [] : [`${at}: ${String(x)} vs ${String(y)}`]
}

/** A permutation of 0..n-1 from a seed. */
function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs]
  let s = seed >>> 0 || 1
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe('multi_label metrics: properties', () => {
  it('do not depend on the order of records, nor on the names of items and annotators', () => {
    fc.assert(
      fc.property(dataset, fc.integer(), ({ rows, reference }, seed) => {
        const before = measure(rows, reference)
        // Rename annotators by a permutation, items by a suffix, and shuffle every row.
        const names = shuffle(['r0', 'r1', 'r2', 'r3'], seed)
        const renamed = shuffle(
          rows.map(([i, a, s]): [string, string, string[]] => [
            `${i}x`,
            names[Number(a.slice(1))]!,
            shuffle(s, seed + 1)
          ]),
          seed + 2
        )
        const ref = shuffle(
          reference.map(([i, n, s]): [string, null, string[]] => [
            `${i}x`,
            n,
            s
          ]),
          seed + 3
        )
        expect(differences(measure(renamed, ref), before)).toEqual([])
      }),
      { numRuns: 60 }
    )
  })

  it('example-based scores add over a partition of the items (what shards would sum)', () => {
    // Subset accuracy and the example-based scores are means over compared
    // annotations: n × value of two disjoint halves adds up to the whole's.
    const full = (
      rows: [string, string, string[]][],
      ref: [string, null, string[]][]
    ) => {
      const t = setTable(rows)
      return multiLabelKind.measure({
        agreement: t,
        judged: t,
        reference: setTable(ref, t),
        intervals: { method: 'analytic' }
      }).metrics
    }
    fc.assert(
      fc.property(
        dataset,
        fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
        ({ rows, reference }, side) => {
          const half = (want: boolean) => {
            const keep = (item: string) => side[Number(item.slice(1))] === want
            return full(
              rows.filter((r) => keep(r[0])),
              reference.filter((r) => keep(r[0]))
            )
          }
          const whole = full(rows, reference)
          const halves = [half(true), half(false)]
          for (const name of [
            'subset_accuracy',
            'example_precision',
            'example_recall',
            'example_f1'
          ]) {
            const w = whole[name]!
            const total = (m: MetricResult | undefined) =>
              m === undefined || m.value === null ? 0 : m.value * (m.n ?? 0)
            const n = (m: MetricResult | undefined) => m?.n ?? 0
            expect(n(halves[0]![name]) + n(halves[1]![name])).toBe(n(w))
            expect(
              total(halves[0]![name]) + total(halves[1]![name])
            ).toBeCloseTo(total(w), 9)
          }
        }
      ),
      { numRuns: 60 }
    )
  })

  it('identical annotators give alpha 1 and every reference metric its best', () => {
    fc.assert(
      fc.property(
        fc.array(labelSet, { minLength: 2, maxLength: 20 }),
        fc.integer({ min: 2, max: 4 }),
        (sets, k) => {
          const rows = sets.flatMap((s, i) =>
            Array.from({ length: k }, (_, a): [string, string, string[]] => [
              `i${i}`,
              `r${a}`,
              s
            ])
          )
          const reference = sets.map((s, i): [string, null, string[]] => [
            `i${i}`,
            null,
            s
          ])
          const { values } = measure(rows, reference)
          const varied = new Set(sets.map((s) => [...s].sort().join())).size > 1
          // With a single set everywhere there is no variation: undefined, not 1.
          expect(values.masi_alpha).toBe(varied ? 1 : null)
          expect(values.jaccard_alpha).toBe(varied ? 1 : null)
          expect(values.subset_accuracy).toBe(1)
          expect(values.hamming_loss).toBe(
            sets.some((s) => s.length > 0) ? 0 : null
          )
        }
      ),
      { numRuns: 60 }
    )
  })

  it('values stay in their ranges', () => {
    fc.assert(
      fc.property(dataset, ({ rows, reference }) => {
        const { values } = measure(rows, reference)
        const outside = Object.entries(values).filter(
          ([name, v]) =>
            v !== null && (v > 1 + 1e-12 || (!name.endsWith('alpha') && v < 0))
        )
        expect(outside).toEqual([])
      }),
      { numRuns: 60 }
    )
  })

  it('the expected disagreement summed by size triples equals the sum over pairs of sets', () => {
    const many = fc.subarray(Array.from({ length: 12 }, (_, k) => `l${k}`))
    fc.assert(
      fc.property(
        fc.array(fc.array(many, { minLength: 2, maxLength: 4 }), {
          minLength: 2,
          maxLength: 30
        }),
        (items) => {
          const t = setTable(
            items.flatMap((sets, i) =>
              sets.map((s, a): [string, string, string[]] => [
                `i${i}`,
                `r${a}`,
                s
              ])
            )
          )
          const units = pairableUnits(t)
          const analytic = { method: 'analytic' } as const
          for (const [d, bySizes] of [
            [masiDistance, masiBySizes],
            [jaccardDistance, jaccardBySizes]
          ] as const) {
            const pairs = setAlpha(units, d, 'x', analytic).value
            const sizes = setAlpha(units, d, 'x', analytic, bySizes).value
            expect(differences(sizes, pairs)).toEqual([])
          }
        }
      ),
      { numRuns: 80 }
    )
  })
})
