import { spearman } from './spearman.js'
import type { HistoryRecord, RankCorrelation } from './types.js'

/**
 * Spearman's rho of every label metric with every model metric over the
 * versions where both have a value (docs/history.md); [] when no version has
 * model metrics.
 */
export function rankCorrelations(
  records: readonly HistoryRecord[]
): RankCorrelation[] {
  const modelNames = new Set<string>()
  const labelNames = new Set<string>()
  for (const r of records) {
    for (const name of Object.keys(r.model_metrics ?? {})) modelNames.add(name)
    for (const [name, m] of Object.entries(r.metrics)) {
      if (m.value !== null) labelNames.add(name)
    }
  }
  const out: RankCorrelation[] = []
  for (const label of labelNames) {
    for (const model of modelNames) {
      const x: number[] = []
      const y: number[] = []
      for (const r of records) {
        const a = r.metrics[label]?.value
        const b = r.model_metrics?.[model]
        if (typeof a === 'number' && typeof b === 'number') {
          x.push(a)
          y.push(b)
        }
      }
      const { rho, reason } = spearman(x, y)
      out.push({
        label_metric: label,
        model_metric: model,
        rho,
        n: x.length,
        ...(reason === undefined ? {} : { reason })
      })
    }
  }
  return out
}
