import type { Format } from '../config/schema.js'
import { UserError } from '../errors.js'
import { CsvScanner, PLAIN } from '../formats/csv-scanner.js'
import {
  forEachJsonLine,
  parseJsonDocument,
  kindOf
} from '../formats/read-json.js'
import { checkText } from '../formats/text-checks.js'
import { decodeUtf8 } from '../formats/utf8.js'
import { LineCounter, membersOf, skipSpace, skipValue } from './json-walk.js'
import { applyTextEdits, type TextEdit } from './label-set-text.js'

/** What becomes of a label: a new name, null when removed, undefined when current. */
export type Relabel = (label: string) => string | null | undefined

/** One label file run through the migrations. */
export interface RewrittenFile {
  /** The new bytes; null when no label changes (the file is left alone). */
  bytes: Uint8Array | null
  /** Per old label: its new name and how many records changed. */
  renamed: Map<string, { to: string; count: number }>
  /** Records still holding a removed label: the label and the record's line. */
  removed: { label: string; line: number }[]
  /**
   * Label sets in which a rename met a label already there (a merge): the
   * label kept once, and the record's line. Always empty for categories.
   */
  merged: { label: string; line: number }[]
}

/** Formats whose label fields `rewriteLabels` can rewrite in place. */
export const MIGRATABLE_FORMATS: readonly Format[] = [
  'csv',
  'tsv',
  'json',
  'jsonl'
]

/** A replacement of bytes [start, end) of the file. */
export interface Edit {
  start: number
  end: number
  bytes: Uint8Array
}

const encoder = new TextEncoder()

/**
 * Rewrites the label field of every record of one file through `relabel`,
 * changing nothing else: every other byte (the BOM, quoting, delimiter, line
 * endings, other fields, key order, spacing) stays as it was. A file that
 * cannot be read stops with a UserError before anything is written.
 * `labelField` is the column or key of the label (from the config);
 * `delimiter` the field separator of a delimited file (default by format).
 */
export function rewriteLabels(
  bytes: Uint8Array,
  file: string,
  format: Format,
  labelField: string,
  relabel: Relabel,
  delimiter: string = format === 'tsv' ? '\t' : ','
): RewrittenFile {
  if (!MIGRATABLE_FORMATS.includes(format)) {
    throw new UserError(
      `labelgate migrate cannot rewrite files in format ${format} (only ${MIGRATABLE_FORMATS.join(', ')}); relabel them in the tool that exported them`,
      { file }
    )
  }
  bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const start = checkText(bytes, file, 'records')
  const result = emptyResult()
  const visit = tallying(result, relabel)
  const edits =
    format === 'csv' || format === 'tsv'
      ? delimitedEdits(bytes, start, file, delimiter, labelField, visit)
      : jsonEdits(
          bytes,
          start,
          file,
          format as 'json' | 'jsonl',
          labelField,
          visit
        )
  if (edits.length > 0) result.bytes = applyEdits(bytes, edits)
  return result
}

export function emptyResult(): RewrittenFile {
  return { bytes: null, renamed: new Map(), removed: [], merged: [] }
}

/**
 * `relabel` that tallies into `result`: a rename counted per old label, a
 * removed label listed at its line (and left in the file); returns the new
 * name, or undefined when the label stays as it is.
 */
export function tallying(
  result: RewrittenFile,
  relabel: Relabel
): (label: string, line: number) => string | undefined {
  return (label, line) => {
    const to = relabel(label)
    if (to === undefined) return undefined
    if (to === null) {
      result.removed.push({ label, line })
      return undefined
    }
    const entry = result.renamed.get(label)
    if (entry === undefined) result.renamed.set(label, { to, count: 1 })
    else entry.count++
    return to
  }
}

export function applyEdits(
  bytes: Uint8Array,
  edits: readonly Edit[]
): Uint8Array {
  let size = bytes.length
  for (const e of edits) size += e.bytes.length - (e.end - e.start)
  const out = new Uint8Array(size)
  let from = 0
  let to = 0
  for (const e of edits) {
    out.set(bytes.subarray(from, e.start), to)
    to += e.start - from
    out.set(e.bytes, to)
    to += e.bytes.length
    from = e.end
  }
  out.set(bytes.subarray(from), to)
  return out
}

/**
 * Edits of the label column of a CSV/TSV file: `visit` gets each record's
 * label cell (unquoted) and line and returns the cell's new text, or
 * undefined to leave it. The new text is quoted as the cell was.
 */
export function delimitedEdits(
  bytes: Uint8Array,
  start: number,
  file: string,
  delimiter: string,
  labelField: string,
  visit: (label: string, line: number) => string | undefined
): Edit[] {
  const scanner = new CsvScanner(bytes, delimiter.charCodeAt(0), start, file)
  if (!scanner.next()) throw new UserError('has no records', { file })
  const width = scanner.count
  const header: string[] = []
  for (let i = 0; i < width; i++) header.push(scanner.value(i))
  const column = header.indexOf(labelField)
  if (column < 0) {
    throw new UserError(
      `missing column '${labelField}' (the label column in the config)`,
      { file, line: scanner.line }
    )
  }
  const edits: Edit[] = []
  while (scanner.next()) {
    if (scanner.count !== width) {
      throw new UserError(
        `row has ${scanner.count} fields; the header has ${width}`,
        { file, line: scanner.line }
      )
    }
    const to = visit(scanner.value(column), scanner.line)
    if (to === undefined) continue
    const s = scanner.starts[column]!
    const e = scanner.ends[column]!
    // A quoted field keeps its quotes (only the text between them changes);
    // a plain one is quoted only when the new text needs it.
    const quoted = scanner.quoting[column] !== PLAIN
    const needsQuotes = /["\r\n]/.test(to) || to.includes(delimiter)
    const escaped = to.replaceAll('"', '""')
    const text = quoted ? escaped : needsQuotes ? `"${escaped}"` : to
    edits.push({ start: s, end: e, bytes: encoder.encode(text) })
  }
  return edits
}

function jsonEdits(
  bytes: Uint8Array,
  start: number,
  file: string,
  format: 'json' | 'jsonl',
  labelField: string,
  visit: (label: string, line: number) => string | undefined
): Edit[] {
  const text = validJsonText(bytes, start, file, format)
  // Edits in string offsets first; bytes are rebuilt from the text.
  const textEdits: TextEdit[] = []
  forEachRecord(text, format, (at, line) => {
    membersOf(text, at, (key, vs, ve) => {
      if (key !== labelField) return
      const value = JSON.parse(text.slice(vs, ve)) as unknown
      if (
        typeof value !== 'string' &&
        typeof value !== 'number' &&
        typeof value !== 'boolean'
      ) {
        return
      }
      const to = visit(String(value), line)
      if (to !== undefined) {
        textEdits.push({ start: vs, end: ve, text: JSON.stringify(to) })
      }
    })
  })
  return wholeTextEdit(bytes, start, text, textEdits)
}

/**
 * The text of a JSON array of records or a JSON Lines file, validated first
 * with the readers' own messages, so the walks over it only meet well-formed
 * JSON.
 */
export function validJsonText(
  bytes: Uint8Array,
  start: number,
  file: string,
  format: 'json' | 'jsonl'
): string {
  if (format === 'jsonl') {
    forEachJsonLine(bytes, start, file, () => undefined)
    return decodeUtf8(bytes, start, bytes.length)
  }
  const parsed = parseJsonDocument(bytes, start, file)
  if (!Array.isArray(parsed.data)) {
    throw new UserError(
      `expected a JSON array of records, found ${kindOf(parsed.data)}`,
      { file, line: 1 }
    )
  }
  return parsed.text
}

/** Calls `record` with the offset and line of each object record of valid JSON text. */
export function forEachRecord(
  text: string,
  format: 'json' | 'jsonl',
  record: (at: number, line: number) => void
): void {
  const lines = new LineCounter(text)
  if (format === 'json') {
    let i = skipSpace(text, 0) + 1 // past '['
    for (;;) {
      i = skipSpace(text, i)
      if (text[i] === ']') break
      if (text[i] === '{') record(i, lines.lineAt(i))
      i = skipSpace(text, skipValue(text, i))
      if (text[i] === ',') i++
    }
  } else {
    let from = 0
    while (from < text.length) {
      let to = text.indexOf('\n', from)
      if (to < 0) to = text.length
      // The readers skip a line that String.trim() empties (a no-break
      // space, U+FEFF, U+2028, ...), which JSON's whitespace does not cover.
      const i = skipSpace(text, from)
      if (i < to && text.slice(i, to).trim() !== '') record(i, lines.lineAt(i))
      from = to + 1
    }
  }
}

/**
 * Text edits as one byte edit over the whole text after the BOM: the text is
 * re-encoded, which gives every untouched character the bytes it was read
 * from (the text was decoded from valid UTF-8). None when no edit.
 */
export function wholeTextEdit(
  bytes: Uint8Array,
  start: number,
  text: string,
  edits: readonly TextEdit[]
): Edit[] {
  if (edits.length === 0) return []
  return [
    {
      start,
      end: bytes.length,
      bytes: encoder.encode(applyTextEdits(text, edits))
    }
  ]
}
