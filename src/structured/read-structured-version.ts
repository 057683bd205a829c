import type { DatasetConfig, ReferenceConfig } from '../config/schema.js'
import { listFiles, mustRead } from '../source/list-and-read.js'
import { UserError } from '../errors.js'
import { formatOf } from '../formats/format-of.js'
import { ProblemLog } from '../formats/problem-log.js'
import type { Problem } from '../model/problem.js'
import type { Source } from '../source/source.js'
import { annotationFiles } from '../source/dataset-files.js'
import {
  lineageFields,
  type CodeSpace,
  type Vocabulary
} from '../check/read-version.js'
import type { LineageRows } from '../governance/lineage.js'
import { didYouMean } from '../util/did-you-mean.js'
import { quote } from '../util/excerpt.js'
import {
  ElementTableBuilder,
  type ElementTable,
  type StructuredType
} from './element-table.js'
import { kindOf } from './kinds.js'
import { LINEAGE_FORMATS } from './lineage-values.js'
import type { TrustedElementReference } from './structured-kind.js'
import { elementKeys, rowsByItem, sliceTable } from './table-rows.js'

/** One multi_label, span or box dataset at one version, read and checked. */
export interface StructuredVersion {
  structured: StructuredType
  /** One row per (item, annotator) annotation, duplicates removed. */
  table: ElementTable
  /** The trusted reference, one row per item; null without one. */
  reference: ElementTable | null
  problems: Problem[]
  files: string[]
  referenceFiles: string[]
  /** Annotations with an element label the vocabulary's renames changed. */
  renamed: number
  /** Annotations holding each of the vocabulary's `count` labels (as read). */
  counted: Map<string, number>
  /** Where each row's lineage fields are; null unless they were asked for. */
  lineage: LineageRows | null
  /** The categories the labels were checked against (schema or config), when declared. */
  categories?: readonly string[]
}

/**
 * Reads a dataset whose `type` is not `category`: its annotation files from
 * `labels`, its reference from `trusted` (once per code space, so base and
 * head are judged against the same gold), checks every element's label
 * against the categories at its file:line, applies the schema migration's
 * renames, and keeps one annotation per (item, annotator). Null when no file
 * matches at this version.
 */
export async function readStructuredVersion(
  dataset: DatasetConfig,
  labels: Source,
  trusted: Source,
  vocabulary: Vocabulary,
  space: CodeSpace,
  /** Also read the lineage fields the config names (the head only). */
  lineage = false
): Promise<StructuredVersion | null> {
  const type = dataset.type as StructuredType
  const auxiliary = await readAuxiliary(dataset, labels)
  const files = annotationFiles(
    await listFiles(labels, dataset.path, 'path'),
    dataset
  ).filter((f) => !auxiliary.names.has(f))
  if (files.length === 0) return null
  const builder = new ElementTableBuilder(
    type,
    space,
    lineage ? [...lineageFields(dataset).keys()] : []
  )
  const problems: Problem[] = []
  for (const file of files) {
    if (lineage) checkLineageFormat(dataset, file)
    readOne(
      dataset,
      file,
      await mustRead(labels, file),
      builder,
      problems,
      {
        item: dataset.fields.item,
        annotator: dataset.fields.annotator,
        label: dataset.fields.label
      },
      dataset.format,
      auxiliary.bytes
    )
  }
  let reference: TrustedElementReference | null = null
  if (dataset.reference !== undefined) {
    space.structuredReference ??= readReference(
      dataset,
      dataset.reference,
      trusted,
      space,
      vocabulary
    )
    reference = await space.structuredReference
  }
  const read = builder.finish()
  const counted = countRows(read, vocabulary.count)
  const renamed = applyRenames(read, vocabulary.renames)
  const log = new ProblemLog()
  const categories = vocabulary.categories ?? dataset.categories
  checkLabels(read, categories, [], vocabulary.migrated, log, '')
  const table = keepFirst(read, log, '')
  return {
    structured: type,
    table,
    reference: reference?.table ?? null,
    problems: [...problems, ...log.finish(), ...(reference?.problems ?? [])],
    files,
    referenceFiles: reference?.files ?? [],
    renamed,
    counted,
    lineage: table.extras.size > 0 ? table : null,
    ...(categories !== undefined && { categories })
  }
}

async function readReference(
  dataset: DatasetConfig,
  ref: ReferenceConfig,
  trusted: Source,
  space: CodeSpace,
  vocabulary: Vocabulary
): Promise<TrustedElementReference> {
  const files = await listFiles(trusted, ref.path, 'reference.path')
  if (files.length === 0) {
    throw new UserError(
      `reference '${ref.path}' matches no file at ${trusted.label}`,
      { field: `datasets.${dataset.name}.reference.path` }
    )
  }
  const builder = new ElementTableBuilder(dataset.type as StructuredType, space)
  const problems: Problem[] = []
  const auxiliary = await readAuxiliary(dataset, trusted)
  for (const file of files) {
    readOne(
      dataset,
      file,
      await mustRead(trusted, file),
      builder,
      problems,
      {
        item: ref.fields.item,
        label: ref.fields.label
      },
      ref.format,
      auxiliary.bytes
    )
  }
  const read = builder.finish()
  applyRenames(read, vocabulary.referenceRenames)
  const log = new ProblemLog()
  checkLabels(
    read,
    vocabulary.categories ?? dataset.categories,
    vocabulary.referenceOnly ?? [],
    undefined,
    log,
    'reference '
  )
  return {
    table: keepFirst(read, log, 'reference '),
    files,
    problems: [...problems, ...log.finish()]
  }
}

function readOne(
  dataset: DatasetConfig,
  file: string,
  bytes: Uint8Array,
  builder: ElementTableBuilder,
  problems: Problem[],
  fields: { item: string; annotator?: string; label: string },
  configured: DatasetConfig['format'] | ReferenceConfig['format'],
  auxiliary: ReadonlyMap<string, Uint8Array> = new Map()
): void {
  const kind = kindOf(builder.type)
  const format = formatOf(file, configured)
  const reader = kind.readers[format]
  if (reader === undefined) {
    const known = Object.keys(kind.readers)
    throw new UserError(
      known.length === 0
        ? `type ${kind.type} is not implemented yet`
        : `type ${kind.type} cannot be read from format ${format} (formats: ${known.join(', ')})`,
      { file, field: 'format' }
    )
  }
  reader({ bytes, file, format, dataset, fields, builder, problems, auxiliary })
}

/**
 * Lineage or slices on a file whose format carries no record fields stops
 * the run: every annotation would be missing its fields.
 */
function checkLineageFormat(dataset: DatasetConfig, file: string): void {
  const format = formatOf(file, dataset.format)
  const formats = LINEAGE_FORMATS[dataset.type] ?? []
  if (formats.includes(format)) return
  const what = dataset.lineage !== undefined ? 'lineage' : 'slices'
  const fields = what === 'lineage' ? 'lineage fields' : 'slice columns'
  throw new UserError(
    formats.length === 0
      ? `${what} is not available for type ${dataset.type} yet`
      : `format ${format} (${file}) carries no ${fields}; type ${dataset.type} reads them from ${formats.slice(0, -1).join(', ')} and ${formats.at(-1)} files`,
    { field: `datasets.${dataset.name}.${what}` }
  )
}

/** The kind's auxiliary files at this version (absent ones left out). */
async function readAuxiliary(
  dataset: DatasetConfig,
  source: Source
): Promise<{ names: Set<string>; bytes: Map<string, Uint8Array> }> {
  const names = new Set(
    kindOf(dataset.type as StructuredType).auxiliaryFiles?.(dataset) ?? []
  )
  const bytes = new Map<string, Uint8Array>()
  for (const name of names) {
    const b = await source.read(name)
    if (b !== undefined) bytes.set(name, b)
  }
  return { names, bytes }
}

/** Old label code → new label code, in place; returns the rows with a renamed element. */
function applyRenames(
  table: ElementTable,
  renames: ReadonlyMap<string, string> | undefined
): number {
  if (renames === undefined || renames.size === 0) return 0
  const to = new Int32Array(table.labels.size).fill(-1)
  table.labels.values.forEach((text, code) => {
    const renamed = renames.get(text)
    if (renamed !== undefined) to[code] = table.labels.intern(renamed)
  })
  let rows = 0
  const label = table.label as Int32Array
  for (let r = 0; r < table.size; r++) {
    let hit = false
    for (let e = table.start[r]!; e < table.start[r + 1]!; e++) {
      const code = label[e]!
      if (code < to.length && to[code]! >= 0) {
        label[e] = to[code]!
        hit = true
      }
    }
    if (hit) rows++
  }
  return rows
}

/** Annotations holding each label of `texts` (as read), for the trust-boundary check. */
export function countRows(
  table: ElementTable,
  texts: ReadonlySet<string> | undefined
): Map<string, number> {
  const counts = new Map<string, number>()
  if (texts === undefined || texts.size === 0) return counts
  const watched = new Map<number, string>()
  table.labels.values.forEach((text, code) => {
    if (texts.has(text)) watched.set(code, text)
  })
  for (let r = 0; r < table.size; r++) {
    const seen = new Set<string>()
    for (let e = table.start[r]!; e < table.start[r + 1]!; e++) {
      const text = watched.get(table.label[e]!)
      if (text !== undefined) seen.add(text)
    }
    for (const text of seen) counts.set(text, (counts.get(text) ?? 0) + 1)
  }
  return counts
}

/** Every element label outside the categories is an error at its file:line (the element stays). */
function checkLabels(
  table: ElementTable,
  categories: readonly string[] | undefined,
  extra: readonly string[],
  migrated: ReadonlyMap<string, string> | undefined,
  log: ProblemLog,
  prefix: string
): void {
  if (categories === undefined) return
  const allowed = new Set([...categories, ...extra])
  const reasons = new Map<number, { kind: string; message: string } | null>()
  const values = table.labels.values
  for (let r = 0; r < table.size; r++) {
    for (let e = table.start[r]!; e < table.start[r + 1]!; e++) {
      const code = table.label[e]!
      let reason = reasons.get(code)
      if (reason === undefined) {
        const text = values[code]!
        const why = migrated?.get(text)
        reason = allowed.has(text)
          ? null
          : why !== undefined
            ? {
                kind: `${prefix}labels a migration renamed or removed`,
                message: `${prefix}label ${quote(text)} ${why}`
              }
            : {
                kind: `${prefix}labels outside the categories`,
                message: `${prefix}label ${quote(text)} is not a category${didYouMean(text, categories)}`
              }
        reasons.set(code, reason)
      }
      if (reason === null) continue
      log.add(reason.kind, {
        severity: 'error',
        file: table.files[table.file[r]!]!,
        line: table.line[r]!,
        field: 'label',
        message: reason.message
      })
    }
  }
}

/**
 * One annotation per (item, annotator), or per item in a reference: a later
 * identical one is a warning, a different one an error naming both places;
 * the first is kept.
 */
function keepFirst(
  table: ElementTable,
  log: ProblemLog,
  prefix: string
): ElementTable {
  const { start, rows } = rowsByItem(table)
  const drop = new Uint8Array(table.size)
  let dropped = 0
  const place = (r: number, here: number): string =>
    table.file[r] === table.file[here]
      ? `line ${table.line[r]}`
      : `${table.files[table.file[r]!]}:${table.line[r]}`
  for (let i = 0; i + 1 < start.length; i++) {
    if (start[i + 1]! - start[i]! < 2) continue
    const first = new Map<number, number>()
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const r = rows[k]!
      const a = table.annotator[r]!
      const f = first.get(a)
      if (f === undefined) {
        first.set(a, r)
        continue
      }
      drop[r] = 1
      dropped++
      const item = quote(table.items.value(i))
      const who =
        a < 0 ? '' : ` by annotator ${quote(table.annotators.value(a))}`
      const same =
        elementKeys(table, f).join(';') === elementKeys(table, r).join(';')
      const kind = kindOf(table.type)
      log.add(
        same
          ? `identical ${prefix}duplicates`
          : `conflicting ${prefix}duplicates`,
        {
          severity: same ? 'warning' : 'error',
          file: table.files[table.file[r]!]!,
          line: table.line[r]!,
          ...(same ? {} : { field: 'label' }),
          message: same
            ? `duplicate of ${place(f, r)} (item ${item}${who})`
            : `conflicting ${prefix}annotations of item ${item}${who}: ${quote(kind.describe(table, f))} at ${place(f, r)} and ${quote(kind.describe(table, r))} at line ${table.line[r]}`
        }
      )
    }
  }
  return dropped === 0 ? table : sliceTable(table, (r) => drop[r] === 0)
}

/**
 * The head's own reference files of a structured dataset, when the check
 * reads the trusted ones from the base: an element label in them that a
 * migration renamed or removed is an error now, at its file and line (after
 * the merge these files are the gold).
 */
export async function migratedStructuredReferenceLabels(
  dataset: DatasetConfig,
  head: Source,
  migrated: ReadonlyMap<string, string>
): Promise<Problem[]> {
  const ref = dataset.reference
  if (ref === undefined || migrated.size === 0) return []
  const builder = new ElementTableBuilder(dataset.type as StructuredType)
  const ignored: Problem[] = []
  const auxiliary = await readAuxiliary(dataset, head)
  for (const file of await listFiles(head, ref.path, 'reference.path')) {
    readOne(
      dataset,
      file,
      await mustRead(head, file),
      builder,
      ignored,
      {
        item: ref.fields.item,
        label: ref.fields.label
      },
      ref.format,
      auxiliary.bytes
    )
  }
  const table = builder.finish()
  const log = new ProblemLog()
  for (let r = 0; r < table.size; r++) {
    for (let e = table.start[r]!; e < table.start[r + 1]!; e++) {
      const text = table.labels.value(table.label[e]!)
      const why = migrated.get(text)
      if (why === undefined) continue
      log.add('reference labels a migration renamed or removed', {
        severity: 'error',
        file: table.files[table.file[r]!]!,
        line: table.line[r]!,
        field: 'label',
        message: `reference label ${quote(text)} ${why}`
      })
    }
  }
  return log.finish()
}
