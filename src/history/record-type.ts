import { typeOfMetric, type DatasetType } from '../metrics/names.js'
import type { HistoryRecord } from './types.js'

/**
 * A version's dataset type: the recorded one, else (a history written before
 * records had `type`) the type whose metric names the record holds. The
 * types' metric names are disjoint, so an old record of a structured dataset
 * is still read as its own type, and an old category record as category.
 * Undefined when the record says nothing (no type and no metrics: a version
 * that could not be checked).
 */
export function recordType(record: HistoryRecord): DatasetType | undefined {
  if (record.type !== undefined) return record.type
  for (const metric of Object.keys(record.metrics)) {
    const type = typeOfMetric(metric)
    if (type !== undefined) return type
  }
  return undefined
}

/** The newest version's type that is known (`recordType`); `category` when none is. */
export function historyType(records: readonly HistoryRecord[]): DatasetType {
  for (let i = records.length - 1; i >= 0; i--) {
    const type = recordType(records[i]!)
    if (type !== undefined) return type
  }
  return 'category'
}
