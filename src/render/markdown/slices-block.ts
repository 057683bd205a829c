import { valueWithInterval } from '../../metrics/units.js'
import type { DatasetReport } from '../../report/types.js'
import { formatCount } from '../shared/format-number.js'
import { shortMetricLabel } from '../shared/metric-labels.js'
import { gapSentence, sliceView } from '../shared/slice-rows.js'
import { more } from './markdown-details.js'
import { dataText } from './markdown-inline.js'
import { markdownTable } from './markdown-table.js'

/**
 * "Quality by slice": at most eight slice values, worst first, on the metric
 * the slice gates name (else accuracy), and each column's gap with its
 * interval and corrected p-value. Slice values are data: escaped.
 */
export function slicesBlock(dataset: DatasetReport): string | null {
  const view = sliceView(dataset)
  if (view === null) return null
  const value = (v: string): string =>
    v === '' ? '_(empty)_' : dataText(v, 40)
  const rows = view.rows.map(({ group, result, failing }) => [
    `${failing ? '❌ ' : ''}${dataText(group.column, 40)}`,
    value(group.value),
    formatCount(group.counts.items),
    formatCount(group.counts.annotators),
    valueWithInterval(view.metric, result.value, result.ci),
    formatCount(result.n_items ?? result.n ?? 0)
  ])
  const table = markdownTable(
    [
      'Column',
      'Value',
      'Items',
      'Annotators',
      `${shortMetricLabel(view.metric)} (95% interval)`,
      'n'
    ],
    rows,
    ['left', 'left', 'right', 'right', 'right', 'right']
  )
  const gaps = view.gaps.map(
    (g) => `- ${gapSentence(g, (t) => dataText(t, 40))}`
  )
  return [
    `**Quality by slice** (${shortMetricLabel(view.metric)}, worst first)`,
    '',
    table + more(view.hidden, 'slice values (all in the JSON report)'),
    ...(gaps.length > 0 ? ['', ...gaps] : [])
  ].join('\n')
}
