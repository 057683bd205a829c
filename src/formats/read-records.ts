import { UserError } from '../errors.js'
import type { Format } from '../config/schema.js'
import type { FieldSpec, RecordSink } from './field-spec.js'
import type { ProblemLog } from './problem-log.js'
import { DelimitedReader, readDelimited } from './read-delimited.js'
import { JsonLinesReader, readJsonArray, readJsonLines } from './read-json.js'
import { ParallelDelimitedReader } from './parallel-delimited.js'
import { ParallelJsonLinesReader } from './parallel-json-lines.js'
import {
  PARALLEL_MIN_BYTES,
  readStream,
  type PieceReader,
  type StreamOptions
} from './read-stream.js'
import type { ByteStream } from '../source/byte-stream.js'
import { readParquet } from './read-parquet.js'
import { readLabelStudio } from './read-label-studio.js'
import {
  readLabelStudioCsv,
  readLabelStudioMin
} from './read-label-studio-flat.js'
import { readProdigy } from './read-prodigy.js'
import { delimiterChar, type ReadOptions } from './read-options.js'
import { checkText } from './text-checks.js'

/**
 * Reads the mapped fields of every record of one file in the given format and
 * hands the interned codes to `sink`, in file order. Input that cannot be read
 * throws a UserError; data problems in single records go to `log`.
 * `records` names the contents ("annotation records") for messages. The
 * label-studio and prodigy readers take specs in the order item, annotator,
 * label, then extra (lineage) fields. `options` carry the delimiter and
 * the Label Studio settings.
 */
export function readRecords(
  bytes: Uint8Array,
  file: string,
  format: Format,
  specs: readonly FieldSpec[],
  records: string,
  sink: RecordSink,
  log: ProblemLog,
  options: ReadOptions = {}
): void {
  // A Node Buffer's subarray() makes a Buffer object per call; a plain view does not.
  bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // Binary: the Parquet reader checks its own bytes.
  if (format === 'parquet') {
    return readParquet(bytes, file, specs, records, sink, log)
  }
  const start = checkText(bytes, file, records)
  switch (format) {
    case 'csv':
    case 'tsv': {
      const delimiter = delimiterChar(format, options.delimiter)
      return readDelimited(
        bytes,
        start,
        file,
        delimiter,
        specs,
        records,
        sink,
        log
      )
    }
    case 'json':
      return readJsonArray(bytes, start, file, specs, records, sink, log)
    case 'jsonl':
      return readJsonLines(bytes, start, file, specs, records, sink, log)
    case 'label-studio':
      return readLabelStudio(
        bytes,
        start,
        file,
        specs,
        records,
        sink,
        log,
        options
      )
    case 'label-studio-min':
      return readLabelStudioMin(
        bytes,
        start,
        file,
        specs,
        records,
        sink,
        log,
        options
      )
    case 'label-studio-csv':
      return readLabelStudioCsv(
        bytes,
        start,
        file,
        delimiterChar(format, options.delimiter),
        specs,
        records,
        sink,
        log,
        options
      )
    case 'prodigy':
      return readProdigy(bytes, start, file, specs, records, sink, log)
    case 'coco':
    case 'yolo':
      // The config refuses these formats for category datasets.
      throw new UserError(
        `format ${format} holds bounding boxes: it needs type: box`,
        {
          file,
          field: 'format'
        }
      )
  }
}

/**
 * Formats read in pieces from a stream (`readRecordsStream`): those whose
 * records are lines, or CSV records. JSON arrays, Parquet and the tool
 * exports are read whole.
 */
export function isStreamable(format: Format): boolean {
  return format === 'csv' || format === 'tsv' || format === 'jsonl'
}

/**
 * `readRecords` for a file read in pieces through a reused buffer (formats
 * that `isStreamable`), with the same records, problems and errors.
 */
export async function readRecordsStream(
  stream: ByteStream,
  file: string,
  format: Format,
  specs: readonly FieldSpec[],
  records: string,
  sink: RecordSink,
  log: ProblemLog,
  options: ReadOptions = {},
  streaming: StreamOptions = {}
): Promise<void> {
  const parallel = streaming.parallel
  const delimited = format === 'csv' || format === 'tsv'
  const inParallel =
    parallel !== undefined &&
    stream.size >= (parallel.minBytes ?? PARALLEL_MIN_BYTES)
  const reader: PieceReader | undefined =
    format === 'jsonl'
      ? inParallel
        ? new ParallelJsonLinesReader(
            file,
            specs,
            records,
            sink,
            log,
            parallel.pool
          )
        : new JsonLinesReader(file, specs, records, sink, log)
      : !delimited
        ? undefined
        : inParallel
          ? new ParallelDelimitedReader(
              file,
              delimiterChar(format, options.delimiter),
              specs,
              records,
              sink,
              log,
              parallel.pool
            )
          : new DelimitedReader(
              file,
              delimiterChar(format, options.delimiter),
              specs,
              records,
              sink,
              log
            )
  if (reader === undefined) {
    throw new Error(`format ${format} is not read from a stream`)
  }
  await readStream(stream, file, records, reader, streaming)
}
