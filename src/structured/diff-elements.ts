import type { DiffReport, Relabel } from '../report/types.js'
import type { ElementTable } from './element-table.js'
import { kindOf } from './kinds.js'
import { elementDifference, rowsByItem } from './table-rows.js'

export interface ElementDiff {
  report: DiffReport
  /** The first `limit` relabeled annotations by item id, then annotator id; from/to describe the sets. */
  relabeled: Relabel[]
  /** Item codes the change touched: an annotation added, removed or relabeled. */
  touchedItems: Uint8Array
  /** Head rows the change added or relabeled. */
  changedRows: Uint8Array
}

const DEFAULT_RELABELED_LIMIT = 50

/**
 * The base → head diff of one structured dataset (both tables in one code
 * space). An annotation is matched by (item, annotator); it is relabeled when
 * its element set changed (`labels_changed` counts those). `elements_added`
 * and `elements_removed` count elements (labels, spans, boxes) as multisets:
 * all of an added or removed annotation's, and the difference of a relabeled
 * one's.
 */
export function diffElements(
  base: ElementTable,
  head: ElementTable,
  limit = DEFAULT_RELABELED_LIMIT
): ElementDiff {
  const nItems = Math.max(base.items.size, head.items.size)
  const b = rowsByItem(base)
  const h = rowsByItem(head)
  const baseRowOf = new Int32Array(head.annotators.size + 1).fill(-1)
  const touchedItems = new Uint8Array(nItems)
  const changedRows = new Uint8Array(head.size)
  const report: DiffReport = {
    items_added: 0,
    items_removed: 0,
    annotations_added: 0,
    annotations_removed: 0,
    labels_changed: 0,
    elements_added: 0,
    elements_removed: 0
  }
  const relabels: [number, number][] = []
  const size = (t: ElementTable, r: number): number =>
    t.start[r + 1]! - t.start[r]!
  for (let i = 0; i < nItems; i++) {
    const bFrom = i + 1 < b.start.length ? b.start[i]! : 0
    const bTo = i + 1 < b.start.length ? b.start[i + 1]! : 0
    const hFrom = i + 1 < h.start.length ? h.start[i]! : 0
    const hTo = i + 1 < h.start.length ? h.start[i + 1]! : 0
    if (bTo === bFrom && hTo === hFrom) continue
    if (bTo === bFrom) report.items_added++
    else if (hTo === hFrom) report.items_removed++
    for (let k = bFrom; k < bTo; k++)
      baseRowOf[base.annotator[b.rows[k]!]!] = b.rows[k]!
    for (let k = hFrom; k < hTo; k++) {
      const r = h.rows[k]!
      const a = head.annotator[r]!
      const f = a < baseRowOf.length ? baseRowOf[a]! : -1
      if (f < 0) {
        report.annotations_added++
        report.elements_added! += size(head, r)
        changedRows[r] = 1
        touchedItems[i] = 1
        continue
      }
      baseRowOf[a] = -2 // matched
      const { added, removed } = elementDifference(base, f, head, r)
      if (added === 0 && removed === 0) {
        baseRowOf[a] = -3
        continue
      }
      report.labels_changed++
      report.elements_added! += added
      report.elements_removed! += removed
      changedRows[r] = 1
      touchedItems[i] = 1
      relabels.push([f, r])
    }
    for (let k = bFrom; k < bTo; k++) {
      const r = b.rows[k]!
      const a = base.annotator[r]!
      const state = a < baseRowOf.length ? baseRowOf[a]! : r
      if (state >= 0) {
        report.annotations_removed++
        report.elements_removed! += size(base, r)
        touchedItems[i] = 1
      }
      if (a < baseRowOf.length) baseRowOf[a] = -1
    }
  }
  const kind = kindOf(head.type)
  const id = (t: ElementTable, r: number): [string, string] => [
    t.items.value(t.item[r]!),
    t.annotators.value(t.annotator[r]!)
  ]
  const relabeled = relabels
    .map(([f, r]) => ({ at: [f, r] as const, key: id(head, r) }))
    .sort((x, y) => compare(x.key[0], y.key[0]) || compare(x.key[1], y.key[1]))
    .slice(0, limit)
    .map(({ at: [f, r], key }) => ({
      item: key[0],
      annotator: key[1],
      from: kind.describe(base, f),
      to: kind.describe(head, r)
    }))
  return { report, relabeled, touchedItems, changedRows }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
