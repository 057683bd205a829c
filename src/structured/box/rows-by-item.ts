import type { ElementTable } from '../element-table.js'

/**
 * The rows of an element table grouped by item: item g is `items[g]`, its
 * rows are `rows[offset[g] .. offset[g + 1] - 1]` in table order. Items come
 * in ascending code order (a counting sort: O(rows + codes), no comparison
 * sort), so results do not depend on the order of the files' records.
 */
export interface ItemRows {
  items: Int32Array
  offset: Int32Array
  rows: Int32Array
}

export function rowsByItem(table: ElementTable): ItemRows {
  const codes = table.items.size
  const count = new Int32Array(codes + 1)
  for (let r = 0; r < table.size; r++) count[table.item[r]! + 1]!++
  let distinct = 0
  for (let c = 0; c < codes; c++) if (count[c + 1]! > 0) distinct++
  const items = new Int32Array(distinct)
  const offset = new Int32Array(distinct + 1)
  const at = new Int32Array(codes)
  let g = 0
  let position = 0
  for (let c = 0; c < codes; c++) {
    const n = count[c + 1]!
    if (n === 0) continue
    items[g] = c
    offset[g] = position
    at[c] = position
    position += n
    g++
  }
  offset[distinct] = position
  const rows = new Int32Array(table.size)
  for (let r = 0; r < table.size; r++) rows[at[table.item[r]!]!++] = r
  return { items, offset, rows }
}

/** Item code → its first row in `table`, -1 for items without one (a reference table has one row per item). */
export function firstRowOfItem(table: ElementTable): Int32Array {
  const first = new Int32Array(table.items.size).fill(-1)
  for (let r = table.size - 1; r >= 0; r--) first[table.item[r]!] = r
  return first
}
