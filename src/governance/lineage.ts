import { ProblemLog } from '../formats/problem-log.js'
import type { ExtraColumn } from '../model/annotation-table.js'
import type { Problem, Severity } from '../model/problem.js'
import type { Ratings } from '../model/ratings.js'

/**
 * Lineage (provenance) checks, the config's `lineage:`: every annotation in
 * scope must carry its required lineage fields, non-empty, and its timestamp
 * must be an ISO 8601 date-time with a zone, not in the future. Pure: the
 * caller passes the clock (`now`) and the scope (`keep`).
 */

/** Where each rating's lineage fields are: the annotation table's columns. */
export interface LineageRows {
  readonly files: readonly string[]
  readonly file: Int32Array
  readonly line: Int32Array
  readonly extras: ReadonlyMap<string, ExtraColumn>
}

export interface LineageOptions {
  /** Fields every annotation in scope must have, non-empty. */
  required: readonly string[]
  /** The field with when the annotation was made; checked when non-empty. */
  timestamp?: string
  scope: 'changed' | 'all'
  severity: Severity
  /** The check's clock; without it, no timestamp is judged to be in the future. */
  now?: Date
}

/** The lineage summary of one dataset in the report. */
export interface LineageReport {
  scope: 'changed' | 'all'
  required: string[]
  timestamp: string | null
  severity: Severity
  /** Annotations in scope (valid ratings the change added or relabeled, or all). */
  checked: number
  /** Per required field: annotations in scope without it. */
  missing: Record<string, number>
  invalid_timestamps: number
  future_timestamps: number
  /** Annotations in scope with at least one lineage problem. */
  incomplete: number
  /** Annotations in scope per non-empty `tool` value, most first, when `tool` is a lineage field; else null. */
  tools: Record<string, number> | null
  /** Distinct annotators in scope. */
  annotators: number
  /** The earliest and latest valid timestamp in scope (ISO 8601 UTC); null when none. */
  first: string | null
  last: string | null
}

/** A clock this far behind the machine that wrote the labels is not an error. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000

/** Values quoted in messages are cut to this many characters. */
const QUOTE = 60

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME_THEN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*[^\d.:\s]/

/**
 * Milliseconds since the epoch of an ISO 8601 date-time
 * (`YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`), or why it is not one.
 */
export function parseTimestamp(text: string): number | { error: string } {
  const m = ISO.exec(text)
  if (m === null) {
    if (DATE_ONLY.test(text)) {
      return {
        error:
          'is a date only; it needs a time and a zone (ISO 8601, e.g. 2024-05-01T12:00:00Z)'
      }
    }
    // A date-time followed by a zone we cannot read (+0200, +2, UTC, a name).
    if (DATE_TIME_THEN.test(text)) {
      return {
        error:
          'has an invalid zone; write Z or ±HH:MM (ISO 8601, e.g. 2024-05-01T12:00:00+02:00)'
      }
    }
    return {
      error:
        'is not an ISO 8601 date-time with a zone (e.g. 2024-05-01T12:00:00Z)'
    }
  }
  const [, y, mo, d, h, mi, s, frac, zone] = m
  if (zone === undefined) {
    return {
      error:
        'has no zone; add Z or ±HH:MM (ISO 8601, e.g. 2024-05-01T12:00:00Z)'
    }
  }
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = s === undefined ? 0 : Number(s)
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return { error: 'is not a real date and time' }
  }
  let offset = 0
  if (zone !== 'Z') {
    const zh = Number(zone.slice(1, 3))
    const zm = Number(zone.slice(4, 6))
    if (zh > 23 || zm > 59) {
      return {
        error:
          'has an invalid zone; write Z or ±HH:MM (ISO 8601, e.g. 2024-05-01T12:00:00+02:00)'
      }
    }
    offset = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm) * 60_000
  }
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000)
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  // Date.UTC maps years 0-99 to 1900-1999.
  const fixed =
    year < 100 ? new Date(utc).setUTCFullYear(year, month - 1, day) : utc
  return fixed - offset
}

function daysIn(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
    return leap ? 29 : 28
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function quote(text: string): string {
  return text.length > QUOTE ? `'${text.slice(0, QUOTE)}...'` : `'${text}'`
}

// Timestamp status per distinct value (code), judged once.
const UNSEEN = 0
const VALID = 1
const INVALID = 2
const FUTURE = 3
const EMPTY = 4

/**
 * Checks the lineage fields of the ratings `keep` accepts (rating indices;
 * the change's added or relabeled ratings, or all). `rows` must hold every
 * lineage field as an extra column (the readers carry them when asked).
 * Problems: one per missing field and per bad timestamp, at the
 * annotation's file:line with the field named, at most 1,000 of a kind
 * plus a summary line.
 */
export function checkLineage(
  ratings: Pick<Ratings, 'row' | 'annotator' | 'nAnnotators'>,
  rows: LineageRows,
  keep: (ratingIndex: number) => boolean,
  options: LineageOptions
): { report: LineageReport; problems: Problem[] } {
  const { required, timestamp, severity } = options
  const column = (name: string): ExtraColumn => {
    const c = rows.extras.get(name)
    if (c === undefined) {
      throw new Error(`checkLineage: no column '${name}' was read`)
    }
    return c
  }
  const requiredColumns = required.map(column)
  const emptyCodes = requiredColumns.map((c) => c.values.get('') ?? -1)
  const missing = new Float64Array(required.length)
  const stamp = timestamp === undefined ? undefined : column(timestamp)
  const status = new Uint8Array(stamp?.values.size ?? 0)
  const stampMs = new Float64Array(status.length)
  const reasons = new Map<number, string>()
  const limit =
    options.now === undefined ? Infinity : options.now.getTime() + CLOCK_SKEW_MS
  const tool = rows.extras.get('tool')
  const toolCounts =
    tool === undefined ? null : new Float64Array(tool.values.size)
  const seenAnnotator = new Uint8Array(ratings.nAnnotators)
  const log = new ProblemLog()
  let checked = 0
  let annotators = 0
  let invalid = 0
  let future = 0
  let incomplete = 0
  let first = Infinity
  let last = -Infinity
  const n = ratings.annotator.length
  const rowOf = ratings.row
  for (let k = 0; k < n; k++) {
    if (!keep(k)) continue
    checked++
    const r = rowOf[k]!
    const a = ratings.annotator[k]!
    if (seenAnnotator[a] === 0) {
      seenAnnotator[a] = 1
      annotators++
    }
    if (toolCounts !== null) toolCounts[tool!.code[r]!]!++
    let bad = false
    for (let f = 0; f < requiredColumns.length; f++) {
      if (requiredColumns[f]!.code[r] !== emptyCodes[f]) continue
      missing[f]!++
      bad = true
      log.add(`annotations without ${required[f]}`, {
        severity,
        file: rows.files[rows.file[r]!]!,
        line: rows.line[r]!,
        field: required[f]!,
        message: `lineage field '${required[f]}' is missing or empty (lineage.required)`
      })
    }
    if (stamp !== undefined) {
      const code = stamp.code[r]!
      let s = status[code]!
      if (s === UNSEEN) {
        const text = stamp.values.value(code)
        if (text === '') s = EMPTY
        else {
          const parsed = parseTimestamp(text)
          if (typeof parsed === 'number') {
            stampMs[code] = parsed
            s = parsed > limit ? FUTURE : VALID
          } else {
            s = INVALID
            reasons.set(code, parsed.error)
          }
        }
        status[code] = s
      }
      if (s === VALID) {
        const ms = stampMs[code]!
        if (ms < first) first = ms
        if (ms > last) last = ms
      } else if (s === INVALID || s === FUTURE) {
        bad = true
        const where = {
          severity,
          file: rows.files[rows.file[r]!]!,
          line: rows.line[r]!,
          field: timestamp!
        }
        const text = quote(stamp.values.value(code))
        if (s === INVALID) {
          invalid++
          log.add('invalid timestamps', {
            ...where,
            message: `${timestamp} ${text} ${reasons.get(code)}`
          })
        } else {
          future++
          log.add('timestamps in the future', {
            ...where,
            message: `${timestamp} ${text} is in the future (more than 5 minutes after the check ran)`
          })
        }
      }
    }
    if (bad) incomplete++
  }
  let tools: Record<string, number> | null = null
  if (toolCounts !== null) {
    // fromEntries: a tool named __proto__ is an own key like any other.
    const entries: [string, number][] = []
    toolCounts.forEach((count, code) => {
      const name = tool!.values.value(code)
      if (count > 0 && name !== '') entries.push([name, count])
    })
    entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    tools = Object.fromEntries(entries)
  }
  return {
    report: {
      scope: options.scope,
      required: [...required],
      timestamp: timestamp ?? null,
      severity,
      checked,
      missing: Object.fromEntries(required.map((f, i) => [f, missing[i]!])),
      invalid_timestamps: invalid,
      future_timestamps: future,
      incomplete,
      tools,
      annotators,
      first: first === Infinity ? null : new Date(first).toISOString(),
      last: last === -Infinity ? null : new Date(last).toISOString()
    },
    problems: log.finish()
  }
}
