import type { QcSizing, QcSample } from '../governance/qc-sample.js'
import { qcSample } from '../governance/qc-sample.js'
import type { Ratings } from '../model/ratings.js'
import type { ElementTable } from './element-table.js'
import type { StructuredKind } from './structured-kind.js'

const NOUN = { multi_label: 'labels', span: 'spans', box: 'boxes' } as const

/**
 * The QC sample of a multi_label, span or box dataset: the same seeded,
 * stratified simple random sample of annotations as for categories
 * (`qcSample`), over the head annotations `keep` selects (the change's
 * added and relabeled ones, or all). The strata are annotator × whether the
 * annotation marked anything (`with spans` / `no spans`): a set has no one
 * label to stratify by, and splitting by every distinct set would give most
 * annotations a stratum of their own (each with its minimum of one draw).
 * Each sampled row's `label` is the annotation's set as short text, so the
 * reviewer sees what to check.
 */
export function structuredQcSample(
  kind: StructuredKind,
  table: ElementTable,
  keep: (row: number) => boolean,
  sizing: QcSizing,
  seed: string
): QcSample {
  const noun = NOUN[table.type]
  const strata = [`no ${noun}`, `with ${noun}`]
  const category = new Int32Array(table.size)
  for (let r = 0; r < table.size; r++)
    category[r] = table.start[r + 1]! > table.start[r]! ? 1 : 0
  const ratings: Ratings = {
    level: 'nominal',
    nItems: table.items.size,
    nAnnotators: table.annotators.size,
    categories: strata,
    declared: true,
    values: null,
    item: table.item,
    annotator: table.annotator,
    category,
    row: Int32Array.from({ length: table.size }, (_, r) => r),
    itemIds: table.items.values,
    annotatorIds: table.annotators.values
  }
  const sample = qcSample(ratings, keep, sizing, seed)
  // One annotation per (item, annotator) in a version: the key finds its row.
  const rowOf = new Map<string, number>()
  for (let r = 0; r < table.size; r++) {
    if (table.annotator[r]! < 0) continue
    rowOf.set(
      `${table.items.value(table.item[r]!)}\u0000${table.annotators.value(table.annotator[r]!)}`,
      r
    )
  }
  return {
    ...sample,
    rows: sample.rows.map((row) => {
      const r = rowOf.get(`${row.item}\u0000${row.annotator}`)
      return r === undefined ? row : { ...row, label: kind.describe(table, r) }
    })
  }
}
