import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readdirSync } from 'node:fs'
import type { Format } from '../../src/config/schema.js'
import { UserError } from '../../src/errors.js'
import {
  readAnnotationFile,
  readAnnotationStream
} from '../../src/formats/read-annotations.js'
import { AnnotationTableBuilder } from '../../src/model/annotation-table.js'
import type { Problem } from '../../src/model/problem.js'
import { memoryStream } from '../../src/source/byte-stream.js'
import { fixture, FIELDS, ROOT } from './helpers.js'

const encoder = new TextEncoder()

/** What a read gave: rows (item, annotator, label, line), problems, or the error. */
interface Outcome {
  rows: [string, string, string, number][]
  problems: Problem[]
  error?: string
}

function outcome(builder: AnnotationTableBuilder, problems: Problem[]) {
  const table = builder.finish()
  const rows: Outcome['rows'] = []
  for (let r = 0; r < table.size; r++) {
    rows.push([
      table.items.values[table.item[r]!]!,
      table.annotators.values[table.annotator[r]!]!,
      table.labels.values[table.label[r]!]!,
      table.line[r]!
    ])
  }
  return { rows, problems }
}

function failed(error: unknown): Outcome {
  if (!(error instanceof UserError)) throw error
  return { rows: [], problems: [], error: error.format() }
}

function whole(bytes: Uint8Array, format: Format): Outcome {
  const builder = new AnnotationTableBuilder()
  const problems: Problem[] = []
  try {
    readAnnotationFile(bytes, `x.${format}`, format, FIELDS, builder, problems)
  } catch (error) {
    return failed(error)
  }
  return outcome(builder, problems)
}

/** Read in pieces: reads of at most `step` bytes into a buffer of `chunk` bytes. */
async function streamed(
  bytes: Uint8Array,
  format: Format,
  step: number,
  chunk?: number
): Promise<Outcome> {
  const builder = new AnnotationTableBuilder()
  const problems: Problem[] = []
  try {
    await readAnnotationStream(
      memoryStream(bytes, step),
      `x.${format}`,
      format,
      FIELDS,
      builder,
      problems,
      {},
      undefined,
      chunk
    )
  } catch (error) {
    return failed(error)
  }
  return outcome(builder, problems)
}

/** Piece sizes down to one byte, a tiny growing buffer, and the default buffer. */
const CUTS: [number, number | undefined][] = [
  [1, undefined],
  [2, undefined],
  [3, 1],
  [7, 5],
  [Infinity, 1],
  [Infinity, 16],
  [Infinity, undefined]
]

async function expectSame(bytes: Uint8Array, format: Format): Promise<void> {
  const expected = whole(bytes, format)
  for (const [step, chunk] of CUTS) {
    const got = await streamed(bytes, format, step, chunk)
    expect({ step, chunk, ...got }).toEqual({ step, chunk, ...expected })
  }
}

// Values that stress the scanner: delimiters, quotes, line breaks of every
// kind, multi-byte UTF-8 (2, 3 and 4 bytes), blanks.
const piece = fc.constantFrom(
  'a',
  'b',
  '1',
  ' ',
  ',',
  '\t',
  '"',
  '\n',
  '\r\n',
  '\r',
  'é',
  '€',
  '😀',
  '\uFEFF'
)
const value = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''))

function quoteCsv(v: string, always: boolean): string {
  return always || /[",\r\n]/.test(v) || v.trim() !== v
    ? `"${v.replaceAll('"', '""')}"`
    : v
}

const csvFile = fc
  .record({
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    last: fc.boolean(),
    rows: fc.array(
      fc.record({
        fields: fc.tuple(value, value, value),
        quote: fc.boolean(),
        blank: fc.boolean()
      }),
      { maxLength: 12 }
    )
  })
  .map(({ bom, eol, last, rows }) => {
    let text = bom ? '\uFEFF' : ''
    text += `item_id,annotator,label${eol}`
    rows.forEach((row, i) => {
      if (row.blank) text += eol
      text += row.fields.map((f) => quoteCsv(f, row.quote)).join(',')
      if (i < rows.length - 1 || last) text += eol
    })
    return text
  })

describe('streaming reads give what whole-file reads give', () => {
  it('CSV written with any quoting, line ends, BOM and UTF-8, cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, async (text) => {
        await expectSame(encoder.encode(text), 'csv')
      }),
      { numRuns: 150 }
    )
  })

  it('malformed CSV: the same error at the same line and column', async () => {
    const raw = fc
      .array(fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '😀', '\t'), {
        maxLength: 40
      })
      .map((p) => `item_id,annotator,label\n${p.join('')}`)
    await fc.assert(
      fc.asyncProperty(raw, async (text) => {
        await expectSame(encoder.encode(text), 'csv')
      }),
      { numRuns: 200 }
    )
  })

  it('bytes that are not UTF-8 text: the whole-file error wins over parse errors', async () => {
    const bytes = fc
      .array(
        fc.constantFrom(0x61, 0x2c, 0x22, 0x0a, 0x0d, 0xc3, 0xa9, 0xff, 0x00),
        { maxLength: 40 }
      )
      .map((b) =>
        Uint8Array.from([...encoder.encode('item_id,annotator,label\n'), ...b])
      )
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        await expectSame(b, 'csv')
      }),
      { numRuns: 200 }
    )
  })

  it('JSON Lines with any strings, blank lines and broken lines', async () => {
    const line = fc.oneof(
      fc
        .tuple(value, value, value)
        .map(([i, a, l]) =>
          JSON.stringify({ item_id: i, annotator: a, label: l })
        ),
      fc.constantFrom('', '  ', '{"item_id": 1', '[1]', '{"a":1,"a":2}')
    )
    const file = fc
      .tuple(fc.boolean(), fc.array(line, { maxLength: 10 }))
      .map(([bom, lines]) => (bom ? '\uFEFF' : '') + lines.join('\n'))
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        await expectSame(encoder.encode(text), 'jsonl')
      }),
      { numRuns: 150 }
    )
  })

  it('named edge cases', async () => {
    const cases: [string, Format][] = [
      ['', 'csv'],
      ['  \n\n', 'csv'],
      ['item_id,annotator,label\n', 'csv'],
      ['item_id;annotator;label\na;b;c\n', 'csv'],
      ['"item_id";"annotator";"label"\n', 'csv'],
      ['item_id,annotator,label\r\na,b,"x\r\ny"\r\n', 'csv'],
      ['item_id,annotator,label\na,b,"never closed\n', 'csv'],
      ['item_id,annotator,label\na,b,"x"y\n', 'csv'],
      ['item_id,annotator,label\na,b\n', 'csv'],
      ['\uFEFF\uFEFFitem_id,annotator,label\na,b,c', 'csv'],
      ['item_id\tannotator\tlabel\na\tb\t"c\td"\n', 'tsv'],
      ['version https://git-lfs.github.com/spec/v1\noid sha256:x\n', 'csv'],
      ['\uFEFF{"item_id":"a","annotator":"b","label":"c"}\n', 'jsonl'],
      ['{"item_id":"a","annotator":"b","label":"c"}\n\uFEFF{"x":1}\n', 'jsonl']
    ]
    for (const [text, format] of cases) {
      await expectSame(encoder.encode(text), format)
    }
    await expectSame(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]), 'csv')
    // A NUL past the first 8 KiB, and invalid UTF-8 far from the start.
    const long = `item_id,annotator,label\n${'a,b,c\n'.repeat(3000)}`
    const withNul = encoder.encode(`${long}a,b,\u0000\n`)
    await expectSame(withNul, 'csv')
    const bad = Uint8Array.from([...encoder.encode(long), 0xc3, 0x28, 0x0a])
    await expectSame(bad, 'csv')
  })

  it('every CSV, TSV and JSONL fixture', async () => {
    let files = 0
    for (const dir of ['formats', 'data', 'adversarial', 'diff', 'gates']) {
      const names = readdirSync(`${ROOT}__fixtures__/${dir}`, {
        recursive: true,
        encoding: 'utf8'
      })
      for (const name of names) {
        const format = /\.(csv|tsv|jsonl)$/.exec(name)?.[1] as
          Format | undefined
        if (format === undefined) continue
        const bytes = fixture(`${dir}/${name}`)
        const expected = whole(bytes, format)
        for (const [step, chunk] of [
          [1, 1],
          [13, undefined],
          [Infinity, undefined]
        ] as const) {
          expect(await streamed(bytes, format, step, chunk)).toEqual(expected)
        }
        files++
      }
    }
    expect(files).toBeGreaterThan(5)
  })
})
