import { UserError } from '../errors.js'
import {
  isBlank,
  isIdRole,
  missingField,
  type FieldSpec,
  type RecordSink
} from './field-spec.js'
import { findDuplicateKey, locateJsonError } from './json-syntax.js'
import { FlatJsonLine } from './flat-json-line.js'
import { decodeUtf8 } from './utf8.js'
import type { Interner } from '../model/interner.js'
import { excerpt } from '../util/excerpt.js'
import type { ProblemLog } from './problem-log.js'

const decoder = new TextDecoder('utf-8')

/** Line and column (1-based) of a string offset; LF, CRLF and a lone CR end a line. */
function position(
  text: string,
  offset: number
): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

/** `a string`, `an object`, `null`: what a JSON value is, for messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}

/** The one-line error for JSON text that JSON.parse rejected, with line and column. */
export function parseError(
  text: string,
  file: string,
  lineOffset = 0
): UserError {
  const error = locateJsonError(text) ?? {
    offset: 0,
    message: 'cannot parse'
  }
  const { line, column } = position(text, error.offset)
  return new UserError(`invalid JSON: ${error.message}`, {
    file,
    line: line + lineOffset,
    column
  })
}

/**
 * Refuses an object that holds one key twice (JSON.parse would keep the
 * last value silently), naming the key at its second occurrence. The text
 * must already be valid JSON.
 */
function refuseDuplicateKeys(text: string, file: string, lineOffset = 0): void {
  const duplicate = findDuplicateKey(text)
  if (duplicate === undefined) return
  const { line, column } = position(text, duplicate.offset)
  throw new UserError(
    `key '${excerpt(duplicate.key, 80)}' appears twice in one object; which value is meant is unclear`,
    { file, line: line + lineOffset, column }
  )
}

/** The keys of a JSON file's records so far, as `RecordMapper.finish` checks them. */
export interface KeyState {
  /** Records read, skipped ones too. */
  count: number
  /** Whether some record holds spec k's key. */
  seen: boolean[]
  /** The first record's keys, and its line. */
  firstKeys: string[]
  firstLine: number
}

/** Takes the mapped keys from JSON objects; numbers and booleans become their text. */
class RecordMapper {
  private readonly codes: Int32Array
  private readonly seen: boolean[]
  private firstKeys: string[] | undefined
  private firstLine = 0
  count = 0

  constructor(
    private readonly file: string,
    private readonly specs: readonly FieldSpec[],
    private readonly sink: RecordSink,
    private readonly log: ProblemLog
  ) {
    this.codes = new Int32Array(specs.length)
    this.seen = specs.map(() => false)
  }

  add(record: Record<string, unknown>, line: number): void {
    if (this.count++ === 0) {
      this.firstKeys = Object.keys(record)
      this.firstLine = line
    }
    for (let k = 0; k < this.specs.length; k++) {
      const spec = this.specs[k]!
      const value = Object.hasOwn(record, spec.name)
        ? record[spec.name]
        : undefined
      if (value !== undefined) this.seen[k] = true
      let text: string
      if (typeof value === 'string') text = value
      else if (typeof value === 'number' || typeof value === 'boolean') {
        text = String(value)
      } else if (value === null || value === undefined) {
        if (spec.required) return this.skip(spec, line, 'missing')
        text = ''
      } else {
        const hint =
          spec.role === 'label'
            ? '; multi-label values are not supported yet'
            : ', not a string or number'
        this.problem(
          `unsupported ${spec.role} values`,
          line,
          spec,
          `${spec.role} is ${kindOf(value)}${hint} (key '${spec.name}'); the record is skipped`
        )
        return
      }
      if (text === '' && spec.required) return this.skip(spec, line, 'empty')
      if (isIdRole(spec.role) && isBlank(text))
        return this.skip(spec, line, 'only white space')
      this.codes[k] = spec.interner.intern(text)
    }
    this.sink(this.codes, line)
  }

  /**
   * `add` for a line `FlatJsonLine` read (never the first record): each
   * wanted key's value is a string of the line's bytes, or absent. The same
   * checks, in the same order, as `add` makes on the parsed object.
   */
  addFlat(flat: FlatJsonLine, values: ByteValues, line: number): void {
    this.count++
    for (let k = 0; k < this.specs.length; k++) {
      const spec = this.specs[k]!
      const start = flat.starts[k]!
      if (start < 0) {
        if (spec.required) return this.skip(spec, line, 'missing')
        this.codes[k] = spec.interner.intern('')
        continue
      }
      this.seen[k] = true
      const end = flat.ends[k]!
      if (start === end) {
        if (spec.required) return this.skip(spec, line, 'empty')
        this.codes[k] = spec.interner.intern('')
      } else if (
        isIdRole(spec.role) &&
        values.mayBeBlank(start) &&
        isBlank(values.text(start, end))
      ) {
        return this.skip(spec, line, 'only white space')
      } else {
        this.codes[k] = values.code(spec.interner, start, end)
      }
    }
    this.sink(this.codes, line)
  }

  /** The problem of a record skipped for its `spec` value: missing, empty or only white space. */
  private skip(spec: FieldSpec, line: number, what: string): void {
    this.problem(
      `records without ${spec.role}`,
      line,
      spec,
      `${spec.role} is ${what} (key '${spec.name}'); the record is skipped`
    )
  }

  /** What `finish` checks, to hand from a worker's piece to the main thread. */
  keys(): KeyState {
    return {
      count: this.count,
      seen: [...this.seen],
      firstKeys: this.firstKeys ?? [],
      firstLine: this.firstLine
    }
  }

  /**
   * Takes in the records of a piece read elsewhere (`keys()` of its mapper),
   * which comes after every record so far; its lines start after `lineBase`.
   */
  absorb(piece: KeyState, lineBase: number): void {
    if (this.count === 0 && piece.count > 0) {
      this.firstKeys = piece.firstKeys
      this.firstLine = piece.firstLine + lineBase
    }
    this.count += piece.count
    piece.seen.forEach((seen, k) => {
      if (seen) this.seen[k] = true
    })
  }

  /** A key that no record has is a wrong field mapping, not a data problem. */
  finish(records: string): void {
    if (this.count === 0)
      throw new UserError(`has no ${records}`, { file: this.file })
    this.specs.forEach((spec, k) => {
      if (!this.seen[k]) {
        throw missingField(
          'key',
          spec,
          this.firstKeys ?? [],
          { file: this.file, line: this.firstLine },
          ' in every record'
        )
      }
    })
  }

  private problem(
    kind: string,
    line: number,
    spec: FieldSpec,
    message: string
  ): void {
    this.log.add(kind, {
      severity: 'error',
      file: this.file,
      line,
      field: spec.name,
      message
    })
  }
}

/** The values of one piece of a file, read from its bytes. */
class ByteValues {
  private readonly view: DataView<ArrayBufferLike>

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** The interner's code of the text bytes[start, end). */
  code(interner: Interner, start: number, end: number): number {
    return interner.internView(this.view, start, end)
  }

  text(start: number, end: number): string {
    return decodeUtf8(this.bytes, start, end)
  }

  /**
   * Whether the value starting at `start` could be only white space (ASCII
   * white space or a multi-byte character first): the common value skips
   * being decoded for the check.
   */
  mayBeBlank(start: number): boolean {
    const c = this.bytes[start]!
    return c <= 0x20 || c >= 0x80
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Lines where the elements of a valid top-level JSON array start. */
export function elementLines(text: string): number[] {
  const lines: number[] = []
  let depth = 0
  let line = 1
  let expect = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++
      continue
    }
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue
    if (expect && c !== 0x5d) lines.push(line)
    expect = false
    if (c === 0x22) {
      // Valid JSON strings hold no raw line breaks; skip to the closing quote.
      for (i++; text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) i++
      }
    } else if (c === 0x5b || c === 0x7b) {
      depth++
      if (depth === 1) expect = true
    } else if (c === 0x5d || c === 0x7d) {
      depth--
    } else if (c === 0x2c && depth === 1) {
      expect = true
    }
  }
  return lines
}

/** A whole JSON file's text and value; a syntax error names its line and column. */
export function parseJsonDocument(
  bytes: Uint8Array,
  start: number,
  file: string
): { text: string; data: unknown } {
  const text = decoder.decode(bytes.subarray(start))
  let data: unknown
  try {
    data = JSON.parse(text) as unknown
  } catch {
    throw parseError(text, file)
  }
  refuseDuplicateKeys(text, file)
  return { text, data }
}

/** A JSON file holding one array of record objects. */
export function readJsonArray(
  bytes: Uint8Array,
  start: number,
  file: string,
  specs: readonly FieldSpec[],
  records: string,
  sink: RecordSink,
  log: ProblemLog
): void {
  const { text, data } = parseJsonDocument(bytes, start, file)
  if (!Array.isArray(data)) {
    throw new UserError(
      `expected a JSON array of records, found ${kindOf(data)} (use format: jsonl for one record per line)`,
      { file, line: 1 }
    )
  }
  const lines = elementLines(text)
  const mapper = new RecordMapper(file, specs, sink, log)
  data.forEach((value: unknown, i) => {
    const line = lines[i]!
    if (!isRecord(value)) {
      throw new UserError(
        `a record must be a JSON object, found ${kindOf(value)}`,
        { file, line }
      )
    }
    mapper.add(value, line)
  })
  mapper.finish(records)
}

/** A JSON Lines file: one record object per line; blank lines are skipped. */
export function readJsonLines(
  bytes: Uint8Array,
  start: number,
  file: string,
  specs: readonly FieldSpec[],
  records: string,
  sink: RecordSink,
  log: ProblemLog
): void {
  const reader = new JsonLinesReader(file, specs, records, sink, log)
  reader.feed(bytes, start, bytes.length, true)
  reader.finish()
}

/**
 * `readJsonLines` one piece of the file at a time (streaming reads): each
 * piece is read up to its last line break, and the line after it is fed
 * again with the next piece.
 *
 * A line that is a flat object of plain values (`FlatJsonLine`) is read
 * from its bytes; any other line, and the first record (whose keys a
 * missing-key error lists in their order), through JSON.parse. Both give
 * the same records, problems and errors.
 */
export class JsonLinesReader {
  private readonly mapper: RecordMapper
  private readonly flat: FlatJsonLine
  private line = 0
  private first = true

  constructor(
    private readonly file: string,
    specs: readonly FieldSpec[],
    private readonly records: string,
    sink: RecordSink,
    log: ProblemLog,
    /** false: every line through JSON.parse (what tests compare the byte path with). */
    private readonly fromBytes = true
  ) {
    this.mapper = new RecordMapper(file, specs, sink, log)
    this.flat = new FlatJsonLine(specs.map((spec) => spec.name))
  }

  feed(bytes: Uint8Array, pos: number, limit: number, final: boolean): number {
    let end = limit
    if (!final) {
      const lf = bytes.lastIndexOf(0x0a, limit - 1)
      if (lf < pos) return pos
      end = lf + 1
    }
    // Only the file's start may drop a BOM, as a whole-file decode does.
    if (this.first && startsWithBom(bytes, pos, end)) pos += 3
    this.first = false
    const { file, flat, mapper } = this
    const values = new ByteValues(bytes)
    let line = this.line
    let from = pos
    while (from < end) {
      line++
      let to =
        this.fromBytes && mapper.count > 0
          ? flat.scanLine(bytes, from, end)
          : -1
      if (to >= 0) {
        mapper.addFlat(flat, values, line)
      } else {
        to = bytes.indexOf(0x0a, from)
        if (to < 0 || to > end) to = end
        const value = parseLine(
          keepBom.decode(bytes.subarray(from, to)),
          file,
          line
        )
        if (value !== undefined) mapper.add(value, line)
      }
      from = to + 1
    }
    this.line = line
    return end
  }

  finish(): void {
    this.mapper.finish(this.records)
  }

  /**
   * Continues at a piece whose first line follows line `line` of the file
   * (not the file's start: no byte order mark is dropped there): a worker's
   * piece of a parallel read (`line` 0: its lines count from 1), or the main
   * thread's next piece after those the workers read.
   */
  resumeAt(line: number): void {
    this.first = false
    this.line = line
  }

  /** The number of the last line read. */
  get linesRead(): number {
    return this.line
  }

  /** The records' keys so far (a worker's piece, for the main thread). */
  keys(): KeyState {
    return this.mapper.keys()
  }

  /** Takes in a worker's piece's keys; its lines start after `lineBase`. */
  absorbKeys(piece: KeyState, lineBase: number): void {
    this.mapper.absorb(piece, lineBase)
  }
}

function startsWithBom(bytes: Uint8Array, pos: number, end: number): boolean {
  return (
    pos + 3 <= end &&
    bytes[pos] === 0xef &&
    bytes[pos + 1] === 0xbb &&
    bytes[pos + 2] === 0xbf
  )
}

const keepBom = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * Calls `visit` with each line's object (and its 1-based line) of a JSON
 * Lines file; blank lines are skipped, anything else than one object per
 * line stops the run.
 */
export function forEachJsonLine(
  bytes: Uint8Array,
  start: number,
  file: string,
  visit: (value: Record<string, unknown>, line: number) => void
): void {
  forEachLineOf(decoder.decode(bytes.subarray(start)), file, 0, visit)
}

/**
 * `forEachJsonLine` over text whose first line follows line `line`; returns
 * the number of the last line read.
 */
function forEachLineOf(
  text: string,
  file: string,
  line: number,
  visit: (value: Record<string, unknown>, line: number) => void
): number {
  let from = 0
  while (from < text.length) {
    let to = text.indexOf('\n', from)
    if (to < 0) to = text.length
    const source = text.slice(from, to)
    line++
    from = to + 1
    const value = parseLine(source, file, line)
    if (value !== undefined) visit(value, line)
  }
  return line
}

/**
 * The object of one JSON Lines line (`line`: its number), undefined for a
 * blank line; anything else than one object stops the run.
 */
function parseLine(
  source: string,
  file: string,
  line: number
): Record<string, unknown> | undefined {
  if (source.trim() === '') return undefined
  let value: unknown
  try {
    value = JSON.parse(source)
  } catch {
    throw parseError(source, file, line - 1)
  }
  refuseDuplicateKeys(source, file, line - 1)
  if (!isRecord(value)) {
    throw new UserError(
      `a JSONL line must be one JSON object, found ${kindOf(value)}`,
      { file, line }
    )
  }
  return value
}
