import { Interner } from './interner.js'

/**
 * Every reference (trusted, gold) record of one dataset version as interned
 * codes. Row r is: item `items.values[item[r]]` (the item interner is shared
 * with the annotations, so codes agree), raw label text
 * `labels.values[label[r]]`, read from `files[file[r]]` at `line[r]`. Rows
 * keep file order; duplicates are resolved when ratings are built.
 */
export interface ReferenceTable {
  readonly size: number
  readonly item: Int32Array
  readonly label: Int32Array
  readonly file: Int32Array
  readonly line: Int32Array
  readonly items: Interner
  readonly labels: Interner
  readonly files: string[]
}

/** Grows typed arrays by doubling; `finish()` returns trimmed views. */
export class ReferenceTableBuilder {
  readonly items: Interner
  readonly labels = new Interner()
  readonly files: string[] = []
  private n = 0
  private item: Int32Array
  private label: Int32Array
  private file: Int32Array
  private line: Int32Array

  /** Pass the annotations' item interner so both tables use one code space. */
  constructor(items: Interner = new Interner(), capacity = 1024) {
    this.items = items
    this.item = new Int32Array(capacity)
    this.label = new Int32Array(capacity)
    this.file = new Int32Array(capacity)
    this.line = new Int32Array(capacity)
  }

  addFile(path: string): number {
    this.files.push(path)
    return this.files.length - 1
  }

  add(item: string, label: string, file: number, line: number): void {
    this.addCodes(
      this.items.intern(item),
      this.labels.intern(label),
      file,
      line
    )
  }

  addCodes(item: number, label: number, file: number, line: number): void {
    if (this.n === this.item.length) this.grow()
    const r = this.n++
    this.item[r] = item
    this.label[r] = label
    this.file[r] = file
    this.line[r] = line
  }

  get size(): number {
    return this.n
  }

  finish(): ReferenceTable {
    const n = this.n
    return {
      size: n,
      item: this.item.subarray(0, n),
      label: this.label.subarray(0, n),
      file: this.file.subarray(0, n),
      line: this.line.subarray(0, n),
      items: this.items,
      labels: this.labels,
      files: this.files
    }
  }

  private grow(): void {
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(a.length * 2)
      b.set(a)
      return b
    }
    this.item = grow(this.item)
    this.label = grow(this.label)
    this.file = grow(this.file)
    this.line = grow(this.line)
  }
}
