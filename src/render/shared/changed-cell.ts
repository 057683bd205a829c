import type { MetricResult } from '../../metrics/result.js'
import { levelText, NBSP } from '../../metrics/units.js'
import { formatCount } from './format-number.js'

/**
 * A metric of this change's slice with the items it rests on, `100.0% (1)`:
 * the slice is usually far smaller than the head, and a value on one item
 * must not read as if it rested on the head's n beside it.
 */
export function changedCell(
  name: string,
  metric: MetricResult | undefined
): string {
  const value = levelText(name, metric?.value)
  const n = metric?.n_items ?? metric?.n
  if (metric?.value == null || n == null) return value
  return `${value}${NBSP}(${formatCount(n)})`
}
