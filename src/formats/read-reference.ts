import { REFERENCE_FORMATS, type Format } from '../config/schema.js'
import { UserError } from '../errors.js'
import type { Problem } from '../model/problem.js'
import type { ReferenceTableBuilder } from '../model/reference-table.js'
import { ProblemLog } from './problem-log.js'
import { readRecords } from './read-records.js'

export interface ReferenceFields {
  item: string
  label: string
}

/**
 * Adds every reference (gold) record of one file to `builder` and appends this
 * file's data problems to `problems`. Throws a UserError when the file cannot
 * be read.
 */
export function readReferenceFile(
  bytes: Uint8Array,
  file: string,
  format: Format,
  fields: ReferenceFields,
  builder: ReferenceTableBuilder,
  problems: Problem[]
): void {
  if (!(REFERENCE_FORMATS as readonly string[]).includes(format)) {
    throw new UserError(
      `reference labels cannot be read in format ${format} (use one of ${REFERENCE_FORMATS.join(', ')})`,
      { file, field: 'reference.format' }
    )
  }
  const log = new ProblemLog()
  const fileCode = builder.addFile(file)
  readRecords(
    bytes,
    file,
    format,
    [
      {
        role: 'item',
        name: fields.item,
        configKey: 'reference.fields.item',
        interner: builder.items,
        required: true
      },
      {
        role: 'label',
        name: fields.label,
        configKey: 'reference.fields.label',
        interner: builder.labels,
        required: false
      }
    ],
    'reference records',
    (codes, line) => builder.addCodes(codes[0]!, codes[1]!, fileCode, line),
    log
  )
  problems.push(...log.finish())
}
