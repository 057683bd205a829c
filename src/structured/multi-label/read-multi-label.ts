import { UserError } from '../../errors.js'
import type { FieldSpec } from '../../formats/field-spec.js'
import { isBlank } from '../../formats/field-spec.js'
import { ProblemLog } from '../../formats/problem-log.js'
import { readDelimited } from '../../formats/read-delimited.js'
import {
  elementLines,
  forEachJsonLine,
  isRecord,
  kindOf,
  parseJsonDocument
} from '../../formats/read-json.js'
import { readLabelStudio } from '../../formats/read-label-studio.js'
import { checkText } from '../../formats/text-checks.js'
import { Interner } from '../../model/interner.js'
import { didYouMean } from '../../util/did-you-mean.js'
import { quote } from '../../util/excerpt.js'
import type { ElementTableBuilder } from '../element-table.js'
import { ownKeys } from '../lineage-values.js'
import type {
  StructuredReader,
  StructuredReadInput
} from '../structured-kind.js'

/** The text between two labels of one CSV/TSV cell when the config names none. */
export const DEFAULT_SEPARATOR = '|'

/**
 * Adds one annotation (a row) with the given label texts: sorted label codes,
 * each once (a label given twice is a warning; the set keeps it once).
 */
class SetRows {
  constructor(
    private readonly builder: ElementTableBuilder,
    private readonly file: string,
    private readonly fileCode: number,
    private readonly log: ProblemLog
  ) {}

  add(
    item: number,
    annotator: number,
    labels: Int32Array | number[],
    line: number
  ): void {
    const codes = Int32Array.from(labels).sort()
    this.builder.beginRow(item, annotator, this.fileCode, line)
    for (let k = 0; k < codes.length; k++) {
      if (k > 0 && codes[k] === codes[k - 1]) {
        const text = this.builder.labels.value(codes[k]!)
        this.log.add('labels given twice in one annotation', {
          severity: 'warning',
          file: this.file,
          line,
          field: 'label',
          message: `label ${quote(text)} is given twice in one annotation; the set keeps it once`
        })
        continue
      }
      this.builder.addElement(codes[k]!)
    }
  }
}

/** Splits a cell's text at the separator; parts are trimmed, empty ones dropped (an empty cell: the empty set). */
function splitCell(text: string, separator: string): string[] {
  if (text.trim() === '') return []
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

/**
 * The record fields read: item, annotator (not in a reference), the label
 * cell, then the lineage fields the builder was asked for (their values are
 * interned in `extras`, one interner each).
 */
function specsOf(
  input: StructuredReadInput,
  cells: Interner,
  extras: Interner[] = []
): FieldSpec[] {
  const { builder, fields } = input
  const specs: FieldSpec[] = [
    {
      role: 'item',
      name: fields.item,
      configKey: 'fields.item',
      interner: builder.items,
      required: true
    }
  ]
  if (fields.annotator !== undefined) {
    specs.push({
      role: 'annotator',
      name: fields.annotator,
      configKey: 'fields.annotator',
      interner: builder.annotators,
      required: true
    })
  }
  specs.push({
    role: 'label',
    name: fields.label,
    configKey: 'fields.label',
    interner: cells,
    required: false
  })
  builder.extraNames.forEach((name) => {
    const interner = new Interner()
    extras.push(interner)
    specs.push({
      role: 'lineage field',
      name,
      configKey: 'lineage',
      interner,
      required: false,
      extra: true
    })
  })
  return specs
}

/** The row added last takes its lineage fields from the extra codes after `first`. */
function setExtras(
  builder: ElementTableBuilder,
  extras: readonly Interner[],
  codes: Int32Array,
  first: number
): void {
  if (extras.length === 0) return
  const names = builder.extraNames
  builder.setExtras((name) => {
    const k = names.indexOf(name)
    return extras[k]!.value(codes[first + k]!)
  })
}

/**
 * CSV and TSV: the label cell holds the annotation's labels joined by the
 * separator (`multi_label.separator`, default `|`); an empty cell is the
 * empty set. Each distinct cell text is split once.
 */
function readDelimitedSets(
  input: StructuredReadInput,
  delimiter: ',' | '\t'
): void {
  const separator = input.dataset.multi_label?.separator ?? DEFAULT_SEPARATOR
  const cells = new Interner()
  const split: (Int32Array | undefined)[] = []
  const log = new ProblemLog()
  const rows = new SetRows(
    input.builder,
    input.file,
    input.builder.addFile(input.file),
    log
  )
  const extras: Interner[] = []
  const specs = specsOf(input, cells, extras)
  const reference = input.fields.annotator === undefined
  const start = checkText(input.bytes, input.file, 'annotation records')
  const bytes = new Uint8Array(
    input.bytes.buffer,
    input.bytes.byteOffset,
    input.bytes.byteLength
  )
  readDelimited(
    bytes,
    start,
    input.file,
    delimiter,
    specs,
    'annotation records',
    (codes, line) => {
      const cell = codes[reference ? 1 : 2]!
      let labels = split[cell]
      if (labels === undefined) {
        labels = Int32Array.from(splitCell(cells.value(cell), separator), (t) =>
          input.builder.labels.intern(t)
        )
        split[cell] = labels
      }
      rows.add(codes[0]!, reference ? -1 : codes[1]!, labels, line)
      setExtras(input.builder, extras, codes, reference ? 2 : 3)
    },
    log
  )
  input.problems.push(...log.finish())
}

/**
 * JSON values of a label key: an array of labels (strings, numbers or
 * booleans as their text; `[]` is the empty set), or a string split at the
 * separator as a CSV cell is. Anything else is a problem at the record's line.
 */
function labelsOf(value: unknown, separator: string): string[] | string {
  if (Array.isArray(value)) {
    const texts: string[] = []
    for (const v of value) {
      if (typeof v === 'string') texts.push(v)
      else if (typeof v === 'number' || typeof v === 'boolean')
        texts.push(String(v))
      else return `a label in the array is ${kindOf(v)}, not a string or number`
    }
    return texts
  }
  if (typeof value === 'string') return splitCell(value, separator)
  if (typeof value === 'number' || typeof value === 'boolean')
    return [String(value)]
  return `label is ${kindOf(value)}, not an array of labels`
}

/** JSON array of records and JSON Lines: the label key holds an array of labels. */
function readJsonSets(input: StructuredReadInput, lines: boolean): void {
  const { builder, fields, file } = input
  const separator = input.dataset.multi_label?.separator ?? DEFAULT_SEPARATOR
  const log = new ProblemLog()
  const rows = new SetRows(builder, file, builder.addFile(file), log)
  const start = checkText(input.bytes, file, 'annotation records')
  let count = 0
  const seen = { item: false, annotator: false, label: false }
  let firstKeys: string[] = []
  const visit = (record: Record<string, unknown>, line: number): void => {
    if (count++ === 0) firstKeys = Object.keys(record)
    const id = (role: 'item' | 'annotator', key: string): string | null => {
      const value = Object.hasOwn(record, key) ? record[key] : undefined
      if (value !== undefined) seen[role] = true
      const text =
        typeof value === 'string'
          ? value
          : typeof value === 'number'
            ? String(value)
            : undefined
      if (text === undefined || text === '' || isBlank(text)) {
        log.add(`records without ${role}`, {
          severity: 'error',
          file,
          line,
          field: key,
          message: `${role} is ${text === undefined ? (value === undefined ? 'missing' : kindOf(value)) : 'empty'} (key '${key}'); the record is skipped`
        })
        return null
      }
      return text
    }
    const item = id('item', fields.item)
    if (item === null) return
    let annotator = -1
    if (fields.annotator !== undefined) {
      const a = id('annotator', fields.annotator)
      if (a === null) return
      annotator = builder.annotators.intern(a)
    }
    const value = Object.hasOwn(record, fields.label)
      ? record[fields.label]
      : undefined
    if (value !== undefined) seen.label = true
    if (value === undefined || value === null) {
      log.add('records without label', {
        severity: 'error',
        file,
        line,
        field: fields.label,
        message: `label is missing (key '${fields.label}'); the record is skipped (an empty set is [])`
      })
      return
    }
    const labels = labelsOf(value, separator)
    if (typeof labels === 'string') {
      log.add('unsupported label values', {
        severity: 'error',
        file,
        line,
        field: fields.label,
        message: `${labels} (key '${fields.label}'); the record is skipped`
      })
      return
    }
    rows.add(
      builder.items.intern(item),
      annotator,
      labels.map((t) => builder.labels.intern(t)),
      line
    )
    builder.setExtras(ownKeys(record))
  }
  if (lines) {
    forEachJsonLine(input.bytes, start, file, visit)
  } else {
    const { text, data } = parseJsonDocument(input.bytes, start, file)
    if (!Array.isArray(data)) {
      throw new UserError(
        `expected a JSON array of records, found ${kindOf(data)} (use format: jsonl for one record per line)`,
        { file, line: 1 }
      )
    }
    const at = elementLines(text)
    data.forEach((value: unknown, i) => {
      if (!isRecord(value)) {
        throw new UserError(
          `a record must be a JSON object, found ${kindOf(value)}`,
          { file, line: at[i]! }
        )
      }
      visit(value, at[i]!)
    })
  }
  if (count === 0) throw new UserError('has no annotation records', { file })
  for (const [role, key] of [
    ['item', fields.item],
    ['annotator', fields.annotator],
    ['label', fields.label]
  ] as const) {
    if (key !== undefined && !seen[role]) {
      throw new UserError(
        `missing key '${key}' in every record (found: ${firstKeys.slice(0, 20).join(', ')}); set fields.${role} in the config` +
          didYouMean(key, firstKeys),
        { file, line: 1 }
      )
    }
  }
  input.problems.push(...log.finish())
}

/** Label Studio's JSON export: every choice of the choices control is one label of the set. */
function readLabelStudioSets(input: StructuredReadInput): void {
  if (input.fields.annotator === undefined) {
    throw new UserError(
      'reference labels are read from csv, tsv, jsonl or json files, not label-studio',
      { file: input.file, field: 'reference.format' }
    )
  }
  const cells = new Interner()
  const parsed: (Int32Array | undefined)[] = []
  const log = new ProblemLog()
  const rows = new SetRows(
    input.builder,
    input.file,
    input.builder.addFile(input.file),
    log
  )
  const start = checkText(input.bytes, input.file, 'annotation records')
  const bytes = new Uint8Array(
    input.bytes.buffer,
    input.bytes.byteOffset,
    input.bytes.byteLength
  )
  const extras: Interner[] = []
  readLabelStudio(
    bytes,
    start,
    input.file,
    specsOf(input, cells, extras),
    'annotation records',
    (codes, line) => {
      let labels = parsed[codes[2]!]
      if (labels === undefined) {
        const texts = JSON.parse(cells.value(codes[2]!)) as string[]
        labels = Int32Array.from(texts, (t) => input.builder.labels.intern(t))
        parsed[codes[2]!] = labels
      }
      rows.add(codes[0]!, codes[1]!, labels, line)
      setExtras(input.builder, extras, codes, 3)
    },
    log,
    {},
    true
  )
  input.problems.push(...log.finish())
}

/** The multi-label readers by format. */
export const MULTI_LABEL_READERS: Record<string, StructuredReader> = {
  csv: (input) => readDelimitedSets(input, ','),
  tsv: (input) => readDelimitedSets(input, '\t'),
  json: (input) => readJsonSets(input, false),
  jsonl: (input) => readJsonSets(input, true),
  'label-studio': readLabelStudioSets
}
