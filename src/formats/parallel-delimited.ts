import { UserError } from '../errors.js'
import type { ChunkPool } from './chunk-pool.js'
import { lastRecordEnd } from './csv-boundary.js'
import type { FieldSpec, RecordSink } from './field-spec.js'
import { ParallelPieceReader } from './parallel-piece-reader.js'
import type { ProblemLog } from './problem-log.js'
import { DelimitedReader } from './read-delimited.js'

/**
 * `DelimitedReader` with most records read on worker threads
 * (`ParallelPieceReader`): this thread reads the header, and a piece ends
 * after its last complete record by the scanner's own rules
 * (`lastRecordEnd`).
 */
export class ParallelDelimitedReader extends ParallelPieceReader {
  private readonly header: DelimitedReader
  private readonly delimiterCode: number

  constructor(
    file: string,
    private readonly delimiter: string,
    specs: readonly FieldSpec[],
    records: string,
    sink: RecordSink,
    log: ProblemLog,
    pool: ChunkPool
  ) {
    super(file, specs, records, sink, log, pool)
    this.header = new DelimitedReader(
      file,
      delimiter,
      specs,
      records,
      sink,
      log
    )
    this.delimiterCode = delimiter.charCodeAt(0)
  }

  protected start(
    bytes: Uint8Array,
    pos: number,
    limit: number,
    final: boolean
  ): number | undefined {
    const header = this.header.feedHeader(bytes, pos, limit, final)
    if (!header.done) return undefined
    const { width, column } = this.header.layout!
    this.task = {
      format: 'delimited',
      file: this.file,
      delimiter: this.delimiter,
      records: this.records,
      specs: this.chunkSpecs,
      width,
      column: [...column]
    }
    this.lineBase = header.line - 1
    return header.pos
  }

  protected cut(bytes: Uint8Array, pos: number, limit: number): number {
    const found = lastRecordEnd(bytes, pos, limit, this.delimiterCode)
    // Bytes that stop the run: the piece with them gives the error now, as
    // a read on this thread stops there.
    if (found.broken) this.broken = true
    return found.cut
  }

  protected readOwn(piece: Uint8Array): void {
    const { width, column } = this.header.layout!
    const reader = new DelimitedReader(
      this.file,
      this.delimiter,
      this.specs,
      this.records,
      this.sink,
      this.log
    )
    reader.presetHeader(width, column, this.lineBase + 1)
    reader.feed(piece, 0, piece.length, true)
    this.rows += reader.rowCount
    this.lineBase = reader.linesRead
  }

  protected finishFile(): void {
    if (this.task === undefined) this.header.finish()
    if (this.rows === 0) {
      throw new UserError(`has no ${this.records}`, { file: this.file })
    }
  }
}
