import { COORDINATES, type ElementTable } from './element-table.js'

/** Rows grouped by item code: item i's rows are `rows[start[i] .. start[i + 1])`, in row order. */
export interface RowsByItem {
  /** Length `items.size + 1` of the table's code space. */
  readonly start: Int32Array
  readonly rows: Int32Array
}

const groups = new WeakMap<ElementTable, RowsByItem>()

/** A counting sort of the rows by item code: O(rows + items). Cached per table. */
export function rowsByItem(table: ElementTable): RowsByItem {
  let found = groups.get(table)
  if (found !== undefined) return found
  const nItems = table.items.size
  const start = new Int32Array(nItems + 1)
  for (let r = 0; r < table.size; r++) start[table.item[r]! + 1]!++
  for (let i = 0; i < nItems; i++) start[i + 1]! += start[i]!
  const next = start.slice(0, nItems)
  const rows = new Int32Array(table.size)
  for (let r = 0; r < table.size; r++) rows[next[table.item[r]!]!++] = r
  found = { start, rows }
  groups.set(table, found)
  return found
}

/** Item code → the item's row in a reference table (one row per item), -1 where none. */
export function referenceRows(reference: ElementTable): Int32Array {
  const row = new Int32Array(reference.items.size).fill(-1)
  for (let r = 0; r < reference.size; r++) {
    if (row[reference.item[r]!] === -1) row[reference.item[r]!] = r
  }
  return row
}

/** The rows `keep` selects, as a new table in the same code space. */
export function sliceTable(
  table: ElementTable,
  keep: (row: number) => boolean
): ElementTable {
  const kept: number[] = []
  for (let r = 0; r < table.size; r++) if (keep(r)) kept.push(r)
  return tableOfRows(table, kept)
}

/** The rows `kept` (ascending), as a new table in the same code space. */
export function tableOfRows(
  table: ElementTable,
  kept: readonly number[]
): ElementTable {
  const width = COORDINATES[table.type]
  let elements = 0
  for (const r of kept) elements += table.start[r + 1]! - table.start[r]!
  const n = kept.length
  const item = new Int32Array(n)
  const annotator = new Int32Array(n)
  const file = new Int32Array(n)
  const line = new Int32Array(n)
  const start = new Int32Array(n + 1)
  const label = new Int32Array(elements)
  const coords = new Float64Array(elements * width)
  let e = 0
  kept.forEach((r, k) => {
    item[k] = table.item[r]!
    annotator[k] = table.annotator[r]!
    file[k] = table.file[r]!
    line[k] = table.line[r]!
    start[k] = e
    for (let x = table.start[r]!; x < table.start[r + 1]!; x++, e++) {
      label[e] = table.label[x]!
      for (let c = 0; c < width; c++)
        coords[e * width + c] = table.coords[x * width + c]!
    }
  })
  start[n] = e
  const extras = new Map(
    [...table.extras].map(([name, column]) => [
      name,
      {
        values: column.values,
        code: Int32Array.from(kept, (r) => column.code[r]!)
      }
    ])
  )
  return {
    ...table,
    size: n,
    item,
    annotator,
    file,
    line,
    start,
    label,
    coords,
    extras
  }
}

/** Numbers per element of a table. */
export function widthOf(table: ElementTable): number {
  return COORDINATES[table.type]
}

/**
 * Row r's elements as comparable keys (label code, then coordinates), sorted:
 * two rows hold the same element set when their keys are equal.
 */
export function elementKeys(table: ElementTable, row: number): string[] {
  const width = widthOf(table)
  const keys: string[] = []
  for (let e = table.start[row]!; e < table.start[row + 1]!; e++) {
    let key = String(table.label[e]!)
    for (let c = 0; c < width; c++)
      key += ',' + String(table.coords[e * width + c]!)
    keys.push(key)
  }
  return keys.sort()
}

/**
 * Elements of row `rb` of `b` not in row `ra` of `a` (added) and of `ra` not
 * in `rb` (removed), as multisets: the counts `elementKeys` gives (equal
 * label codes and coordinates, 0 equal to -0), compared as numbers instead
 * of as text (10^6 annotations a version in the box benchmark).
 */
export function elementDifference(
  a: ElementTable,
  ra: number,
  b: ElementTable,
  rb: number
): { added: number; removed: number } {
  const a0 = a.start[ra]!
  const na = a.start[ra + 1]! - a0
  const b0 = b.start[rb]!
  const nb = b.start[rb + 1]! - b0
  const width = widthOf(a)
  // An unchanged annotation lists the same elements in the same order.
  if (na === nb) {
    let k = 0
    while (k < na && compareElements(a, a0 + k, b, b0 + k, width) === 0) k++
    if (k === na) return { added: 0, removed: 0 }
  }
  const oa = sortedElements(a, a0, na, width)
  const ob = sortedElements(b, b0, nb, width)
  let i = 0
  let j = 0
  let added = 0
  let removed = 0
  while (i < na || j < nb) {
    const c =
      i >= na ? 1 : j >= nb ? -1 : compareElements(a, oa[i]!, b, ob[j]!, width)
    if (c < 0) {
      removed++
      i++
    } else if (c > 0) {
      added++
      j++
    } else {
      i++
      j++
    }
  }
  return { added, removed }
}

/** Elements [from, from + n) of a table in `compareElements` order (insertion sort: sets are small). */
function sortedElements(
  t: ElementTable,
  from: number,
  n: number,
  width: number
): Int32Array {
  const order = new Int32Array(n)
  for (let k = 0; k < n; k++) {
    const e = from + k
    let p = k
    while (p > 0 && compareElements(t, e, t, order[p - 1]!, width) < 0) {
      order[p] = order[p - 1]!
      p--
    }
    order[p] = e
  }
  return order
}

/** Label code, then each coordinate; 0 and -0 are equal, NaN equals NaN and sorts last. */
function compareElements(
  s: ElementTable,
  e: number,
  t: ElementTable,
  f: number,
  width: number
): number {
  const d = s.label[e]! - t.label[f]!
  if (d !== 0) return d
  for (let c = 0; c < width; c++) {
    const x = s.coords[e * width + c]!
    const y = t.coords[f * width + c]!
    if (x < y) return -1
    if (x > y) return 1
    if (x !== y) {
      // One or both NaN.
      const nx = Number.isNaN(x)
      const ny = Number.isNaN(y)
      if (nx !== ny) return nx ? 1 : -1
    }
  }
  return 0
}
