import type { ProblemLog } from '../../formats/problem-log.js'
import { closest } from '../../util/did-you-mean.js'
import { quote } from '../../util/excerpt.js'
import type { ElementTableBuilder } from '../element-table.js'
import type { SpanOptions } from './span-options.js'

/** Where one item's text was first seen, to name both places on a conflict. */
interface TextSource {
  file: string
  line: number
}

// Per builder (one dataset version): where each item's text was first seen,
// and the tokens formats gave, shared by the sinks of all its files. Tokens
// are keyed by the builder's text map, which every table made from it (the
// finished table, its slices) carries, so the metrics find them from a table.
const sourcesOf = new WeakMap<ElementTableBuilder, Map<number, TextSource>>()
const tokensOf = new WeakMap<
  ReadonlyMap<number, string>,
  Map<number, Int32Array>
>()

/** The tokens the format gave for the items of a table's version (item code -> start, end pairs). */
export function formatTokens(
  text: ReadonlyMap<number, string>
): ReadonlyMap<number, Int32Array> {
  return tokensOf.get(text) ?? new Map()
}

/**
 * Every span reader writes through this sink: it opens one row per
 * annotation (item, annotator) and checks each span before it enters the
 * element table. A span that fails a check is an error problem at its
 * file:line with its field, and is left out; the annotation stays (an
 * annotation with no valid span is an empty set, not a missing one).
 *
 * Checks: start and end are integers with 0 <= start < end <= the text's
 * length (UTF-16 code units, as JavaScript and Label Studio count; Prodigy
 * and spaCy count Unicode code points, so a reader converts first); the
 * span's own `text`, when the format gives one, equals the slice of the
 * item's text; the label is a declared entity type (when the dataset
 * declares `categories`); with `overlap: forbid`, no two spans of one
 * annotation share a character. One item has one text: an annotation whose
 * text differs from the item's first is an error and is left out. The same
 * (item, annotator) twice: the first is kept, the second is an error.
 */
export class SpanSink {
  private readonly sources: Map<number, TextSource>
  private readonly repeats: boolean
  /** A reference file: no annotator is read or needed (annotator -1). */
  readonly reference: boolean
  private readonly seen = new Map<number, Set<number>>()
  private readonly known: Set<string> | null
  private open = false
  private text = ''
  /** The open annotation's spans, for the overlap check: start, end, line. */
  private pending: number[] = []
  private fileCode = -1
  /**
   * Item code -> the tokens the format gave (start, end pairs, UTF-16),
   * for the token-level alpha; items without are split at white space.
   */
  readonly tokens: Map<number, Int32Array>
  /** The item code of the open annotation. */
  private item = -1
  /** The file being read (`startFile`). */
  file = ''

  constructor(
    readonly builder: ElementTableBuilder,
    readonly log: ProblemLog,
    readonly options: SpanOptions,
    mode: {
      /** Report the same (item, annotator) twice here (false when the caller de-duplicates). */
      repeats?: boolean
      /** A reference file: every row gets annotator -1, whatever the file names. */
      reference?: boolean
    } = {}
  ) {
    this.repeats = mode.repeats ?? true
    this.reference = mode.reference ?? false
    let sources = sourcesOf.get(builder)
    if (sources === undefined) sourcesOf.set(builder, (sources = new Map()))
    this.sources = sources
    let tokens = tokensOf.get(builder.text)
    if (tokens === undefined) tokensOf.set(builder.text, (tokens = new Map()))
    this.tokens = tokens
    this.known =
      options.categories === undefined ? null : new Set(options.categories)
  }

  /**
   * Opens an annotation; false (with the problem logged) when it cannot be
   * kept: a second annotation of the same item by the same annotator, or a
   * text that differs from the item's.
   */
  begin(item: string, annotator: string, text: string, line: number): boolean {
    this.finish()
    const b = this.builder
    const i = b.items.intern(item)
    const a = this.reference ? -1 : b.annotators.intern(annotator)
    let raters = this.seen.get(i)
    if (raters === undefined) this.seen.set(i, (raters = new Set()))
    if (this.repeats && raters.has(a)) {
      this.error(
        'repeated annotations',
        line,
        'annotator',
        `item ${quote(item)} is annotated twice by ${quote(annotator)}; the first annotation is kept`
      )
      return false
    }
    const known = b.text.get(i)
    if (known === undefined) {
      b.text.set(i, text)
      this.sources.set(i, { file: this.file, line })
    } else if (known !== text) {
      const first = this.sources.get(i)
      this.error(
        'texts that differ from the item',
        line,
        'text',
        `item ${quote(item)} has another text here than at ${first === undefined ? 'its first annotation' : `${first.file}:${first.line}`}; offsets would not be comparable, so this annotation is left out`
      )
      return false
    }
    raters.add(a)
    this.item = i
    b.beginRow(i, a, this.fileCode, line)
    this.open = true
    this.text = text
    this.pending = []
    return true
  }

  /**
   * Adds a span to the open annotation after the checks; `quoted` is the
   * span's own text when the format carries one; `at` prefixes the field
   * names of problems (`result[2].value.`).
   */
  span(
    start: unknown,
    end: unknown,
    label: string,
    line: number,
    quoted?: unknown,
    at = ''
  ): void {
    if (!this.open) return
    const field = `${at}start`
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      this.error(
        'spans without integer offsets',
        line,
        Number.isInteger(start) ? `${at}end` : field,
        `span offsets must be integers, found start ${String(start)} and end ${String(end)}`
      )
      return
    }
    const s = start as number
    const e = end as number
    if (s >= e) {
      this.error(
        'empty or reversed spans',
        line,
        `${at}end`,
        `span [${s}, ${e}) is empty or reversed: start must be below end`
      )
      return
    }
    if (s < 0 || e > this.text.length) {
      this.error(
        'spans outside the text',
        line,
        s < 0 ? field : `${at}end`,
        `span [${s}, ${e}) lies outside the text (length ${this.text.length})`
      )
      return
    }
    if (typeof quoted === 'string' && quoted !== this.text.slice(s, e)) {
      this.error(
        'span texts that disagree with the item text',
        line,
        `${at}text`,
        `span [${s}, ${e}) says its text is ${quote(quoted)} but the item's text there is ${quote(this.text.slice(s, e))}`
      )
      return
    }
    if (label === '') {
      this.error(
        'spans without a label',
        line,
        `${at}label`,
        'span has no label'
      )
      return
    }
    const b = this.builder
    if (this.known !== null && !this.known.has(label)) {
      const near = closest(label, this.known)
      this.error(
        'unknown entity types',
        line,
        `${at}label`,
        `entity type ${quote(label)} is not a category${near === undefined ? '' : `; did you mean ${quote(near)}?`}`
      )
      return
    }
    if (this.options.overlap === 'forbid') {
      for (let k = 0; k < this.pending.length; k += 3) {
        if (s < this.pending[k + 1]! && this.pending[k]! < e) {
          this.error(
            'overlapping spans',
            line,
            field,
            `span [${s}, ${e}) ${quote(label)} overlaps span [${this.pending[k]}, ${this.pending[k + 1]}) of the same annotation (line ${this.pending[k + 2]}); the dataset forbids overlap (span.overlap: forbid)`
          )
          return
        }
      }
    }
    this.pending.push(s, e, line)
    b.addElement(b.labels.intern(label), s, e)
  }

  /** Records the open annotation's item's tokens (the first annotation's win). */
  setTokens(tokens: Int32Array): void {
    if (this.open && !this.tokens.has(this.item))
      this.tokens.set(this.item, tokens)
  }

  /** A problem of the file at a line (for the readers' own checks). */
  error(kind: string, line: number, field: string, message: string): void {
    this.log.add(kind, {
      severity: 'error',
      file: this.file,
      line,
      field,
      message
    })
  }

  /** A warning of the file at a line. */
  warn(kind: string, line: number, field: string, message: string): void {
    this.log.add(kind, {
      severity: 'warning',
      file: this.file,
      line,
      field,
      message
    })
  }

  /** Counted skips (ignored answers and the like): one warning with the count. */
  private readonly skips = new Map<
    string,
    { count: number; line: number; field: string; say: (n: number) => string }
  >()

  skip(
    kind: string,
    line: number,
    field: string,
    say: (n: number) => string
  ): void {
    const s = this.skips.get(kind)
    if (s === undefined) this.skips.set(kind, { count: 1, line, field, say })
    else s.count++
  }

  /** Closes the open annotation and, at the end of a file, logs the skip counts. */
  finish(): void {
    this.open = false
    this.pending = []
  }

  /** Starts reading a file: every problem and row names it. */
  startFile(file: string): void {
    this.end()
    this.file = file
    this.fileCode = this.builder.addFile(file)
  }

  /** Ends the file: closes the annotation and writes one warning per kind of skip. */
  end(): void {
    this.finish()
    for (const [kind, { count, line, field, say }] of this.skips)
      this.warn(kind, line, field, say(count))
    this.skips.clear()
  }
}
