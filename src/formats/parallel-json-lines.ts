import type { ChunkPool } from './chunk-pool.js'
import type { FieldSpec, RecordSink } from './field-spec.js'
import { ParallelPieceReader } from './parallel-piece-reader.js'
import type { ChunkResult } from './parse-chunk.js'
import type { ProblemLog } from './problem-log.js'
import { JsonLinesReader } from './read-json.js'

/**
 * `JsonLinesReader` with most records read on worker threads
 * (`ParallelPieceReader`). A piece ends after its last line break: a JSON
 * text holds no raw line break inside a string, so every one ends a record.
 * This thread's pieces go through one reader, which drops the file's byte
 * order mark and keeps every record's keys; a worker's piece hands its keys
 * over, for the check that each mapped key occurs in some record.
 */
export class ParallelJsonLinesReader extends ParallelPieceReader {
  private readonly reader: JsonLinesReader

  constructor(
    file: string,
    specs: readonly FieldSpec[],
    records: string,
    sink: RecordSink,
    log: ProblemLog,
    pool: ChunkPool
  ) {
    super(file, specs, records, sink, log, pool)
    this.reader = new JsonLinesReader(file, specs, records, sink, log)
  }

  protected start(_bytes: Uint8Array, pos: number): number {
    this.task = {
      format: 'jsonl',
      file: this.file,
      records: this.records,
      specs: this.chunkSpecs
    }
    return pos
  }

  protected cut(bytes: Uint8Array, pos: number, limit: number): number {
    const lf = bytes.lastIndexOf(0x0a, limit - 1)
    return lf < pos ? pos : lf + 1
  }

  protected readOwn(piece: Uint8Array): void {
    const reader = this.reader
    // The first piece is the file's start (its BOM is dropped there).
    if (this.lineBase > 0) reader.resumeAt(this.lineBase)
    reader.feed(piece, 0, piece.length, true)
    this.lineBase = reader.linesRead
  }

  protected absorb(result: ChunkResult): void {
    if (result.keys !== undefined) {
      this.reader.absorbKeys(result.keys, this.lineBase)
    }
  }

  protected finishFile(): void {
    this.reader.finish()
  }
}
