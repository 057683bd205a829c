import { Interner } from './interner.js'

/**
 * Every annotation record of one dataset version, as interned codes in typed
 * arrays, so that memory stays bounded at 10^6 items. Row r is: item `items.values[item[r]]`, annotator
 * `annotators.values[annotator[r]]`, raw label text `labels.values[label[r]]`,
 * read from `files[file[r]]` at `line[r]` (1-based; for JSON, the line where the
 * record starts). Rows keep file order; duplicates are kept here and resolved
 * when ratings are built.
 */
export interface AnnotationTable {
  readonly size: number
  readonly item: Int32Array
  readonly annotator: Int32Array
  readonly label: Int32Array
  readonly file: Int32Array
  readonly line: Int32Array
  readonly items: Interner
  readonly annotators: Interner
  readonly labels: Interner
  readonly files: string[]
  /**
   * Extra columns asked for when the table was built (lineage fields such as
   * `labeled_at`, `tool`), by name: row r's value is
   * `extras.get(name).values.value(extras.get(name).code[r])`, '' when the
   * record has none. Empty unless asked for: nothing is paid otherwise.
   */
  readonly extras: ReadonlyMap<string, ExtraColumn>
}

/** One extra column: a code per row into its own interner. */
export interface ExtraColumn {
  readonly code: Int32Array
  readonly values: Interner
}

/** Grows typed arrays by doubling; `finish()` returns trimmed views. */
export class AnnotationTableBuilder {
  readonly items: Interner
  readonly annotators: Interner
  readonly labels: Interner
  readonly files: string[] = []
  private n = 0
  private capacity: number
  private item: Int32Array
  private annotator: Int32Array
  private label: Int32Array
  private file: Int32Array
  private line: Int32Array
  /** Names of the extra columns, in order, and their interners and codes. */
  readonly extraNames: readonly string[]
  readonly extraValues: readonly Interner[]
  private extra: Int32Array[]

  /**
   * `items` may be shared with the reference labels so both use one code
   * space. `extras` names extra columns to keep (distinct names; lineage
   * fields), each interned on its own.
   */
  constructor(
    items: Interner = new Interner(),
    capacity = 1024,
    extras: readonly string[] = [],
    /**
     * Annotator and label interners shared with another version of the same
     * dataset: base and head then have one code space, so the diff matches
     * codes without decoding or hashing a single id string.
     */
    shared: { annotators?: Interner; labels?: Interner } = {}
  ) {
    this.items = items
    this.annotators = shared.annotators ?? new Interner()
    this.labels = shared.labels ?? new Interner()
    this.capacity = capacity
    this.item = new Int32Array(capacity)
    this.annotator = new Int32Array(capacity)
    this.label = new Int32Array(capacity)
    this.file = new Int32Array(capacity)
    this.line = new Int32Array(capacity)
    if (new Set(extras).size !== extras.length) {
      throw new Error('AnnotationTableBuilder: extra column names repeat')
    }
    this.extraNames = [...extras]
    this.extraValues = extras.map(() => new Interner())
    this.extra = extras.map(() => new Int32Array(capacity))
  }

  addFile(path: string): number {
    this.files.push(path)
    return this.files.length - 1
  }

  /** `extras`: the extra columns' texts in `extraNames` order ('' when absent). */
  add(
    item: string,
    annotator: string,
    label: string,
    file: number,
    line: number,
    extras: readonly string[] = []
  ): void {
    this.addCodes(
      this.items.intern(item),
      this.annotators.intern(annotator),
      this.labels.intern(label),
      file,
      line
    )
    this.extraValues.forEach((values, k) =>
      this.setExtra(k, values.intern(extras[k] ?? ''))
    )
  }

  addCodes(
    item: number,
    annotator: number,
    label: number,
    file: number,
    line: number
  ): void {
    if (this.n === this.capacity) this.grow()
    const r = this.n++
    this.item[r] = item
    this.annotator[r] = annotator
    this.label[r] = label
    // Columns start zeroed: leaving file 0 unwritten keeps a one-file
    // dataset's column untouched, so its pages are never faulted in (~4 ms
    // per MB on the CI-sized machine; 12 MB for 3M rows).
    if (file !== 0) this.file[r] = file
    this.line[r] = line
  }

  /**
   * Sets extra column `k` of the row added last (codes from
   * `extraValues[k]`). A row whose extra is never set holds code 0: set
   * every extra of every row when there are extras.
   */
  setExtra(k: number, code: number): void {
    this.extra[k]![this.n - 1] = code
  }

  /** Makes room for `rows` more rows at once (a reader's estimate), so a big file is not copied by doubling. */
  reserve(rows: number): void {
    if (this.n + rows <= this.capacity) return
    this.capacity = this.n + rows
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(this.capacity)
      b.set(a.subarray(0, this.n))
      return b
    }
    this.item = grow(this.item)
    this.annotator = grow(this.annotator)
    this.label = grow(this.label)
    this.file = grow(this.file)
    this.line = grow(this.line)
    this.extra = this.extra.map(grow)
  }

  get size(): number {
    return this.n
  }

  finish(): AnnotationTable {
    const n = this.n
    return {
      size: n,
      item: this.item.subarray(0, n),
      annotator: this.annotator.subarray(0, n),
      label: this.label.subarray(0, n),
      file: this.file.subarray(0, n),
      line: this.line.subarray(0, n),
      items: this.items,
      annotators: this.annotators,
      labels: this.labels,
      files: this.files,
      extras: new Map(
        this.extraNames.map((name, k) => [
          name,
          { code: this.extra[k]!.subarray(0, n), values: this.extraValues[k]! }
        ])
      )
    }
  }

  private grow(): void {
    this.capacity *= 2
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(this.capacity)
      b.set(a)
      return b
    }
    this.item = grow(this.item)
    this.annotator = grow(this.annotator)
    this.label = grow(this.label)
    this.file = grow(this.file)
    this.line = grow(this.line)
    this.extra = this.extra.map(grow)
  }
}
