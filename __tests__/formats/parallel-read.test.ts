import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Format } from '../../src/config/schema.js'
import { UserError } from '../../src/errors.js'
import { inProcessPool, type ChunkPool } from '../../src/formats/chunk-pool.js'
import { lastRecordEnd } from '../../src/formats/csv-boundary.js'
import {
  readAnnotationStream,
  type AnnotationFields
} from '../../src/formats/read-annotations.js'
import { AnnotationTableBuilder } from '../../src/model/annotation-table.js'
import { Interner } from '../../src/model/interner.js'
import type { Problem } from '../../src/model/problem.js'
import { memoryStream } from '../../src/source/byte-stream.js'
import { CsvScanner } from '../../src/formats/csv-scanner.js'
import { ROOT } from './helpers.js'

const encoder = new TextEncoder()

/** Everything a read leaves: the table's arrays and interners, problems, or the error line. */
interface Outcome {
  columns: Record<string, number[]>
  values: Record<string, readonly string[]>
  problems: Problem[]
  error?: string
}

interface Read {
  fields: AnnotationFields
  extras?: string[]
  /** The pieces the stream hands out, and the reader's starting buffer. */
  step?: number
  chunk?: number
  /** Reading threads (in process); absent: the sequential reader. */
  threads?: number
}

async function read(
  bytes: Uint8Array,
  format: Format,
  how: Read,
  // Shared interners that already hold values (a second file, base then head).
  items = new Interner()
): Promise<Outcome> {
  const builder = new AnnotationTableBuilder(items, 16, how.extras ?? [])
  const problems: Problem[] = []
  try {
    await readAnnotationStream(
      memoryStream(bytes, how.step ?? Infinity),
      `data.${format}`,
      format,
      how.fields,
      builder,
      problems,
      {},
      undefined,
      how.chunk,
      how.threads === undefined
        ? undefined
        : { pool: inProcessPool(how.threads), minBytes: 0 }
    )
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    return { columns: {}, values: {}, problems: [], error: error.format() }
  }
  const t = builder.finish()
  const columns: Outcome['columns'] = {
    item: [...t.item],
    annotator: [...t.annotator],
    label: [...t.label],
    file: [...t.file],
    line: [...t.line]
  }
  const values: Outcome['values'] = {
    items: t.items.values,
    annotators: t.annotators.values,
    labels: t.labels.values
  }
  for (const [name, column] of t.extras) {
    columns[`extra ${name}`] = [...column.code]
    values[`extra ${name}`] = column.values.values
  }
  return { columns, values, problems }
}

const FIELDS: AnnotationFields = {
  item: 'item',
  annotator: 'who',
  label: 'label'
}

/** Reads `text` sequentially, then in parallel in every way given: each must be the same. */
async function expectSame(
  text: string | Uint8Array,
  format: Format,
  ways: Read[],
  base: Omit<Read, 'threads'> = { fields: FIELDS }
): Promise<Outcome> {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text
  const expected = await read(bytes, format, base)
  for (const way of ways) {
    const got = await read(bytes, format, { ...base, ...way })
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      expect({ way, ...got }).toEqual({ way, ...expected })
    }
  }
  return expected
}

/** Every piece size from 1 to `max` bytes, each with 1 and 3 threads. */
function everyStep(max: number, chunk?: number): Read[] {
  const ways: Read[] = []
  for (let step = 1; step <= max; step++) {
    for (const threads of [1, 3]) {
      ways.push({ fields: FIELDS, step, chunk, threads })
    }
  }
  return ways
}

// mulberry32: seeded, so a failure replays.
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PIECES = ['a', 'b', 'é', ' ', '"', '""', '\n', '\r\n', '\r', ',', 'x"y']
const EOLS = ['\n', '\r\n', '\r']

/** A CSV field: plain (bare quotes allowed), quoted with line ends and doubled quotes, or empty. */
function field(next: () => number): string {
  const kind = next()
  if (kind < 0.1) return ''
  const length = 1 + Math.floor(next() * 4)
  let text = ''
  for (let i = 0; i < length; i++) {
    text += PIECES[Math.floor(next() * PIECES.length)]!
  }
  if (kind < 0.5) return `"${text.replaceAll('"', '""')}"`
  // Unquoted: no delimiter or line end; a quote not first is text.
  const plain = text.replace(/[,\r\n]/g, '_')
  return plain.startsWith('"') ? `z${plain}` : plain
}

/** A CSV file of `rows` records with every hazard the scanner allows (and, when asked, one it refuses). */
function generated(seed: number, rows: number, fatal = false): string {
  const next = rng(seed)
  const eol = (): string => EOLS[Math.floor(next() * EOLS.length)]!
  const header = (next() < 0.3 ? '\ufeff' : '') + 'item,who,label,tool' + eol()
  const records: string[] = []
  for (let r = 0; r < rows; r++) {
    const blank = next() < 0.1 ? eol() : ''
    const fields = [field(next), field(next), field(next), field(next)]
    // Ids repeat, so codes are shared across pieces.
    if (next() < 0.5) fields[0] = `i${Math.floor(next() * 5)}`
    if (next() < 0.5) fields[1] = `"a${Math.floor(next() * 3)}"`
    records.push(blank + fields.join(',') + eol())
  }
  if (fatal) {
    const bad = [
      'i9,a,b\n', // a missing field
      'i9,a,b,c,d\n',
      'i9,"a"x,b,c\n', // text after a closing quote
      'i9,a,b,"never closed\n'
    ][Math.floor(next() * 4)]!
    // An open quote is closed by any later quote: that one goes last.
    const at = bad.includes('never') ? rows : Math.floor(next() * (rows + 1))
    records.splice(at, 0, bad)
  }
  return header + records.join('')
}

describe('lastRecordEnd', () => {
  const comma = 0x2c
  const cutOf = (text: string, limit = text.length) =>
    lastRecordEnd(encoder.encode(text), 0, limit, comma)

  it('cuts after the last LF, CRLF or lone CR outside quotes', () => {
    expect(cutOf('a,b\nc,d\ne')).toEqual({ cut: 8, broken: false })
    expect(cutOf('a,b\r\nc')).toEqual({ cut: 5, broken: false })
    expect(cutOf('a,b\rc')).toEqual({ cut: 4, broken: false })
    // A CR last may be the first half of a CRLF: not a cut yet.
    expect(cutOf('a,b\nc\r')).toEqual({ cut: 4, broken: false })
    expect(cutOf('a,"b\nc",d\ne\n"x')).toEqual({ cut: 12, broken: false })
  })

  it('takes no line end inside a quoted field, but one after a bare quote', () => {
    expect(cutOf('a,"b\nc')).toEqual({ cut: 0, broken: false })
    expect(cutOf('a,b"\nc')).toEqual({ cut: 5, broken: false })
    expect(cutOf('a,"b""\nc"\n')).toEqual({ cut: 10, broken: false })
    // A quote last: closing or doubled is not known yet.
    expect(cutOf('a\n"b"')).toEqual({ cut: 2, broken: false })
  })

  it('stops at text after a closing quote (the scanner refuses it)', () => {
    expect(cutOf('a\n"b"c\nd\n')).toEqual({ cut: 2, broken: true })
  })

  it('agrees with the scanner on every prefix of generated files', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const bytes = encoder.encode(generated(seed, 12).replace(/^\ufeff/, ''))
      // Line ends outside every record the scanner finds on the whole file.
      const spans: [number, number][] = []
      const scanner = new CsvScanner(bytes, 0x2c, 0, 'x.csv')
      while (scanner.next()) {
        const start = scanner.starts[0]! - (scanner.quoting[0] === 0 ? 0 : 1)
        spans.push([start, scanner.pos])
      }
      const ends: number[] = []
      for (let p = 1; p <= bytes.length; p++) {
        const c = bytes[p - 1]
        const lineEnd = c === 0x0a || (c === 0x0d && bytes[p] !== 0x0a)
        if (lineEnd && !spans.some(([s, e]) => p > s && p < e)) ends.push(p)
      }
      for (let limit = 1; limit < bytes.length; limit++) {
        const { cut, broken } = lastRecordEnd(bytes, 0, limit, 0x2c)
        // A CR last may be the first half of a CRLF.
        const expected = ends
          .filter((p) => p < limit || (p === limit && bytes[p - 1] !== 0x0d))
          .reduce((a, b) => Math.max(a, b), 0)
        expect({ limit, cut, broken }).toEqual({
          limit,
          cut: expected,
          broken: false
        })
      }
    }
  })
})

describe('parallel read of delimited files', () => {
  it('reads generated files with quoted line ends across every piece boundary as the main thread does', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const text = generated(seed, 8)
      const outcome = await expectSame(text, 'csv', everyStep(24, 8), {
        fields: FIELDS,
        extras: ['tool']
      })
      expect(outcome.error).toBeUndefined()
    }
  })

  it('stops with the same error, at the same line, on broken files', async () => {
    const errors = new Set<string>()
    for (let seed = 100; seed <= 124; seed++) {
      const text = generated(seed, 8, true)
      const outcome = await expectSame(text, 'csv', everyStep(16, 8))
      expect(outcome.error).toBeDefined()
      errors.add(outcome.error!.replace(/:\d+:.*?: /, ': ').slice(0, 30))
    }
    // Each kind of fatal error was met.
    expect(errors.size).toBeGreaterThanOrEqual(3)
  })

  it('keeps problems in order and capped as one log does, across pieces', async () => {
    // 2,500 records without an item (a problem each, 1,000 kept) between good ones.
    let text = 'item,who,label\n'
    for (let r = 0; r < 5000; r++) {
      text += r % 2 === 0 ? `,a${r % 7},x\n` : `i${r % 13},a${r % 7},y\n`
    }
    const outcome = await expectSame(text, 'csv', [
      { fields: FIELDS, chunk: 4096, threads: 2 },
      { fields: FIELDS, chunk: 100, threads: 3 }
    ])
    expect(outcome.problems).toHaveLength(1001)
    expect(outcome.problems[1000]!.message).toBe(
      '... and 1,500 more records without item'
    )
    expect(outcome.problems[999]!.line).toBe(2 + 2 * 999)
  })

  it('gives the same error for an empty file, a header only, and a missing column', async () => {
    for (const text of [
      '',
      'item,who,label\n',
      'item,who,label\r\n\r\n',
      'item,label\n1,x\n',
      '\ufeffitem;who;label\n1;a;x\n'
    ]) {
      const outcome = await expectSame(text, 'csv', everyStep(6))
      expect(outcome.error).toBeDefined()
    }
  })

  it('reads TSV, blank lines and a BOM as the main thread does', async () => {
    const text =
      '\ufeffitem\twho\tlabel\r\n\r\n1\ta\t"x\ty"\r\n\n2\t"b\r\nc"\tz\r'
    const outcome = await expectSame(text, 'tsv', everyStep(12, 4))
    expect(outcome.values.labels).toEqual(['x\ty', 'z'])
    expect(outcome.columns.line).toEqual([3, 5])
  })

  it('continues the codes of interners that already hold values (a second file)', async () => {
    const text = 'item,who,label\nnew,a,x\nold,b,y\nnew,c,x\n'
    const ways: Read[] = [{ fields: FIELDS, step: 3, chunk: 4, threads: 2 }]
    const seeded = (): Interner => {
      const items = new Interner()
      items.intern('old')
      return items
    }
    const bytes = encoder.encode(text)
    const expected = await read(bytes, 'csv', { fields: FIELDS }, seeded())
    const got = await read(bytes, 'csv', ways[0]!, seeded())
    expect(got).toEqual(expected)
    expect(got.values.items).toEqual(['old', 'new'])
    expect(got.columns.item).toEqual([1, 0, 1])
  })
})

/** A JSON Lines file of `rows` records: flat and not, blank lines, problems, one error if asked. */
function generatedJsonLines(seed: number, rows: number, fatal = false): string {
  const next = rng(seed)
  const pick = <T>(list: readonly T[]): T =>
    list[Math.floor(next() * list.length)]!
  const value = (): string =>
    pick([
      '"a"',
      '"b"',
      '"é"',
      '""',
      '"  "',
      '"\\u0061"',
      '7',
      'null',
      '["x"]',
      `"i${Math.floor(next() * 5)}"`
    ])
  const lines: string[] = [next() < 0.3 ? '\ufeff' : '']
  for (let r = 0; r < rows; r++) {
    if (next() < 0.1) lines.push(pick(['', '  ', '\r']))
    const pairs: string[] = []
    for (const key of ['item', 'who', 'label', 'tool']) {
      if (next() < 0.85) pairs.push(`"${key}": ${value()}`)
    }
    if (next() < 0.2) pairs.push('"extra": {"k": [1, 2]}')
    lines.push(`{${pairs.join(', ')}}${next() < 0.2 ? '\r' : ''}`)
  }
  if (fatal) {
    const bad = pick(['{"item": "a"', '[1, 2]', '{"item": "a", "item": "b"}'])
    lines.splice(1 + Math.floor(next() * rows), 0, bad)
  }
  return lines.join('\n').replace(/^\n/, '') + (next() < 0.5 ? '\n' : '')
}

describe('parallel read of JSON Lines files', () => {
  it('reads generated files across every piece boundary as the main thread does', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const text = generatedJsonLines(seed, 10)
      await expectSame(text, 'jsonl', everyStep(24, 8), {
        fields: FIELDS,
        extras: ['tool']
      })
    }
  })

  it('stops with the same error, at the same line and column, on broken files', async () => {
    const errors = new Set<string>()
    for (let seed = 200; seed <= 215; seed++) {
      const text = generatedJsonLines(seed, 10, true)
      const outcome = await expectSame(text, 'jsonl', everyStep(16, 8))
      expect(outcome.error).toBeDefined()
      errors.add(outcome.error!.replace(/^[^ ]* /, '').slice(0, 20))
    }
    expect(errors.size).toBeGreaterThanOrEqual(3)
  })

  it("names a key that no record holds, with the first record's keys and line", async () => {
    const text = '\n\n' + '{"item": "a", "label": "x"}\n'.repeat(40)
    const outcome = await expectSame(text, 'jsonl', [
      { fields: FIELDS, chunk: 64, threads: 2 },
      { fields: FIELDS, chunk: 200, threads: 3 }
    ])
    expect(outcome.error).toMatch(/^data\.jsonl:3: .*'who'/)
    // The first record in a worker's piece: its line, moved down.
    const late = '\n'.repeat(100) + '{"item": "a", "label": "x"}\n'.repeat(40)
    const moved = await expectSame(late, 'jsonl', [
      { fields: FIELDS, chunk: 64, threads: 2 }
    ])
    expect(moved.error).toMatch(/^data\.jsonl:101: .*'who'/)
  })

  it('keeps problems in order and capped across pieces', async () => {
    let text = ''
    for (let r = 0; r < 3000; r++) {
      text +=
        r % 2 === 0
          ? `{"who": "a${r % 7}", "label": "x"}\n`
          : `{"item": "i${r % 13}", "who": "a${r % 7}", "label": "y"}\n`
    }
    const outcome = await expectSame(text, 'jsonl', [
      { fields: FIELDS, chunk: 4096, threads: 2 },
      { fields: FIELDS, chunk: 300, threads: 3 }
    ])
    expect(outcome.problems).toHaveLength(1001)
    expect(outcome.problems[999]!.line).toBe(1 + 2 * 999)
  })
})

describe('a pool that fails', () => {
  it('stops the read with its error, not an unhandled rejection', async () => {
    const failing: ChunkPool = {
      threads: 1,
      idle: 1,
      parse: () =>
        new Promise((_, reject) =>
          setImmediate(() => reject(new Error('no worker here')))
        ),
      close: () => Promise.resolve()
    }
    let text = 'item,who,label\n'
    for (let r = 0; r < 200; r++) text += `i${r},a,x\n`
    const builder = new AnnotationTableBuilder()
    await expect(
      readAnnotationStream(
        memoryStream(encoder.encode(text), 100),
        'data.csv',
        'csv',
        FIELDS,
        builder,
        [],
        {},
        undefined,
        64,
        { pool: failing, minBytes: 0 }
      )
    ).rejects.toThrow('no worker here')
  })
})

/** The CSV and TSV files of a folder, recursively (or those `pattern` takes). */
function delimitedFiles(dir: string, pattern = /\.(csv|tsv)$/): string[] {
  const found: string[] = []
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory())
      found.push(...delimitedFiles(full, pattern))
    else if (pattern.test(name)) found.push(full)
  }
  return found
}

describe('parallel read of every CSV and TSV fixture and example', () => {
  const files = [
    ...delimitedFiles(path.join(ROOT, '__fixtures__')),
    ...delimitedFiles(path.join(ROOT, 'examples'))
  ]

  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  it.each(files.map((f) => [path.relative(ROOT, f)]))(
    '%s',
    async (relative) => {
      const bytes = readFileSync(path.join(ROOT, relative))
      const format: Format = relative.endsWith('.tsv') ? 'tsv' : 'csv'
      // The file's first three columns as item, annotator and label, the rest as extras.
      const first = new TextDecoder()
        .decode(bytes.subarray(0, 4096))
        .replace(/^\ufeff/, '')
        .split(/\r\n|\n|\r/)[0]!
      const names = first.split(format === 'tsv' ? '\t' : ',')
      const fields: AnnotationFields =
        names.length >= 3
          ? { item: names[0]!, annotator: names[1]!, label: names[2]! }
          : { item: 'item_id', annotator: 'annotator', label: 'label' }
      const extras = [...new Set(names.slice(3))].filter(
        (n) => !names.slice(0, 3).includes(n)
      )
      // Small pieces on small files; a few hundred pieces on the big ones.
      const large = bytes.length > 1 << 16
      const steps = large ? [bytes.length >> 8, 1 << 16] : [7, 64, 1000]
      const ways: Read[] = steps.flatMap((step) =>
        [1, 3].map((threads) => ({
          fields,
          extras,
          step,
          chunk: large ? 1024 : 16,
          threads
        }))
      )
      await expectSame(bytes, format, ways, { fields, extras })
    }
  )
})

describe('parallel read of JSON Lines, on what a review found', () => {
  it("keeps the string of a lone surrogate escape first seen in a worker's piece", async () => {
    let text = ''
    for (let r = 0; r < 60; r++) {
      text += `{"item": "i${r}", "who": "a", "label": "x"}\n`
    }
    text += '{"item": "\\ud800", "who": "\\udc00b", "label": "\\ud83d"}\n'
    const outcome = await expectSame(text, 'jsonl', [
      { fields: FIELDS, chunk: 64, threads: 1 },
      { fields: FIELDS, chunk: 64, threads: 3 }
    ])
    expect(outcome.values.items).toContain('\ud800')
  })

  it('gives a lineage column on the annotator key every value', async () => {
    let text = ''
    for (let r = 0; r < 30; r++) {
      text += `{"item": "i${r}", "who": "a${r % 3}", "label": "x"}\n`
    }
    const outcome = await expectSame(
      text,
      'jsonl',
      [{ fields: FIELDS, chunk: 64, threads: 3, extras: ['who'] }],
      { fields: FIELDS, extras: ['who'] }
    )
    expect(outcome.values['extra who']).toEqual(['a0', 'a1', 'a2'])
  })
})

describe('parallel read of every JSON Lines fixture and example', () => {
  const files = [
    ...delimitedFiles(path.join(ROOT, '__fixtures__'), /\.jsonl$/),
    ...delimitedFiles(path.join(ROOT, 'examples'), /\.jsonl$/)
  ]

  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(8)
  })

  it.each(files.map((f) => [path.relative(ROOT, f)]))(
    '%s',
    async (relative) => {
      const bytes = readFileSync(path.join(ROOT, relative))
      // The first record's first three keys as item, annotator and label.
      let keys: string[] = []
      for (const line of new TextDecoder().decode(bytes).split('\n')) {
        try {
          const value: unknown = JSON.parse(line.replace(/^\ufeff/, ''))
          if (typeof value === 'object' && value !== null) {
            keys = Object.keys(value)
            break
          }
        } catch {
          continue
        }
      }
      const fields: AnnotationFields =
        keys.length >= 3
          ? { item: keys[0]!, annotator: keys[1]!, label: keys[2]! }
          : { item: 'item_id', annotator: 'annotator', label: 'label' }
      const ways: Read[] = [3, 40, 1000].flatMap((step) =>
        [1, 3].map((threads) => ({ fields, step, chunk: 16, threads }))
      )
      await expectSame(bytes, 'jsonl', ways, { fields })
    }
  )
})
