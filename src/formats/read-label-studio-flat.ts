import { DEFAULT_FIELDS } from '../config/schema.js'
import { UserError } from '../errors.js'
import { CsvScanner } from './csv-scanner.js'
import { wrongDelimiter } from './read-delimited.js'
import { ExportRecords, scalarText } from './export-records.js'
import { missingField, type FieldSpec, type RecordSink } from './field-spec.js'
import { LabelStudioAnnotators } from './label-studio-annotators.js'
import type { ProblemLog } from './problem-log.js'
import {
  elementLines,
  isRecord,
  kindOf,
  parseJsonDocument
} from './read-json.js'
import type { ReadOptions } from './read-options.js'

/** One flat record of a JSON-MIN or CSV export: a value by key, and the keys. */
interface FlatRecord {
  readonly line: number
  /** The key's value; undefined when the record has no such key. */
  get(key: string): unknown
  keys(): string[]
}

/**
 * Label Studio's JSON-MIN export (`format: label-studio-min`): an array of
 * flat records, one per annotation, `{ <task data keys>, id, <from_name>:
 * <choice> | {choices: [...]}, annotator, annotation_id, created_at,
 * updated_at, lead_time }`.
 */
export function readLabelStudioMin(
  bytes: Uint8Array,
  start: number,
  file: string,
  specs: readonly FieldSpec[],
  records: string,
  sink: RecordSink,
  log: ProblemLog,
  options: ReadOptions = {}
): void {
  const { text, data } = parseJsonDocument(bytes, start, file)
  if (!Array.isArray(data)) {
    throw new UserError(
      `expected the JSON array of records of a Label Studio JSON-MIN export, found ${kindOf(data)}`,
      { file, line: 1 }
    )
  }
  const lines = elementLines(text)
  const flat = data.map((value: unknown, i): FlatRecord => {
    const line = lines[i]!
    if (!isRecord(value)) {
      throw new UserError(
        `a JSON-MIN record must be a JSON object, found ${kindOf(value)}`,
        { file, line }
      )
    }
    return {
      line,
      get: (key) => (Object.hasOwn(value, key) ? value[key] : undefined),
      keys: () => Object.keys(value)
    }
  })
  mapFlatRecords(flat, file, specs, records, sink, log, options, false)
}

/**
 * Label Studio's CSV export (`format: label-studio-csv`; its TSV export with
 * `delimiter: "\t"`): the JSON-MIN columns, one row per annotation; a single
 * choice is written as it is, several as JSON text (`{"choices": [...]}`).
 * RFC 4180 quoting, as pandas writes it.
 */
export function readLabelStudioCsv(
  bytes: Uint8Array,
  start: number,
  file: string,
  delimiter: string,
  specs: readonly FieldSpec[],
  records: string,
  sink: RecordSink,
  log: ProblemLog,
  options: ReadOptions = {}
): void {
  const scanner = new CsvScanner(bytes, delimiter.charCodeAt(0), start, file)
  if (!scanner.next()) throw new UserError(`has no ${records}`, { file })
  const header: string[] = []
  for (let i = 0; i < scanner.count; i++) header.push(scanner.value(i))
  if (!header.includes('annotator')) {
    // Every Label Studio CSV export has it: another separator, perhaps.
    const hint = wrongDelimiter(
      bytes,
      start,
      header,
      delimiter,
      specs[1]!,
      file
    )
    if (hint !== undefined) throw hint
  }
  const column = new Map<string, number>()
  header.forEach((name, i) => {
    if (!column.has(name)) column.set(name, i)
  })
  const flat: FlatRecord[] = []
  while (scanner.next()) {
    if (scanner.count !== header.length) {
      throw new UserError(
        `row has ${scanner.count} fields; the header has ${header.length}`,
        { file, line: scanner.line }
      )
    }
    const values: string[] = []
    for (let i = 0; i < scanner.count; i++) values.push(scanner.value(i))
    flat.push({
      line: scanner.line,
      // pandas writes a missing value (None, NaN) as an empty cell: ''.
      get: (key) => {
        const i = column.get(key)
        return i === undefined ? undefined : values[i]
      },
      keys: () => header
    })
  }
  mapFlatRecords(flat, file, specs, records, sink, log, options, true)
}

/**
 * Maps flat export records: item from `id` (the default `fields.item`) or a
 * task data key; annotator from `annotator` (JSON-MIN and CSV; `completed_by`
 * when a file has it instead); label from the key named `fields.label`
 * (the control's from_name); lineage fields `labeled_at` (= created_at),
 * `updated_at`, `lead_time`, `annotation_id`, `tool` (= label-studio), or
 * any other key.
 */
function mapFlatRecords(
  flat: readonly FlatRecord[],
  file: string,
  specs: readonly FieldSpec[],
  records: string,
  sink: RecordSink,
  log: ProblemLog,
  options: ReadOptions,
  cellsAreText: boolean
): void {
  const itemSpec = specs[0]!
  const itemKey =
    itemSpec.name === DEFAULT_FIELDS.item
      ? 'id'
      : itemSpec.name.startsWith('data.')
        ? itemSpec.name.slice('data.'.length)
        : itemSpec.name
  if (specs[1]!.name !== DEFAULT_FIELDS.annotator) {
    throw new UserError(
      `Label Studio's JSON-MIN and CSV exports name the annotator in the annotator column; remove fields.annotator ('${specs[1]!.name}')`,
      { field: 'fields.annotator' }
    )
  }
  const labelKey = specs[2]!.name
  // A key that no record has is a wrong mapping, as for plain records.
  for (const [spec, key] of [
    [itemSpec, itemKey],
    [specs[2]!, labelKey]
  ] as const) {
    if (flat.length > 0 && !flat.some((r) => r.get(key) !== undefined)) {
      const keys = flat[0]!.keys()
      throw missingField(
        cellsAreText ? 'column' : 'key',
        { ...spec, name: key },
        keys,
        { file, line: cellsAreText ? 1 : flat[0]!.line },
        spec === itemSpec
          ? ' (the task id, or set fields.item to a task data key)'
          : " (the choices control's from_name)"
      )
    }
  }
  const annotatorKey = flat.some((r) => r.get('annotator') !== undefined)
    ? 'annotator'
    : 'completed_by'
  const people = new LabelStudioAnnotators(options.annotatorKey ?? 'id')
  for (const r of flat) people.learn(r.get(annotatorKey))

  const out = new ExportRecords(file, specs, sink, log)
  for (const r of flat) {
    const line = r.line
    const itemValue = r.get(itemKey)
    const item = scalarText(itemValue)
    if (item === undefined || item === '') {
      out.reject(
        'records without item',
        line,
        itemKey,
        `item is ${item === undefined ? kindOf(itemValue) : 'missing'} (key '${itemKey}')`
      )
      continue
    }
    const annotator = people.keyOf(r.get(annotatorKey), line, annotatorKey)
    if (annotator === '') {
      out.reject(
        'records without annotator',
        line,
        annotatorKey,
        `annotation has no ${annotatorKey} (annotator)`
      )
      continue
    }
    const label = flatChoice(r.get(labelKey), labelKey, cellsAreText)
    if (typeof label !== 'string') {
      out.reject(label.kind, line, labelKey, label.message)
      continue
    }
    out.add(
      item,
      annotator,
      label,
      (name) => {
        switch (name) {
          case 'labeled_at':
            return r.get('created_at') ?? null
          case 'tool':
            return 'label-studio'
        }
        return r.get(name)
      },
      () => ['labeled_at', 'tool', ...r.keys()],
      line
    )
  }
  people.finish(file, log)
  out.finish(records)
}

/**
 * The one choice in a flat record's control value: a string; or
 * `{choices: [...]}` (several choices, or JSON text of it in a CSV cell);
 * or why there is none.
 */
function flatChoice(
  value: unknown,
  control: string,
  cellsAreText: boolean
): string | { kind: string; message: string } {
  if (value === undefined || value === null || value === '') {
    return {
      kind: 'annotations without a choice',
      message: `annotation has no result for control '${control}'`
    }
  }
  if (cellsAreText && typeof value === 'string' && /^\s*[{[]/.test(value)) {
    try {
      value = JSON.parse(value) as unknown
    } catch {
      return value as string // a label that happens to start with a brace
    }
  }
  if (typeof value === 'string' || typeof value === 'number') {
    return String(value)
  }
  const choices = isRecord(value) ? value.choices : undefined
  if (!Array.isArray(choices)) {
    return {
      kind: 'unsupported result types',
      message: `the value of control '${control}' is ${kindOf(value)} without choices; only a choices control can be checked`
    }
  }
  if (choices.length !== 1) {
    return choices.length === 0
      ? {
          kind: 'annotations without a choice',
          message: `result for control '${control}' has no choices`
        }
      : {
          kind: 'multi-label annotations',
          message: `${choices.length} choices for control '${control}': multi-label is not supported yet`
        }
  }
  const label = scalarText(choices[0])
  if (label === undefined || label === '') {
    return {
      kind: 'annotations without a choice',
      message: `the choice for control '${control}' is ${label === '' ? 'empty' : kindOf(choices[0])}`
    }
  }
  return label
}
