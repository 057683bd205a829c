import {
  DEFAULT_FIELDS,
  REFERENCE_FORMATS,
  type Format
} from '../config/schema.js'
import { UserError } from '../errors.js'
import type { Problem } from '../model/problem.js'
import type { ReferenceTableBuilder } from '../model/reference-table.js'
import { ProblemLog } from './problem-log.js'
import { readRecords } from './read-records.js'
import { Interner } from '../model/interner.js'
import type { FieldSpec, RecordSink } from './field-spec.js'
import type { ReadOptions } from './read-options.js'

export interface ReferenceFields {
  item: string
  label: string
}

/**
 * Adds every reference (gold) record of one file to `builder` and appends this
 * file's data problems to `problems`. Throws a UserError when the file cannot
 * be read. A Label Studio export gives its ground-truth annotations (the
 * reader takes item, annotator and label; the annotator is not kept).
 */
export function readReferenceFile(
  bytes: Uint8Array,
  file: string,
  format: Format,
  fields: ReferenceFields,
  builder: ReferenceTableBuilder,
  problems: Problem[],
  options: ReadOptions = {}
): void {
  if (!(REFERENCE_FORMATS as readonly string[]).includes(format)) {
    throw new UserError(
      `reference labels cannot be read in format ${format} (use one of ${REFERENCE_FORMATS.join(', ')})`,
      { file, field: 'reference.format' }
    )
  }
  const log = new ProblemLog()
  const fileCode = builder.addFile(file)
  const item: FieldSpec = {
    role: 'item',
    name: fields.item,
    configKey: 'reference.fields.item',
    interner: builder.items,
    required: true
  }
  const label: FieldSpec = {
    role: 'label',
    name: fields.label,
    configKey: 'reference.fields.label',
    interner: builder.labels,
    required: false
  }
  let specs: FieldSpec[] = [item, label]
  let sink: RecordSink = (codes, line) =>
    builder.addCodes(codes[0]!, codes[1]!, fileCode, line)
  if (format === 'label-studio') {
    const annotator: FieldSpec = {
      role: 'annotator',
      name: DEFAULT_FIELDS.annotator,
      configKey: 'reference.fields.annotator',
      interner: new Interner(),
      required: true
    }
    specs = [item, annotator, label]
    sink = (codes, line) =>
      builder.addCodes(codes[0]!, codes[2]!, fileCode, line)
    options = { ...options, groundTruth: 'only' }
  }
  readRecords(
    bytes,
    file,
    format,
    specs,
    'reference records',
    sink,
    log,
    options
  )
  problems.push(...log.finish())
}
