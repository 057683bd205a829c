import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { UserError } from '../../src/errors.js'
import type { FieldSpec } from '../../src/formats/field-spec.js'
import { FlatJsonLine } from '../../src/formats/flat-json-line.js'
import { ProblemLog } from '../../src/formats/problem-log.js'
import { JsonLinesReader } from '../../src/formats/read-json.js'
import { Interner } from '../../src/model/interner.js'
import { ROOT } from './helpers.js'

const encoder = new TextEncoder()
const KEYS = ['item_id', 'annotator', 'label']

function scan(line: string): Record<string, string> | false {
  const flat = new FlatJsonLine(KEYS)
  const bytes = encoder.encode(line)
  if (!flat.scan(bytes, 0, bytes.length)) return false
  const found: Record<string, string> = {}
  KEYS.forEach((key, k) => {
    if (flat.starts[k]! >= 0) {
      found[key] = new TextDecoder().decode(
        bytes.subarray(flat.starts[k], flat.ends[k])
      )
    }
  })
  return found
}

describe('FlatJsonLine', () => {
  it('finds the wanted string values of a flat object', () => {
    expect(
      scan(' {"item_id": "i1" ,"x": -1.5e+3, "label":"é", "t": true}\r')
    ).toEqual({ item_id: 'i1', label: 'é' })
    expect(scan('{}')).toEqual({})
    expect(scan('{"n": null, "f": false, "z": 0, "annotator": ""}')).toEqual({
      annotator: ''
    })
  })

  it('leaves to JSON.parse every line it is not sure of', () => {
    for (const line of [
      '',
      '[]',
      '"x"',
      '{"item_id": "a\\"b"}',
      '{"it\\u0065m_id": "a"}',
      '{"item_id": "a\tb"}',
      '{"item_id": 1}',
      '{"label": null}',
      '{"item_id": "a", "item_id": "b"}',
      '{"x": 1, "x": 2}',
      '{"x": {"y": 1}}',
      '{"x": [1]}',
      '{"x": 01}',
      '{"x": 1.}',
      '{"x": .5}',
      '{"x": -}',
      '{"x": 1e}',
      '{"x": tru}',
      '{"x": truex}',
      '{"x": "a",}',
      '{"x" "a"}',
      '{"x": "a"} x',
      '{"x": "a"',
      '{"x": "a}',
      '\u00a0{"x": "a"}'
    ]) {
      expect([line, scan(line)]).toEqual([line, false])
    }
  })

  it('says yes only to lines JSON.parse reads as the same object', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '{',
        '}',
        '"',
        ':',
        ',',
        ' ',
        '\t',
        '\r',
        '\\',
        '"item_id"',
        '"label"',
        '"x"',
        'true',
        'null',
        '-',
        '0',
        '12',
        '.5',
        'e3',
        '[',
        ']'
      ),
      fc.string({ maxLength: 3 })
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
        const line = parts.join('').replace(/\n/g, '')
        const found = scan(line)
        if (found === false) return
        const parsed = JSON.parse(line) as Record<string, unknown>
        const wanted = Object.fromEntries(
          KEYS.filter((k) => Object.hasOwn(parsed, k)).map((k) => [
            k,
            parsed[k]
          ])
        )
        expect(found).toEqual(wanted)
      }),
      { numRuns: 3000 }
    )
  })
})

/** Everything a read gives: records, values, problems, the error. */
interface Field {
  name: string
  role: string
  required: boolean
}

const FIELDS: Field[] = KEYS.map((name, k) => ({
  name,
  role: ['item', 'annotator', 'label'][k]!,
  required: k < 2
}))

function read(
  text: string,
  fromBytes: boolean,
  step: number,
  fields: Field[] = FIELDS
): unknown {
  const interners = fields.map(() => new Interner())
  const specs: FieldSpec[] = fields.map((field, k) => ({
    ...field,
    configKey: `fields.${k}`,
    interner: interners[k]!
  }))
  const rows: number[][] = []
  const log = new ProblemLog()
  const reader = new JsonLinesReader(
    'x.jsonl',
    specs,
    'annotation records',
    (codes, line) => rows.push([...codes, line]),
    log,
    fromBytes
  )
  const bytes = encoder.encode(text)
  let error: string | undefined
  try {
    // In pieces of `step` bytes, as a stream feeds them.
    let pos = 0
    for (let limit = step; ; limit += step) {
      const final = limit >= bytes.length
      pos = reader.feed(bytes, pos, Math.min(limit, bytes.length), final)
      if (final) break
    }
    reader.finish()
  } catch (e) {
    if (!(e instanceof UserError)) throw e
    error = e.format()
  }
  return {
    rows,
    values: interners.map((i) => i.values),
    problems: log.finish(),
    error
  }
}

describe('JSON Lines read from bytes', () => {
  const value = fc.oneof(
    fc.constantFrom('"a"', '"b"', '""', '" "', '"\u00a0"', '"é"', '"\\u0061"'),
    fc.constantFrom('1', '1.0', 'true', 'null', '{"k": 1}', '["a"]'),
    fc.string({ maxLength: 4 }).map((s) => JSON.stringify(s))
  )
  const key = fc.constantFrom('item_id', 'annotator', 'label', 'x', '__proto__')
  const record = fc
    .array(fc.tuple(key, value), { maxLength: 5 })
    .map((pairs) => `{${pairs.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`)
  const line = fc.oneof(
    { weight: 8, arbitrary: record },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', '  ', '\u00a0', '\r', '[1]', '{"x": 1')
    }
  )

  it('gives the records, codes, lines, problems and errors JSON.parse gives', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        (lines, bom, step) => {
          const text = (bom ? '\uFEFF' : '') + lines.join('\n')
          expect(read(text, true, step)).toEqual(read(text, false, 1 << 20))
        }
      ),
      { numRuns: 2000 }
    )
  })

  it("drops the file's byte order mark, and only the file's", () => {
    const line = '{"item_id": "a", "annotator": "b", "label": "c"}'
    const read1 = read(`\uFEFF${line}\n${line}`, true, 7) as {
      rows: number[][]
      error?: string
    }
    expect(read1.error).toBeUndefined()
    expect(read1.rows).toEqual([
      [0, 0, 0, 1],
      [0, 0, 0, 2]
    ])
    const second = read(`${line}\n\uFEFF${line}`, true, 7) as {
      error?: string
    }
    expect(second.error).toMatch(/^x\.jsonl:2:1: invalid JSON/)
  })

  it('reads most lines of an ordinary file from bytes', () => {
    // Guards the speed: a file of plain records must not all fall back.
    const flat = new FlatJsonLine(KEYS)
    const line = encoder.encode(
      '{"item_id": "i-001", "annotator": "ann_7", "label": "cat", "ms": 1520}'
    )
    expect(flat.scan(line, 0, line.length)).toBe(true)
  })
})

describe('JSON Lines read from bytes, on what a review found', () => {
  const base = '{"item_id": "i0", "annotator": "a0", "label": "c"}'
  const expectSameRead = (text: string, fields?: Field[]): void => {
    for (const step of [1, 7, 1 << 20]) {
      expect(read(text, true, step, fields)).toEqual(
        read(text, false, 1 << 20, fields)
      )
    }
  }

  it('gives a key every field mapped to it (a lineage column that is the annotator column)', () => {
    const text = `${base}\n{"item_id": "i1", "annotator": "a1"}\n`
    expectSameRead(text, [
      ...FIELDS,
      { name: 'annotator', role: 'lineage field', required: false }
    ])
    expectSameRead('{"id": "a", "label": "x"}\n{"id": "b", "label": "y"}\n', [
      { name: 'id', role: 'item', required: true },
      { name: 'id', role: 'annotator', required: true },
      { name: 'label', role: 'label', required: false }
    ])
  })

  it('finds an id of only U+FEFF blank, as U+00A0', () => {
    for (const blank of ['\ufeff', '\u00a0', '\ufeff\ufeff']) {
      const text = `${base}\n{"item_id": "${blank}", "annotator": "a1"}\n`
      expectSameRead(text)
      const { problems } = read(text, true, 7) as {
        problems: { message: string }[]
      }
      expect(problems.map((p) => p.message)).toEqual([
        "item is only white space (key 'item_id'); the record is skipped"
      ])
    }
  })

  it('reads lines of 62 to 100 keys, with a duplicate past the 64th', () => {
    for (const n of [62, 63, 64, 65, 100]) {
      const keys = Array.from({ length: n }, (_, i) => `"k${i}": ${i}`)
      expectSameRead(
        `${base}\n{${keys.join(', ')}, "item_id": "i", "annotator": "a"}`
      )
      expectSameRead(`${base}\n{"item_id": "i", ${keys.join(', ')}, "k0": 1}`)
    }
  })

  it('gives what JSON.parse gives on unicode-heavy flat records', () => {
    const space = fc.constantFrom('', ' ', '\t', '\r', '  ')
    const text = fc
      .oneof(
        fc.string({ maxLength: 4, unit: 'binary' }),
        fc.constantFrom('\u00a0', '\ufeff', '\u2028', ' ', '', '\u3000', 'a b')
      )
      .map((v) => JSON.stringify(v).replace(/\\u2028/g, '\u2028'))
    const value = fc.oneof(
      text,
      fc.constantFrom('-0', '1e5', '0.5E-3', 'true', 'null', '01', '[]', '{}')
    )
    const key = fc.oneof(
      fc.constantFrom('item_id', 'annotator', 'label', '__proto__', '', 'é'),
      fc.string({ maxLength: 3 })
    )
    const record = fc
      .array(fc.tuple(space, key, space, value, space), { maxLength: 6 })
      .map(
        (pairs) =>
          `{${pairs.map(([a, k, b, v, c]) => `${a}${JSON.stringify(k)}${b}:${c}${v}`).join(',')}}`
      )
    fc.assert(
      fc.property(
        fc.array(fc.tuple(space, record, space), {
          minLength: 1,
          maxLength: 8
        }),
        fc.integer({ min: 1, max: 30 }),
        (lines, step) => {
          const all = `${base}\n${lines.map(([a, r, b]) => a + r + b).join('\n')}`
          expect(read(all, true, step)).toEqual(read(all, false, 1 << 20))
        }
      ),
      { numRuns: 2000 }
    )
  })
})

describe('JSON Lines fixtures read from bytes', () => {
  const files = jsonLinesFiles(path.join(ROOT, '__fixtures__'))

  it.each(files.map((f) => [path.relative(ROOT, f)]))(
    '%s: as JSON.parse reads it',
    (relative) => {
      const text = readFileSync(path.join(ROOT, relative), 'utf8')
      expect(read(text, true, 64)).toEqual(read(text, false, 1 << 20))
    }
  )
})

function jsonLinesFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => path.join(dir, name))
}
