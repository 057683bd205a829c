import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { CsvScanner } from '../../src/formats/csv-scanner.js'
import { rewriteLabels } from '../../src/migrate/rewrite-labels.js'

/*
 * Over generated CSV files (random quoting, commas, quotes and line breaks
 * in fields, LF or CRLF, with or without a BOM): the rewrite changes exactly
 * the label fields the map names, to the new names, and every other field
 * reads back as it was; a map that names no label leaves the file alone.
 */

const field = fc.string({
  unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é'),
  maxLength: 6
})
const label = fc.constantFrom('pos', 'neg', 'neu', 'x,y', 'q"q')

function cell(text: string, quote: boolean): string {
  const must = /[",\r\n]/.test(text) || text === ''
  return quote || must ? `"${text.replaceAll('"', '""')}"` : text
}

function records(bytes: Uint8Array): string[][] {
  const start = bytes[0] === 0xef ? 3 : 0
  const s = new CsvScanner(bytes, 0x2c, start, 'f.csv')
  const out: string[][] = []
  while (s.next())
    out.push(Array.from({ length: s.count }, (_, i) => s.value(i)))
  return out
}

describe('rewriteLabels on generated CSV', () => {
  it('changes exactly the mapped labels, nothing else', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(field, label, field, fc.boolean(), fc.boolean()), {
          minLength: 1,
          maxLength: 12
        }),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n'),
        fc.dictionary(
          fc.constantFrom('pos', 'neg', 'x,y'),
          fc.constantFrom('positive', 'n "2"', 'a,b', 'neu')
        ),
        (rows, bom, eol, map) => {
          const text =
            (bom ? '\uFEFF' : '') +
            [
              'item,label,note',
              ...rows.map(([a, l, n, q1, q2]) =>
                [cell(`i${a}`, q1), cell(l, q2), cell(n, q1)].join(',')
              )
            ].join(eol) +
            eol
          const bytes = new TextEncoder().encode(text)
          const renames = new Map(Object.entries(map))
          const result = rewriteLabels(bytes, 'f.csv', 'csv', 'label', (l) =>
            renames.get(l)
          )
          const changed = rows.filter(([, l]) => renames.has(l)).length
          // A map that names no label leaves the file alone.
          expect(result.bytes === null).toBe(changed === 0)
          const out = result.bytes ?? bytes
          expect(bom).toBe(out[0] === 0xef)
          const outText = new TextDecoder().decode(out)
          const crlf = (t: string): number => t.split('\r\n').length
          expect(crlf(outText)).toBe(crlf(text))
          const before = records(bytes)
          const after = records(out)
          expect(after.map((r) => [r[0], r[2]])).toEqual(
            before.map((r) => [r[0], r[2]])
          )
          expect(after.map((r) => r[1])).toEqual(
            before.map((r, i) =>
              i === 0 ? r[1] : (renames.get(r[1]!) ?? r[1])
            )
          )
          const total = [...result.renamed.values()].reduce(
            (s, r) => s + r.count,
            0
          )
          expect(total).toBe(changed)
        }
      ),
      { seed: 20261201, numRuns: 500 }
    )
  })
})
