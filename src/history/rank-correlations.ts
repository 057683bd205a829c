import { rankCorrelation } from '../metrics/rank-correlation.js'
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
      // rankCorrelation leaves out the versions where either value is null.
      const { rho, n, reason } = rankCorrelation(
        records.map((r) => r.metrics[label]?.value ?? null),
        records.map((r) => r.model_metrics?.[model] ?? null)
      )
      out.push({
        label_metric: label,
        model_metric: model,
        rho,
        n,
        ...(reason === undefined ? {} : { reason })
      })
    }
  }
  return out
}
