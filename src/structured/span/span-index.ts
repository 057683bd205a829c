import type { ElementTable } from '../element-table.js'

/**
 * A span table grouped for the metrics: rows by item, and each row's spans
 * in canonical order (start, then end, then label code) with exact
 * repeats removed, since a span set is a set (seqeval collects entities
 * into a set too). Everything is in typed arrays: the row's spans are
 * `begin[r] .. begin[r + 1]` of `start`, `end`, `label`.
 */
export interface SpanIndex {
  readonly table: ElementTable
  /** Number of item codes (the interner's size). */
  readonly nItems: number
  /** Rows of item i: `rows[itemStart[i] .. itemStart[i + 1]]`, in table order. */
  readonly itemStart: Int32Array
  readonly rows: Int32Array
  readonly begin: Int32Array
  readonly start: Int32Array
  readonly end: Int32Array
  readonly label: Int32Array
}

/** Groups the rows of `table` that `keep` accepts (all by default). */
export function indexSpans(
  table: ElementTable,
  keep: (row: number) => boolean = () => true
): SpanIndex {
  const nItems = table.items.size
  const itemStart = new Int32Array(nItems + 1)
  let kept = 0
  const take = new Uint8Array(table.size)
  for (let r = 0; r < table.size; r++) {
    if (!keep(r)) continue
    take[r] = 1
    kept++
    itemStart[table.item[r]! + 1]!++
  }
  for (let i = 0; i < nItems; i++) itemStart[i + 1]! += itemStart[i]!
  const rows = new Int32Array(kept)
  const next = itemStart.slice(0, nItems)
  for (let r = 0; r < table.size; r++)
    if (take[r] === 1) rows[next[table.item[r]!]!++] = r

  const m = table.label.length
  const begin = new Int32Array(table.size + 1)
  const start = new Int32Array(m)
  const end = new Int32Array(m)
  const label = new Int32Array(m)
  const order: number[] = []
  let out = 0
  for (let r = 0; r < table.size; r++) {
    begin[r] = out
    if (take[r] === 0) continue
    const from = table.start[r]!
    const to = table.start[r + 1]!
    order.length = 0
    let sorted = true
    for (let e = from; e < to; e++) {
      order.push(e)
      if (e > from && compare(table, e - 1, e) > 0) sorted = false
    }
    if (!sorted) order.sort((x, y) => compare(table, x, y))
    for (let k = 0; k < order.length; k++) {
      const e = order[k]!
      if (k > 0 && compare(table, order[k - 1]!, e) === 0) continue
      start[out] = table.coords[2 * e]!
      end[out] = table.coords[2 * e + 1]!
      label[out] = table.label[e]!
      out++
    }
  }
  begin[table.size] = out
  return { table, nItems, itemStart, rows, begin, start, end, label }
}

function compare(t: ElementTable, x: number, y: number): number {
  return (
    t.coords[2 * x]! - t.coords[2 * y]! ||
    t.coords[2 * x + 1]! - t.coords[2 * y + 1]! ||
    t.label[x]! - t.label[y]!
  )
}
