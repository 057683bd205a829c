import type { MetricResult } from '../../metrics/result.js'
import { metricNames } from './report-order.js'
import type { DatasetReport } from '../../report/types.js'

/**
 * Which metric rows a dataset shows. A coefficient that is undefined in
 * every version (base, head, this change) is left out, and the outputs say
 * once why (grouped by reason), instead of rows of dashes with footnotes:
 * Cohen's κ with 176 annotators, a weighted κ on nominal labels.
 */
export interface MetricRows {
  shown: string[]
  /** Left-out metrics grouped by why. */
  omitted: { reason: string; names: string[] }[]
}

export function metricRows(dataset: DatasetReport): MetricRows {
  const shown: string[] = []
  const byReason = new Map<string, string[]>()
  for (const name of metricNames(dataset)) {
    const results = [dataset.base, dataset.head, dataset.changed]
      .map((v) => v?.metrics[name])
      .filter((r): r is MetricResult => r !== undefined)
    if (results.some((r) => r.value !== null)) {
      shown.push(name)
      continue
    }
    const reason = whyNotApplicable(dataset, name, results[0]?.reason)
    byReason.set(reason, [...(byReason.get(reason) ?? []), name])
  }
  return {
    shown,
    omitted: [...byReason].map(([reason, names]) => ({ reason, names }))
  }
}

/** The structural reason where there is one, else the metric's own. */
function whyNotApplicable(
  dataset: DatasetReport,
  name: string,
  reason: string | undefined
): string {
  const weighted =
    name === 'cohen_kappa_linear' || name === 'cohen_kappa_quadratic'
  if (weighted && dataset.level === 'nominal') {
    return 'weighted κ needs ordered (ordinal or interval) labels; these are nominal'
  }
  const annotators = dataset.head.counts.annotators
  if (
    (name === 'cohen_kappa' || name === 'scott_pi' || weighted) &&
    annotators !== 2
  ) {
    return `needs exactly 2 annotators; this dataset has ${annotators}`
  }
  return reason ?? 'undefined'
}
