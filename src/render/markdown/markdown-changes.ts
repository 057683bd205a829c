import { BOX_SIZE_RANGES, boxSizeText } from '../shared/box-size-text.js'
import { diffCountsText } from '../shared/diff-text.js'
import { naturalCompare } from '../shared/natural-sort.js'
import { pointsText } from '../../metrics/units.js'
import { schemaChangeText } from '../shared/schema-change-text.js'
import {
  formatChiSquare,
  formatCoefficient,
  formatCount,
  formatCountOf,
  formatShare,
  MISSING
} from '../shared/format-number.js'
import { details, more } from './markdown-details.js'
import { dataText, idText } from './markdown-inline.js'
import { markdownTable, type Align } from './markdown-table.js'
import { shareChangeChart } from './mermaid-chart.js'
import type {
  DatasetReport,
  DiffReport,
  LabelShiftReport
} from '../../report/types.js'

/** How much of the "What changed" part to show; 0 or false leaves it out. */
export interface ChangesDetail {
  /** Rows of the class distribution table. */
  shiftLabels: number
  /** The Mermaid chart of label shares. */
  chart: boolean
  /** Rows of the relabeled annotations table. */
  relabeled: number
}

/** A chart helps between these label counts; beyond, the axis is unreadable. */
export const CHART_MIN_LABELS = 2
export const CHART_MAX_LABELS = 30

/** The class distribution, computed once however many budgets are tried. */
export interface ShiftView {
  shift: LabelShiftReport
  baseTotal: number
  headTotal: number
  /** Label positions by the size of their share change, largest first. */
  biggestShifts: number[]
}

export function shiftView(shift: LabelShiftReport | null): ShiftView | null {
  if (shift === null || shift.labels.length === 0) return null
  const baseTotal = sum(shift.base)
  const headTotal = sum(shift.head)
  const change = shift.labels.map((_, k) =>
    baseTotal > 0 && headTotal > 0
      ? Math.abs(
          (shift.head[k] ?? 0) / headTotal - (shift.base[k] ?? 0) / baseTotal
        )
      : (shift.head[k] ?? 0) + (shift.base[k] ?? 0)
  )
  const biggestShifts = shift.labels
    .map((_, k) => k)
    .sort((a, b) => change[b]! - change[a]! || a - b)
  return { shift, baseTotal, headTotal, biggestShifts }
}

/**
 * The "What changed" part of a dataset with a diff: the counts, the class
 * distribution base → head with its Jensen-Shannon distance and chi-square
 * test, a chart of the shares, and the relabeled annotations. Every label,
 * item and annotator is escaped (tables) or sanitised (the chart).
 */
export function changesBlocks(
  dataset: DatasetReport,
  view: ShiftView | null,
  detail: ChangesDetail
): string[] {
  const diff = dataset.diff
  if (diff === null) return []
  const isNew = dataset.base === null
  const lines: string[] = []
  if (isNew) {
    lines.push(
      '- **New dataset:** it is not at the base, so all of it is added.'
    )
  }
  lines.push(`- **Change:** ${diffCounts(diff)}`)
  const schema = dataset.schema_change ?? null
  if (schema !== null) {
    lines.push(
      `- **Label schema:** ${schemaChangeText(schema, (t) => dataText(t, 40))}`
    )
  }
  const compared = view !== null && view.baseTotal > 0 && view.headTotal > 0
  if (view !== null && compared) {
    lines.push(`- **Label shift:** ${shiftStatistics(view.shift)}`)
  }
  const sizes = boxSizeLine(dataset)
  if (sizes !== null) lines.push(sizes)
  const blocks = [`**What changed**\n\n${lines.join('\n')}`]
  if (view !== null && detail.shiftLabels > 0) {
    blocks.push(distributionTable(view, detail.shiftLabels))
  }
  if (view !== null && detail.chart && compared) {
    const chart = shareChangeChart(
      view.shift.labels,
      view.shift.base,
      view.shift.head
    )
    if (chart !== null) blocks.push(chart)
  }
  const relabeled = relabeledSection(dataset, detail.relabeled)
  if (relabeled !== null) blocks.push(relabeled)
  return blocks
}

/** box datasets with a base: boxes per COCO area range, base → head. */
function boxSizeLine(dataset: DatasetReport): string | null {
  const shift = dataset.box_size_shift
  if (shift === undefined || shift === null) return null
  const t = boxSizeText(
    shift,
    (s) => dataText(s, 60),
    'chi-square test (new vs unchanged boxes)'
  )
  if (t === null) return null
  const unknown = t.unknown === null ? '' : `; ${t.unknown}`
  return `- **Box sizes:** ${t.buckets} · ${t.statistics} (${BOX_SIZE_RANGES}${unknown})`
}

function diffCounts(d: DiffReport): string {
  return diffCountsText(d)
}

function shiftStatistics(shift: LabelShiftReport): string {
  const js = shift.jensen_shannon
  const distance =
    js.value === null
      ? `${MISSING} (${dataText(js.reason ?? 'undefined', 200)})`
      : formatCoefficient(js.value)
  const test =
    shift.chi_square === null
      ? 'chi-square test (new vs unchanged labels) not applicable'
      : `chi-square test (new vs unchanged labels) ${formatChiSquare(shift.chi_square)}`
  return `Jensen-Shannon distance ${distance} · ${test}`
}

function distributionTable(view: ShiftView, limit: number): string {
  const { shift, baseTotal, headTotal } = view
  const withBase = baseTotal > 0
  // Too many labels: keep the largest shifts, shown in label order.
  const keep = view.biggestShifts.slice(0, limit).sort((a, b) => a - b)
  const rows = keep.map((k) => {
    const b = shift.base[k] ?? 0
    const h = shift.head[k] ?? 0
    const row = [dataText(shift.labels[k]!, 40)]
    if (withBase) row.push(formatCount(b), formatShare(b, baseTotal))
    row.push(formatCount(h), formatShare(h, headTotal))
    if (withBase) {
      row.push(
        headTotal > 0 ? pointsText(h / headTotal - b / baseTotal) : MISSING
      )
    }
    return row
  })
  const header = withBase
    ? [
        'Label',
        'Base',
        'Base share',
        'Head',
        'Head share',
        'Δ share (head − base)'
      ]
    : ['Label', 'Head', 'Head share']
  const align = header.map((_, i): Align => (i === 0 ? 'left' : 'right'))
  const table = markdownTable(header, rows, align)
  const hidden = shift.labels.length - keep.length
  const title = withBase
    ? `Class distribution, base → head (${formatCountOf(shift.labels.length, 'label')})`
    : `Class distribution at the head (${formatCountOf(shift.labels.length, 'label')})`
  const rest = withBase
    ? 'labels with smaller shifts'
    : 'labels with fewer annotations'
  return `${title}\n\n${table}${more(hidden, rest)}`
}

function relabeledSection(
  dataset: DatasetReport,
  limit: number
): string | null {
  const listed = dataset.relabeled
  const total = Math.max(dataset.diff?.labels_changed ?? 0, listed.length)
  if (total === 0) return null
  const what = total === 1 ? 'annotation' : 'annotations'
  if (listed.length === 0) {
    return `_${formatCount(total)} relabeled ${what}, not listed in the report._`
  }
  if (limit === 0) {
    return `**Relabeled ${what}:** ${formatCount(total)} (rows left out to fit the size limit).`
  }
  const shown = [...listed]
    .sort(
      (a, b) =>
        naturalCompare(a.item, b.item) ||
        naturalCompare(a.annotator, b.annotator)
    )
    .slice(0, limit)
  const rows = shown.map((r) => [
    idText(r.item, 40),
    idText(r.annotator, 40),
    `${dataText(r.from, 40)} → ${dataText(r.to, 40)}`
  ])
  const table = markdownTable(['Item', 'Annotator', 'Old → new label'], rows)
  const summary =
    shown.length < total
      ? `Relabeled annotations (showing ${formatCount(shown.length)} of ${formatCount(total)})`
      : `Relabeled ${what} (${formatCount(total)})`
  return details(summary, table)
}

function sum(values: number[]): number {
  return values.reduce((s, n) => s + n, 0)
}
