import { UserError } from '../errors.js'
import {
  isBlank,
  missingField,
  type FieldSpec,
  type RecordSink
} from './field-spec.js'
import type { ProblemLog } from './problem-log.js'
import { kindOf } from './read-json.js'

/**
 * The text of a scalar JSON value as the readers keep it: strings as they
 * are, numbers and booleans as their JSON text; '' for null or absent;
 * undefined for an object or array (not a single value).
 */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value)
  }
  if (value === null || value === undefined) return ''
  return undefined
}

/**
 * A tool export's lineage field: `produced` names the fields the reader
 * makes (labeled_at, tool, ...); any other name is looked up as a raw key.
 * Returns undefined when the record has no such key.
 */
export type LineageLookup = (name: string) => unknown

/**
 * Hands the records a tool-export reader (label-studio, prodigy) maps to the
 * sink, as the JSON reader does for plain records: item, annotator and label
 * are given as text, the extra columns (lineage fields) are looked up by
 * name. Also counts skipped records (cancelled, ignored) for one warning per
 * reason, and checks at the end that every extra field exists somewhere.
 */
export class ExportRecords {
  private readonly codes: Int32Array
  private readonly seen: boolean[]
  private readonly skipped = new Map<
    string,
    {
      count: number
      line: number
      field: string
      message: (n: number) => string
    }
  >()
  private firstKeys: string[] | undefined
  private firstLine = 0
  /** Records handed to the sink or rejected with a problem (not skipped ones). */
  count = 0

  constructor(
    private readonly file: string,
    private readonly specs: readonly FieldSpec[],
    private readonly sink: RecordSink,
    private readonly log: ProblemLog
  ) {
    this.codes = new Int32Array(specs.length)
    this.seen = specs.map((spec) => spec.extra !== true)
  }

  /**
   * Maps one record. `keys` are the raw keys offered for lineage lookups
   * (for the missing-key message). Problems with the record's values skip
   * it; the caller has already checked the item, annotator and label.
   */
  add(
    item: string,
    annotator: string,
    label: string,
    lineage: LineageLookup,
    keys: () => string[],
    line: number
  ): void {
    this.count++
    if (this.firstKeys === undefined) {
      this.firstKeys = keys()
      this.firstLine = line
    }
    const specs = this.specs
    for (const [k, value] of [item, annotator].entries()) {
      if (isBlank(value)) {
        const spec = specs[k]!
        this.count--
        this.reject(
          `records without ${spec.role}`,
          line,
          spec.name,
          `${spec.role} is only white space`
        )
        return
      }
    }
    this.codes[0] = specs[0]!.interner.intern(item)
    this.codes[1] = specs[1]!.interner.intern(annotator)
    this.codes[2] = specs[2]!.interner.intern(label)
    for (let k = 3; k < specs.length; k++) {
      const spec = specs[k]!
      const value = lineage(spec.name)
      if (value !== undefined) this.seen[k] = true
      const text = scalarText(value)
      if (text === undefined) {
        this.problem(
          `unsupported ${spec.role} values`,
          line,
          spec.name,
          `${spec.role} is ${kindOf(value)}, not a string or number (key '${spec.name}'); the record is skipped`
        )
        return
      }
      this.codes[k] = spec.interner.intern(text)
    }
    this.sink(this.codes, line)
  }

  /** A record that cannot be mapped: an error problem; the record is skipped. */
  reject(kind: string, line: number, field: string, message: string): void {
    this.count++
    this.problem(kind, line, field, `${message}; the record is skipped`)
  }

  /**
   * A record left out on purpose (a cancelled annotation, an ignored
   * answer): counted, then one warning per reason at the first one's line.
   * `message(n)` words the warning for n records.
   */
  skip(
    reason: string,
    line: number,
    field: string,
    message: (n: number) => string
  ): void {
    const s = this.skipped.get(reason)
    if (s === undefined) {
      this.skipped.set(reason, { count: 1, line, field, message })
    } else s.count++
  }

  /**
   * Ends the file: the warnings for skipped records, then the same checks
   * as the JSON reader (some record at all; every extra key present in at
   * least one record, else the field mapping is wrong).
   */
  finish(records: string): void {
    for (const [reason, s] of this.skipped) {
      this.log.add(`skipped ${reason}`, {
        severity: 'warning',
        file: this.file,
        line: s.line,
        field: s.field,
        message: s.message(s.count)
      })
    }
    if (this.count === 0) {
      const skipped = [...this.skipped.values()].reduce(
        (n, s) => n + s.count,
        0
      )
      if (skipped > 0) return
      throw new UserError(`has no ${records}`, { file: this.file })
    }
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
    field: string,
    message: string
  ): void {
    this.log.add(kind, {
      severity: 'error',
      file: this.file,
      line,
      field,
      message
    })
  }
}
