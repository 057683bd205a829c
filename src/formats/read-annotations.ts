import type { Format } from '../config/schema.js'
import type { AnnotationTableBuilder } from '../model/annotation-table.js'
import type { Problem } from '../model/problem.js'
import { estimateRecords } from './estimate-records.js'
import type { FieldSpec, RecordSink } from './field-spec.js'
import { ProblemLog } from './problem-log.js'
import { readRecords } from './read-records.js'
import type { ReadOptions } from './read-options.js'

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
  const fileCode = builder.addFile(file)
  builder.reserve(estimateRecords(bytes, format))
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
