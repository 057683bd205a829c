import { describe, expect, it } from '@jest/globals'
import { AnnotationTableBuilder } from '../../src/model/annotation-table.js'
import { buildRatings } from '../../src/model/build-ratings.js'
import { ReferenceTableBuilder } from '../../src/model/reference-table.js'
import { Interner } from '../../src/model/interner.js'
import { computeSlices, gapSettings } from '../../src/slices/compute-slices.js'

/**
 * A small version by hand: items i1..i4 rated by a and b; i4's rows leave
 * the language empty, and on i3 the annotators disagree about the language
 * (a says en, b says de).
 */
function version() {
  const items = new Interner()
  const builder = new AnnotationTableBuilder(items, 16, ['language'])
  const file = builder.addFile('labels.csv')
  const rows: [string, string, string, string][] = [
    ['i1', 'a', 'pos', 'en'],
    ['i1', 'b', 'pos', 'en'],
    ['i2', 'a', 'neg', 'en'],
    ['i2', 'b', 'pos', 'en'],
    ['i3', 'a', 'neg', 'en'],
    ['i3', 'b', 'neg', 'de'],
    ['i4', 'a', 'pos', ''],
    ['i4', 'b', 'neg', '']
  ]
  rows.forEach(([item, annotator, label, language], line) =>
    builder.add(item, annotator, label, file, line + 2, [language])
  )
  const table = builder.finish()
  const reference = new ReferenceTableBuilder(items)
  const gold = reference.addFile('gold.csv')
  for (const [item, label] of [
    ['i1', 'pos'],
    ['i2', 'neg'],
    ['i3', 'neg']
  ] as const)
    reference.add(item, label, gold, 2)
  const built = buildRatings(
    table,
    { level: 'nominal', categories: ['neg', 'pos'] },
    reference.finish()
  )
  return { table, built }
}

describe('computeSlices', () => {
  const { table, built } = version()
  const report = computeSlices({
    ratings: built.ratings,
    reference: built.reference,
    extras: table.extras,
    columns: ['language'],
    intervals: () => ({ method: 'analytic' }),
    settings: gapSettings({
      slices: ['language'],
      gates: {}
    })
  })

  it('forms one group per value, "" for rows without one, in code point order', () => {
    expect(report.columns).toEqual(['language'])
    expect(report.groups.map((g) => g.value)).toEqual(['', 'de', 'en'])
  })

  it('puts an item in every group its annotations name, each with its own annotations', () => {
    const de = report.groups.find((g) => g.value === 'de')!
    const en = report.groups.find((g) => g.value === 'en')!
    expect(de.counts).toEqual({
      items: 1,
      annotators: 1,
      annotations: 1,
      reference_items: 1
    })
    expect(en.counts).toEqual({
      items: 3,
      annotators: 2,
      annotations: 5,
      reference_items: 3
    })
    // en: a right on i1, i2, i3; b right on i1 only (i2 wrong): 4 of 5.
    expect(en.metrics.accuracy!.value).toBeCloseTo(4 / 5, 12)
    expect(en.metrics.accuracy!.n).toBe(5)
    expect(de.metrics.accuracy!.value).toBe(1)
    // The empty group's item has no reference label.
    const empty = report.groups.find((g) => g.value === '')!
    expect(empty.counts.reference_items).toBe(0)
    expect(empty.metrics.accuracy!.value).toBeNull()
    expect(empty.metrics.accuracy!.reason).toBeDefined()
  })

  it('computes agreement over the group alone', () => {
    const en = report.groups.find((g) => g.value === 'en')!
    // i1 agree, i2 disagree; i3 has a single en rating (no pair).
    expect(en.metrics.percent_agreement!.value).toBeCloseTo(1 / 2, 12)
  })

  it('gives no gap below min_items, with a reason', () => {
    const gap = report.gaps.find((g) => g.metric === 'accuracy')!
    expect(gap.gap).toBeNull()
    expect(gap.groups_compared).toBe(0)
    expect(gap.reason).toContain('min_items 30')
    expect(report.gaps).toHaveLength(12)
  })
})
