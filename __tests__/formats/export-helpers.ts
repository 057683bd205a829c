import type { Format } from '../../src/config/schema.js'
import { readAnnotationFile } from '../../src/formats/read-annotations.js'
import { AnnotationTableBuilder } from '../../src/model/annotation-table.js'
import type { Problem } from '../../src/model/problem.js'
import type { ReadOptions } from '../../src/formats/read-options.js'

const DEFAULTS = { item: 'item_id', annotator: 'annotator', label: 'label' }

export type Fields = Partial<typeof DEFAULTS>

/** Reads bytes with the given lineage extras; rows as [item, annotator, label, line, ...extras]. */
export function readExport(
  bytes: Uint8Array,
  file: string,
  format: Format,
  fields: Fields = {},
  extras: string[] = [],
  options: ReadOptions = {}
) {
  const builder = new AnnotationTableBuilder(undefined, undefined, extras)
  const problems: Problem[] = []
  readAnnotationFile(
    bytes,
    file,
    format,
    { ...DEFAULTS, ...fields },
    builder,
    problems,
    options
  )
  const table = builder.finish()
  const rows: (string | number)[][] = []
  for (let r = 0; r < table.size; r++) {
    rows.push([
      table.items.value(table.item[r]!),
      table.annotators.value(table.annotator[r]!),
      table.labels.value(table.label[r]!),
      table.line[r]!,
      ...extras.map((name) => {
        const c = table.extras.get(name)!
        return c.values.value(c.code[r]!)
      })
    ])
  }
  return { table, rows, problems }
}
