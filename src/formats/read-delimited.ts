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
  const scanner = new CsvScanner(bytes, delimiter.charCodeAt(0), start, file)
  let any: boolean
  try {
    any = scanner.next()
  } catch (error) {
    // `"item_id";"annotator"` read with ',' cannot even be scanned.
    throw (
      wrongDelimiter(bytes, start, undefined, delimiter, specs[0]!, file) ??
      error
    )
  }
  if (!any) throw new UserError(`has no ${records}`, { file })
  const headerLine = scanner.line
  const width = scanner.count
  const header: string[] = []
  for (let i = 0; i < width; i++) header.push(scanner.value(i))
  const column = specs.map((spec) => {
    const i = header.indexOf(spec.name)
    if (i < 0) {
      throw (
        wrongDelimiter(bytes, start, header, delimiter, spec, file) ??
        missingField('column', spec, header, { file, line: headerLine })
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
  const interners = specs.map((spec) => new ByteInterner(bytes, spec.interner))
  // Codes of '' for optional fields, interned on first use only.
  const empty: number[] = specs.map((spec) => (spec.required ? -1 : -2))
  const codes = new Int32Array(specs.length)
  const isId = specs.map((spec) => spec.required && isIdRole(spec.role))
  let rows = 0
  while (scanner.next()) {
    rows++
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
  if (rows === 0) throw new UserError(`has no ${records}`, { file })
}

/**
 * When the header holds the expected name joined to others by another
 * separator (`item_id;annotator;label` read with ','), the error that says
 * which delimiter to set; undefined when no other separator explains it.
 * `header`: the names as read (undefined when the header could not be
 * scanned at all). Only on the error path: the header is scanned again.
 */
export function wrongDelimiter(
  bytes: Uint8Array,
  start: number,
  header: readonly string[] | undefined,
  delimiter: string,
  spec: FieldSpec,
  file: string
): UserError | undefined {
  for (const other of DELIMITER_CHARS) {
    if (other === delimiter) continue
    const scanner = new CsvScanner(bytes, other.charCodeAt(0), start, file)
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
