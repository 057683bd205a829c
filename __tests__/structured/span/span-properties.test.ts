import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import {
  spanMetrics,
  SPAN_AGREEMENT_METRICS
} from '../../../src/structured/span/span-metrics.js'
import { SPAN_REFERENCE_METRICS } from '../../../src/structured/span/span-reference.js'
import { tablesOf, type TestDoc } from './span-helpers.js'

const TEXT = 'w0 w1 w2 w3 w4 w5 w6 w7 w8 w9'
const LABELS = ['PER', 'LOC', 'ORG']
const span = fc
  .tuple(fc.nat(9), fc.integer({ min: 1, max: 3 }), fc.constantFrom(...LABELS))
  .map(
    ([t, k, l]) => [3 * t, Math.min(3 * (t + k) - 1, TEXT.length), l] as const
  )
const spans = fc.array(span, { maxLength: 4 })
const docs = fc
  .array(
    fc.record({
      raters: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), {
        minLength: 1,
        maxLength: 4
      }),
      sets: fc.array(spans, { minLength: 4, maxLength: 4 }),
      reference: fc.option(spans, { nil: undefined })
    }),
    { minLength: 1, maxLength: 8 }
  )
  .map((raw) =>
    raw.map((d, k): TestDoc => ({
      item: `doc${k}`,
      text: TEXT,
      annotations: d.raters.map((a, j) => ({
        annotator: a,
        spans: d.sets[j]!
      })),
      reference: d.reference
    }))
  )

const ALL = [...SPAN_AGREEMENT_METRICS, ...SPAN_REFERENCE_METRICS]
const values = (input: TestDoc[]) => {
  const { table, reference } = tablesOf(input)
  const m = spanMetrics(table, reference, new Map(), null)
  return Object.fromEntries(ALL.map((n) => [n, m.metrics[n].value]))
}
const close = (
  x: Record<string, number | null>,
  y: Record<string, number | null>
) => {
  for (const n of ALL) {
    if (x[n] === null || y[n] === null) expect(x[n]).toBe(y[n])
    else expect(x[n]).toBeCloseTo(y[n]!, 12)
  }
}

describe('span metric properties', () => {
  test('invariant to the order of items and of annotations, and to renaming annotators', () => {
    fc.assert(
      fc.property(docs, fc.integer(), (input, seed) => {
        const base = values(input)
        const rename: Record<string, string> = {
          a: 'zeta',
          b: 'alpha',
          c: 'mu',
          d: 'beta'
        }
        let s = seed
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const out = xs.slice()
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) | 0
            const j = Math.abs(s) % (i + 1)
            ;[out[i], out[j]] = [out[j]!, out[i]!]
          }
          return out
        }
        const permuted = shuffle(input).map((d) => ({
          ...d,
          annotations: shuffle(d.annotations).map((a) => ({
            annotator: rename[a.annotator]!,
            spans: shuffle(a.spans)
          }))
        }))
        close(values(permuted), base)
      }),
      { numRuns: 150 }
    )
  })

  test('identical annotators (and a reference equal to them) give 1', () => {
    fc.assert(
      fc.property(
        fc.array(
          spans.filter((x) => x.length > 0),
          { minLength: 1, maxLength: 6 }
        ),
        fc.integer({ min: 2, max: 4 }),
        (sets, raters) => {
          const input: TestDoc[] = sets.map((set, k) => ({
            item: `d${k}`,
            text: TEXT,
            annotations: ['a', 'b', 'c', 'd']
              .slice(0, raters)
              .map((a) => ({ annotator: a, spans: set })),
            reference: set
          }))
          const v = values(input)
          expect(ALL.filter((n) => n !== 'token_alpha' && v[n] !== 1)).toEqual(
            []
          )
          // Alpha is 1 when more than one value is in use, else undefined (no expected disagreement).
          expect([1, null]).toContain(v.token_alpha)
        }
      ),
      { numRuns: 100 }
    )
  })

  test('span counts add over a partition of the documents (what shards would sum)', () => {
    // Pairwise and reference F1 are 2·matched / (|A| + |B|) pooled over
    // items: per entity type, the spans compared and 2·matched of two
    // disjoint halves add up to the whole's.
    fc.assert(
      fc.property(
        docs,
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (input, side) => {
          const part = (want: boolean) =>
            input.filter((_, k) => side[k] === want)
          const of = (d: TestDoc[]) => {
            const { table, reference } = tablesOf(d)
            return spanMetrics(table, reference, new Map(), null)
          }
          const whole = of(input)
          const halves = [of(part(true)), of(part(false))]
          for (const l of whole.agreement.labels) {
            const rows = halves.map((h) =>
              h.agreement.labels.find((x) => x.label === l.label)
            )
            const sum = (f: (x: typeof l) => number) =>
              rows.reduce((t, x) => t + (x === undefined ? 0 : f(x)), 0)
            expect(sum((x) => x.spans)).toBe(l.spans)
            for (const key of ['f1_strict', 'f1_overlap'] as const) {
              const matched = (x: typeof l) => x.spans * (x[key] ?? 0)
              expect(sum(matched)).toBeCloseTo(matched(l), 9)
            }
          }
          for (const t of whole.reference?.types ?? []) {
            const rows = halves.map((h) =>
              h.reference?.types.find((x) => x.label === t.label)
            )
            const sum = (f: (x: typeof t) => number) =>
              rows.reduce((a, x) => a + (x === undefined ? 0 : f(x)), 0)
            expect(sum((x) => x.support)).toBe(t.support)
            expect(sum((x) => x.predicted)).toBe(t.predicted)
            const matched = (x: typeof t) =>
              (x.support + x.predicted) * (x.f1_strict ?? 0)
            expect(sum(matched)).toBeCloseTo(matched(t), 9)
          }
        }
      ),
      { numRuns: 150 }
    )
  })

  test('values stay within [0, 1] (alpha within [-1, 1])', () => {
    fc.assert(
      fc.property(docs, (input) => {
        const v = values(input)
        for (const n of ALL) {
          const x = v[n]
          if (x === null) continue
          expect(x).toBeGreaterThanOrEqual(n === 'token_alpha' ? -1 : 0)
          expect(x).toBeLessThanOrEqual(1 + 1e-12)
        }
      }),
      { numRuns: 150 }
    )
  })
})
