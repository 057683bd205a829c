import { UserError } from '../errors.js'
import type { ChunkPool } from './chunk-pool.js'
import { lastRecordEnd } from './csv-boundary.js'
import type { FieldSpec, RecordSink } from './field-spec.js'
import {
  type ChunkResult,
  type ChunkSpec,
  type ChunkTask
} from './parse-chunk.js'
import type { ProblemLog } from './problem-log.js'
import { DelimitedReader } from './read-delimited.js'
import type { PieceReader } from './read-stream.js'

/**
 * Pieces a worker reads for each piece the main thread reads itself. A
 * worker reads a piece into its own small interners (their tables stay in
 * cache) and this thread then interns each piece's distinct values once into
 * the shared ones; reading a piece here goes straight into the shared ones.
 * Measured on 2 cores (10^6 items x 3), merging a worker's piece costs this
 * thread about a third of reading it: with 2 to 1, both threads are busy to
 * the end.
 */
const WORKER_SHARE = 2

/** A piece in the queue: read here (`own`) or by a worker. */
interface Pending {
  own?: Uint8Array
  result?: ChunkResult
  read?: Promise<void>
  failed?: unknown
}

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
  /** Pieces read or being read, in file order, not taken in yet. */
  private readonly pending: Pending[] = []
  /**
   * Pieces per batch: this thread reads the first itself, each worker
   * `WORKER_SHARE` of the rest (see `WORKER_SHARE`).
   */
  private readonly batch: number
  /** Pieces cut so far. */
  private pieces = 0
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
    this.batch = 1 + WORKER_SHARE * pool.threads
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
      // A copy either way: the caller reuses its buffer. A worker's copy
      // moves to it rather than being copied again.
      const piece = new Uint8Array(bytes.subarray(pos, cut))
      if (this.pieces++ % this.batch === 0) {
        this.pending.push({ own: piece })
      } else {
        const entry: Pending = {}
        entry.read = this.pool.parse({ ...this.task, bytes: piece }).then(
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
      }
    }
    await this.drain(final || this.broken)
    if (this.broken) {
      throw new Error('parallel read: bytes that break the rules gave no error')
    }
    return cut
  }

  /**
   * Takes in the pieces at the head of the queue that are ready, in file
   * order. This thread reads its own piece once the workers' pieces of its
   * batch are posted, so they read meanwhile; it waits for a worker's piece
   * only when a batch more is queued behind it (more would only hold
   * memory). `all`: the last piece is queued; take in everything.
   */
  private async drain(all: boolean): Promise<void> {
    while (this.pending.length > 0) {
      const head = this.pending[0]!
      if (head.own !== undefined) {
        if (!all && this.pending.length < this.batch) return
        this.pending.shift()
        this.readOwn(head.own)
        continue
      }
      const ready = head.result !== undefined || head.failed !== undefined
      if (!all && !ready && this.pending.length <= this.batch) return
      await this.mergeNext()
    }
  }

  /**
   * Reads a piece on this thread straight into the shared interners and the
   * sink, as a read of the whole file on one thread does: every piece before
   * it is in, so its values get their codes, and its lines their numbers.
   */
  private readOwn(piece: Uint8Array): void {
    const { width, column } = this.task!
    const reader = new DelimitedReader(
      this.file,
      this.delimiter,
      this.specs,
      this.records,
      this.sink,
      this.log
    )
    reader.presetHeader(width, column, this.lineBase + 1)
    try {
      reader.feed(piece, 0, piece.length, true)
    } catch (error) {
      this.pending.length = 0
      throw error
    }
    this.rows += reader.rowCount
    this.lineBase = reader.linesRead
  }

  async finish(): Promise<void> {
    await this.drain(true)
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
    // In local code order: each value gets the code a whole-file read gives it.
    const maps = result.values.map((v, k) =>
      this.specs[k]!.interner.internAll(v.arena, v.offsets)
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
