import { ProblemLog } from '../formats/problem-log.js'
import {
  DEFAULT_SUGGESTION_CELLS,
  didYouMean,
  type SuggestionBudget
} from '../util/did-you-mean.js'
import { quote } from '../util/excerpt.js'
import type { AnnotationTable } from './annotation-table.js'
import type { Interner } from './interner.js'
import { isNumericLevel, type Level } from './level.js'
import type { Problem } from './problem.js'
import type { Ratings, ReferenceLabels } from './ratings.js'
import type { ReferenceTable } from './reference-table.js'

export interface BuiltRatings {
  ratings: Ratings
  /** Null when the dataset has no reference labels. */
  reference: ReferenceLabels | null
  problems: Problem[]
}

export interface LabelSchema {
  level: Level
  categories?: readonly string[]
  /**
   * A schema migration's renames (old label → new label), applied to the
   * annotation labels before they are checked: base labels are compared with
   * the head in the head's vocabulary.
   */
  renames?: ReadonlyMap<string, string>
  /** The same for the reference labels, when they come from the older schema. */
  referenceRenames?: ReadonlyMap<string, string>
  /**
   * Categories valid in the reference labels only, after `categories`: the
   * trusted base's categories that a change's migration may not rewrite in
   * its gold (they stay gold labels, which no annotation can match).
   */
  referenceOnly?: readonly string[]
  /**
   * Labels a schema migration renamed or removed, with what to say about a
   * record that still holds one (instead of "not a category").
   */
  migrated?: ReadonlyMap<string, string>
}

// Why a raw label text is not a rating (negative codes in the per-label map).
const EMPTY = -1
const NOT_A_NUMBER = -2
const NEGATIVE = -3
const NOT_A_CATEGORY = -4
const NOT_FINITE = -5

// Row status in the annotation table.
const KEEP = 0
const INVALID = 1
const IDENTICAL = 2
const CONFLICT = 3

/** Plain decimal numbers, optionally signed, with an exponent; no hex, no Infinity. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * The label schema as a map from label text to a value id. Declared
 * categories are the values (in declared order); otherwise values are the
 * distinct labels, by text or, for interval and ratio, by number, so that "1"
 * and "1.0" are the same rating.
 */
class ValueSpace {
  readonly numeric: boolean
  readonly declared: boolean
  /** Value id -> canonical text and (numeric levels) number. */
  readonly texts: string[] = []
  readonly numbers: number[] = []
  private readonly ids = new Map<string | number, number>()
  /** Value ids at or above this are valid in reference labels only. */
  private readonly referenceFrom: number
  /** Did-you-mean work for all of this space's bad labels together. */
  private readonly suggestions: SuggestionBudget = {
    cells: DEFAULT_SUGGESTION_CELLS
  }

  constructor(
    readonly level: Level,
    readonly categories: readonly string[] | undefined,
    referenceOnly: readonly string[] = [],
    private readonly migrated?: ReadonlyMap<string, string>
  ) {
    this.numeric = isNumericLevel(level)
    this.declared = categories !== undefined
    for (const c of categories ?? []) this.value(c)
    // Undeclared values are added as they are met, all valid everywhere.
    this.referenceFrom = this.declared ? this.texts.length : Infinity
    if (this.declared) {
      for (const c of referenceOnly) {
        if (!this.ids.has(this.key(c))) this.value(c)
      }
    }
  }

  /**
   * Value id of every label text of an interner, or a negative reason code.
   * `reference`: the reference labels, which may also take the
   * reference-only categories.
   */
  classify(
    labels: Interner,
    renames?: ReadonlyMap<string, string>,
    reference = false
  ): Int32Array {
    const out = new Int32Array(labels.size)
    labels.values.forEach((text, code) => {
      const id = this.classifyText(renames?.get(text) ?? text)
      out[code] = !reference && id >= this.referenceFrom ? NOT_A_CATEGORY : id
    })
    return out
  }

  private classifyText(text: string): number {
    if (text === '') return EMPTY
    if (this.numeric) {
      const trimmed = text.trim()
      if (!NUMBER.test(trimmed)) return NOT_A_NUMBER
      // `1e309` is a number to the pattern and Infinity to JavaScript, which
      // would make interval metrics undefined: refused like `Infinity` is.
      if (!Number.isFinite(Number(trimmed))) return NOT_FINITE
      if (this.level === 'ratio' && Number(trimmed) < 0) return NEGATIVE
    }
    const id = this.ids.get(this.key(text))
    if (id !== undefined) return id
    return this.declared ? NOT_A_CATEGORY : this.value(text)
  }

  private key(text: string): string | number {
    return this.numeric ? Number(text.trim()) : text
  }

  private value(text: string): number {
    const key = this.key(text)
    const id = this.texts.length
    this.ids.set(key, id)
    this.numbers.push(this.numeric ? (key as number) : NaN)
    // Undeclared numeric categories are named by their canonical number.
    this.texts.push(this.numeric && !this.declared ? String(key) : text)
    return id
  }

  /**
   * Category index of each value id: declared order, or the used values
   * sorted (numerically for interval/ratio) so record order never matters.
   */
  categoryIndex(used: Uint8Array): {
    index: Int32Array
    categories: string[]
    values: Float64Array | null
  } {
    const index = new Int32Array(this.texts.length).fill(-1)
    let ids: number[]
    if (this.declared) {
      ids = this.texts.map((_, id) => id)
    } else {
      ids = []
      for (let id = 0; id < this.texts.length; id++) if (used[id]) ids.push(id)
      ids.sort(
        this.numeric
          ? (a, b) => this.numbers[a]! - this.numbers[b]!
          : (a, b) => {
              const x = this.texts[a]!
              const y = this.texts[b]!
              return x < y ? -1 : x > y ? 1 : 0
            }
      )
    }
    ids.forEach((id, i) => (index[id] = i))
    return {
      index,
      categories: ids.map((id) => this.texts[id]!),
      values: this.numeric
        ? Float64Array.from(ids, (id) => this.numbers[id]!)
        : null
    }
  }

  /** The problem message for a label text that is not a rating. */
  reason(code: number, text: string): { kind: string; message: string } {
    switch (code) {
      case EMPTY:
        return { kind: 'empty labels', message: 'label is empty' }
      case NOT_A_NUMBER:
        return {
          kind: 'non-numeric labels',
          message: `label ${quote(text)} is not a number (level ${this.level})`
        }
      case NOT_FINITE:
        return {
          kind: 'non-finite labels',
          message: `label ${quote(text)} is too large for a number (level ${this.level}); the largest is about 1.8e308`
        }
      case NEGATIVE:
        return {
          kind: 'negative labels',
          message: `label ${quote(text)} is negative; ratio labels are 0 or more`
        }
      default: {
        const migrated = this.migrated?.get(text)
        if (migrated !== undefined) {
          return {
            kind: 'labels a migration renamed or removed',
            message: `label ${quote(text)} ${migrated}`
          }
        }
        return {
          kind: 'labels outside the categories',
          message:
            `label ${quote(text)} is not a category` +
            // A "did you mean" between numbers would only be noise.
            (this.numeric
              ? ''
              : didYouMean(text, this.categories ?? [], this.suggestions))
        }
      }
    }
  }
}

/**
 * Checks an annotation table (and its reference labels) against the label
 * schema and resolves duplicates, giving the metrics' input and the data
 * problems found. Linear in the number of records: labels are classified once
 * per distinct text, duplicates are found per item after a counting sort.
 * The reference table must share the annotation table's item interner.
 */
export function buildRatings(
  table: AnnotationTable,
  dataset: LabelSchema,
  reference?: ReferenceTable
): BuiltRatings {
  if (reference !== undefined && reference.items !== table.items) {
    throw new Error('buildRatings: the reference must share the item interner')
  }
  const space = new ValueSpace(
    dataset.level,
    dataset.categories,
    dataset.referenceOnly,
    dataset.migrated
  )
  const log = new ProblemLog()
  const nItems = table.items.size
  const annotationValue = space.classify(table.labels, dataset.renames)
  const referenceValue =
    reference &&
    space.classify(reference.labels, dataset.referenceRenames, true)
  const used = new Uint8Array(space.texts.length)
  const { status, duplicateOf } = resolveAnnotations(
    table,
    annotationValue,
    nItems
  )
  let kept = 0
  for (let r = 0; r < table.size; r++) {
    if (status[r] === KEEP) {
      kept++
      used[annotationValue[table.label[r]!]!] = 1
    }
  }
  reportAnnotations(table, annotationValue, status, duplicateOf, space, log)

  let referenceRow: Int32Array | undefined
  if (reference !== undefined && referenceValue !== undefined) {
    referenceRow = resolveReference(
      reference,
      referenceValue,
      nItems,
      space,
      log
    )
    for (let i = 0; i < nItems; i++) {
      const r = referenceRow[i]!
      if (r >= 0) used[referenceValue[reference.label[r]!]!] = 1
    }
  }

  const { index, categories, values } = space.categoryIndex(used)
  // When every row is kept (the usual case), the item and annotator codes
  // are the table's own arrays: no copy. Fresh memory costs ~4 ms per MB in
  // page faults on the CI-sized machine (docs/performance.md), 0.1 s for 3M rows.
  const all = kept === table.size
  const item = all ? table.item : new Int32Array(kept)
  const annotator = all ? table.annotator : new Int32Array(kept)
  const category = new Int32Array(kept)
  const labelCategory = Int32Array.from(annotationValue, (v) =>
    v < 0 ? -1 : index[v]!
  )
  const label = table.label
  // The table row of each rating: made on first use when every row is kept
  // (the identity; most runs never ask), filled with the copy otherwise.
  let row: Int32Array | null = all ? null : new Int32Array(kept)
  if (all) {
    for (let r = 0; r < kept; r++) category[r] = labelCategory[label[r]!]!
  } else {
    for (let r = 0, k = 0; r < table.size; r++) {
      if (status[r] !== KEEP) continue
      item[k] = table.item[r]!
      annotator[k] = table.annotator[r]!
      category[k] = labelCategory[label[r]!]!
      row![k] = r
      k++
    }
  }

  // The getters below close over these, not over `table`: the table's label
  // and line columns (0.8 GB at 10^8 annotations) can then be collected
  // before the metrics run, unless the caller keeps the table (lineage).
  const itemSpace = table.items
  const annotatorSpace = table.annotators
  let labels: ReferenceLabels | null = null
  if (reference !== undefined) {
    const ref = new Int32Array(nItems).fill(-1)
    let size = 0
    for (let i = 0; i < nItems; i++) {
      const r = referenceRow![i]!
      if (r < 0) continue
      ref[i] = index[referenceValue![reference.label[r]!]!]!
      size++
    }
    labels = { category: ref, size }
  }

  return {
    ratings: {
      level: dataset.level,
      nItems,
      nAnnotators: table.annotators.size,
      categories,
      declared: space.declared,
      values,
      item,
      annotator,
      category,
      get row() {
        if (row === null) {
          row = new Int32Array(kept)
          for (let r = 0; r < kept; r++) row[r] = r
        }
        return row
      },
      // Getters: decoding 10^6 item ids costs ~0.1 s and most runs
      // never name an item (only the diff and problem messages do).
      itemSpace,
      annotatorSpace,
      get itemIds() {
        return itemSpace.values
      },
      get annotatorIds() {
        return annotatorSpace.values
      }
    },
    reference: labels,
    problems: log.finish()
  }
}

/**
 * Marks each row KEEP, INVALID or a duplicate of an earlier valid row of the
 * same (item, annotator). Rows are bucketed by item with a stable counting
 * sort, then an annotator stamp per item finds repeats: O(rows + items).
 */
function resolveAnnotations(
  table: AnnotationTable,
  value: Int32Array,
  nItems: number
): { status: Uint8Array; duplicateOf: Int32Array } {
  const n = table.size
  const item = table.item
  const annotator = table.annotator
  const label = table.label
  const status = new Uint8Array(n)
  const duplicateOf = new Int32Array(n)
  const nAnnotators = table.annotators.size
  const stamp = new Int32Array(nAnnotators).fill(-1)
  const first = new Int32Array(nAnnotators)
  // Item codes are given in order of first appearance, so a file grouped by
  // item (the usual layout) has non-decreasing codes: then each item's rows
  // are already together and the counting sort below is skipped (it measured
  // about half of this function on 3M rows, from scattered writes).
  let grouped = true
  for (let r = 0, previous = -1; r < n; r++) {
    if (value[label[r]!]! < 0) {
      status[r] = INVALID
      continue
    }
    const i = item[r]!
    if (i < previous) grouped = false
    previous = i
  }
  const mark = (r: number, i: number): void => {
    const a = annotator[r]!
    if (stamp[a] !== i) {
      stamp[a] = i
      first[a] = r
      return
    }
    const f = first[a]!
    duplicateOf[r] = f
    status[r] = value[label[r]!] === value[label[f]!] ? IDENTICAL : CONFLICT
  }
  if (grouped) {
    for (let r = 0; r < n; r++) if (status[r] === KEEP) mark(r, item[r]!)
    return { status, duplicateOf }
  }
  const start = new Int32Array(nItems + 1)
  for (let r = 0; r < n; r++) if (status[r] === KEEP) start[item[r]! + 1]!++
  for (let i = 0; i < nItems; i++) start[i + 1]! += start[i]!
  const order = new Int32Array(start[nItems]!)
  const fill = start.slice(0, nItems)
  for (let r = 0; r < n; r++) {
    if (status[r] === KEEP) order[fill[item[r]!]!++] = r
  }
  for (let i = 0; i < nItems; i++) {
    for (let k = start[i]!; k < start[i + 1]!; k++) mark(order[k]!, i)
  }
  return { status, duplicateOf }
}

/** `data/a.csv:12`, or `line 12` when in the same file as `here`. */
function place(
  files: string[],
  file: number,
  line: number,
  here?: number
): string {
  return here === file ? `line ${line}` : `${files[file]}:${line}`
}

function reportAnnotations(
  table: AnnotationTable,
  value: Int32Array,
  status: Uint8Array,
  duplicateOf: Int32Array,
  space: ValueSpace,
  log: ProblemLog
): void {
  const labels = table.labels.values
  const reasons = new Map<number, { kind: string; message: string }>()
  for (let r = 0; r < table.size; r++) {
    const s = status[r]
    if (s === KEEP) continue
    const file = table.files[table.file[r]!]!
    const line = table.line[r]!
    const labelCode = table.label[r]!
    if (s === INVALID) {
      let reason = reasons.get(labelCode)
      if (reason === undefined) {
        reason = space.reason(value[labelCode]!, labels[labelCode]!)
        reasons.set(labelCode, reason)
      }
      log.add(reason.kind, {
        severity: 'error',
        file,
        line,
        field: 'label',
        message: reason.message
      })
      continue
    }
    const f = duplicateOf[r]!
    const item = table.items.value(table.item[r]!)
    const annotator = table.annotators.value(table.annotator[r]!)
    if (s === IDENTICAL) {
      log.add('identical duplicates', {
        severity: 'warning',
        file,
        line,
        message: `duplicate of ${place(table.files, table.file[f]!, table.line[f]!, table.file[r])} (item ${quote(item)}, annotator ${quote(annotator)}, label ${quote(labels[labelCode]!)})`
      })
    } else {
      log.add('conflicting duplicates', {
        severity: 'error',
        file,
        line,
        field: 'label',
        message: `conflicting labels for item ${quote(item)} by annotator ${quote(annotator)}: ${quote(labels[table.label[f]!]!)} at ${place(table.files, table.file[f]!, table.line[f]!)} and ${quote(labels[labelCode]!)} at ${place(table.files, table.file[r]!, line)}`
      })
    }
  }
}

/** Checks reference rows; returns, per item code, the kept row or -1. */
function resolveReference(
  reference: ReferenceTable,
  value: Int32Array,
  nItems: number,
  space: ValueSpace,
  log: ProblemLog
): Int32Array {
  const kept = new Int32Array(nItems).fill(-1)
  const labels = reference.labels.values
  for (let r = 0; r < reference.size; r++) {
    const file = reference.files[reference.file[r]!]!
    const line = reference.line[r]!
    const labelCode = reference.label[r]!
    const v = value[labelCode]!
    if (v < 0) {
      const reason = space.reason(v, labels[labelCode]!)
      log.add(`reference ${reason.kind}`, {
        severity: 'error',
        file,
        line,
        field: 'label',
        message: reason.message
      })
      continue
    }
    const i = reference.item[r]!
    const f = kept[i]!
    if (f < 0) {
      kept[i] = r
      continue
    }
    const item = reference.items.value(i)
    if (value[reference.label[f]!] === v) {
      log.add('identical reference duplicates', {
        severity: 'warning',
        file,
        line,
        message: `duplicate of ${place(reference.files, reference.file[f]!, reference.line[f]!, reference.file[r])} (item ${quote(item)}, label ${quote(labels[labelCode]!)})`
      })
    } else {
      log.add('conflicting reference duplicates', {
        severity: 'error',
        file,
        line,
        field: 'label',
        message: `conflicting reference labels for item ${quote(item)}: ${quote(labels[reference.label[f]!]!)} at ${place(reference.files, reference.file[f]!, reference.line[f]!)} and ${quote(labels[labelCode]!)} at ${place(reference.files, reference.file[r]!, line)}`
      })
    }
  }
  return kept
}
