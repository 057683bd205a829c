import { UserError } from '../errors.js'
import { columnAt, decodeUtf8 } from './utf8.js'

const LF = 0x0a
const CR = 0x0d
const QUOTE = 0x22

/** How a field was written: plain, quoted, or quoted with doubled quotes inside. */
export const PLAIN = 0
export const QUOTED = 1
export const ESCAPED = 2

/**
 * An RFC 4180 record scanner over bytes (comma or tab delimited).
 *
 * Hand-written on purpose: csv-parse and papaparse build a string per field
 * and an array per row; on 3M rows (87 MB) they used 7.5 to 17.8 CPU seconds
 * (and over 1.1 GB in their sync forms) against 4.5 to 5.3 for labelgate's
 * whole reader, of which this scanner is 0.15 to 0.33 (docs/performance.md,
 * bench/csv-scanner.mjs). Here a record is only offsets into the bytes; the
 * reader decodes, or interns by hash, just the fields it needs.
 *
 * Rules: CRLF, LF and a lone CR end a record and each count as one line, also
 * inside quoted fields, so `line` is the line where a record starts. Blank
 * lines are skipped. A quote inside an unquoted field is kept as text (lenient,
 * like most writers' readers); a closing quote must be followed by the
 * delimiter or the end of the record, and an unclosed quote stops the run,
 * naming the line where the field opened.
 *
 * Streaming: given a prefix of the input (`final` false), `next()` stops at a
 * record the bytes end inside, even in a quoted field or between the CR and
 * LF of a CRLF, and `resume` scans that record again with more bytes; line
 * numbers and errors are the same as on the whole input at once.
 */
export class CsvScanner {
  /** Field i of the current record is bytes[starts[i], ends[i]) written as quoting[i]. */
  starts = new Int32Array(16)
  ends = new Int32Array(16)
  quoting = new Uint8Array(16)
  /** Number of fields in the current record. */
  count = 0
  /** Line where the current record starts (1-based). */
  line = 0
  /**
   * Set when `next()` returned false because the bytes so far end inside a
   * record (streaming input, `final` false): `pos` is then where that record
   * starts, and scanning resumes there once `resume` gives more bytes.
   */
  needMore = false
  /** Where scanning continues: after the current record, or at an incomplete one. */
  pos: number
  private nextLine: number
  /**
   * End of the valid bytes (bytes[0, limit) are the input so far; a reused
   * buffer holds stale bytes after it, so no look-ahead passes it).
   */
  private limit: number
  /** Whether the input ends at `limit` (false: more bytes may follow). */
  private final: boolean

  constructor(
    public bytes: Uint8Array,
    readonly delimiter: number,
    start: number,
    readonly file: string,
    limit = bytes.length,
    final = true,
    line = 1
  ) {
    this.pos = start
    this.nextLine = line
    this.limit = limit
    this.final = final
  }

  /**
   * Continues on new input: `bytes[0, limit)`, scanning from `pos` (the
   * bytes of an incomplete record moved there by the caller), `final` when
   * nothing follows. Line numbers carry on from the previous input.
   */
  resume(bytes: Uint8Array, pos: number, limit: number, final: boolean): void {
    this.bytes = bytes
    this.pos = pos
    this.limit = limit
    this.final = final
    this.needMore = false
  }

  /** The line `pos` is on. */
  get posLine(): number {
    return this.nextLine
  }

  /** Moves to the next record; false at the end of the input (or see `needMore`). */
  next(): boolean {
    const b = this.bytes
    const n = this.limit
    const more = !this.final
    const d = this.delimiter
    let pos = this.pos
    let line = this.nextLine
    while (pos < n) {
      const c = b[pos]
      if (c === LF) line++
      else if (c === CR) {
        // A CR as the last byte so far may be the first half of a CRLF.
        if (more && pos + 1 >= n) break
        if (pos + 1 < n && b[pos + 1] === LF) pos++
        line++
      } else break
      pos++
    }
    if (pos >= n || (more && b[pos] === CR)) {
      this.pos = pos
      this.nextLine = line
      this.needMore = more
      return false
    }
    const recordStart = pos
    const recordLine = line
    this.line = line
    let starts = this.starts
    let ends = this.ends
    let quoting = this.quoting
    let count = 0
    for (;;) {
      if (count === starts.length) {
        this.grow()
        starts = this.starts
        ends = this.ends
        quoting = this.quoting
      }
      if (pos < n && b[pos] === QUOTE) {
        const open = pos
        const openLine = line
        let escaped = QUOTED
        pos++
        const start = pos
        for (;;) {
          if (pos >= n) {
            if (more) return this.suspend(recordStart, recordLine)
            throw this.unterminated(open, openLine)
          }
          const c = b[pos]
          if (c === QUOTE) {
            if (pos + 1 >= n && more) {
              return this.suspend(recordStart, recordLine)
            }
            if (pos + 1 >= n || b[pos + 1] !== QUOTE) break
            escaped = ESCAPED
            pos += 2
            continue
          }
          if (c === CR && pos + 1 >= n && more) {
            return this.suspend(recordStart, recordLine)
          }
          if (c === LF || (c === CR && (pos + 1 >= n || b[pos + 1] !== LF)))
            line++
          pos++
        }
        starts[count] = start
        ends[count] = pos
        quoting[count] = escaped
        count++
        pos++
        if (pos >= n) {
          if (more) return this.suspend(recordStart, recordLine)
          break
        }
        const c = b[pos]
        if (c === d) {
          pos++
          continue
        }
        if (c !== LF && c !== CR) throw this.afterQuote(pos, line)
      } else {
        const start = pos
        while (pos < n) {
          const c = b[pos]
          if (c === d || c === LF || c === CR) break
          pos++
        }
        if (pos >= n && more) return this.suspend(recordStart, recordLine)
        starts[count] = start
        ends[count] = pos
        quoting[count] = PLAIN
        count++
        if (pos < n && b[pos] === d) {
          pos++
          continue
        }
      }
      break
    }
    // At the end of the input or on the record's CR, LF or CRLF.
    if (pos < n) {
      if (b[pos] === CR) {
        if (pos + 1 >= n && more) return this.suspend(recordStart, recordLine)
        if (pos + 1 < n && b[pos + 1] === LF) pos++
      }
      pos++
      line++
    }
    this.pos = pos
    this.nextLine = line
    this.count = count
    return true
  }

  /** The input ends inside the record at `start`: scan it again with more bytes. */
  private suspend(start: number, line: number): false {
    this.pos = start
    this.nextLine = line
    this.needMore = true
    return false
  }

  /** The text of field i of the current record, unquoted. */
  value(i: number): string {
    const text = decodeUtf8(this.bytes, this.starts[i]!, this.ends[i]!)
    return this.quoting[i] === ESCAPED ? text.replaceAll('""', '"') : text
  }

  private grow(): void {
    const size = this.starts.length * 2
    const starts = new Int32Array(size)
    const ends = new Int32Array(size)
    const quoting = new Uint8Array(size)
    starts.set(this.starts)
    ends.set(this.ends)
    quoting.set(this.quoting)
    this.starts = starts
    this.ends = ends
    this.quoting = quoting
  }

  private unterminated(open: number, line: number): UserError {
    return new UserError(
      'cannot parse: a quoted field opens here and is never closed',
      { file: this.file, line, column: columnAt(this.bytes, open) }
    )
  }

  private afterQuote(pos: number, line: number): UserError {
    return new UserError(
      'cannot parse: a quoted field must end at a delimiter or the end of the line (write a quote inside a quoted field as "")',
      { file: this.file, line, column: columnAt(this.bytes, pos) }
    )
  }
}
