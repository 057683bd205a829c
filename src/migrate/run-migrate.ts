import type { Config, DatasetConfig } from '../config/schema.js'
import { UserError } from '../errors.js'
import { formatOf } from '../formats/format-of.js'
import { delimiterChar } from '../formats/read-options.js'
import { loadLabelSchema } from '../schema/label-schema.js'
import { migrateLabel, stepsInOrder } from '../schema/migrate-label.js'
import { checkPattern } from '../source/path-pattern.js'
import type { Source } from '../source/source.js'
import { rewriteLabels, type RewrittenFile } from './rewrite-labels.js'
import {
  rewriteStructuredLabels,
  structuredShape
} from './rewrite-structured.js'
import { DEFAULT_SEPARATOR } from '../structured/multi-label/read-multi-label.js'

/** One label file's outcome, in the order the files were read. */
export interface MigratedFile {
  dataset: string
  file: string
  /** Whose labels: the annotations or the reference (gold) labels. */
  role: 'annotations' | 'reference'
  result: RewrittenFile
}

export interface MigratePlan {
  files: MigratedFile[]
  /** The new content of each file that changes (last write wins per path). */
  writes: Map<string, Uint8Array>
  /** Datasets without a schema file, or whose schema has no migration. */
  skipped: { dataset: string; reason: string }[]
  /** Label files in a format whose labels migrate cannot rewrite in place. */
  skippedFiles: { dataset: string; file: string; reason: string }[]
}

/**
 * Plans `labelgate migrate`: runs every label file of the chosen datasets
 * (annotations and reference) through its schema's migrations, in memory:
 * category files by their label field, multi_label, span and box files by
 * where their format keeps labels (rewrite-structured.ts); a structured
 * file in a format it cannot rewrite in place is listed as skipped.
 * Any file that cannot be read stops the run here, before anything is
 * written. A file that two datasets share is read once and rewritten in turn.
 */
export async function planMigration(
  config: Config,
  source: Source,
  datasets?: readonly string[]
): Promise<MigratePlan> {
  const names = new Set(config.datasets.map((d) => d.name))
  for (const name of datasets ?? []) {
    if (!names.has(name)) {
      throw new UserError(
        `no dataset named '${name}' (datasets: ${[...names].join(', ')})`,
        { field: '--dataset' }
      )
    }
  }
  const plan: MigratePlan = {
    files: [],
    writes: new Map(),
    skipped: [],
    skippedFiles: []
  }
  const current = async (file: string): Promise<Uint8Array> => {
    const planned = plan.writes.get(file)
    if (planned !== undefined) return planned
    const bytes = await source.read(file)
    if (bytes === undefined) {
      throw new UserError(`does not exist at ${source.label}`, { file })
    }
    return bytes
  }
  for (const dataset of config.datasets) {
    if (datasets !== undefined && !datasets.includes(dataset.name)) continue
    const schema = await schemaOf(dataset, source)
    if (schema === null) {
      plan.skipped.push({
        dataset: dataset.name,
        reason: 'has no schema file, so no migration'
      })
      continue
    }
    if (schema.migrations.length === 0) {
      plan.skipped.push({
        dataset: dataset.name,
        reason: `its schema ${schema.file} has no migration`
      })
      continue
    }
    const steps = stepsInOrder(schema)
    const relabel = (label: string): string | null | undefined =>
      migrateLabel(schema, label, steps)?.to
    const groups: {
      role: MigratedFile['role']
      pattern: string
      field: string
      label: string
      format: DatasetConfig['format']
      delimiter: DatasetConfig['delimiter']
    }[] = [
      {
        role: 'annotations',
        pattern: dataset.path,
        field: 'path',
        label: dataset.fields.label,
        format: dataset.format,
        delimiter: dataset.delimiter
      }
    ]
    if (dataset.reference !== undefined) {
      groups.push({
        role: 'reference',
        pattern: dataset.reference.path,
        field: 'reference.path',
        label: dataset.reference.fields.label,
        format: dataset.reference.format,
        delimiter: dataset.reference.delimiter
      })
    }
    let classIds = false
    for (const group of groups) {
      checkPattern(group.pattern, group.field)
      for (const file of await source.list(group.pattern)) {
        const format = formatOf(file, group.format)
        const delimiter = delimiterChar(format, group.delimiter)
        let result: RewrittenFile
        if (dataset.type === 'category') {
          result = rewriteLabels(
            await current(file),
            file,
            format,
            group.label,
            relabel,
            delimiter
          )
        } else {
          const how = structuredShape(dataset.type, format)
          if ('shape' in how && how.shape === 'class-ids') {
            // Its boxes hold class ids: the names are in box.classes, below.
            classIds = true
            continue
          }
          if ('skip' in how) {
            plan.skippedFiles.push({
              dataset: dataset.name,
              file,
              reason: how.skip
            })
            continue
          }
          result = rewriteStructuredLabels(
            await current(file),
            file,
            how,
            {
              labelField: group.label,
              separator: dataset.multi_label?.separator ?? DEFAULT_SEPARATOR,
              delimiter
            },
            relabel
          )
        }
        if (result.bytes !== null) plan.writes.set(file, result.bytes)
        plan.files.push({
          dataset: dataset.name,
          file,
          role: group.role,
          result
        })
      }
    }
    const classes = dataset.box?.classes
    if (classIds && classes !== undefined) {
      if (/\.ya?ml$/i.test(classes)) {
        plan.skippedFiles.push({
          dataset: dataset.name,
          file: classes,
          reason:
            'labelgate migrate does not rewrite the names of a YOLO data.yaml (only a classes file with one name a line); rename them by hand'
        })
      } else {
        const result = rewriteStructuredLabels(
          await current(classes),
          classes,
          { shape: 'class-ids' },
          { labelField: 'label', separator: '', delimiter: '' },
          relabel
        )
        if (result.bytes !== null) plan.writes.set(classes, result.bytes)
        plan.files.push({
          dataset: dataset.name,
          file: classes,
          role: 'annotations',
          result
        })
      }
    }
  }
  return plan
}

async function schemaOf(
  dataset: DatasetConfig,
  source: Source
): Promise<ReturnType<typeof loadLabelSchema> | null> {
  if (dataset.schema === undefined) return null
  checkPattern(dataset.schema, 'schema')
  const bytes = await source.read(dataset.schema)
  if (bytes === undefined) {
    throw new UserError(`label schema not found at ${source.label}`, {
      file: dataset.schema,
      field: `datasets.${dataset.name}.schema`
    })
  }
  return loadLabelSchema(new TextDecoder().decode(bytes), dataset.schema)
}
