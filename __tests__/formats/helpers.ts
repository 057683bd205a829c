import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Format } from '../../src/config/schema.js'
import { UserError } from '../../src/errors.js'
import { readAnnotationFile } from '../../src/formats/read-annotations.js'
import {
  AnnotationTableBuilder,
  type AnnotationTable
} from '../../src/model/annotation-table.js'
import type { Problem } from '../../src/model/problem.js'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export function fixture(path: string): Uint8Array {
  return readFileSync(`${ROOT}__fixtures__/${path}`)
}

export const FIELDS = {
  item: 'item_id',
  annotator: 'annotator',
  label: 'label'
}

export interface Read {
  table: AnnotationTable
  problems: Problem[]
  /** item, annotator, label, line per row. */
  rows: [string, string, string, number][]
}

export function readBytes(
  bytes: Uint8Array,
  file: string,
  format: Format,
  fields = FIELDS
): Read {
  const builder = new AnnotationTableBuilder()
  const problems: Problem[] = []
  readAnnotationFile(bytes, file, format, fields, builder, problems)
  const table = builder.finish()
  const rows: Read['rows'] = []
  for (let r = 0; r < table.size; r++) {
    rows.push([
      table.items.values[table.item[r]!]!,
      table.annotators.values[table.annotator[r]!]!,
      table.labels.values[table.label[r]!]!,
      table.line[r]!
    ])
  }
  return { table, problems, rows }
}

export function readText(
  text: string,
  format: Format = 'csv',
  fields = FIELDS
): Read {
  return readBytes(
    new TextEncoder().encode(text),
    `data/x.${format}`,
    format,
    fields
  )
}

export function readFixture(
  name: string,
  format: Format,
  fields = FIELDS
): Read {
  return readBytes(fixture(`formats/${name}`), `data/${name}`, format, fields)
}

/** The one-line message the CLI would print, or a failure when nothing is thrown. */
export function userError(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof UserError) return error.format()
    throw error
  }
  throw new Error('expected a UserError')
}
