import type { ExtraColumn } from '../model/annotation-table.js'
import type { Ratings, ReferenceLabels } from '../model/ratings.js'

/** The ratings of one slice value, in a compact item code space of their own. */
export interface RatingsGroup {
  column: string
  /** The value as written; '' for rows that leave the column empty. */
  value: string
  ratings: Ratings
  /** The reference labels of the group's items (same compact codes); null without a reference. */
  reference: ReferenceLabels | null
}

/** The ratings of each value of one column: rating indices grouped by value code. */
export interface ColumnGroups {
  column: string
  /** Per value, in code point order of the value: its text and its rating indices. */
  values: { value: string; ratings: Int32Array }[]
}

/**
 * Splits a version's ratings by the value each rating's row holds in
 * `column` (a counting sort over the column's codes: one pass, no strings
 * decoded but the distinct values). Values no rating carries are left out.
 */
export function groupByColumn(
  ratings: Ratings,
  column: string,
  extra: ExtraColumn
): ColumnGroups {
  const codes = extra.code
  const rows = ratings.row
  const size = ratings.item.length
  const nValues = extra.values.size
  const count = new Int32Array(nValues + 1)
  for (let r = 0; r < size; r++) count[codes[rows[r]!]! + 1]!++
  const start = count
  for (let v = 0; v < nValues; v++) start[v + 1]! += start[v]!
  const order = new Int32Array(size)
  const next = start.slice(0, nValues)
  for (let r = 0; r < size; r++) order[next[codes[rows[r]!]!]!++] = r
  const values: ColumnGroups['values'] = []
  for (let v = 0; v < nValues; v++) {
    if (start[v + 1] === start[v]) continue
    values.push({
      value: extra.values.value(v),
      ratings: order.subarray(start[v], start[v + 1])
    })
  }
  values.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
  return { column, values }
}

/** Code maps from the version's item and annotator spaces, all −1 between groups. */
export interface GroupScratch {
  items: Int32Array
  annotators: Int32Array
}

export function groupScratch(ratings: Ratings): GroupScratch {
  return {
    items: new Int32Array(ratings.nItems).fill(-1),
    annotators: new Int32Array(ratings.nAnnotators).fill(-1)
  }
}

/**
 * The ratings at `indices` with their items and annotators renumbered
 * 0..k−1 (in order of first appearance), and the reference labels of those
 * items: every metric then costs the size of the group, not of the version
 * (a column with thousands of values would otherwise allocate per-item and
 * per-annotator-pair arrays of the whole version for each). `scratch` is
 * left all −1 again.
 */
export function compactGroup(
  ratings: Ratings,
  reference: ReferenceLabels | null,
  indices: Int32Array,
  scratch: GroupScratch
): { ratings: Ratings; reference: ReferenceLabels | null } {
  const n = indices.length
  const item = new Int32Array(n)
  const annotator = new Int32Array(n)
  const category = new Int32Array(n)
  const row = new Int32Array(n)
  const original: number[] = []
  const originalAnnotators: number[] = []
  const itemCode = scratch.items
  const annotatorCode = scratch.annotators
  // Locals, not property reads, in the loop over every rating of the group.
  const fromRow = ratings.row
  const fromItem = ratings.item
  const fromAnnotator = ratings.annotator
  const fromCategory = ratings.category
  for (let s = 0; s < n; s++) {
    const r = indices[s]!
    const i = fromItem[r]!
    let code = itemCode[i]!
    if (code < 0) {
      code = original.length
      itemCode[i] = code
      original.push(i)
    }
    item[s] = code
    const a = fromAnnotator[r]!
    let own = annotatorCode[a]!
    if (own < 0) {
      own = originalAnnotators.length
      annotatorCode[a] = own
      originalAnnotators.push(a)
    }
    annotator[s] = own
    category[s] = fromCategory[r]!
    row[s] = fromRow[r]!
  }
  for (const i of original) itemCode[i] = -1
  for (const a of originalAnnotators) annotatorCode[a] = -1
  let groupReference: ReferenceLabels | null = null
  if (reference !== null) {
    const labels = new Int32Array(original.length)
    let size = 0
    original.forEach((i, code) => {
      const c = reference.category[i] ?? -1
      labels[code] = c
      if (c >= 0) size++
    })
    groupReference = { category: labels, size }
  }
  const compact: Ratings = {
    level: ratings.level,
    nItems: original.length,
    nAnnotators: originalAnnotators.length,
    categories: ratings.categories,
    declared: ratings.declared,
    values: ratings.values,
    item,
    annotator,
    category,
    row,
    get itemIds() {
      const ids = ratings.itemIds
      return original.map((i) => ids[i]!)
    },
    get annotatorIds() {
      const ids = ratings.annotatorIds
      return originalAnnotators.map((a) => ids[a]!)
    }
  }
  return { ratings: compact, reference: groupReference }
}
