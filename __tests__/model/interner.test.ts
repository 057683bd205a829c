import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readAnnotationFile } from '../../src/formats/read-annotations.js'
import { readReferenceFile } from '../../src/formats/read-reference.js'
import { AnnotationTableBuilder } from '../../src/model/annotation-table.js'
import { hash, Interner } from '../../src/model/interner.js'
import type { Problem } from '../../src/model/problem.js'
import { ReferenceTableBuilder } from '../../src/model/reference-table.js'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const hashOf = (text: string): number => {
  const bytes = utf8(text)
  return hash(new DataView(bytes.buffer), 0, bytes.length)
}

/** Two different ASCII ids with the same 32-bit hash (birthday search). */
function collidingIds(): [string, string] {
  const seen = new Map<number, string>()
  for (let i = 0; ; i++) {
    const id = `item-${i.toString(36)}`
    const h = hashOf(id)
    const other = seen.get(h)
    if (other !== undefined) return [other, id]
    seen.set(h, id)
  }
}

// Any code points; lone surrogates (which UTF-8 cannot hold) are replaced.
const wellFormed = fc
  .string({ unit: 'binary', maxLength: 6 })
  .map((v) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(utf8(v)))

describe('Interner', () => {
  it('gives strings and bytes the same codes, in first-seen order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(wellFormed, fc.boolean()), {
          maxLength: 500
        }),
        (values) => {
          const interner = new Interner(2)
          const expected = new Map<string, number>()
          for (const [value, asBytes] of values) {
            const bytes = utf8(`,${value};`)
            const code = asBytes
              ? interner.internBytes(bytes, 1, bytes.length - 1)
              : interner.intern(value)
            if (!expected.has(value)) expected.set(value, expected.size)
            expect(code).toBe(expected.get(value))
          }
          expect(interner.values).toEqual([...expected.keys()])
          expect(interner.size).toBe(expected.size)
          for (const [value, code] of expected) {
            expect(interner.get(value)).toBe(code)
            expect(interner.value(code)).toBe(value)
          }
        }
      ),
      { numRuns: 100 }
    )
  })

  it('keeps ids whose hashes collide apart', () => {
    const [a, b] = collidingIds()
    expect(a).not.toBe(b)
    expect(hashOf(a)).toBe(hashOf(b))
    const interner = new Interner()
    const bytes = utf8(`${a}\n${b}\n${a}\n${b}`)
    const codes: number[] = []
    let start = 0
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        codes.push(interner.internBytes(bytes, start, i))
        start = i + 1
      }
    }
    expect(codes).toEqual([0, 1, 0, 1])
    expect(interner.get(b)).toBe(1)
    expect(interner.get(`${b}x`)).toBeUndefined()
    expect(interner.values).toEqual([a, b])
  })

  it('decodes lazily and again after more values arrive', () => {
    const interner = new Interner()
    interner.intern('a')
    expect(interner.values).toEqual(['a'])
    // Past the bulk-decode threshold (4 KiB of ASCII), and non-ASCII after it.
    const many = Array.from({ length: 2000 }, (_, i) => `id-${i}`)
    for (const id of many) interner.intern(id)
    interner.intern('é')
    expect(interner.values).toEqual(['a', ...many, 'é'])
    expect(() => interner.value(interner.size)).toThrow(RangeError)
  })

  it('keeps lone surrogates (possible in JSON) distinct', () => {
    const interner = new Interner()
    const codes = ['\ud800', '\udc00', '\ud800', '\ufffd'].map((v) =>
      interner.intern(v)
    )
    expect(codes).toEqual([0, 1, 0, 2])
    expect(interner.values).toEqual(['\ud800', '\udc00', '\ufffd'])
  })

  it('shares one byte index across annotation files and the reference', () => {
    const [a, b] = collidingIds()
    const items = new Interner()
    const annotations = new AnnotationTableBuilder(items)
    const problems: Problem[] = []
    const fields = { item: 'item', annotator: 'who', label: 'label' }
    readAnnotationFile(
      utf8(`item,who,label\n${a},x,1\n${b},x,2\n`),
      'one.csv',
      'csv',
      fields,
      annotations,
      problems
    )
    // The second file's buffer differs: the codes must not depend on it.
    readAnnotationFile(
      utf8(
        `{"item":"${b}","who":"y","label":"2"}\n{"item":"c","who":"y","label":"3"}\n`
      ),
      'two.jsonl',
      'jsonl',
      fields,
      annotations,
      problems
    )
    readAnnotationFile(
      utf8(`label\titem\twho\n1\t${a}\tz\n`),
      'three.tsv',
      'tsv',
      fields,
      annotations,
      problems
    )
    const reference = new ReferenceTableBuilder(items)
    readReferenceFile(
      utf8(`item,label\nd,1\n${b},2\n${a},1\n`),
      'gold.csv',
      'csv',
      { item: 'item', label: 'label' },
      reference,
      problems
    )
    expect(problems).toEqual([])
    const table = annotations.finish()
    expect([...table.item]).toEqual([0, 1, 1, 2, 0])
    expect([...table.annotator]).toEqual([0, 0, 1, 1, 2])
    expect([...reference.finish().item]).toEqual([3, 1, 0])
    expect(items.values).toEqual([a, b, 'c', 'd'])
    expect(table.labels.values).toEqual(['1', '2', '3'])
  })

  it('keeps every code past 4 million values, where the table fills to 3/4', () => {
    const n = 2_500_000
    const interner = new Interner()
    const bytes = new Uint8Array(12)
    const view = new DataView(bytes.buffer)
    for (let i = 0; i < n; i++) {
      view.setUint32(0, i, true)
      view.setUint32(4, i * 2654435761, true)
      if (interner.internBytes(bytes, 0, 8) !== i) throw new Error(`${i}`)
    }
    expect(interner.size).toBe(n)
    for (let i = 0; i < n; i += 997) {
      view.setUint32(0, i, true)
      view.setUint32(4, i * 2654435761, true)
      if (interner.internBytes(bytes, 0, 8) !== i) throw new Error(`${i}`)
    }
    expect(interner.size).toBe(n)
  })

  it('interns a list of values (internAll) as one by one: known, new, repeated, colliding, across growth', () => {
    const [a, b] = collidingIds()
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(a, b, '', 'x', 'é', 'item-1'), {
          maxLength: 20
        }),
        fc.array(
          fc.oneof(
            fc.constantFrom(a, b, '', 'x', 'é', 'item-1'),
            fc.string({ maxLength: 12 })
          ),
          { maxLength: 300 }
        ),
        (before, values) => {
          const one = new Interner()
          const all = new Interner()
          for (const v of before) one.intern(v)
          for (const v of before) all.intern(v)
          const expected = values.map((v) => one.intern(v))
          const parts = values.map(utf8)
          const offsets = new Int32Array(parts.length + 1)
          parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length))
          const arena = new Uint8Array(offsets[parts.length]!)
          parts.forEach((p, i) => arena.set(p, offsets[i]!))
          expect([...all.internAll(arena, offsets)]).toEqual(expected)
          expect(all.values).toEqual(one.values)
        }
      )
    )
  })
})
