import { describe, expect, it } from '@jest/globals'
import { compareSchemas } from '../../src/schema/compare-schemas.js'
import { loadLabelSchema } from '../../src/schema/label-schema.js'
import { migrateLabel, migratedLabelMessages } from '../../src/schema/migrate-label.js'
import { splitRenames } from '../../src/schema/trust-boundary.js'

const schema = (text: string) => loadLabelSchema(text, 'data/schema.yml')

describe('migrateLabel', () => {
  const s = schema(
    'version: 4\ncategories: [c, a, z]\nmigrations:\n' +
      '  - { from: 1, rename: { a: b, constructor: z }, remove: [x] }\n' +
      '  - { from: 2, rename: { b: c } }\n' +
      '  - { from: 3, remove: [y] }\n'
  )

  it('chains renames in version order and names the first step with its line', () => {
    expect(migrateLabel(s, 'b')).toEqual({ to: 'c', step: expect.objectContaining({ from: 2, line: 5 }) })
    expect(migrateLabel(s, 'x')).toEqual({ to: null, step: expect.objectContaining({ from: 1, line: 4 }) })
    expect(migrateLabel(s, 'y')?.to).toBeNull()
  })

  it('never migrates a current category, even one an old step renamed away', () => {
    expect(migrateLabel(s, 'a')).toBeUndefined()
    expect(migrateLabel(s, 'c')).toBeUndefined()
    expect(migrateLabel(s, 'unknown')).toBeUndefined()
  })

  it('treats label texts such as constructor or toString as data', () => {
    expect(migrateLabel(s, 'constructor')?.to).toBe('z')
    expect(migrateLabel(s, 'toString')).toBeUndefined()
  })

  it('words the message for a record that still holds a migrated label', () => {
    expect(migratedLabelMessages(s).get('b')).toBe(
      "is the old name of 'c' (renamed by the migration from version 2 in data/schema.yml (line 5)); run labelgate migrate to rewrite the label files"
    )
    expect(migratedLabelMessages(s).has('a')).toBe(false)
  })
})

describe('splitRenames (what a PR may apply to data read from the base)', () => {
  const base = schema('version: 1\ncategories: [pos, neg, neu, spam]\n')
  const split = (head: string) => {
    const h = schema(head)
    const r = splitRenames(base, compareSchemas(base, h))
    return { applied: [...r.applied], withheld: r.withheld.map((w) => `${w.from}->${w.to}:${w.why}`) }
  }

  it('applies one-to-one renames onto new names', () => {
    expect(split('version: 2\ncategories: [positive, neg, neu, spam]\nmigrations:\n  - { from: 1, rename: { pos: positive } }\n')).toEqual({
      applied: [['pos', 'positive']],
      withheld: []
    })
  })

  it('withholds renames onto a base category, swaps and merges onto a new name', () => {
    expect(split('version: 2\ncategories: [pos, neu, spam]\nmigrations:\n  - { from: 1, rename: { neg: pos } }\n').withheld).toEqual([
      'neg->pos:existing'
    ])
    expect(split('version: 2\ncategories: [pos, neg, neu, spam]\nmigrations:\n  - { from: 1, rename: { pos: neg, neg: pos } }\n').withheld).toEqual([
      'pos->neg:existing',
      'neg->pos:existing'
    ])
    expect(
      split('version: 2\ncategories: [pos, other, spam]\nmigrations:\n  - { from: 1, rename: { neg: other, neu: other } }\n')
    ).toEqual({ applied: [], withheld: ['neg->other:merge', 'neu->other:merge'] })
  })

  it('sees a merge made of a chain across versions', () => {
    expect(
      split(
        'version: 3\ncategories: [pos, n, spam]\nmigrations:\n  - { from: 1, rename: { neg: n } }\n  - { from: 2, rename: { neu: n } }\n'
      ).withheld
    ).toEqual(['neg->n:merge', 'neu->n:merge'])
  })
})
