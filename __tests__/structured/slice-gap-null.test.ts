import { describe, expect, it } from '@jest/globals'
import {
  seededRandom,
  type Random32
} from '../../src/governance/seeded-random.js'
import { Interner } from '../../src/model/interner.js'
import { twoProportionTwoSided } from '../../src/slices/difference-test.js'
import { ElementTableBuilder } from '../../src/structured/element-table.js'
import { spanKind } from '../../src/structured/span/span-kind.js'
import { computeStructuredSlices } from '../../src/structured/structured-slices.js'

// The slice gap of span F1 under the null, by simulation: two values of a
// slice column drawn from one model in which every item is easy (each
// reference span found exactly with probability 0.9) or hard (0.2), half
// and half, with 1 to 4 reference spans and 2 annotators, so the spans and
// the annotations of an item are strongly correlated. The true gap is 0:
// the item-level test (Wald z with the linearized standard errors) should
// reject at 5% in about 5% of the datasets; 3%–7.5% is beyond 2.9 binomial
// standard deviations of 1,000 draws. The element-level test (the pooled
// two-proportion z on matched of all spans, as if spans were independent)
// is run on the same datasets. Seeded: the figures are fixed.
const DATASETS = 1000
const ITEMS = 30

const uniform = (next: Random32) => next() / 2 ** 32

function dataset(next: Random32) {
  const space = {
    items: new Interner(),
    annotators: new Interner(),
    labels: new Interner()
  }
  const table = new ElementTableBuilder('span', space, ['lang'])
  const reference = new ElementTableBuilder('span', space)
  const file = table.addFile('a.jsonl')
  const refFile = reference.addFile('gold.jsonl')
  const label = space.labels.intern('E')
  // Per value: Σ matched elements (2 per strict match) and Σ elements.
  const counts = { en: [0, 0], de: [0, 0] }
  for (let i = 0; i < 2 * ITEMS; i++) {
    const lang = i < ITEMS ? 'en' : 'de'
    const item = space.items.intern(`i${i}`)
    const text = 'x'.repeat(50)
    table.text.set(item, text)
    reference.text.set(item, text)
    const p = uniform(next) < 0.5 ? 0.9 : 0.2
    const spans = 1 + Math.floor(uniform(next) * 4)
    reference.beginRow(item, -1, refFile, i + 1)
    for (let j = 0; j < spans; j++)
      reference.addElement(label, 10 * j, 10 * j + 3)
    for (const who of ['a', 'b']) {
      table.beginRow(item, space.annotators.intern(who), file, i + 1)
      table.setExtras(() => lang)
      for (let j = 0; j < spans; j++) {
        const right = uniform(next) < p
        table.addElement(label, 10 * j + (right ? 0 : 1), 10 * j + 3)
        if (right) counts[lang][0] += 2
      }
      counts[lang][1] += 2 * spans
    }
  }
  return { table: table.finish(), reference: reference.finish(), counts }
}

describe('slice gap of span F1 under the null (seeded simulation)', () => {
  const next = seededRandom('structured-slices/null-gap')
  let itemLevel = 0
  let elementLevel = 0
  for (let d = 0; d < DATASETS; d++) {
    const { table, reference, counts } = dataset(next)
    const slices = computeStructuredSlices({
      kind: spanKind,
      table,
      reference,
      columns: ['lang'],
      intervals: () => ({ method: 'analytic' }),
      settings: () => ({
        minItems: 20,
        significance: 0.05,
        gated: new Set<string>()
      })
    })
    const gap = slices.gaps.find((g) => g.metric === 'span_f1_strict')!
    if (gap.p_value != null && gap.p_value < 0.05) itemLevel++
    const e = twoProportionTwoSided(
      counts.en[0]!,
      counts.en[1]!,
      counts.de[0]!,
      counts.de[1]!
    )
    if (e !== null && e.p < 0.05) elementLevel++
  }

  it('the item-level gap test rejects in about 5% of null datasets', () => {
    expect(itemLevel / DATASETS).toBeGreaterThanOrEqual(0.03)
    expect(itemLevel / DATASETS).toBeLessThanOrEqual(0.075)
  })

  it('an element-level test rejects far more often (over 12%)', () => {
    expect(elementLevel / DATASETS).toBeGreaterThan(0.12)
    expect(elementLevel).toBeGreaterThan(2 * itemLevel)
  })
})
