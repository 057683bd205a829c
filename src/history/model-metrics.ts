import { UserError } from '../errors.js'
import type { ModelMetricsConfig } from '../config/schema.js'

/**
 * The values a `model_metrics` file holds: the model's evaluation, as a
 * training pipeline commits it. JSON: each value at its JSON pointer (RFC
 * 6901). CSV: each value in its column, from one row: the last row, or with
 * `row: { column, equals }` the last row whose column holds that text (a log
 * that appends one row per evaluation has the newest last). A value that is
 * absent or not a finite number is null; a file that does not parse is a
 * UserError naming it.
 */
export function readModelMetrics(
  text: string,
  path: string,
  config: ModelMetricsConfig
): Record<string, number | null> {
  const format =
    config.format ?? (path.toLowerCase().endsWith('.csv') ? 'csv' : 'json')
  const values: Record<string, number | null> = {}
  if (format === 'json') {
    let document: unknown
    try {
      document = JSON.parse(text)
    } catch (error) {
      throw new UserError(`is not valid JSON (${(error as Error).message})`, {
        file: path,
        field: 'model_metrics'
      })
    }
    for (const [name, pointer] of Object.entries(config.values)) {
      values[name] = numberOf(resolvePointer(document, pointer))
    }
    return values
  }
  const rows = parseCsv(text)
  const header = rows[0] ?? []
  let chosen: string[] | undefined
  const rule = config.row
  const ruleColumn = rule === undefined ? -1 : header.indexOf(rule.column)
  if (rule !== undefined && ruleColumn < 0) {
    throw new UserError(`has no column '${rule.column}' (the row rule's)`, {
      file: path,
      field: 'model_metrics.row.column'
    })
  }
  for (let r = rows.length - 1; r >= 1 && chosen === undefined; r--) {
    const row = rows[r]!
    if (row.length === 1 && row[0] === '') continue
    if (rule === undefined || row[ruleColumn] === rule.equals) chosen = row
  }
  for (const [name, column] of Object.entries(config.values)) {
    const c = header.indexOf(column)
    values[name] = chosen === undefined || c < 0 ? null : numberOf(chosen[c])
  }
  return values
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value)
    return Number.isFinite(n) ? n : null
  }
  return null
}

/** RFC 6901: `/a/b/0`, with `~1` for `/` and `~0` for `~`; '' is the whole document. */
export function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document
  let at: unknown = document
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(at)) {
      if (!/^(0|[1-9]\d*)$/.test(key)) return undefined
      at = at[Number(key)]
    } else if (at !== null && typeof at === 'object') {
      at = Object.hasOwn(at, key)
        ? (at as Record<string, unknown>)[key]
        : undefined
    } else {
      return undefined
    }
  }
  return at
}

/** RFC 4180 records (quoted fields with doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
