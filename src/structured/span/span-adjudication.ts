import type { SpanIndex } from './span-index.js'

/** One span that not every annotator of the item marked. */
export interface DisagreeingSpan {
  start: number
  end: number
  label: string
  /** The item's text in [start, end). */
  text: string
  /** Annotators whose annotation has this exact span, by id. */
  marked_by: string[]
  /** Annotators of the item whose annotation lacks it, by id. */
  missing: string[]
}

export interface SpanAdjudicationRow {
  item: string
  /** The item's pairwise span F1 (pooled over its annotator pairs). */
  f1: number
  annotators: string[]
  disagreeing: DisagreeingSpan[]
}

export interface SpanAdjudicationOptions {
  /** Items whose pairwise F1 is below this go to the queue (default 0.8). */
  minF1?: number
  /** Which F1 (default strict). */
  matching?: 'strict' | 'overlap'
  /** Item codes to consider (1 = consider), e.g. the change's touched items. */
  items?: Uint8Array
}

export const DEFAULT_SPAN_MIN_F1 = 0.8

/**
 * The items whose annotators disagree on the spans: the item's pairwise F1
 * (Σ 2·matched / Σ (|A| + |B|) over its annotator pairs, as in
 * `spanAgreement`) is below `minF1`; an item at exactly `minF1` is not
 * queued. Items with fewer than two annotations, or with no span in any,
 * have no F1 and are not queued. Each row lists the disagreeing spans: every
 * distinct (start, end, type) that some but not all of the item's
 * annotations contain, with who marked it and who did not, so the
 * adjudicator sees the choice to make. Rows by item id (code-unit order).
 */
export function spanAdjudicationQueue(
  ix: SpanIndex,
  itemF1: { itemF1Strict: Float64Array; itemF1Overlap: Float64Array },
  options: SpanAdjudicationOptions = {}
): SpanAdjudicationRow[] {
  const minF1 = options.minF1 ?? DEFAULT_SPAN_MIN_F1
  const f1s =
    options.matching === 'overlap' ? itemF1.itemF1Overlap : itemF1.itemF1Strict
  const table = ix.table
  const rows: SpanAdjudicationRow[] = []
  for (let i = 0; i < ix.nItems; i++) {
    const f1 = f1s[i]!
    if (!(f1 < minF1)) continue
    if (options.items !== undefined && options.items[i] !== 1) continue
    const from = ix.itemStart[i]!
    const to = ix.itemStart[i + 1]!
    const text = table.text.get(i) ?? ''
    const who = new Map<
      string,
      { s: number; e: number; l: number; by: number[] }
    >()
    const annotators: number[] = []
    for (let p = from; p < to; p++) {
      const x = ix.rows[p]!
      const a = table.annotator[x]!
      annotators.push(a)
      for (let e = ix.begin[x]!; e < ix.begin[x + 1]!; e++) {
        const key = `${ix.start[e]},${ix.end[e]},${ix.label[e]}`
        let entry = who.get(key)
        if (entry === undefined) {
          entry = { s: ix.start[e]!, e: ix.end[e]!, l: ix.label[e]!, by: [] }
          who.set(key, entry)
        }
        entry.by.push(a)
      }
    }
    const id = (a: number): string => table.annotators.value(a)
    const disagreeing: DisagreeingSpan[] = []
    for (const entry of who.values()) {
      if (entry.by.length === annotators.length) continue
      const marked = new Set(entry.by)
      disagreeing.push({
        start: entry.s,
        end: entry.e,
        label: table.labels.value(entry.l),
        text: text.slice(entry.s, entry.e),
        marked_by: entry.by.map(id).sort(),
        missing: annotators
          .filter((a) => !marked.has(a))
          .map(id)
          .sort()
      })
    }
    disagreeing.sort(
      (a, b) =>
        a.start - b.start ||
        a.end - b.end ||
        (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)
    )
    rows.push({
      item: table.items.value(i),
      f1,
      annotators: annotators.map(id).sort(),
      disagreeing
    })
  }
  rows.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
  return rows
}
