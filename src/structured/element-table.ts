import { scalarText } from '../formats/export-records.js'
import type { ExtraColumn } from '../model/annotation-table.js'
import { Interner } from '../model/interner.js'

/**
 * The label types beyond one category per item. An annotation of a
 * `multi_label` dataset is a set of labels; of a `span` dataset a set of
 * (start, end, label) spans over the item's text (UTF-16 offsets, end
 * exclusive); of a `box` dataset a set of (x, y, w, h, label) boxes in
 * absolute pixels, a box covering [x, x+w) x [y, y+h).
 */
export type StructuredType = 'multi_label' | 'span' | 'box'

/** Numbers stored per element: none for a label, start/end for a span, x/y/w/h for a box. */
export const COORDINATES: Record<StructuredType, 0 | 2 | 4> = {
  multi_label: 0,
  span: 2,
  box: 4
}

/**
 * Every annotation of one dataset version whose label is a set of elements,
 * as interned codes in typed arrays. Row r is one (item, annotator)
 * annotation read from `files[file[r]]` at `line[r]`; its elements are
 * e = `start[r]` .. `start[r + 1] - 1`, each with label code `label[e]`
 * and `coordinates` numbers at `coords[e * coordinates ...]`. An empty set
 * (an annotator who saw the item and marked nothing) is a row with no
 * elements: it is an annotation, not a missing one. In a reference table
 * `annotator[r]` is -1 and there is one row per item after
 * de-duplication. Items, annotators and labels share the interners of the
 * dataset's code space, so base and head codes agree.
 */
export interface ElementTable {
  readonly type: StructuredType
  readonly size: number
  readonly item: Int32Array
  readonly annotator: Int32Array
  /** Length size + 1: row r's elements are [start[r], start[r + 1]). */
  readonly start: Int32Array
  readonly label: Int32Array
  /** Per element, `COORDINATES[type]` numbers. */
  readonly coords: Float64Array
  readonly file: Int32Array
  readonly line: Int32Array
  readonly items: Interner
  readonly annotators: Interner
  readonly labels: Interner
  readonly files: string[]
  /** Item code → the item's text (span datasets, when the format carries it). */
  readonly text: ReadonlyMap<number, string>
  /** Item code → image [width, height] in pixels (box datasets, when the format carries it). */
  readonly imageSize: ReadonlyMap<number, readonly [number, number]>
  /**
   * Per row, the lineage fields asked for when the table was built, by name
   * (code into the column's own interner; '' when the record has none).
   * Empty unless asked for.
   */
  readonly extras: ReadonlyMap<string, ExtraColumn>
}

/** Grows typed arrays by doubling; `finish()` returns trimmed views. */
export class ElementTableBuilder {
  readonly type: StructuredType
  readonly items: Interner
  readonly annotators: Interner
  readonly labels: Interner
  readonly files: string[] = []
  readonly text = new Map<number, string>()
  readonly imageSize = new Map<number, readonly [number, number]>()
  private readonly width: number
  private rows = 0
  private elements = 0
  private item = new Int32Array(1024)
  private annotator = new Int32Array(1024)
  private start = new Int32Array(1025)
  private file = new Int32Array(1024)
  private line = new Int32Array(1024)
  private label = new Int32Array(1024)
  private coords: Float64Array
  private open = false
  /** Extra columns (lineage fields): names, interners ('' is code 0), codes per row. */
  readonly extraNames: readonly string[]
  private readonly extraValues: Interner[]
  private extra: Int32Array[]

  constructor(
    type: StructuredType,
    space: { items: Interner; annotators: Interner; labels: Interner } = {
      items: new Interner(),
      annotators: new Interner(),
      labels: new Interner()
    },
    extras: readonly string[] = []
  ) {
    this.extraNames = [...extras]
    this.extraValues = extras.map(() => {
      const values = new Interner()
      values.intern('')
      return values
    })
    this.extra = extras.map(() => new Int32Array(1024))
    this.type = type
    this.width = COORDINATES[type]
    this.coords = new Float64Array(1024 * Math.max(1, this.width))
    this.items = space.items
    this.annotators = space.annotators
    this.labels = space.labels
  }

  addFile(path: string): number {
    this.files.push(path)
    return this.files.length - 1
  }

  /**
   * Starts a row (one annotation; `annotator` -1 in a reference table).
   * The elements added next belong to it, until the next `beginRow`.
   */
  beginRow(item: number, annotator: number, file: number, line: number): void {
    if (this.rows === this.item.length) this.growRows()
    const r = this.rows++
    this.item[r] = item
    this.annotator[r] = annotator
    this.file[r] = file
    this.line[r] = line
    this.start[r] = this.elements
    this.start[r + 1] = this.elements
    for (const codes of this.extra) codes[r] = 0
    this.open = true
  }

  /**
   * Sets the extra columns of the row begun last from `get` (a field name →
   * the record's value; a scalar is kept as text, anything else as '').
   * Readers whose rows carry no record leave them '' (missing).
   */
  setExtras(get: (name: string) => unknown): void {
    if (this.extraNames.length === 0 || this.rows === 0) return
    const r = this.rows - 1
    this.extraNames.forEach((name, k) => {
      const text = scalarText(get(name)) ?? ''
      this.extra[k]![r] = this.extraValues[k]!.intern(text)
    })
  }

  /** Adds an element to the open row; `coords` has `COORDINATES[type]` numbers. */
  addElement(label: number, ...coords: number[]): void {
    if (!this.open) throw new Error('addElement before beginRow')
    if (coords.length !== this.width) {
      throw new Error(`a ${this.type} element has ${this.width} coordinates`)
    }
    if (this.elements === this.label.length) this.growElements()
    const e = this.elements++
    this.label[e] = label
    for (let k = 0; k < this.width; k++)
      this.coords[e * this.width + k] = coords[k]!
    this.start[this.rows] = this.elements
  }

  /**
   * `addElement` for a box, without the rest parameter's array per call
   * (10^6 boxes a file in the benchmark).
   */
  addBox(label: number, x: number, y: number, w: number, h: number): void {
    if (!this.open) throw new Error('addElement before beginRow')
    if (this.width !== 4) throw new Error(`a ${this.type} element is not a box`)
    if (this.elements === this.label.length) this.growElements()
    const e = this.elements++
    this.label[e] = label
    const c = this.coords
    c[4 * e] = x
    c[4 * e + 1] = y
    c[4 * e + 2] = w
    c[4 * e + 3] = h
    this.start[this.rows] = this.elements
  }

  get size(): number {
    return this.rows
  }

  finish(): ElementTable {
    const n = this.rows
    const m = this.elements
    return {
      type: this.type,
      size: n,
      item: this.item.subarray(0, n),
      annotator: this.annotator.subarray(0, n),
      start: this.start.subarray(0, n + 1),
      label: this.label.subarray(0, m),
      coords: this.coords.subarray(0, m * this.width),
      file: this.file.subarray(0, n),
      line: this.line.subarray(0, n),
      items: this.items,
      annotators: this.annotators,
      labels: this.labels,
      files: this.files,
      text: this.text,
      imageSize: this.imageSize,
      extras: new Map(
        this.extraNames.map((name, k) => [
          name,
          { code: this.extra[k]!.subarray(0, n), values: this.extraValues[k]! }
        ])
      )
    }
  }

  /**
   * Makes room for `rows` more rows and `elements` more elements at once
   * (a reader that knows its counts), instead of doubling step by step.
   */
  reserve(rows: number, elements: number): void {
    if (this.rows + rows > this.item.length) this.growRows(this.rows + rows)
    if (this.elements + elements > this.label.length)
      this.growElements(this.elements + elements)
  }

  private growRows(least = 0): void {
    const size = Math.max(this.item.length * 2, least)
    const grow = (a: Int32Array, extra = 0): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size + extra)
      b.set(a)
      return b
    }
    this.item = grow(this.item)
    this.annotator = grow(this.annotator)
    this.file = grow(this.file)
    this.line = grow(this.line)
    this.start = grow(this.start.subarray(0, this.rows + 1), 1)
    this.extra = this.extra.map((a) => grow(a))
  }

  private growElements(least = 0): void {
    const size = Math.max(this.label.length * 2, least)
    const label = new Int32Array(size)
    label.set(this.label.subarray(0, this.elements))
    this.label = label
    const coords = new Float64Array(size * Math.max(1, this.width))
    coords.set(this.coords.subarray(0, this.elements * this.width))
    this.coords = coords
  }
}
