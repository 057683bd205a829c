import { Interner } from '../../src/model/interner.js'
import type { Ratings, ReferenceLabels } from '../../src/model/ratings.js'

/** One rating: item id, annotator id, label text. */
export type Row = readonly [item: string, annotator: string, label: string]

/** One reference label: item id, label text. */
export type Gold = readonly [item: string, label: string]

export interface Version {
  ratings: Ratings
  reference: ReferenceLabels | null
}

/**
 * Test-only nominal version: items and annotators interned in row order (then
 * reference-only items), categories the labels used (ratings and reference)
 * sorted by text unless given. `reference` null gives no reference labels.
 */
export function versionOf(
  rows: readonly Row[],
  reference: readonly Gold[] | null = null,
  categories?: readonly string[]
): Version {
  const labels =
    categories ??
    [
      ...new Set([
        ...rows.map((r) => r[2]),
        ...(reference ?? []).map((g) => g[1])
      ])
    ].sort()
  const items = new Interner()
  const annotators = new Interner()
  const position = new Map(labels.map((c, k) => [c, k]))
  const code = (label: string): number => {
    const k = position.get(label)
    if (k === undefined) throw new Error(`label ${label} is not a category`)
    return k
  }
  const item = new Int32Array(rows.length)
  const annotator = new Int32Array(rows.length)
  const category = new Int32Array(rows.length)
  rows.forEach(([i, a, label], r) => {
    item[r] = items.intern(i)
    annotator[r] = annotators.intern(a)
    category[r] = code(label)
  })
  for (const [i] of reference ?? []) items.intern(i)
  let gold: ReferenceLabels | null = null
  if (reference !== null) {
    const byItem = new Int32Array(items.size).fill(-1)
    for (const [i, label] of reference) byItem[items.get(i)!] = code(label)
    gold = { category: byItem, size: reference.length }
  }
  return {
    ratings: {
      level: 'nominal',
      nItems: items.size,
      nAnnotators: annotators.size,
      categories: labels,
      declared: categories !== undefined,
      values: null,
      item,
      annotator,
      category,
      row: Int32Array.from(item, (_, r) => r),
      itemIds: items.values,
      annotatorIds: annotators.values
    },
    reference: gold
  }
}

/** The ratings alone (no reference). */
export function ratingsOf(rows: readonly Row[]): Ratings {
  return versionOf(rows).ratings
}

/** Item codes whose ids are listed, as the mask the governance functions take. */
export function itemMask(ratings: Ratings, ids: readonly string[]): Uint8Array {
  const mask = new Uint8Array(ratings.nItems)
  const wanted = new Set(ids)
  ratings.itemIds.forEach((id, i) => {
    if (wanted.has(id)) mask[i] = 1
  })
  return mask
}

/** The rows in reverse and rotated order, for order-invariance checks. */
export function shuffledRows<T>(rows: readonly T[], shift: number): T[] {
  const reversed = [...rows].reverse()
  const s = ((shift % reversed.length) + reversed.length) % reversed.length
  return [...reversed.slice(s), ...reversed.slice(0, s)]
}
