import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { ByteInterner } from '../../src/formats/byte-interner.js'
import { Interner } from '../../src/model/interner.js'

describe('ByteInterner', () => {
  it('gives the same codes as interning the decoded strings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 5 }), { maxLength: 3000 }),
        (values) => {
          const encoded = values.map((v) => new TextEncoder().encode(v))
          const bytes = new Uint8Array(
            encoded.reduce((n, e) => n + e.length, 0)
          )
          const ranges: [number, number][] = []
          let at = 0
          for (const e of encoded) {
            bytes.set(e, at)
            ranges.push([at, at + e.length])
            at += e.length
          }
          // Small capacity so the table grows several times.
          const interner = new Interner(2)
          const byBytes = new ByteInterner(bytes, interner)
          const codes = ranges.map(([s, e]) => byBytes.code(s, e))
          const reference = new Interner()
          expect(codes).toEqual(values.map((v) => reference.intern(v)))
          expect(interner.values).toEqual(reference.values)
        }
      ),
      { numRuns: 100 }
    )
  })

  it('reuses codes already in a shared interner', () => {
    const interner = new Interner()
    interner.intern('b')
    interner.intern('a')
    const bytes = new TextEncoder().encode('abc')
    const byBytes = new ByteInterner(bytes, interner)
    expect([
      byBytes.code(0, 1),
      byBytes.code(1, 2),
      byBytes.code(2, 3)
    ]).toEqual([1, 0, 2])
    expect(byBytes.code(0, 1)).toBe(1)
    expect(interner.values).toEqual(['b', 'a', 'c'])
  })
})
