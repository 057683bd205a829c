import { UserError } from '../errors.js'
import type { ChunkPool } from './chunk-pool.js'
import type { FieldSpec, RecordSink } from './field-spec.js'
import type { ChunkResult, ChunkSpec, ChunkTask } from './parse-chunk.js'
import type { ProblemLog } from './problem-log.js'
import type { PieceReader } from './read-stream.js'

/**
 * Pieces a worker reads for each piece the main thread reads itself. A
 * worker reads a piece into its own small interners (their tables stay in
 * cache) and this thread then interns each piece's distinct values once into
 * the shared ones; reading a piece here goes straight into the shared ones.
 * On 2 cores (10^6 items x 3, CSV) a worker took 40 to 60 ms a piece of
 * 4 MiB, this thread 50 to 60 ms to read one and 11 to 20 ms to merge one:
 * with 2 to 1 neither waits long for the other.
 */
const WORKER_SHARE = 2

/** A piece in the queue: read here (`own`) or by a worker. */
interface Pending {
  own?: Uint8Array
  result?: ChunkResult
  read?: Promise<void>
  failed?: unknown
}

/** The part of a piece's task that is the same for every piece of a file. */
export type TaskTemplate = ChunkTask extends infer T
  ? T extends ChunkTask
    ? Omit<T, 'bytes'>
    : never
  : never

/**
 * A file's reader with most records read on worker threads: the same
 * records (codes and lines), problems and errors as a read on this thread,
 * bit for bit. A format says where a piece may end, how this thread reads
 * one, and what else a worker's piece carries (`ParallelDelimitedReader`,
 * `ParallelJsonLinesReader`).
 *
 * This thread cuts each piece of the file after its last complete record and
 * posts most pieces to the pool. A worker reads its piece into its own
 * interners, so its codes are in the order each value first appears in the
 * piece; merged here piece by piece in file order, interning each piece's
 * values in that order gives every value the code a read of the whole file
 * gives it (a value is new exactly when it first appears in the file). Lines
 * are counted per piece and moved down by the lines before it; problems are
 * added in order with the log's caps; the first piece with an error stops
 * the run with it.
 */
export abstract class ParallelPieceReader implements PieceReader {
  protected readonly chunkSpecs: ChunkSpec[]
  /** Set once the records start (after a delimited file's header). */
  protected task: TaskTemplate | undefined
  /** Pieces read or being read, in file order, not taken in yet. */
  private readonly pending: Pending[] = []
  /** Pieces per batch: this thread reads the first, each worker `WORKER_SHARE`. */
  private readonly batch: number
  /** Pieces cut so far. */
  private pieces = 0
  /** Lines before the next piece to take in. */
  protected lineBase = 0
  /** Records read so far, skipped ones too. */
  protected rows = 0
  /** The bytes break the format's rules (the run stops at them). */
  protected broken = false
  private readonly codes: Int32Array

  constructor(
    protected readonly file: string,
    protected readonly specs: readonly FieldSpec[],
    protected readonly records: string,
    protected readonly sink: RecordSink,
    protected readonly log: ProblemLog,
    private readonly pool: ChunkPool
  ) {
    this.chunkSpecs = specs.map(
      ({ role, name, configKey, required, extra }) => ({
        role,
        name,
        configKey,
        required,
        ...(extra !== undefined && { extra })
      })
    )
    this.codes = new Int32Array(specs.length)
    this.batch = 1 + WORKER_SHARE * pool.threads
  }

  /**
   * Reads what comes before the records (a header) from bytes[pos, limit)
   * and sets `task` and `lineBase` once done; returns where the records
   * start, or undefined while the bytes so far end inside the header.
   */
  protected abstract start(
    bytes: Uint8Array,
    pos: number,
    limit: number,
    final: boolean
  ): number | undefined

  /**
   * Where the complete records of bytes[pos, limit) end (more bytes
   * follow); sets `broken` when bytes there stop the run instead.
   */
  protected abstract cut(bytes: Uint8Array, pos: number, limit: number): number

  /**
   * Reads a piece on this thread straight into the shared interners and the
   * sink, as a read of the whole file on one thread does (every piece before
   * it is in); updates `rows` and `lineBase`.
   */
  protected abstract readOwn(piece: Uint8Array): void

  /** Takes in what else a worker's piece carries (before its records). */
  protected absorb(result: ChunkResult): void {
    void result
  }

  /** The checks after the last record (a file without records). */
  protected abstract finishFile(): void

  async feed(
    bytes: Uint8Array,
    pos: number,
    limit: number,
    final: boolean
  ): Promise<number> {
    if (this.task === undefined) {
      const records = this.start(bytes, pos, limit, final)
      if (records === undefined) return pos
      pos = records
    }
    let cut = limit
    if (!final) {
      cut = this.cut(bytes, pos, limit)
      if (this.broken) cut = limit
      else if (cut === pos) return pos
    }
    if (cut > pos) {
      // A copy either way: the caller reuses its buffer. A worker's copy
      // moves to it rather than being copied again.
      const piece = new Uint8Array(bytes.subarray(pos, cut))
      if (this.pieces++ % this.batch === 0) {
        this.pending.push({ own: piece })
      } else {
        const entry: Pending = {}
        const task = { ...this.task!, bytes: piece } as ChunkTask
        entry.read = this.pool.parse(task).then(
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

  async finish(): Promise<void> {
    await this.drain(true)
    this.finishFile()
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
        try {
          this.readOwn(head.own)
        } catch (error) {
          this.pending.length = 0
          throw error
        }
        continue
      }
      const ready = head.result !== undefined || head.failed !== undefined
      if (!all && !ready && this.pending.length <= this.batch) return
      if (head.result === undefined) await head.read
      if (head.failed !== undefined) throw head.failed
      this.pending.shift()
      this.merge(head.result!)
    }
  }

  private merge(result: ChunkResult): void {
    const lineBase = this.lineBase
    if (result.crash !== undefined) {
      throw new Error(`a parse worker failed: ${result.crash}`)
    }
    this.log.absorb(result.problems, lineBase)
    this.absorb(result)
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
      this.specs[k]!.interner.internAll(v.arena, v.offsets, v.exotic)
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
