import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { locateJsonError } from '../../src/formats/json-syntax.js'

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
