import type { Format } from '../config/schema.js'
import type { AnnotationTableBuilder } from '../model/annotation-table.js'
import type { Problem } from '../model/problem.js'
import type { ByteStream } from '../source/byte-stream.js'
import { estimateFromStart, estimateRecords } from './estimate-records.js'
import type { FieldSpec, RecordSink } from './field-spec.js'
import { ProblemLog } from './problem-log.js'
import { readRecords, readRecordsStream } from './read-records.js'
import type { ReadOptions } from './read-options.js'
import type { ParallelRead, StreamOptions } from './read-stream.js'

export interface AnnotationFields {
  item: string
  annotator: string
  label: string
  /**
   * The config key that names each of the builder's extra columns (for the
   * hint when one is missing), e.g. `lineage.required`; default `lineage`.
   */
  extraKeys?: ReadonlyMap<string, string>
}

/**
 * Told how reading goes, for a progress line: a file starts (its size in
 * bytes, 0 when unknown), then bytes of it are read and records added.
 */
export interface ReadProgress {
  startFile(file: string, size: number): void
  advance(bytes: number, records: number): void
}

/**
 * Adds every annotation record of one file to `builder` (raw label text; the
 * schema is checked when ratings are built) and appends this file's data
 * problems to `problems`. Throws a UserError when the file cannot be read.
 * The builder's extra columns (lineage fields) are read too, as optional
 * fields: a record without one keeps '' there. `options`: the delimiter and
 * the Label Studio settings.
 */
export function readAnnotationFile(
  bytes: Uint8Array,
  file: string,
  format: Format,
  fields: AnnotationFields,
  builder: AnnotationTableBuilder,
  problems: Problem[],
  options: ReadOptions = {}
): void {
  const log = new ProblemLog()
  builder.reserve(estimateRecords(bytes, format))
  const { specs, sink } = annotationSpecs(file, fields, builder)
  readRecords(
    bytes,
    file,
    format,
    specs,
    'annotation records',
    sink,
    log,
    options
  )
  problems.push(...log.finish())
}

/**
 * `readAnnotationFile` for a file read in pieces (formats that
 * `isStreamable`): the same records, problems and errors, in the memory of
 * one buffer (`chunkBytes` to start with). Closes the stream.
 */
export async function readAnnotationStream(
  stream: ByteStream,
  file: string,
  format: Format,
  fields: AnnotationFields,
  builder: AnnotationTableBuilder,
  problems: Problem[],
  options: ReadOptions = {},
  progress?: ReadProgress,
  chunkBytes?: number,
  parallel?: ParallelRead
): Promise<void> {
  const log = new ProblemLog()
  const { specs, sink } = annotationSpecs(file, fields, builder)
  const before = builder.size
  progress?.startFile(file, stream.size)
  const streaming: StreamOptions = {
    chunkBytes,
    parallel,
    onStart: (start, size) =>
      builder.reserve(estimateFromStart(start, size, format)),
    onRead:
      progress && ((bytes) => progress.advance(bytes, builder.size - before))
  }
  try {
    await readRecordsStream(
      stream,
      file,
      format,
      specs,
      'annotation records',
      sink,
      log,
      options,
      streaming
    )
  } finally {
    await stream.close()
  }
  problems.push(...log.finish())
}

/** The fields an annotation file is read for, and the sink that adds a record to `builder`. */
function annotationSpecs(
  file: string,
  fields: AnnotationFields,
  builder: AnnotationTableBuilder
): { specs: FieldSpec[]; sink: RecordSink } {
  const fileCode = builder.addFile(file)
  const specs: FieldSpec[] = [
    {
      role: 'item',
      name: fields.item,
      configKey: 'fields.item',
      interner: builder.items,
      required: true
    },
    {
      role: 'annotator',
      name: fields.annotator,
      configKey: 'fields.annotator',
      interner: builder.annotators,
      required: true
    },
    {
      role: 'label',
      name: fields.label,
      configKey: 'fields.label',
      interner: builder.labels,
      required: false
    }
  ]
  const extras = builder.extraNames.length
  builder.extraNames.forEach((name, k) =>
    specs.push({
      role:
        fields.extraKeys?.get(name) === 'slices'
          ? 'slice column'
          : 'lineage field',
      name,
      configKey: fields.extraKeys?.get(name) ?? 'lineage',
      interner: builder.extraValues[k]!,
      required: false,
      extra: true
    })
  )
  // Without extras (no lineage configured) the sink is the one it always was.
  const sink: RecordSink =
    extras === 0
      ? (codes, line) =>
          builder.addCodes(codes[0]!, codes[1]!, codes[2]!, fileCode, line)
      : (codes, line) => {
          builder.addCodes(codes[0]!, codes[1]!, codes[2]!, fileCode, line)
          for (let k = 0; k < extras; k++) builder.setExtra(k, codes[3 + k]!)
        }
  return { specs, sink }
}
