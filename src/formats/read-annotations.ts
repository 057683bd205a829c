import type { Format } from '../config/schema.js'
import type { AnnotationTableBuilder } from '../model/annotation-table.js'
import type { Problem } from '../model/problem.js'
import { estimateRecords } from './estimate-records.js'
import { ProblemLog } from './problem-log.js'
import { readRecords } from './read-records.js'

export interface AnnotationFields {
  item: string
  annotator: string
  label: string
}

/**
 * Adds every annotation record of one file to `builder` (raw label text; the
 * schema is checked when ratings are built) and appends this file's data
 * problems to `problems`. Throws a UserError when the file cannot be read.
 */
export function readAnnotationFile(
  bytes: Uint8Array,
  file: string,
  format: Format,
  fields: AnnotationFields,
  builder: AnnotationTableBuilder,
  problems: Problem[]
): void {
  const log = new ProblemLog()
  const fileCode = builder.addFile(file)
  builder.reserve(estimateRecords(bytes, format))
  readRecords(
    bytes,
    file,
    format,
    [
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
    ],
    'annotation records',
    (codes, line) =>
      builder.addCodes(codes[0]!, codes[1]!, codes[2]!, fileCode, line),
    log
  )
  problems.push(...log.finish())
}
