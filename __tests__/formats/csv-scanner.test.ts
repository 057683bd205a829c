import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { UserError } from '../../src/errors.js'
import { CsvScanner } from '../../src/formats/csv-scanner.js'

const encoder = new TextEncoder()

function scan(
  text: string,
  delimiter = ','
): { line: number; fields: string[] }[] {
  const scanner = new CsvScanner(
    encoder.encode(text),
    delimiter.charCodeAt(0),
    0,
    'f.csv'
  )
  const records: { line: number; fields: string[] }[] = []
  while (scanner.next()) {
    const fields: string[] = []
    for (let i = 0; i < scanner.count; i++) fields.push(scanner.value(i))
    records.push({ line: scanner.line, fields })
  }
  return records
}

/** A reference RFC 4180 writer: quote when needed (or when asked), double quotes. */
function encodeField(
  value: string,
  delimiter: string,
  forceQuote: boolean
): string {
  const needs =
    forceQuote ||
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r')
  return needs ? `"${value.replaceAll('"', '""')}"` : value
}

describe('CsvScanner', () => {
  it('splits fields and records and unquotes', () => {
    expect(scan('a,"b,c","d""e"\r\n,,\n"x\ny",z,\n')).toEqual([
      { line: 1, fields: ['a', 'b,c', 'd"e'] },
      { line: 2, fields: ['', '', ''] },
      { line: 3, fields: ['x\ny', 'z', ''] }
    ])
  })

  it('treats a lone CR as a line end and counts it', () => {
    expect(scan('a,b\rc,d\r\re,"f\rg"\rh,i')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
      { line: 4, fields: ['e', 'f\rg'] },
      { line: 6, fields: ['h', 'i'] }
    ])
  })

  it('keeps a quote inside an unquoted field as text', () => {
    expect(scan('a"b,c\n')).toEqual([{ line: 1, fields: ['a"b', 'c'] }])
  })

  it('reads a quoted empty field, which is not a blank line', () => {
    expect(scan('""\n\n""')).toEqual([
      { line: 1, fields: [''] },
      { line: 3, fields: [''] }
    ])
  })

  it('grows past 16 fields', () => {
    const fields = Array.from({ length: 40 }, (_, i) => `f${i}`)
    expect(scan(fields.join('\t'), '\t')).toEqual([{ line: 1, fields }])
  })

  it('throws a UserError at the line and column where an unclosed quote opens', () => {
    let error: unknown
    try {
      scan('a,b\nc,"d\ne\n')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).where).toEqual({
      file: 'f.csv',
      line: 2,
      column: 3
    })
  })

  it('round-trips random fields with delimiters, quotes, CR, LF and unicode', () => {
    const char = fc.constantFrom(
      'a',
      'Z',
      '7',
      ' ',
      ',',
      '\t',
      '"',
      '\r',
      '\n',
      'é',
      '中',
      '😀'
    )
    const field = fc.oneof(
      fc.string({ unit: char, maxLength: 8 }),
      fc.string({ maxLength: 6 })
    )
    const record = fc.array(fc.tuple(field, fc.boolean()), {
      minLength: 1,
      maxLength: 5
    })
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(',', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (records, delimiter, eol, finalEol) => {
          let text = ''
          const expected: { line: number; fields: string[] }[] = []
          records.forEach((r, i) => {
            // A record of one empty field would be a blank line: quote it.
            const lone = r.length === 1 && r[0]![0] === ''
            const line = text.split(/\r\n|\r|\n/).length
            expected.push({ line, fields: r.map(([v]) => v) })
            text += r
              .map(([v, q]) => encodeField(v, delimiter, q || lone))
              .join(delimiter)
            if (i < records.length - 1 || finalEol) text += eol
          })
          expect(scan(text, delimiter)).toEqual(expected)
        }
      ),
      { numRuns: 500 }
    )
  })
})
