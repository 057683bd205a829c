import { Interner } from '../../src/model/interner.js'
import type { Level } from '../../src/model/level.js'
import type { Ratings } from '../../src/model/ratings.js'

/** One rating: item id, annotator id, label. */
export type RatingRow = readonly [
  item: string,
  annotator: string,
  label: string
]

export interface RatingsOptions {
  level?: Level
  /** Declared categories, in order; without them, the labels used, sorted. */
  categories?: readonly string[]
}

const numeric = (s: string): boolean => s.trim() !== '' && !isNaN(Number(s))

/**
 * Test-only `Ratings` builder: interns items and annotators in row order, maps
 * labels to category positions, and gives interval/ratio categories their
 * numeric values. Rows are taken as they are (one per item and annotator).
 */
export function makeRatings(
  rows: readonly RatingRow[],
  options: RatingsOptions = {}
): Ratings {
  const level = options.level ?? 'nominal'
  const items = new Interner()
  const annotators = new Interner()
  let categories = options.categories
  if (categories === undefined) {
    const used = [...new Set(rows.map((r) => r[2]))]
    categories = used.every(numeric)
      ? used.sort((a, b) => Number(a) - Number(b))
      : used.sort()
  }
  const position = new Map(categories.map((c, k) => [c, k]))
  const item = new Int32Array(rows.length)
  const annotator = new Int32Array(rows.length)
  const category = new Int32Array(rows.length)
  rows.forEach(([i, a, label], r) => {
    const k = position.get(label)
    if (k === undefined) throw new Error(`label ${label} is not a category`)
    item[r] = items.intern(i)
    annotator[r] = annotators.intern(a)
    category[r] = k
  })
  const numericLevel = level === 'interval' || level === 'ratio'
  return {
    level,
    nItems: items.size,
    nAnnotators: annotators.size,
    categories,
    declared: options.categories !== undefined,
    values: numericLevel ? Float64Array.from(categories, Number) : null,
    item,
    annotator,
    category,
    row: Int32Array.from(item, (_, r) => r),
    itemIds: items.values,
    annotatorIds: annotators.values
  }
}

/**
 * Krippendorff's reliability data: one row per annotator, one column per
 * unit, null where the annotator did not rate the unit.
 */
export function reliabilityRows(
  data: readonly (readonly (number | string | null)[])[]
): RatingRow[] {
  const rows: RatingRow[] = []
  data.forEach((row, a) =>
    row.forEach((value, u) => {
      if (value !== null) rows.push([`u${u + 1}`, `r${a + 1}`, String(value)])
    })
  )
  return rows
}

/** A subjects × raters matrix (one row per item), as R's irr and irrCAC take it. */
export function subjectRows(
  data: readonly (readonly (number | string | null)[])[]
): RatingRow[] {
  const rows: RatingRow[] = []
  data.forEach((row, u) =>
    row.forEach((value, a) => {
      if (value !== null) rows.push([`u${u + 1}`, `r${a + 1}`, String(value)])
    })
  )
  return rows
}

/**
 * A two-annotator contingency table: `table[i][j]` items got category i from
 * annotator A and j from annotator B (categories named by their index).
 */
export function tableRows(table: readonly (readonly number[])[]): RatingRow[] {
  const rows: RatingRow[] = []
  let n = 0
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let c = 0; c < count; c++) {
        n++
        rows.push([`x${n}`, 'A', String(i)], [`x${n}`, 'B', String(j)])
      }
    })
  )
  return rows
}

/**
 * Fleiss-style counts: `counts[i][k]` raters put item i in category k
 * (category names are indices; raters are numbered within each item).
 */
export function countRows(counts: readonly (readonly number[])[]): RatingRow[] {
  const rows: RatingRow[] = []
  counts.forEach((row, i) => {
    let rater = 0
    row.forEach((count, k) => {
      for (let c = 0; c < count; c++)
        rows.push([`s${i + 1}`, `r${++rater}`, String(k)])
    })
  })
  return rows
}

/** Category names 0..K-1, for declaring every column of a table. */
export function indexCategories(K: number): string[] {
  return Array.from({ length: K }, (_, k) => String(k))
}
