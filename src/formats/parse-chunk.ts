import { UserError, type Location } from '../errors.js'
import { Interner, type InternedBytes } from '../model/interner.js'
import type { FieldSpec, RecordSink } from './field-spec.js'
import { ProblemLog, type ProblemLogState } from './problem-log.js'
import { DelimitedReader } from './read-delimited.js'
import { JsonLinesReader, type KeyState } from './read-json.js'

/** A field spec without its interner: what a worker is told about a column. */
export interface ChunkSpec {
  readonly role: string
  readonly name: string
  readonly configKey: string
  readonly required: boolean
  readonly extra?: boolean
}

/**
 * One piece of a file for a worker: whole records after the header (`bytes`
 * starts at a record and ends after one). A delimited file's piece comes with
 * the header as the main thread read it.
 */
export type ChunkTask = DelimitedTask | JsonLinesTask

interface TaskBase {
  file: string
  records: string
  specs: ChunkSpec[]
  bytes: Uint8Array
}

export interface DelimitedTask extends TaskBase {
  format: 'delimited'
  delimiter: string
  width: number
  column: number[]
}

export interface JsonLinesTask extends TaskBase {
  format: 'jsonl'
}

/**
 * What a worker read from a piece, with everything local to it: codes from
 * its own interners (first-appearance order in the piece), lines counted
 * from 1 at the piece's first byte.
 */
export interface ChunkResult {
  /** Records read, skipped ones too (for "has no records"). */
  rows: number
  /** Lines in the piece (each CRLF, LF or lone CR counts one). */
  lines: number
  /** Usable records: codes[k][r] is spec k's local code of record r, at line[r]. */
  size: number
  codes: Int32Array[]
  line: Int32Array
  /** Each spec's interner as bytes: code c is `arena[offsets[c], offsets[c + 1])`. */
  values: InternedBytes[]
  problems: ProblemLogState
  /** JSON Lines: the records' keys, for the check that each mapped key occurs. */
  keys?: KeyState
  /** The error that stops the run at this piece (its line local to the piece). */
  error?: { message: string; where: Location }
  /** A failure that is not the data's (a bug): the main thread rethrows it. */
  crash?: string
}

/**
 * Reads one piece as `DelimitedReader` reads the same records of the whole
 * file: the same scanner, checks, problems and errors, into local tables.
 * Runs in a worker (parse-worker.ts), or in process in tests.
 */
export function parseChunk(task: ChunkTask): ChunkResult {
  const interners = task.specs.map(() => new Interner())
  const specs: FieldSpec[] = task.specs.map((s, k) => ({
    ...s,
    interner: interners[k]!
  }))
  let capacity = Math.max(64, task.bytes.length >> 4)
  let codes: Int32Array[] = specs.map(() => new Int32Array(capacity))
  let line: Int32Array = new Int32Array(capacity)
  let size = 0
  const grow = (a: Int32Array): Int32Array => {
    const b = new Int32Array(capacity)
    b.set(a)
    return b
  }
  const log = new ProblemLog()
  const sink: RecordSink = (values, at) => {
    if (size === capacity) {
      capacity *= 2
      codes = codes.map(grow)
      line = grow(line)
    }
    for (let k = 0; k < values.length; k++) codes[k]![size] = values[k]!
    line[size++] = at
  }
  const reader = readerFor(task, specs, sink, log)
  let error: ChunkResult['error']
  let crash: string | undefined
  try {
    reader.feed(task.bytes, 0, task.bytes.length, true)
  } catch (e) {
    if (e instanceof UserError) error = { message: e.message, where: e.where }
    else crash = e instanceof Error ? (e.stack ?? e.message) : String(e)
  }
  const json = reader instanceof JsonLinesReader
  return {
    rows: json ? reader.keys().count : reader.rowCount,
    lines: reader.linesRead,
    size,
    codes: codes.map((c) => c.subarray(0, size)),
    line: line.subarray(0, size),
    values: interners.map((i) => i.bytes()),
    problems: log.state(),
    ...(json && { keys: reader.keys() }),
    ...(error !== undefined && { error }),
    ...(crash !== undefined && { crash })
  }
}

/** A reader for a piece that starts after the file's first line. */
function readerFor(
  task: ChunkTask,
  specs: FieldSpec[],
  sink: RecordSink,
  log: ProblemLog
): DelimitedReader | JsonLinesReader {
  if (task.format === 'jsonl') {
    const reader = new JsonLinesReader(
      task.file,
      specs,
      task.records,
      sink,
      log
    )
    reader.resumeAt(0)
    return reader
  }
  const reader = new DelimitedReader(
    task.file,
    task.delimiter,
    specs,
    task.records,
    sink,
    log
  )
  reader.presetHeader(task.width, task.column)
  return reader
}

/** The buffers of a result, to transfer rather than copy to the main thread. */
export function transferables(result: ChunkResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  const add = (a: ArrayBufferView): void => {
    if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer)
  }
  result.codes.forEach(add)
  add(result.line)
  for (const v of result.values) {
    add(v.arena)
    add(v.offsets)
  }
  return [...buffers]
}
