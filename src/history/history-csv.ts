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
  'reason',
  // Added with slices, at the end so that readers by position keep working.
  'slice_column',
  'slice_value'
] as const

const num = (x: number | null | undefined): string =>
  x === null || x === undefined ? '' : String(x)

/**
 * One row per dataset × version × metric: the dataset metrics, then the model
 * metrics as `model.<name>`, then (when the version has slices) each slice
 * group's metrics as `slice.<name>` and each gap as `slice_gap.<name>`, with
 * the slice's column and value in the last two columns (empty on the other
 * rows). The prefixes keep a reader that selects rows by metric name from
 * mixing a slice's value into the dataset's. A version that could not be
 * checked has one row with metric `error` and the cause in `reason`.
 */
export function historyCsv(history: History): string {
  const rows: string[][] = []
  for (const d of history.datasets) {
    for (const v of d.versions) {
      const at = [d.name, v.commit, v.date, v.author]
      if (v.error !== null) {
        rows.push([...at, 'error', '', '', '', '', '', '', '', v.error, '', ''])
        continue
      }
      const metric = (
        name: string,
        m: MetricResult,
        slice: readonly [string, string] = ['', '']
      ) =>
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
          m.reason ?? '',
          ...slice
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
      for (const group of v.slices?.groups ?? []) {
        for (const [name, m] of Object.entries(group.metrics)) {
          metric(`slice.${name}`, m, [group.column, group.value])
        }
      }
      for (const gap of v.slices?.gaps ?? []) {
        metric(
          `slice_gap.${gap.metric}`,
          {
            value: gap.gap,
            ...(gap.ci === undefined ? {} : { ci: gap.ci }),
            ...(gap.reason === undefined ? {} : { reason: gap.reason })
          },
          [gap.column, '']
        )
      }
    }
  }
  return csvDocument(HISTORY_CSV_COLUMNS, rows)
}
