import { describe, expect, it } from '@jest/globals'
import { ElementTableBuilder } from '../../src/structured/element-table.js'
import {
  emptyRowTerms,
  withItemIntervals
} from '../../src/structured/row-terms.js'

// Three rows: items x, x, y (two annotations of x form one cluster).
function table() {
  const b = new ElementTableBuilder('span')
  const file = b.addFile('a.jsonl')
  for (const [k, item] of ['x', 'x', 'y'].entries())
    b.beginRow(b.items.intern(item), b.annotators.intern(`a${k}`), file, k + 1)
  return b.finish()
}

const F1 = [{ metric: 'f1', numerator: { m: 2 }, denominator: { p: 1, g: 1 } }]

function terms(rows: [number, number, number][]) {
  const t = emptyRowTerms(['m', 'p', 'g'], rows.length)
  rows.forEach((r, k) => {
    t.values.set(r, 3 * k)
    t.judged[k] = 1
  })
  return t
}

describe('withItemIntervals', () => {
  it('sums the rows of an item into one cluster before the variance', () => {
    // Per item: x = (2·(1 + 0), 2 + 2 + 2 + 2) = (2, 8); y = (2·2, 4) = (4, 4).
    // R = 6/12 = 0.5; d = (2 − 4, 4 − 2) = (−2, 2); v = 8 / (2 · 1 · 6²) = 1/9.
    const metrics = { f1: { value: 0.5, n_items: 2 } }
    withItemIntervals(
      table(),
      terms([
        [1, 2, 2],
        [0, 2, 2],
        [2, 2, 2]
      ]),
      F1,
      metrics
    )
    expect(metrics.f1).toMatchObject({ value: 0.5, se: 1 / 3 })
    expect((metrics.f1 as { ci?: { method: string } }).ci?.method).toBe(
      'linearized'
    )
  })

  it('leaves a metric whose value the terms do not reproduce, and claims no zero-width interval (Wilson for an all-alike group)', () => {
    const wrong = { f1: { value: 0.6 } }
    withItemIntervals(
      table(),
      terms([
        [1, 2, 2],
        [0, 2, 2],
        [2, 2, 2]
      ]),
      F1,
      wrong
    )
    expect(wrong.f1).toEqual({ value: 0.6 })
    const alike = { f1: { value: 1 } }
    withItemIntervals(
      table(),
      terms([
        [2, 2, 2],
        [2, 2, 2],
        [2, 2, 2]
      ]),
      F1,
      alike
    )
    // Every item alike: no zero-width interval. The two items (three rows)
    // give the Wilson interval of 1 on 2, whose low end is 2 / (2 + z²),
    // and the Agresti–Coull se: p̃ = 4/6, se² = (2/3)(1/3)/6 = 1/27.
    const z = 1.959963984540054
    expect(alike.f1).toEqual({
      value: 1,
      se: expect.closeTo(Math.sqrt(1 / 27), 14),
      ci: {
        low: expect.closeTo(2 / (2 + z * z), 12),
        high: 1,
        level: 0.95,
        method: 'wilson'
      }
    })
  })
})
