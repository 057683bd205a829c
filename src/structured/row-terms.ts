import { ratioEstimate, testableSe } from '../metrics/ratio-estimator.js'
import { wilsonInterval } from '../metrics/wilson.js'
import type { MetricResult } from '../metrics/result.js'
import { normalQuantile } from '../gates/drop-significance.js'
import type { ElementTable } from './element-table.js'

/**
 * Additive counts of each judged annotation (row) against the reference,
 * `columns` numbers per row (row-major), from which a type's micro metrics
 * are ratios of sums: span F1 = 2·Σ matched / Σ (annotated + reference).
 * `judged[r]` is 1 for rows of items with a reference.
 */
export interface RowTerms {
  columns: readonly string[]
  values: Float64Array
  judged: Uint8Array
}

export function emptyRowTerms(
  columns: readonly string[],
  rows: number
): RowTerms {
  return {
    columns,
    values: new Float64Array(rows * columns.length),
    judged: new Uint8Array(rows)
  }
}

/** A metric as Σ numerator / Σ denominator, each a weighted sum of columns. */
export interface RatioDefinition {
  metric: string
  numerator: Readonly<Record<string, number>>
  denominator: Readonly<Record<string, number>>
}

/** Level of the item-level intervals. */
const LEVEL = 0.95

/**
 * Sets `se` and a 95% Wald interval (clipped to [0, 1], method
 * `linearized`; none when se is 0) on each defined metric of `definitions`
 * that has no interval yet, from the linearized variance over items
 * (`ratioEstimate`):
 * the rows of one item are summed into one cluster, since the elements and
 * the annotations of an item are not independent. A metric whose ratio of
 * the summed terms does not reproduce its value (within 10⁻⁹) is left as it
 * is, so an interval never belongs to another estimate.
 */
export function withItemIntervals(
  table: ElementTable,
  terms: RowTerms,
  definitions: readonly RatioDefinition[],
  metrics: Record<string, MetricResult>
): void {
  const width = terms.columns.length
  const slot = new Map<number, number>()
  const perItem: number[][] = []
  for (let r = 0; r < table.size; r++) {
    if (terms.judged[r] !== 1) continue
    const item = table.item[r]!
    let k = slot.get(item)
    if (k === undefined) {
      k = perItem.length
      slot.set(item, k)
      perItem.push(new Array<number>(width).fill(0))
    }
    const sums = perItem[k]!
    for (let c = 0; c < width; c++) sums[c]! += terms.values[r * width + c]!
  }
  const z = normalQuantile((1 + LEVEL) / 2)
  const weights = (w: Readonly<Record<string, number>>) =>
    terms.columns.map((c) => w[c] ?? 0)
  for (const d of definitions) {
    const m = metrics[d.metric]
    if (m === undefined || m.value === null || m.ci !== undefined) continue
    const wn = weights(d.numerator)
    const wd = weights(d.denominator)
    const num = perItem.map((s) => s.reduce((u, x, c) => u + x * wn[c]!, 0))
    const den = perItem.map((s) => s.reduce((u, x, c) => u + x * wd[c]!, 0))
    const r = ratioEstimate(num, den)
    if (r.value === null || !(Math.abs(r.value - m.value) <= 1e-9)) continue
    if (r.se === null) continue
    // Every item alike (se 0): no zero-width interval is claimed from it;
    // the Wilson interval of R as a proportion over the informative items
    // instead, so a slice that is all right gets a lower bound below 1 (40
    // perfect items: 0.912) and a `by: lower` gate can judge it.
    if (r.se === 0) {
      const ci = wilsonInterval(
        Math.min(1, Math.max(0, m.value)) * r.informative,
        r.informative,
        LEVEL
      )
      metrics[d.metric] = { ...m, se: testableSe(r)!, ...(ci ? { ci } : {}) }
      continue
    }
    metrics[d.metric] = {
      ...m,
      se: r.se,
      ci: {
        low: Math.max(0, m.value - z * r.se),
        high: Math.min(1, m.value + z * r.se),
        level: LEVEL,
        method: 'linearized'
      }
    }
  }
}
