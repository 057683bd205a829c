import { formatCount, MISSING } from '../shared/format-number.js'
import { codeOrText, dataText } from './markdown-inline.js'
import { markdownTable, type Align } from './markdown-table.js'
import type { DatasetReport } from '../../report/types.js'
import { metricLabel } from '../shared/metric-labels.js'
import { metricRows } from '../shared/metric-rows.js'
import {
  changeText,
  levelText,
  valueWithInterval
} from '../../metrics/units.js'
import { changedCell } from '../shared/changed-cell.js'

/**
 * The metrics table: the names people know (the config name beside it in
 * small type), the head's value with its interval in one cell, the base and
 * the change head − base, this change's slice, and n. Metrics that cannot
 * apply are left out with one line saying why.
 */
export function metricsBlock(dataset: DatasetReport): string {
  const { shown, omitted } = metricRows(dataset)
  const lines: string[] = []
  if (shown.length > 0) {
    const withBase = dataset.base !== null
    const header = ['Metric']
    if (withBase) header.push('Base')
    header.push('Head (95% interval)')
    if (withBase) header.push('Δ head − base')
    if (dataset.changed !== null) header.push('This change (n)')
    header.push('n')
    const rows = shown.map((name) => {
      const head = dataset.head.metrics[name]
      const base = dataset.base?.metrics[name]
      const row = [`${metricLabel(name)} <sub>${codeOrText(name, 60)}</sub>`]
      if (withBase) row.push(levelText(name, base?.value))
      row.push(valueWithInterval(name, head?.value, head?.ci))
      if (withBase) {
        row.push(
          head?.value == null || base?.value == null
            ? MISSING
            : changeText(name, head.value - base.value)
        )
      }
      if (dataset.changed !== null) {
        row.push(changedCell(name, dataset.changed.metrics[name]))
      }
      const n = head?.n_items ?? head?.n
      row.push(n === undefined ? '' : formatCount(n))
      return row
    })
    const align = header.map((_, i): Align => (i === 0 ? 'left' : 'right'))
    lines.push(`**Metrics**\n\n${markdownTable(header, rows, align)}`)
  }
  if (omitted.length > 0) {
    const why = omitted
      .map(
        (o) =>
          `${o.names.map(metricLabel).join(', ')}: ${dataText(o.reason, 200)}`
      )
      .join(' · ')
    lines.push(`<sub>Not shown, undefined here: ${why}.</sub>`)
  }
  return lines.length === 0 ? '_No metrics._' : lines.join('\n\n')
}
