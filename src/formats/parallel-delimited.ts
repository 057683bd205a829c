import { UserError } from '../errors.js'
import type { Interner } from '../model/interner.js'
import type { ChunkPool } from './chunk-pool.js'
import { lastRecordEnd } from './csv-boundary.js'
import type { FieldSpec, RecordSink } from './field-spec.js'
import {
  parseChunk,
  type ChunkResult,
  type ChunkSpec,
  type ChunkTask
} from './parse-chunk.js'
import type { ProblemLog } from './problem-log.js'
import { DelimitedReader } from './read-delimited.js'
import type { PieceReader } from './read-stream.js'

/**
 * `DelimitedReader` with the records read on worker threads: the same
 * records (codes and lines), problems and errors, bit for bit.
 *
 * This thread reads the header, cuts each piece of the file after its last
 * complete record (`lastRecordEnd`, the scanner's own rules) and posts the
 * records to the pool. A worker reads its piece into its own interners, so
 * its codes are in the order each value first appears in the piece; merged
 * here piece by piece in file order, interning each piece's values in that
 * order gives every value the code a read of the whole file gives it (a value
 * is new exactly when it first appears in the file). Lines are counted per
 * piece and moved down by the lines before it; problems are added in order
 * with the log's caps; the first piece with an error stops the run with it.
 */
export class ParallelDelimitedReader implements PieceReader {
  private readonly header: DelimitedReader
  private readonly chunkSpecs: ChunkSpec[]
  private readonly delimiterCode: number
  private task: Omit<ChunkTask, 'bytes'> | undefined
  /** Pieces read or being read, in file order, not merged yet. */
  private readonly pending: {
    result?: ChunkResult
    read?: Promise<void>
    failed?: unknown
  }[] = []
  /** Lines before the next piece to merge. */
  private lineBase = 0
  private rows = 0
  /** The bytes break the scanner's rules (the run stops at them). */
  private broken = false
  private readonly codes: Int32Array

  constructor(
    private readonly file: string,
    private readonly delimiter: string,
    private readonly specs: readonly FieldSpec[],
    private readonly records: string,
    private readonly sink: RecordSink,
    private readonly log: ProblemLog,
    private readonly pool: ChunkPool
  ) {
    this.header = new DelimitedReader(
      file,
      delimiter,
      specs,
      records,
      sink,
      log
    )
    this.chunkSpecs = specs.map(
      ({ role, name, configKey, required, extra }) => ({
        role,
        name,
        configKey,
        required,
        ...(extra !== undefined && { extra })
      })
    )
    this.delimiterCode = delimiter.charCodeAt(0)
    this.codes = new Int32Array(specs.length)
  }

  async feed(
    bytes: Uint8Array,
    pos: number,
    limit: number,
    final: boolean
  ): Promise<number> {
    if (this.task === undefined) {
      const header = this.header.feedHeader(bytes, pos, limit, final)
      if (!header.done) return header.pos
      const { width, column } = this.header.layout!
      this.task = {
        file: this.file,
        delimiter: this.delimiter,
        records: this.records,
        specs: this.chunkSpecs,
        width,
        column: [...column]
      }
      this.lineBase = header.line - 1
      pos = header.pos
    }
    let cut = limit
    if (!final) {
      const found = lastRecordEnd(bytes, pos, limit, this.delimiterCode)
      if (found.broken) {
        // Bytes that stop the run: the piece with them gives the error now,
        // as a read on this thread stops there.
        this.broken = true
      } else {
        cut = found.cut
        if (cut === pos) return pos
      }
    }
    if (cut > pos) {
      const task = { ...this.task, bytes: bytes.subarray(pos, cut) }
      if (this.pool.idle > 0) {
        // A copy: the caller reuses its buffer, and the copy's memory moves
        // to the worker rather than being copied again.
        const entry: (typeof this.pending)[number] = {}
        entry.read = this.pool
          .parse({ ...task, bytes: new Uint8Array(task.bytes) })
          .then(
            (result) => {
              entry.result = result
            },
            // Kept for its turn: a rejection nobody awaits yet would end
            // the process.
            (error: unknown) => {
              entry.failed = error ?? new Error('a parse worker failed')
            }
          )
        this.pending.push(entry)
      } else {
        // Every worker is busy: this thread reads the piece meanwhile.
        this.pending.push({ result: parseChunk(task) })
      }
    }
    // Merge what is read, in order; a few pieces queued per thread keep the
    // workers busy, more would only hold memory.
    const queued = this.broken ? 0 : 2 * this.pool.threads
    while (this.pending.length > 0) {
      const head = this.pending[0]!
      const ready = head.result !== undefined || head.failed !== undefined
      if (!ready && this.pending.length <= queued) break
      await this.mergeNext()
    }
    if (this.broken) {
      throw new Error('parallel read: bytes that break the rules gave no error')
    }
    return cut
  }

  async finish(): Promise<void> {
    while (this.pending.length > 0) await this.mergeNext()
    if (this.task === undefined) this.header.finish()
    if (this.rows === 0) {
      throw new UserError(`has no ${this.records}`, { file: this.file })
    }
  }

  private async mergeNext(): Promise<void> {
    const head = this.pending[0]!
    if (head.result === undefined) await head.read
    if (head.failed !== undefined) throw head.failed
    this.pending.shift()
    this.merge(head.result!)
  }

  private merge(result: ChunkResult): void {
    const lineBase = this.lineBase
    if (result.crash !== undefined) {
      throw new Error(`a parse worker failed: ${result.crash}`)
    }
    this.log.absorb(result.problems, lineBase)
    if (result.error !== undefined) {
      const { where } = result.error
      const error = new UserError('', {
        ...where,
        ...(where.line !== undefined && { line: where.line + lineBase })
      })
      // The message was cleaned and cut in the worker already.
      error.message = result.error.message
      this.pending.length = 0
      throw error
    }
    const maps = result.values.map((v, k) =>
      internAll(this.specs[k]!.interner, v.arena, v.offsets)
    )
    const { codes, sink } = this
    const local = result.codes
    const line = result.line
    const fields = codes.length
    for (let r = 0; r < result.size; r++) {
      for (let k = 0; k < fields; k++) codes[k] = maps[k]![local[k]![r]!]!
      sink(codes, line[r]! + lineBase)
    }
    this.rows += result.rows
    this.lineBase = lineBase + result.lines
  }
}

/** Interns a piece's values in their local code order; returns local -> global code. */
function internAll(
  interner: Interner,
  arena: Uint8Array,
  offsets: Int32Array
): Int32Array {
  const n = offsets.length - 1
  const map = new Int32Array(Math.max(0, n))
  const view = new DataView(arena.buffer, arena.byteOffset, arena.byteLength)
  for (let c = 0; c < n; c++) {
    map[c] = interner.internView(view, offsets[c]!, offsets[c + 1]!)
  }
  return map
}
