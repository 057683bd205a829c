import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  findDuplicateKey,
  locateJsonError
} from '../../src/formats/json-syntax.js'

describe('locateJsonError', () => {
  it.each([
    ['{"a":}', 5, "unexpected '}'"],
    ['[1 2]', 3, "expected ',' or ']', found '2'"],
    ['[1,', 3, 'unexpected end of input'],
    ['{"a" 1}', 5, "expected ':' after a key, found '1'"],
    ['{"a":1,}', 7, "expected a key in double quotes, found '}'"],
    ['"abc', 0, 'a string opens here and is never closed'],
    ['"a\nb"', 2, 'a control character (such as a line break) inside a string'],
    ['"\\x"', 1, 'an invalid escape in a string'],
    ['"\\u12g4"', 1, 'an invalid \\u escape in a string'],
    ['[1] x', 4, "unexpected 'x' after the JSON value"],
    ['[tru]', 1, "unexpected 't'"],
    ['[01]', 2, "expected ',' or ']', found '1'"],
    ['', 0, 'unexpected end of input']
  ])('%j', (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow()
    expect(locateJsonError(text)).toEqual({ offset, message })
  })

  it('accepts everything JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (value, indent) => {
        expect(
          locateJsonError(JSON.stringify(value, null, indent))
        ).toBeUndefined()
      })
    )
  })
})

/** The first duplicate key as a set of decoded keys per open object finds it (the oracle). */
function oracle(text: string): { offset: number; key: string } | undefined {
  const stack: (Set<string> | null)[] = []
  let expectKey = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '{') {
      stack.push(new Set())
      expectKey = true
    } else if (c === '[') {
      stack.push(null)
      expectKey = false
    } else if (c === '}' || c === ']') {
      stack.pop()
      expectKey = false
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] instanceof Set
    } else if (c === '"') {
      const open = i
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++
      if (expectKey) {
        const key = JSON.parse(text.slice(open, i + 1)) as string
        const keys = stack[stack.length - 1]!
        if (keys.has(key)) return { offset: open, key }
        keys.add(key)
        expectKey = false
      }
    }
  }
  return undefined
}

describe('findDuplicateKey', () => {
  // Keys that collide only once decoded ("a" and "\u0061"), and values that
  // nest objects and arrays holding strings that look like keys.
  const key = fc.constantFrom(
    '"a"',
    '"\\u0061"',
    '"b"',
    '"ab"',
    '"ba"',
    '"é"',
    '"\\""'
  )
  const json: fc.Memo<string> = fc.memo((depth) =>
    depth <= 1
      ? fc.oneof(fc.constantFrom('1', '"a"', 'null', '"{\\"a\\":1}"'), key)
      : fc.oneof(
          fc
            .array(fc.tuple(key, json(depth - 1)), { maxLength: 22 })
            .map(
              (pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`
            ),
          fc
            .array(json(depth - 1), { maxLength: 4 })
            .map((items) => `[${items.join(',')}]`)
        )
  )

  it('finds the duplicate the per-object key sets find, at the same offset', () => {
    fc.assert(
      fc.property(json(3), (text) => {
        expect(findDuplicateKey(text)).toEqual(oracle(text))
      }),
      { numRuns: 3000 }
    )
  })

  it('tells keys apart in an object of many keys, and finds a late duplicate there', () => {
    const keys = Array.from({ length: 40 }, (_, k) => `"k${k}": ${k}`)
    expect(findDuplicateKey(`{${keys.join(',')}}`)).toBeUndefined()
    for (const repeated of ['"k\\u0033"', '"k30"', '"k39"']) {
      const text = `{${keys.join(',')}, ${repeated}: 1}`
      expect(findDuplicateKey(text)).toEqual({
        offset: text.lastIndexOf('"k'),
        key: JSON.parse(repeated) as string
      })
      expect(findDuplicateKey(text)).toEqual(oracle(text))
    }
  })
})
