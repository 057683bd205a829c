import type { DiffReport } from '../../report/types.js'
import { formatCount, formatCountOf } from './format-number.js'

/**
 * `1 item added, 0 removed · 2 annotations added, 0 removed · 1 label
 * changed`; for multi_label, span and box datasets (the report has element
 * counts) `· 1 annotation's set changed · 3 elements added, 1 removed`.
 */
export function diffCountsText(d: DiffReport): string {
  const head =
    `${formatCountOf(d.items_added, 'item')} added, ${formatCount(d.items_removed)} removed · ` +
    `${formatCountOf(d.annotations_added, 'annotation')} added, ` +
    `${formatCount(d.annotations_removed)} removed · `
  if (d.elements_added === undefined && d.elements_removed === undefined) {
    return head + `${formatCountOf(d.labels_changed, 'label')} changed`
  }
  return (
    head +
    `${formatCount(d.labels_changed)} ${d.labels_changed === 1 ? "annotation's set" : "annotations' sets"} changed · ` +
    `${formatCountOf(d.elements_added ?? 0, 'element')} added, ${formatCount(d.elements_removed ?? 0)} removed`
  )
}
