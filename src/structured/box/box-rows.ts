import { scalarText } from '../../formats/export-records.js'
import type { ProblemLog } from '../../formats/problem-log.js'
import { isRecord } from '../../formats/read-json.js'
import { quote } from '../../util/excerpt.js'
import type { ElementTableBuilder } from '../element-table.js'
import { ownKeys, type LineageLookup } from '../lineage-values.js'
import { checkBox, show } from './box-checks.js'

/**
 * Where a box file's annotator comes from:
 * - `file`: the file's name without folders and extension
 *   (`labels/coco/alice.json` → `alice`): one file per annotator;
 * - `field`: a key of each box record (COCO: of each annotation); every
 *   annotator found in the file is taken to have seen every image of the
 *   file, so an image without their boxes is their empty set;
 * - `fixed`: a name the caller knows (a YOLO folder's name);
 * - `explicit`: the format names it per annotation (Label Studio's
 *   `completed_by`), and only annotations it lists exist;
 * - `reference`: none (trusted boxes: one set per image).
 */
export type AnnotatorSource =
  | { kind: 'file' }
  | { kind: 'field'; key: string }
  | { kind: 'fixed'; name: string }
  | { kind: 'explicit' }
  | { kind: 'reference' }

/** `labels/coco/alice.json` → `alice`. */
export function annotatorOfFile(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(0, dot) : base
}

interface Image {
  item: number
  line: number
  size: readonly [number, number] | undefined
}

/**
 * Collects one file's images and boxes, checks each box (box-checks.ts),
 * and writes the rows, one per (image, annotator), into the element table
 * when the file is done: formats list boxes in any order, while a table row
 * holds its elements together.
 */
export class BoxRows {
  private readonly images: Image[] = []
  private readonly rowKey = new Map<number, number>()
  /**
   * Per image, its row + 1 (0: none yet), when a file has one annotator
   * (`file`, `fixed`, `reference`): the row key is then the image alone,
   * and an array lookup replaces hashing a non-integer key per box.
   */
  private rowOfImage: Int32Array | null
  private lastImage = -1
  private lastAnnotator = -2
  private lastRow = -1
  private readonly rowImage: number[] = []
  private readonly rowAnnotator: number[] = []
  private readonly rowLine: number[] = []
  /** Per row, where its lineage fields are: the first record that made the row. */
  private readonly rowLineage: (LineageLookup | undefined)[] = []
  /** Per image, its own record's fields: lineage of a row no box record made. */
  private readonly imageLineage: (LineageLookup | undefined)[] = []
  // Boxes in typed arrays grown by doubling (10^6 a file in the benchmark).
  private boxes = 0
  private boxRow = new Int32Array(1024)
  private boxLabel = new Int32Array(1024)
  private boxCoords = new Float64Array(4096)
  private lastLabel: string | undefined
  private lastLabelCode = -1
  private readonly fileCode: number
  private readonly fixedAnnotator: number
  private readonly annotatorsInFile = new Set<number>()

  constructor(
    private readonly file: string,
    private readonly source: AnnotatorSource,
    private readonly builder: ElementTableBuilder,
    private readonly log: ProblemLog,
    /** Declared classes; a box of another class is an error (kept). */
    private readonly classes?: ReadonlySet<string>,
    /** How many boxes the file holds at most, when the reader knows: room made once. */
    expectedBoxes = 0
  ) {
    if (expectedBoxes > this.boxRow.length) this.growBoxes(expectedBoxes)
    this.fileCode = builder.addFile(file)
    this.fixedAnnotator =
      source.kind === 'file'
        ? builder.annotators.intern(annotatorOfFile(file))
        : source.kind === 'fixed'
          ? builder.annotators.intern(source.name)
          : -1
    this.rowOfImage =
      source.kind === 'field' || source.kind === 'explicit'
        ? null
        : new Int32Array(1024)
  }

  /**
   * Registers an image (item name, size when the format gives one) and
   * returns its index. A size that is not two positive finite numbers is a
   * warning: the image's boxes are then not checked against its bounds.
   */
  image(
    name: string,
    width: unknown,
    height: unknown,
    line: number,
    /** False: check boxes against this size without recording it as the image's (normalized units). */
    record = true,
    /** The image's record, for the lineage fields of its rows without a box. */
    lineage?: LineageLookup
  ): number {
    const item = this.builder.items.intern(name)
    let size: readonly [number, number] | undefined
    if (!record) {
      size = [width as number, height as number]
    } else if (width !== undefined || height !== undefined) {
      if (
        typeof width === 'number' &&
        typeof height === 'number' &&
        width > 0 &&
        height > 0 &&
        Number.isFinite(width) &&
        Number.isFinite(height)
      ) {
        size = [width, height]
        const known = this.builder.imageSize.get(item)
        if (known === undefined) this.builder.imageSize.set(item, size)
        else if (known[0] !== width || known[1] !== height) {
          this.log.add('images with two sizes', {
            severity: 'warning',
            file: this.file,
            line,
            field: 'width',
            message: `image ${quote(name)} is ${show(width)} x ${show(height)} here but ${show(known[0])} x ${show(known[1])} in another file; the first is used`
          })
          size = known
        }
      } else {
        this.log.add('bad image sizes', {
          severity: 'warning',
          file: this.file,
          line,
          field: 'width',
          message: `image ${quote(name)} has no usable size (width and height must be positive numbers); its boxes are not checked against the image`
        })
      }
    } else size = this.builder.imageSize.get(item)
    this.images.push({ item, line, size })
    this.imageLineage.push(lineage)
    return this.images.length - 1
  }

  /** The size an image was registered with (undefined when unknown). */
  sizeOf(image: number): readonly [number, number] | undefined {
    return this.images[image]!.size
  }

  /** Registers an annotation that may hold no box (`explicit` sources). */
  annotation(
    image: number,
    annotator: string,
    line: number,
    lineage?: LineageLookup
  ): void {
    this.row(image, this.builder.annotators.intern(annotator), line, lineage)
  }

  /**
   * Adds a box; `record` is the box's JSON object (for `field` sources).
   * Unusable boxes and boxes of records without an annotator are reported
   * at `line` and left out.
   */
  box(
    image: number,
    record: unknown,
    label: string,
    x: number,
    y: number,
    w: number,
    h: number,
    line: number,
    field: string,
    annotator?: string,
    /** Where the box's lineage fields are (default: the box record's keys, then the image's). */
    lineage?: LineageLookup
  ): void {
    let who = this.fixedAnnotator
    if (this.source.kind === 'field') {
      const key = this.source.key
      const name = isRecord(record) ? scalarText(record[key]) : undefined
      if (name === undefined || name === '') {
        this.log.add('boxes without annotator', {
          severity: 'error',
          file: this.file,
          line,
          field: key,
          message: `the box has no annotator (key '${key}'); left out`
        })
        return
      }
      who = this.builder.annotators.intern(name)
      this.annotatorsInFile.add(who)
    } else if (this.source.kind === 'explicit') {
      who = this.builder.annotators.intern(annotator ?? '')
    }
    const problem = checkBox(x, y, w, h, this.images[image]!.size)
    if (problem !== undefined) {
      this.log.add(
        problem.usable ? 'boxes outside the image' : 'unusable boxes',
        {
          severity: 'error',
          file: this.file,
          line,
          field,
          message: problem.message
        }
      )
      if (!problem.usable) return
    }
    if (this.classes !== undefined && !this.classes.has(label)) {
      this.log.add('boxes of unknown classes', {
        severity: 'error',
        file: this.file,
        line,
        field,
        message: `class ${quote(label)} is not a category`
      })
    }
    if (this.boxes === this.boxRow.length) this.growBoxes()
    const k = this.boxes++
    this.boxRow[k] = this.row(
      image,
      who,
      line,
      // No closure per box unless lineage fields are read.
      this.builder.extraNames.length === 0
        ? undefined
        : (lineage ?? ownKeysThen(record, this.imageLineage[image]))
    )
    if (label !== this.lastLabel) {
      this.lastLabel = label
      this.lastLabelCode = this.builder.labels.intern(label)
    }
    this.boxLabel[k] = this.lastLabelCode
    const c = this.boxCoords
    c[4 * k] = x
    c[4 * k + 1] = y
    c[4 * k + 2] = w
    c[4 * k + 3] = h
  }

  private growBoxes(least = 0): void {
    const n = Math.max(2 * this.boxRow.length, least)
    const row = new Int32Array(n)
    row.set(this.boxRow)
    this.boxRow = row
    const label = new Int32Array(n)
    label.set(this.boxLabel)
    this.boxLabel = label
    const coords = new Float64Array(4 * n)
    coords.set(this.boxCoords)
    this.boxCoords = coords
  }

  /** Writes the rows: per image in file order, its annotators in code order. */
  finish(): void {
    const kind = this.source.kind
    for (let i = 0; i < this.images.length; i++) {
      const line = this.images[i]!.line
      if (kind === 'file' || kind === 'fixed')
        this.row(i, this.fixedAnnotator, line)
      else if (kind === 'reference') this.row(i, -1, line)
      else if (kind === 'field')
        for (const a of this.annotatorsInFile) this.row(i, a, line)
    }
    const rows = this.rowImage.length
    // One annotator per file: one row per image (every image got one
    // above), so image order is the order, without a sort.
    const byImage = this.rowOfImage
    const order =
      byImage !== null
        ? Int32Array.from(this.images, (_, i) => byImage[i]! - 1)
        : Array.from({ length: rows }, (_, r) => r).sort(
            (a, b) =>
              this.rowImage[a]! - this.rowImage[b]! ||
              this.rowAnnotator[a]! - this.rowAnnotator[b]!
          )
    // Boxes by row (counting sort, keeping file order within a row).
    const count = new Int32Array(rows + 1)
    const n = this.boxes
    for (let b = 0; b < n; b++) count[this.boxRow[b]! + 1]!++
    for (let r = 0; r < rows; r++) count[r + 1]! += count[r]!
    const boxes = new Int32Array(n)
    const at = count.slice(0, rows)
    for (let b = 0; b < n; b++) boxes[at[this.boxRow[b]!]!++] = b
    const b = this.builder
    b.reserve(rows, n)
    for (const r of order) {
      b.beginRow(
        this.images[this.rowImage[r]!]!.item,
        this.rowAnnotator[r]!,
        this.fileCode,
        this.rowLine[r]!
      )
      if (b.extraNames.length > 0) {
        b.setExtras(
          this.rowLineage[r] ??
            this.imageLineage[this.rowImage[r]!] ??
            (() => undefined)
        )
      }
      for (let k = count[r]!; k < count[r + 1]!; k++) {
        const e = boxes[k]!
        const c = this.boxCoords
        b.addBox(
          this.boxLabel[e]!,
          c[4 * e]!,
          c[4 * e + 1]!,
          c[4 * e + 2]!,
          c[4 * e + 3]!
        )
      }
    }
  }

  private row(
    image: number,
    annotator: number,
    line: number,
    lineage?: LineageLookup
  ): number {
    // Files list an image's boxes together: the last row answers most calls
    // without hashing a key (its lineage is the first record's, already kept).
    if (image === this.lastImage && annotator === this.lastAnnotator)
      return this.lastRow
    let r: number | undefined
    const byImage = this.rowOfImage
    const key = image * 4294967296 + (annotator + 1)
    if (byImage !== null) {
      // One annotator per file: `annotator` is always the same one.
      if (image >= byImage.length) {
        const grown = new Int32Array(Math.max(2 * byImage.length, image + 1))
        grown.set(byImage)
        this.rowOfImage = grown
      }
      r = this.rowOfImage![image]! - 1
      if (r < 0) r = undefined
    } else r = this.rowKey.get(key)
    if (r === undefined) {
      r = this.rowImage.length
      if (byImage !== null) this.rowOfImage![image] = r + 1
      else this.rowKey.set(key, r)
      this.rowImage.push(image)
      this.rowAnnotator.push(annotator)
      this.rowLine.push(line)
      this.rowLineage.push(lineage)
    }
    this.lastImage = image
    this.lastAnnotator = annotator
    this.lastRow = r
    return r
  }
}

/** A record's own keys, then (absent there) `fallback`. */
function ownKeysThen(
  record: unknown,
  fallback: LineageLookup | undefined
): LineageLookup {
  const own = ownKeys(record)
  return (name) => own(name) ?? fallback?.(name)
}
