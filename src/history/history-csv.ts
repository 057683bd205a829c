import { csvDocument } from '../governance/csv.js'
import type { MetricResult } from '../metrics/result.js'
import type { History } from './types.js'

/** The CSV's columns, in order (docs/history.md describes each). */
export const HISTORY_CSV_COLUMNS = [
  'dataset',
  'commit',
  'date',
  'author',
  'metric',
  'value',
  'ci_low',
  'ci_high',
  'ci_level',
  'ci_method',
  'n_items',
  'n',
  'reason'
] as const

const num = (x: number | null | undefined): string =>
  x === null || x === undefined ? '' : String(x)

/**
 * One row per dataset × version × metric: the dataset metrics, then the model
 * metrics as `model.<name>`. A version that could not be checked has one row
 * with metric `error` and the cause in `reason`.
 */
export function historyCsv(history: History): string {
  const rows: string[][] = []
  for (const d of history.datasets) {
    for (const v of d.versions) {
      const at = [d.name, v.commit, v.date, v.author]
      if (v.error !== null) {
        rows.push([...at, 'error', '', '', '', '', '', '', '', v.error])
        continue
      }
      const metric = (name: string, m: MetricResult) =>
        rows.push([
          ...at,
          name,
          num(m.value),
          num(m.ci?.low),
          num(m.ci?.high),
          num(m.ci?.level),
          m.ci?.method ?? '',
          num(m.n_items),
          num(m.n),
          m.reason ?? ''
        ])
      for (const [name, m] of Object.entries(v.metrics)) metric(name, m)
      for (const [name, value] of Object.entries(v.model_metrics ?? {})) {
        metric(
          `model.${name}`,
          value === null
            ? {
                value: null,
                reason: 'not in the model metrics file at this commit'
              }
            : { value }
        )
      }
    }
  }
  return csvDocument(HISTORY_CSV_COLUMNS, rows)
}
