import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { AnnotationTableBuilder } from '../../src/model/annotation-table.js'
import { buildRatings } from '../../src/model/build-ratings.js'
import { Interner } from '../../src/model/interner.js'
import type { Level } from '../../src/model/level.js'
import { ReferenceTableBuilder } from '../../src/model/reference-table.js'

type Row = [item: string, annotator: string, label: string]

/** Rows in data/a.csv from line 2 on (after the header), optional gold rows in gold.csv. */
function build(
  rows: Row[],
  schema: { level: Level; categories?: string[] } = { level: 'nominal' },
  gold?: [item: string, label: string][]
) {
  const items = new Interner()
  const builder = new AnnotationTableBuilder(items)
  const file = builder.addFile('data/a.csv')
  rows.forEach(([i, a, l], k) => builder.add(i, a, l, file, k + 2))
  let reference
  if (gold !== undefined) {
    const ref = new ReferenceTableBuilder(items)
    const g = ref.addFile('gold.csv')
    gold.forEach(([i, l], k) => ref.add(i, l, g, k + 2))
    reference = ref.finish()
  }
  const built = buildRatings(builder.finish(), schema, reference)
  const r = built.ratings
  const kept = Array.from(r.item, (item, k) => [
    r.itemIds[item],
    r.annotatorIds[r.annotator[k]!],
    r.categories[r.category[k]!]
  ])
  return { ...built, kept }
}

describe('buildRatings: schema checks', () => {
  const categories = ['negative', 'neutral', 'positive']

  it('reports a label outside the categories with a suggestion', () => {
    const { problems, kept, ratings } = build(
      [
        ['i1', 'a1', 'positive'],
        ['i1', 'a2', 'postive'],
        ['i2', 'a1', 'meh']
      ],
      { level: 'nominal', categories }
    )
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'data/a.csv',
        line: 3,
        field: 'label',
        message: "label 'postive' is not a category; did you mean 'positive'?"
      },
      {
        severity: 'error',
        file: 'data/a.csv',
        line: 4,
        field: 'label',
        message: "label 'meh' is not a category"
      }
    ])
    expect(kept).toEqual([['i1', 'a1', 'positive']])
    expect(ratings.categories).toEqual(categories)
    expect(ratings.declared).toBe(true)
    expect(Array.from(ratings.category)).toEqual([2])
  })

  it('reports empty labels and non-numeric or negative labels at numeric levels', () => {
    const rows: Row[] = [
      ['i1', 'a1', '2.5'],
      ['i1', 'a2', 'high'],
      ['i2', 'a1', ''],
      ['i2', 'a2', '-1'],
      ['i3', 'a1', '0x10'],
      ['i3', 'a2', '1e1']
    ]
    const ratio = build(rows, { level: 'ratio' })
    expect(ratio.problems.map((p) => [p.line, p.message])).toEqual([
      [3, "label 'high' is not a number (level ratio)"],
      [4, 'label is empty'],
      [5, "label '-1' is negative; ratio labels are 0 or more"],
      [6, "label '0x10' is not a number (level ratio)"]
    ])
    expect(ratio.ratings.categories).toEqual(['2.5', '10'])
    expect(Array.from(ratio.ratings.values!)).toEqual([2.5, 10])
    const interval = build(rows, { level: 'interval' })
    expect(interval.ratings.categories).toEqual(['-1', '2.5', '10'])
  })

  it('orders undeclared categories by text, or by number at numeric levels', () => {
    const rows: Row[] = [
      ['i1', 'a1', '10'],
      ['i1', 'a2', '9'],
      ['i2', 'a1', '9.0'],
      ['i2', 'a2', 'b']
    ]
    const nominal = build(rows)
    expect(nominal.ratings.categories).toEqual(['10', '9', '9.0', 'b'])
    expect(nominal.ratings.values).toBeNull()
    const interval = build(rows.slice(0, 3), { level: 'interval' })
    expect(interval.ratings.categories).toEqual(['9', '10'])
    expect(interval.kept).toEqual([
      ['i1', 'a1', '10'],
      ['i1', 'a2', '9'],
      ['i2', 'a1', '9']
    ])
  })

  it('matches numeric labels to declared categories by value', () => {
    const { ratings, problems } = build(
      [
        ['i1', 'a1', '1.0'],
        ['i1', 'a2', '3'],
        ['i2', 'a1', '4']
      ],
      { level: 'interval', categories: ['1', '2', '3'] }
    )
    expect(Array.from(ratings.category)).toEqual([0, 2])
    expect(Array.from(ratings.values!)).toEqual([1, 2, 3])
    expect(problems.map((p) => p.message)).toEqual([
      "label '4' is not a category"
    ])
  })

  it('gives the same result whatever the record order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(
            fc.integer({ min: 0, max: 20 }),
            fc.integer({ min: 0, max: 5 }),
            fc.constantFrom('x', 'y', 'z', '1', '10')
          ),
          { selector: ([i, a]) => `${i}/${a}`, maxLength: 60 }
        ),
        (ratings) => {
          const rows: Row[] = ratings.map(([i, a, l]) => [`i${i}`, `a${a}`, l])
          const key = (b: ReturnType<typeof build>) =>
            b.kept.map((k) => k.join('|')).sort()
          const forward = build(rows)
          const backward = build([...rows].reverse())
          expect(backward.ratings.categories).toEqual(
            forward.ratings.categories
          )
          expect(key(backward)).toEqual(key(forward))
        }
      )
    )
  })
})

describe('buildRatings: duplicates', () => {
  it('keeps the first record; identical repeats warn, different ones are errors', () => {
    const { problems, kept } = build([
      ['x', 'y', 'a'],
      ['x', 'z', 'a'],
      ['x', 'y', 'a'],
      ['w', 'y', 'b'],
      ['x', 'y', 'b']
    ])
    expect(kept).toEqual([
      ['x', 'y', 'a'],
      ['x', 'z', 'a'],
      ['w', 'y', 'b']
    ])
    expect(problems).toEqual([
      {
        severity: 'warning',
        file: 'data/a.csv',
        line: 4,
        message: "duplicate of line 2 (item 'x', annotator 'y', label 'a')"
      },
      {
        severity: 'error',
        file: 'data/a.csv',
        line: 6,
        field: 'label',
        message:
          "conflicting labels for item 'x' by annotator 'y': 'a' at data/a.csv:2 and 'b' at data/a.csv:6"
      }
    ])
  })

  it('names both files when a duplicate is in another file', () => {
    const builder = new AnnotationTableBuilder()
    const a = builder.addFile('data/a.csv')
    const b = builder.addFile('data/b.csv')
    builder.add('x', 'y', 'p', a, 12)
    builder.add('x', 'y', 'p', b, 3)
    builder.add('x', 'y', 'q', b, 40)
    const { problems } = buildRatings(builder.finish(), { level: 'nominal' })
    expect(problems.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([
      "data/b.csv:3 duplicate of data/a.csv:12 (item 'x', annotator 'y', label 'p')",
      "data/b.csv:40 conflicting labels for item 'x' by annotator 'y': 'p' at data/a.csv:12 and 'q' at data/b.csv:40"
    ])
  })

  it('leaves invalid records out before looking for duplicates', () => {
    const { problems, kept } = build(
      [
        ['x', 'y', 'postive'],
        ['x', 'y', 'positive']
      ],
      { level: 'nominal', categories: ['negative', 'positive'] }
    )
    expect(kept).toEqual([['x', 'y', 'positive']])
    expect(problems).toHaveLength(1)
  })

  it('treats equal numbers as identical at numeric levels', () => {
    const { problems } = build(
      [
        ['x', 'y', '1'],
        ['x', 'y', '1.0']
      ],
      { level: 'interval' }
    )
    expect(problems.map((p) => p.severity)).toEqual(['warning'])
  })

  it('caps each kind at 1,000 problems plus a summary', () => {
    const rows: Row[] = []
    for (let i = 0; i < 1200; i++)
      rows.push([`i${i}`, 'a', 'p'], [`i${i}`, 'a', 'q'])
    const { problems, kept } = build(rows)
    expect(kept).toHaveLength(1200)
    expect(problems).toHaveLength(1001)
    expect(problems[1000]).toEqual({
      severity: 'error',
      file: 'data/a.csv',
      line: 2003,
      message: '... and 200 more conflicting duplicates'
    })
  })
})

describe('buildRatings: reference labels', () => {
  it('maps reference labels into the category space and checks them', () => {
    const { reference, ratings, problems } = build(
      [
        ['i1', 'a1', 'pos'],
        ['i2', 'a1', 'neg']
      ],
      { level: 'nominal', categories: ['neg', 'pos'] },
      [
        ['i1', 'pos'],
        ['i3', 'neg'],
        ['i2', 'nope'],
        ['i1', 'pos'],
        ['i3', 'pos']
      ]
    )
    expect(ratings.nItems).toBe(3)
    expect(Array.from(reference!.category)).toEqual([1, -1, 0])
    expect(reference!.size).toBe(2)
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'gold.csv',
        line: 4,
        field: 'label',
        message: "label 'nope' is not a category"
      },
      {
        severity: 'warning',
        file: 'gold.csv',
        line: 5,
        message: "duplicate of line 2 (item 'i1', label 'pos')"
      },
      {
        severity: 'error',
        file: 'gold.csv',
        line: 6,
        field: 'label',
        message:
          "conflicting reference labels for item 'i3': 'neg' at gold.csv:3 and 'pos' at gold.csv:6"
      }
    ])
  })

  it('adds labels only the reference uses to undeclared categories', () => {
    const { reference, ratings } = build(
      [['i1', 'a1', 'b']],
      { level: 'nominal' },
      [
        ['i1', 'a'],
        ['i9', 'c']
      ]
    )
    expect(ratings.categories).toEqual(['a', 'b', 'c'])
    expect(Array.from(ratings.category)).toEqual([1])
    expect(Array.from(reference!.category)).toEqual([0, 2])
  })

  it('has no reference without reference labels', () => {
    expect(build([['i1', 'a1', 'b']]).reference).toBeNull()
  })

  it('refuses a reference that does not share the item interner', () => {
    const table = new AnnotationTableBuilder().finish()
    const reference = new ReferenceTableBuilder().finish()
    expect(() => buildRatings(table, { level: 'nominal' }, reference)).toThrow(
      'the reference must share the item interner'
    )
  })
})
