/**
 * CSV for files that people open in a spreadsheet (the adjudication queue,
 * the QC sample). Quoting follows RFC 4180 section 2: a field that holds a
 * comma, a double quote, CR or LF is enclosed in double quotes, and a double
 * quote inside it is doubled; records end with CRLF.
 *
 * Every cell comes from a label file, so it is untrusted. Spreadsheets run a
 * cell that starts with `=`, `+`, `-` or `@` as a formula (and tab or CR can
 * hide such a cell's start), which is how "CSV injection" reaches a reviewer's
 * machine (OWASP, "CSV Injection"). Such a cell gets a leading `'`, which
 * spreadsheets read as "text" and do not display. Exception: a plain decimal
 * number such as `-1` or `+2.5e3` is left alone, since it cannot be a formula
 * and interval or ratio labels are often negative.
 */

const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const NEEDS_QUOTES = /[",\r\n]/
const NEEDS_CARE = /^[=+\-@\t\r]|[",\r\n]/

/** One field, guarded against formula injection and quoted when needed. */
export function csvField(value: string): string {
  // Most cells (ids, labels, the many empty annotator cells) need nothing.
  if (value === '' || !NEEDS_CARE.test(value)) return value
  const safe =
    FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** A header record and the data records, each ended by CRLF. */
export function csvDocument(
  header: readonly string[],
  records: readonly (readonly string[])[]
): string {
  const lines = [header, ...records].map(
    (fields) => fields.map(csvField).join(',') + '\r\n'
  )
  return lines.join('')
}
