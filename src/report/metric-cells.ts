import type { MetricResult } from '../metrics/result.js'
import {
  formatCount,
  formatDelta,
  formatMetricInterval
} from './format-number.js'
import type { DatasetReport } from './types.js'

/** How a renderer shows one metric value (it owns its footnotes). */
export type ShowValue = (
  name: string,
  result: MetricResult | undefined
) => string

/**
 * The columns after the metric's name, the same in every renderer: base,
 * head and Δ with a base (else the value), this change with a slice, then
 * the head's interval and counts.
 */
export function metricColumns(dataset: DatasetReport): string[] {
  const columns = dataset.base !== null ? ['base', 'head', 'Δ'] : ['value']
  if (dataset.changed !== null) columns.push('this change')
  columns.push('95% interval', 'items', 'n')
  return columns
}

/** One row's cells for `metricColumns`. */
export function metricCells(
  dataset: DatasetReport,
  name: string,
  show: ShowValue
): string[] {
  const head = dataset.head.metrics[name]
  const cells: string[] = []
  if (dataset.base !== null) {
    const base = dataset.base.metrics[name]
    cells.push(
      show(name, base),
      show(name, head),
      formatDelta(name, head?.value, base?.value)
    )
  } else {
    cells.push(show(name, head))
  }
  if (dataset.changed !== null) {
    cells.push(show(name, dataset.changed.metrics[name]))
  }
  cells.push(
    formatMetricInterval(name, head?.ci),
    head?.n_items === undefined ? '' : formatCount(head.n_items),
    head?.n === undefined ? '' : formatCount(head.n)
  )
  return cells
}
