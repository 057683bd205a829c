import { decodeTextFile } from '../config/decode-text-file.js'
import { listFiles, mustRead } from '../source/list-and-read.js'
import type { DatasetConfig, ReferenceConfig } from '../config/schema.js'
import { UserError } from '../errors.js'
import { formatOf } from '../formats/format-of.js'
import {
  readAnnotationFile,
  readAnnotationStream,
  type ReadProgress
} from '../formats/read-annotations.js'
import { isStreamable } from '../formats/read-records.js'
import type { LineageRows } from '../governance/lineage.js'
import { AnnotationTableBuilder } from '../model/annotation-table.js'
import { buildRatings, type BuiltRatings } from '../model/build-ratings.js'
import { Interner } from '../model/interner.js'
import type { Problem } from '../model/problem.js'
import { ProblemLog } from '../formats/problem-log.js'
import { readReferenceFile } from '../formats/read-reference.js'
import type { ReadOptions } from '../formats/read-options.js'
import type { ParallelRead } from '../formats/read-stream.js'
import {
  ReferenceTableBuilder,
  type ReferenceTable
} from '../model/reference-table.js'
import type { Source } from '../source/source.js'
import { annotationFiles } from '../source/dataset-files.js'
import { checkPattern } from '../source/path-pattern.js'
import { loadLabelSchema, type LabelSchema } from '../schema/label-schema.js'
import type { TrustedElementReference } from '../structured/structured-kind.js'

/** One dataset at one version, parsed and checked, ready for the metrics. */
export interface DatasetVersion extends BuiltRatings {
  files: string[]
  referenceFiles: string[]
  /** Annotation records whose label the vocabulary's renames changed. */
  renamed: number
  /** Annotation records holding each of the vocabulary's `count` labels. */
  counted: Map<string, number>
  /**
   * The annotation table's extra columns (lineage fields and slice columns),
   * for `ratings.row` to point into; null unless they were asked for
   * (`readVersion`'s `lineage`).
   */
  lineage: LineageRows | null
}

/**
 * The extra columns a dataset's config names, each once, and the config key
 * that names it: the lineage fields, then the slice columns (`slices`).
 */
export function lineageFields(
  dataset: DatasetConfig
): ReadonlyMap<string, string> {
  const fields = new Map<string, string>()
  const l = dataset.lineage
  if (l !== undefined) {
    for (const f of l.required) fields.set(f, 'lineage.required')
    if (l.timestamp !== undefined && !fields.has(l.timestamp)) {
      fields.set(l.timestamp, 'lineage.timestamp')
    }
  }
  for (const c of dataset.slices ?? [])
    if (!fields.has(c)) fields.set(c, 'slices')
  return fields
}

/** True when the head must be read with its extra columns (lineage fields or slices). */
export function needsExtraColumns(dataset: DatasetConfig): boolean {
  return dataset.lineage !== undefined || dataset.slices !== undefined
}

/**
 * The interners a version's ids and labels are coded with. Base and head of
 * one dataset share one, so their codes agree (see `diffRatings`).
 */
export interface CodeSpace {
  items: Interner
  annotators: Interner
  labels: Interner
  /** The trusted reference labels, read on first use (one trusted side per space). */
  reference?: Promise<TrustedReference>
  /** The same for a multi_label, span or box dataset. */
  structuredReference?: Promise<TrustedElementReference>
}

/** Reference labels as read from the trusted side, with their reader problems. */
export interface TrustedReference {
  table: ReferenceTable
  files: string[]
  problems: Problem[]
}

/** How a dataset's annotation files are read beyond the field names. */
export function datasetReadOptions(dataset: DatasetConfig): ReadOptions {
  return {
    delimiter: dataset.delimiter,
    annotatorKey: dataset.annotator_key,
    // Ground-truth annotations that are the reference are not also ratings.
    groundTruth: dataset.reference?.ground_truth === true ? 'skip' : 'all'
  }
}

/** How a reference's files are read beyond the field names. */
export function referenceOptions(
  ref: ReferenceConfig,
  annotatorKey: DatasetConfig['annotator_key']
): ReadOptions {
  return { delimiter: ref.delimiter, annotatorKey, groundTruth: 'only' }
}

async function readReference(
  ref: ReferenceConfig,
  datasetName: string,
  trusted: Source,
  items: Interner,
  annotatorKey: DatasetConfig['annotator_key']
): Promise<TrustedReference> {
  const files = await listFiles(trusted, ref.path, 'reference.path')
  if (files.length === 0) {
    throw new UserError(
      `reference '${ref.path}' matches no file at ${trusted.label}`,
      { field: `datasets.${datasetName}.reference.path` }
    )
  }
  const builder = new ReferenceTableBuilder(items)
  const problems: Problem[] = []
  for (const file of files) {
    const bytes = await mustRead(trusted, file)
    readReferenceFile(
      bytes,
      file,
      formatOf(file, ref.format),
      ref.fields,
      builder,
      problems,
      referenceOptions(ref, annotatorKey)
    )
  }
  return { table: builder.finish(), files, problems }
}

export function newCodeSpace(): CodeSpace {
  return {
    items: new Interner(),
    annotators: new Interner(),
    labels: new Interner()
  }
}

/** The words a version's labels are checked and compared in. */
export interface Vocabulary {
  /** The categories (from the label schema file); default the config's. */
  categories?: readonly string[]
  /** A schema migration's renames for the annotation labels (the base's). */
  renames?: ReadonlyMap<string, string>
  /** The same for the reference labels, when they come from the base. */
  referenceRenames?: ReadonlyMap<string, string>
  /** Categories the trusted reference labels may hold besides `categories`. */
  referenceOnly?: readonly string[]
  /** Labels a migration renamed or removed, and what to say about them. */
  migrated?: ReadonlyMap<string, string>
  /** Labels whose annotation records to count (as read, before renames). */
  count?: ReadonlySet<string>
}

/** Records of a table holding each of `texts` (raw label text), by one pass over the codes. */
export function countLabels(
  table: { size: number; label: Int32Array; labels: Interner },
  texts: ReadonlySet<string> | undefined
): Map<string, number> {
  const counts = new Map<string, number>()
  if (texts === undefined || texts.size === 0) return counts
  const perCode = new Float64Array(table.labels.size)
  for (let r = 0; r < table.size; r++) perCode[table.label[r]!]!++
  table.labels.values.forEach((text, code) => {
    if (texts.has(text)) counts.set(text, perCode[code]!)
  })
  return counts
}

/**
 * Reads a dataset's annotation files from `labels` and its reference labels
 * from `trusted` (on a pull request, the base: a PR cannot rewrite its own gold
 * set). Returns null when the dataset has no file at this version.
 * `lineage`: also read the lineage fields and slice columns the config names
 * (the head only; without it nothing more than item, annotator and label is
 * read).
 * Files in formats read line by line are streamed when `labels` can
 * (`Source.open`): memory then grows with the distinct ids, not the bytes.
 * `progress`: told how the reading goes. `parallel`: worker threads that
 * read large CSV and TSV files (the same table as without them).
 */
export async function readVersion(
  dataset: DatasetConfig,
  labels: Source,
  trusted: Source,
  vocabulary: Vocabulary = {},
  lineage = false,
  space: CodeSpace = newCodeSpace(),
  progress?: ReadProgress,
  parallel?: ParallelRead
): Promise<DatasetVersion | null> {
  // Never the dataset's own reference or schema files, nor `exclude`d ones.
  const files = annotationFiles(
    await listFiles(labels, dataset.path, 'path'),
    dataset
  )
  if (files.length === 0) return null

  const items = space.items
  const extraKeys = lineage ? lineageFields(dataset) : new Map<string, string>()
  const builder = new AnnotationTableBuilder(
    items,
    undefined,
    [...extraKeys.keys()],
    { annotators: space.annotators, labels: space.labels }
  )
  const fields = { ...dataset.fields, extraKeys }
  const problems: Problem[] = []
  for (const file of files) {
    const format = formatOf(file, dataset.format)
    const stream = isStreamable(format) ? await labels.open?.(file) : undefined
    if (stream !== undefined) {
      await readAnnotationStream(
        stream,
        file,
        format,
        fields,
        builder,
        problems,
        datasetReadOptions(dataset),
        progress,
        undefined,
        parallel
      )
      continue
    }
    const bytes = await mustRead(labels, file)
    readAnnotationFile(
      bytes,
      file,
      format,
      fields,
      builder,
      problems,
      datasetReadOptions(dataset)
    )
  }

  // Base and head share one code space and one trusted side: the reference
  // labels are read once for both.
  let reference: TrustedReference | null = null
  if (dataset.reference !== undefined) {
    space.reference ??= readReference(
      dataset.reference,
      dataset.name,
      trusted,
      items,
      dataset.annotator_key
    )
    reference = await space.reference
  }

  const table = builder.finish()
  let renamed = 0
  if (vocabulary.renames !== undefined && vocabulary.renames.size > 0) {
    const labels = table.labels.values
    const isRenamed = new Uint8Array(labels.length)
    labels.forEach((text, code) => {
      if (vocabulary.renames!.has(text)) isRenamed[code] = 1
    })
    for (let r = 0; r < table.size; r++) renamed += isRenamed[table.label[r]!]!
  }
  const built = buildRatings(
    table,
    {
      level: dataset.level,
      categories: vocabulary.categories ?? dataset.categories,
      renames: vocabulary.renames,
      referenceRenames: vocabulary.referenceRenames,
      referenceOnly: vocabulary.referenceOnly,
      migrated: vocabulary.migrated
    },
    reference?.table
  )
  return {
    ...built,
    problems: [...problems, ...(reference?.problems ?? []), ...built.problems],
    files,
    referenceFiles: reference?.files ?? [],
    renamed,
    counted: countLabels(table, vocabulary.count),
    lineage: extraKeys.size > 0 ? table : null
  }
}

/**
 * The label schema file at a version, when the config names one. It travels
 * with the labels: each version is checked against its own schema, and the
 * change between base and head is checked separately.
 */
export async function readLabelSchema(
  dataset: DatasetConfig,
  source: Source
): Promise<LabelSchema | null> {
  if (dataset.schema === undefined) return null
  checkPattern(dataset.schema, 'schema')
  const bytes = await source.read(dataset.schema)
  if (bytes === undefined) return null
  return loadLabelSchema(decodeTextFile(bytes, dataset.schema), dataset.schema)
}

/**
 * The head's own reference files, when the check reads the trusted ones from
 * the base: they are not used for the metrics, but after the merge they will
 * be, so a label in them that a migration renamed or removed is an error now,
 * at its file and line. A head without the files has nothing to check.
 */
export async function migratedReferenceLabels(
  dataset: DatasetConfig,
  head: Source,
  migrated: ReadonlyMap<string, string>
): Promise<Problem[]> {
  const ref = dataset.reference
  if (ref === undefined || migrated.size === 0) return []
  const files = await listFiles(head, ref.path, 'reference.path')
  const builder = new ReferenceTableBuilder()
  const ignored: Problem[] = []
  for (const file of files) {
    readReferenceFile(
      await mustRead(head, file),
      file,
      formatOf(file, ref.format),
      ref.fields,
      builder,
      ignored,
      referenceOptions(ref, dataset.annotator_key)
    )
  }
  const table = builder.finish()
  const labels = table.labels.values
  const log = new ProblemLog()
  for (let r = 0; r < table.size; r++) {
    const text = labels[table.label[r]!]!
    const why = migrated.get(text)
    if (why === undefined) continue
    log.add('reference labels a migration renamed or removed', {
      severity: 'error',
      file: table.files[table.file[r]!]!,
      line: table.line[r]!,
      field: 'label',
      message: `reference label '${text}' ${why}`
    })
  }
  return log.finish()
}
