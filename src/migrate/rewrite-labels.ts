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
}

/** Formats whose label fields `rewriteLabels` can rewrite in place. */
export const MIGRATABLE_FORMATS: readonly Format[] = [
  'csv',
  'tsv',
  'json',
  'jsonl'
]

/** A replacement of bytes [start, end) of the file. */
interface Edit {
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
  const result: RewrittenFile = {
    bytes: null,
    renamed: new Map(),
    removed: []
  }
  const visit = (label: string, line: number): string | undefined => {
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

function applyEdits(bytes: Uint8Array, edits: readonly Edit[]): Uint8Array {
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

function delimitedEdits(
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
  // Validate first, with the readers' own messages; the walk below then
  // only meets well-formed JSON.
  let text: string
  if (format === 'json') {
    const parsed = parseJsonDocument(bytes, start, file)
    if (!Array.isArray(parsed.data)) {
      throw new UserError(
        `expected a JSON array of records, found ${kindOf(parsed.data)}`,
        { file, line: 1 }
      )
    }
    text = parsed.text
  } else {
    forEachJsonLine(bytes, start, file, () => undefined)
    text = decodeUtf8(bytes, start, bytes.length)
  }
  // Edits in string offsets first; bytes are rebuilt from the text, which
  // re-encodes every untouched character to the bytes it was read from.
  const textEdits: { start: number; end: number; text: string }[] = []
  const lines = new LineCounter(text)
  const record = (at: number): void => {
    const line = lines.lineAt(at)
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
  }
  if (format === 'json') {
    let i = skipSpace(text, 0) + 1 // past '['
    for (;;) {
      i = skipSpace(text, i)
      if (text[i] === ']') break
      if (text[i] === '{') record(i)
      i = skipSpace(text, skipValue(text, i))
      if (text[i] === ',') i++
    }
  } else {
    let from = 0
    while (from < text.length) {
      let to = text.indexOf('\n', from)
      if (to < 0) to = text.length
      const i = skipSpace(text, from)
      if (i < to) record(i)
      from = to + 1
    }
  }
  if (textEdits.length === 0) return []
  const pieces: string[] = []
  let from = 0
  for (const e of textEdits) {
    pieces.push(text.slice(from, e.start), e.text)
    from = e.end
  }
  pieces.push(text.slice(from))
  // One edit over the whole text after the BOM.
  return [{ start, end: bytes.length, bytes: encoder.encode(pieces.join('')) }]
}

/** Counts lines up to increasing offsets (LF, CRLF and a lone CR end a line). */
class LineCounter {
  private at = 0
  private line = 1
  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    const t = this.text
    for (; this.at < offset; this.at++) {
      const c = t.charCodeAt(this.at)
      if (c === 0x0a || (c === 0x0d && t.charCodeAt(this.at + 1) !== 0x0a)) {
        this.line++
      }
    }
    return this.line
  }
}

function skipSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break
    i++
  }
  return i
}

/** Past the string that opens at `i` (valid JSON: no raw line breaks inside). */
function skipString(text: string, i: number): number {
  for (i++; ; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x5c) i++
    else if (c === 0x22) return i + 1
  }
}

/** Past the JSON value that starts at `i`. */
function skipValue(text: string, i: number): number {
  const c = text[i]
  if (c === '"') return skipString(text, i)
  if (c === '{' || c === '[') {
    let depth = 0
    for (;;) {
      const d = text[i]
      if (d === '"') {
        i = skipString(text, i)
        continue
      }
      if (d === '{' || d === '[') depth++
      else if (d === '}' || d === ']') {
        depth--
        if (depth === 0) return i + 1
      }
      i++
    }
  }
  while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++
  return i
}

/** Calls `visit` with each key of the object at `i` and its value's span. */
function membersOf(
  text: string,
  i: number,
  visit: (key: string, start: number, end: number) => void
): void {
  i++ // past '{'
  for (;;) {
    i = skipSpace(text, i)
    if (text[i] === '}') return
    const keyEnd = skipString(text, i)
    const key = JSON.parse(text.slice(i, keyEnd)) as string
    i = skipSpace(text, keyEnd) + 1 // past ':'
    i = skipSpace(text, i)
    const end = skipValue(text, i)
    visit(key, i, end)
    i = skipSpace(text, end)
    if (text[i] === ',') i++
  }
}
