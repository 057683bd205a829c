import { UserError } from '../errors.js'
import { ByteInterner } from './byte-interner.js'
import { CsvScanner, ESCAPED } from './csv-scanner.js'
import {
  isBlank,
  isIdRole,
  missingField,
  type FieldSpec,
  type RecordSink
} from './field-spec.js'
import type { ProblemLog } from './problem-log.js'
import { DELIMITER_CHARS, delimiterInYaml } from './read-options.js'

/**
 * Reads a CSV or TSV file (RFC 4180 quoting for both, as pandas and Python's
 * csv module write them): a header line, then one record per row. Rows with
 * another field count than the header stop the run; an empty required value
 * is a problem and skips the row.
 */
export function readDelimited(
  bytes: Uint8Array,
  start: number,
  file: string,
  delimiter: string,
  specs: readonly FieldSpec[],
  records: string,
  sink: RecordSink,
  log: ProblemLog
): void {
  const reader = new DelimitedReader(file, delimiter, specs, records, sink, log)
  reader.feed(bytes, start, bytes.length, true)
  reader.finish()
}

/**
 * `readDelimited` one piece of the file at a time (streaming reads): `feed`
 * takes the bytes read so far and returns where the record they end inside
 * starts; the caller moves those bytes to the front of its buffer, appends
 * what it reads next, and feeds again from there.
 */
export class DelimitedReader {
  private scanner: CsvScanner | undefined
  /** Header width, and each spec's column in it; set once the header is read. */
  private width = -1
  private column: number[] = []
  private interners: ByteInterner[] = []
  private internersOf: Uint8Array | undefined
  // Codes of '' for optional fields, interned on first use only.
  private readonly empty: number[]
  private readonly codes: Int32Array
  private readonly isId: boolean[]
  private rows = 0
  /** The line the first byte fed is on (a piece read after others: after them). */
  private firstLine = 1

  constructor(
    private readonly file: string,
    private readonly delimiter: string,
    private readonly specs: readonly FieldSpec[],
    private readonly records: string,
    private readonly sink: RecordSink,
    private readonly log: ProblemLog
  ) {
    this.empty = specs.map((spec) => (spec.required ? -1 : -2))
    this.codes = new Int32Array(specs.length)
    this.isId = specs.map((spec) => spec.required && isIdRole(spec.role))
  }

  /**
   * Reads every complete record in bytes[pos, limit); `final`: nothing
   * follows. Returns where the incomplete record at the end starts (limit
   * when there is none).
   */
  feed(bytes: Uint8Array, pos: number, limit: number, final: boolean): number {
    const scanner = this.scan(bytes, pos, limit, final)
    if (this.width < 0 && !this.header(scanner, bytes, pos, limit)) {
      return scanner.pos
    }
    const { file, specs, log } = this
    if (this.internersOf !== bytes) {
      this.interners = specs.map(
        (spec) => new ByteInterner(bytes, spec.interner)
      )
      this.internersOf = bytes
    }
    const { width, column, interners, empty, codes, isId, sink } = this
    while (scanner.next()) {
      this.rows++
      if (scanner.count !== width) {
        throw new UserError(
          `row has ${scanner.count} fields; the header has ${width}`,
          { file, line: scanner.line }
        )
      }
      const starts = scanner.starts
      const ends = scanner.ends
      let usable = true
      for (let k = 0; k < specs.length; k++) {
        const i = column[k]!
        const s = starts[i]!
        const e = ends[i]!
        if (s === e) {
          if (empty[k] === -1) {
            const spec = specs[k]!
            log.add(`records without ${spec.role}`, {
              severity: 'error',
              file,
              line: scanner.line,
              field: spec.name,
              message: `${spec.role} is empty (column '${spec.name}'); the row is skipped`
            })
            usable = false
            break
          }
          if (empty[k] === -2) empty[k] = specs[k]!.interner.intern('')
          codes[k] = empty[k]!
        } else if (
          isId[k] &&
          mayBeBlank(bytes[s]!) &&
          isBlank(scanner.value(i))
        ) {
          const spec = specs[k]!
          log.add(`records without ${spec.role}`, {
            severity: 'error',
            file,
            line: scanner.line,
            field: spec.name,
            message: `${spec.role} is only white space (column '${spec.name}'); the row is skipped`
          })
          usable = false
          break
        } else if (scanner.quoting[i] === ESCAPED) {
          codes[k] = specs[k]!.interner.intern(scanner.value(i))
        } else {
          codes[k] = interners[k]!.code(s, e)
        }
      }
      if (usable) sink(codes, scanner.line)
    }
    return scanner.needMore ? scanner.pos : limit
  }

  /**
   * Reads only the header from bytes[pos, limit) (the main thread of a
   * parallel read, which hands the records to workers): `done` when it was
   * read, and `pos` where the records start (or, not done, where the
   * incomplete header starts); `line`: the line there.
   */
  feedHeader(
    bytes: Uint8Array,
    pos: number,
    limit: number,
    final: boolean
  ): { done: boolean; pos: number; line: number } {
    const scanner = this.scan(bytes, pos, limit, final)
    const done = this.width >= 0 || this.header(scanner, bytes, pos, limit)
    return { done, pos: scanner.pos, line: scanner.posLine }
  }

  /** Header width and each spec's column, once the header is read. */
  get layout(): { width: number; column: readonly number[] } | undefined {
    return this.width < 0
      ? undefined
      : { width: this.width, column: this.column }
  }

  /**
   * Reads records only, with the header as read elsewhere: a worker's piece
   * of a parallel read (which starts after the header, at line 1), or a
   * piece the main thread reads itself once the pieces before it are in,
   * at `firstLine`, the line its first byte is on in the file.
   */
  presetHeader(width: number, column: readonly number[], firstLine = 1): void {
    this.width = width
    this.column = [...column]
    this.firstLine = firstLine
  }

  /** Records read so far (skipped ones too). */
  get rowCount(): number {
    return this.rows
  }

  /**
   * Lines read so far (each CRLF, LF or lone CR counts one), counting those
   * before `firstLine` as read.
   */
  get linesRead(): number {
    return (this.scanner?.posLine ?? this.firstLine) - 1
  }

  private scan(
    bytes: Uint8Array,
    pos: number,
    limit: number,
    final: boolean
  ): CsvScanner {
    let scanner = this.scanner
    if (scanner === undefined) {
      scanner = new CsvScanner(
        bytes,
        this.delimiter.charCodeAt(0),
        pos,
        this.file,
        limit,
        final,
        this.firstLine
      )
      this.scanner = scanner
    } else {
      scanner.resume(bytes, pos, limit, final)
    }
    return scanner
  }

  /** Reads the header record; false when the bytes so far end inside it. */
  private header(
    scanner: CsvScanner,
    bytes: Uint8Array,
    pos: number,
    limit: number
  ): boolean {
    const { file, delimiter, specs } = this
    const headerStart = pos
    const headerLine = scanner.posLine
    let any: boolean
    try {
      any = scanner.next()
    } catch (error) {
      // `"item_id";"annotator"` read with ',' cannot even be scanned.
      throw (
        wrongDelimiter(
          bytes,
          headerStart,
          undefined,
          delimiter,
          specs[0]!,
          file,
          limit,
          headerLine
        ) ?? error
      )
    }
    if (!any) {
      if (scanner.needMore) return false
      throw new UserError(`has no ${this.records}`, { file })
    }
    this.readHeader(scanner, bytes, headerStart, limit, headerLine)
    return true
  }

  /** Stops the run when the file held no record after its header. */
  finish(): void {
    if (this.rows === 0) {
      throw new UserError(`has no ${this.records}`, { file: this.file })
    }
  }

  private readHeader(
    scanner: CsvScanner,
    bytes: Uint8Array,
    headerStart: number,
    limit: number,
    firstLine: number
  ): void {
    const { file, delimiter, specs } = this
    const headerLine = scanner.line
    const width = scanner.count
    const header: string[] = []
    for (let i = 0; i < width; i++) header.push(scanner.value(i))
    this.column = specs.map((spec) => {
      const i = header.indexOf(spec.name)
      if (i < 0) {
        throw (
          wrongDelimiter(
            bytes,
            headerStart,
            header,
            delimiter,
            spec,
            file,
            limit,
            firstLine
          ) ?? missingField('column', spec, header, { file, line: headerLine })
        )
      }
      const again = header.indexOf(spec.name, i + 1)
      if (again >= 0) {
        throw new UserError(
          `column '${spec.name}' appears twice in the header (columns ${i + 1} and ${again + 1})`,
          { file, line: headerLine }
        )
      }
      return i
    })
    this.width = width
  }
}

/**
 * When the header holds the expected name joined to others by another
 * separator (`item_id;annotator;label` read with ','), the error that says
 * which delimiter to set; undefined when no other separator explains it.
 * `header`: the names as read (undefined when the header could not be
 * scanned at all). Only on the error path: the header is scanned again
 * (bytes[start, limit), from line `firstLine`).
 */
export function wrongDelimiter(
  bytes: Uint8Array,
  start: number,
  header: readonly string[] | undefined,
  delimiter: string,
  spec: FieldSpec,
  file: string,
  limit = bytes.length,
  firstLine = 1
): UserError | undefined {
  for (const other of DELIMITER_CHARS) {
    if (other === delimiter) continue
    const scanner = new CsvScanner(
      bytes,
      other.charCodeAt(0),
      start,
      file,
      limit,
      true,
      firstLine
    )
    try {
      if (!scanner.next()) return undefined
    } catch {
      continue
    }
    if (header !== undefined && scanner.count <= header.length) continue
    const names: string[] = []
    for (let i = 0; i < scanner.count; i++) names.push(scanner.value(i).trim())
    if (!names.includes(spec.name)) continue
    const key = spec.configKey.startsWith('reference.')
      ? 'reference.delimiter'
      : 'delimiter'
    return new UserError(
      `missing column '${spec.name}': the header is separated by ${delimiterInYaml(other)}, not ${delimiterInYaml(delimiter)}; set ${key}: ${delimiterInYaml(other)} in the config`,
      { file, line: scanner.line, field: key }
    )
  }
  return undefined
}

/**
 * Whether a value starting with this byte could be only white space: ASCII
 * white space, a quote (the value is quoted) or a UTF-8 lead byte (no-break
 * and other Unicode spaces). Lets the common case skip decoding the value.
 */
function mayBeBlank(first: number): boolean {
  return (
    first === 0x20 ||
    (first >= 0x09 && first <= 0x0d) ||
    first === 0x22 ||
    first >= 0x80
  )
}
