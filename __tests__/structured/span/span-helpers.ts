import { ProblemLog } from '../../../src/formats/problem-log.js'
import { ElementTableBuilder } from '../../../src/structured/element-table.js'
import { readConll } from '../../../src/structured/span/read-conll.js'
import {
  DEFAULT_SPAN_OPTIONS,
  type SpanOptions
} from '../../../src/structured/span/span-options.js'
import { SpanSink } from '../../../src/structured/span/span-sink.js'

/** A span dataset version read from in-memory files through a reader. */
export function readSpans(
  files: Record<string, string>,
  reader: (
    bytes: Uint8Array,
    start: number,
    file: string,
    sink: SpanSink
  ) => void = readConll,
  options: Partial<SpanOptions> = {},
  builder = new ElementTableBuilder('span')
): { sink: SpanSink; log: ProblemLog; builder: ElementTableBuilder } {
  const log = new ProblemLog()
  const sink = new SpanSink(builder, log, {
    ...DEFAULT_SPAN_OPTIONS,
    ...options
  })
  for (const [file, text] of Object.entries(files))
    reader(new TextEncoder().encode(text), 0, file, sink)
  return { sink, log, builder }
}

/** CoNLL text of sentences given as tag lists over synthetic tokens w0 w1 ... */
export function conllText(sentences: readonly (readonly string[])[]): string {
  return sentences
    .map((tags) => tags.map((tag, t) => `w${t} ${tag}`).join('\n'))
    .join('\n\n')
    .concat('\n')
}

/** Spans (item id, annotator id, start, end, label) of a finished table, sorted. */
export function spanList(builder: ElementTableBuilder): string[] {
  const t = builder.finish()
  const out: string[] = []
  for (let r = 0; r < t.size; r++)
    for (let e = t.start[r]!; e < t.start[r + 1]!; e++)
      out.push(
        `${t.items.value(t.item[r]!)} ${t.annotator[r]! < 0 ? '-' : t.annotators.value(t.annotator[r]!)} ${t.coords[2 * e]} ${t.coords[2 * e + 1]} ${t.labels.value(t.label[e]!)}`
      )
  return out.sort()
}

/** One annotation of a test document: annotator and [start, end, label] spans. */
export interface TestAnnotation {
  annotator: string
  spans: readonly (readonly [number, number, string])[]
}
export interface TestDoc {
  item: string
  text: string
  annotations: readonly TestAnnotation[]
  reference?: readonly (readonly [number, number, string])[]
}

/** An element table (and reference table, sharing codes) from literal documents, rows in the given order. */
export function tablesOf(docs: readonly TestDoc[]): {
  table: ReturnType<ElementTableBuilder['finish']>
  reference: ReturnType<ElementTableBuilder['finish']>
} {
  const b = new ElementTableBuilder('span')
  const f = b.addFile('test')
  for (const d of docs) {
    const i = b.items.intern(d.item)
    b.text.set(i, d.text)
    for (const a of d.annotations) {
      b.beginRow(i, b.annotators.intern(a.annotator), f, 1)
      for (const [s, e, l] of a.spans) b.addElement(b.labels.intern(l), s, e)
    }
  }
  const r = new ElementTableBuilder('span', b)
  const g = r.addFile('gold')
  for (const d of docs) {
    if (d.reference === undefined) continue
    const i = r.items.intern(d.item)
    r.text.set(i, d.text)
    r.beginRow(i, -1, g, 1)
    for (const [s, e, l] of d.reference) r.addElement(r.labels.intern(l), s, e)
  }
  return { table: b.finish(), reference: r.finish() }
}
