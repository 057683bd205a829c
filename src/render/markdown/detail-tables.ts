import {
  formatCoefficient,
  formatCount,
  formatPercent,
  MISSING
} from '../shared/format-number.js'
import { details, more } from './markdown-details.js'
import { dataText, idText } from './markdown-inline.js'
import { markdownTable, type Align } from './markdown-table.js'
import type {
  AnnotatorReport,
  DatasetReport,
  PairwiseAgreement,
  VersionReport
} from '../../report/types.js'
import type { DatasetType } from '../../metrics/names.js'
import { valueWithInterval } from '../../metrics/units.js'

/** Reference items an annotator needs to be listed: fewer say little. */
export const ANNOTATOR_MIN_ITEMS = 20

/** A confusion matrix wider than this is shown as its largest confusions. */
export const CONFUSION_MAX_LABELS = 6

/**
 * Annotators with enough reference items, lowest accuracy first; open when
 * one of them fails a gate.
 */
export function annotatorsSection(
  dataset: DatasetReport,
  all: [string, AnnotatorReport][],
  limit: number
): string | null {
  if (limit === 0 || all.length === 0) return null
  const enough = all.filter(
    ([, a]) => (a.accuracy.n ?? 0) >= ANNOTATOR_MIN_ITEMS
  )
  const few = all.length - enough.length
  const fewNote =
    few > 0
      ? `\n\n_${formatCount(few)} ${few === 1 ? 'annotator' : 'annotators'} with fewer than ${ANNOTATOR_MIN_ITEMS} reference items not listed._`
      : ''
  if (enough.length === 0) {
    return `<sub>Annotators: none has ${ANNOTATOR_MIN_ITEMS} or more reference items, so none is listed.</sub>`
  }
  const failing = new Set(
    dataset.gates
      .filter((g) => g.annotator !== undefined && g.status === 'fail')
      .map((g) => g.annotator!)
  )
  const rows = enough
    .slice(0, limit)
    .map(([id, a]) => [
      (failing.has(id) ? '❌ ' : '') + idText(id, 40),
      formatCount(a.annotations),
      valueWithInterval('accuracy', a.accuracy.value, a.accuracy.ci),
      a.accuracy.n === undefined ? '' : formatCount(a.accuracy.n)
    ])
  const table = markdownTable(
    ['Annotator', 'Annotations', 'Accuracy (95% interval)', 'n'],
    rows,
    ['left', 'right', 'right', 'right']
  )
  const meaning =
    dataset.annotator_accuracy === undefined
      ? ''
      : `\n\n_Accuracy: ${dataText(dataset.annotator_accuracy, 300)}._`
  return details(
    `Annotators (${formatCount(enough.length)} with ${ANNOTATOR_MIN_ITEMS}+ reference items, lowest accuracy first)`,
    table + more(enough.length - limit, 'annotators') + fewNote + meaning,
    enough.slice(0, limit).some(([id]) => failing.has(id))
  )
}

export function classesSection(
  head: VersionReport,
  limit: number,
  labelsShown: boolean,
  type: DatasetType = 'category'
): string | null {
  if (limit === 0) return null
  if (head.classes.length === 0) {
    return labelsShown ? null : distributionSection(head, limit, type)
  }
  const kept = new Set(
    [...head.classes].sort((a, b) => b.support - a.support).slice(0, limit)
  )
  const rows = head.classes
    .filter((c) => kept.has(c))
    .map((c) => [
      dataText(c.label, 40),
      formatCount(c.support),
      formatCount(c.predicted),
      formatCoefficient(c.precision),
      formatCoefficient(c.recall),
      formatCoefficient(c.f1)
    ])
  const table = markdownTable(
    ['Label', 'Support', 'Predicted', 'Precision', 'Recall', 'F1'],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right']
  )
  return details(
    `Per-class precision, recall and F1 (${formatCount(head.classes.length)} classes)`,
    table + more(head.classes.length - kept.size, 'classes with less support')
  )
}

/** What `distribution` counts per label: annotations, or the type's elements. */
const COUNTED: Record<DatasetType, string> = {
  category: 'Annotations',
  multi_label: 'Annotations with it',
  span: 'Spans',
  box: 'Boxes'
}

function distributionSection(
  head: VersionReport,
  limit: number,
  type: DatasetType
): string | null {
  const entries = Object.entries(head.distribution)
  if (entries.length === 0) return null
  const total = entries.reduce((s, [, n]) => s + n, 0)
  const rows = entries
    .slice(0, limit)
    .map(([label, n]) => [
      dataText(label, 40),
      formatCount(n),
      total === 0 ? MISSING : formatPercent(n / total)
    ])
  const table = markdownTable(['Label', COUNTED[type], 'Share'], rows, [
    'left',
    'right',
    'right'
  ])
  return details(
    `Labels (${formatCount(entries.length)})`,
    table + more(entries.length - limit, 'labels')
  )
}

/**
 * The confusion matrix when it fits a comment column (up to
 * `CONFUSION_MAX_LABELS` labels); wider, the `limit` largest confusions
 * (reference → label: count), which is what a reader looks for in a wide
 * matrix anyway.
 */
export function confusionSection(
  head: VersionReport,
  limit: number
): string | null {
  const confusion = head.confusion
  if (limit === 0 || confusion === null || confusion.labels.length === 0)
    return null
  const { labels, matrix } = confusion
  if (labels.length <= CONFUSION_MAX_LABELS) {
    const header = [
      'Reference ↓ · annotators →',
      ...labels.map((l) => dataText(l, 24))
    ]
    const rows = labels.map((_, r) => [
      dataText(labels[r]!, 24),
      ...labels.map((__, c) => {
        const n = formatCount(matrix[r]?.[c] ?? 0)
        return r === c ? `**${n}**` : n
      })
    ])
    const align = header.map((_, i): Align => (i === 0 ? 'left' : 'right'))
    return details(
      `Confusion matrix (${formatCount(labels.length)} labels)`,
      markdownTable(header, rows, align)
    )
  }
  const cells: { r: number; c: number; n: number }[] = []
  const rowTotals = labels.map((_, r) =>
    (matrix[r] ?? []).reduce((s, n) => s + n, 0)
  )
  for (let r = 0; r < labels.length; r++) {
    for (let c = 0; c < labels.length; c++) {
      const n = matrix[r]?.[c] ?? 0
      if (r !== c && n > 0) cells.push({ r, c, n })
    }
  }
  if (cells.length === 0) {
    return `<sub>Confusion: no annotation disagrees with the reference (${formatCount(labels.length)} labels).</sub>`
  }
  cells.sort((a, b) => b.n - a.n || a.r - b.r || a.c - b.c)
  const shown = cells.slice(0, limit)
  const rows = shown.map(({ r, c, n }) => [
    `${dataText(labels[r]!, 30)} → ${dataText(labels[c]!, 30)}`,
    formatCount(n),
    rowTotals[r]! > 0 ? formatPercent(n / rowTotals[r]!) : MISSING
  ])
  return details(
    `Top ${formatCount(shown.length)} confusions (reference → annotator label; ${formatCount(labels.length)} labels)`,
    markdownTable(
      ['Reference → label', 'Annotations', 'Share of the reference class'],
      rows,
      ['left', 'right', 'right']
    ) + more(cells.length - shown.length, 'confusions')
  )
}

/**
 * What the pair table's agreement column holds, per dataset type: the
 * report's `similarity` for the structured types (docs/label-types.md),
 * Cohen's kappa for categories. `identical` is the column of the share of
 * identical answers, where the type has it (span and box pairs have none:
 * their F1 already counts partial agreement).
 */
const PAIR_COLUMNS: Record<
  DatasetType,
  { agreement: string; identical: string | null }
> = {
  category: { agreement: "Cohen's κ", identical: 'Agreement' },
  multi_label: { agreement: 'Mean 1 − MASI', identical: 'Identical sets' },
  span: { agreement: 'Span F1 (strict)', identical: null },
  box: { agreement: 'Box F1 (IoU 0.5)', identical: null }
}

export function pairsSection(
  pairs: PairwiseAgreement[],
  limit: number,
  type: DatasetType = 'category'
): string | null {
  if (limit === 0 || pairs.length === 0) return null
  const columns = PAIR_COLUMNS[type]
  const rows = pairs.slice(0, limit).map((p) => {
    const row = [
      idText(p.a, 40),
      idText(p.b, 40),
      formatCount(p.n_items),
      type === 'category'
        ? formatCoefficient(p.kappa)
        : formatCoefficient(p.similarity ?? null)
    ]
    if (columns.identical !== null) row.push(formatPercent(p.percent_agreement))
    return row
  })
  const header = ['Annotator', 'Annotator', 'Shared items', columns.agreement]
  const align: Align[] = ['left', 'left', 'right', 'right']
  if (columns.identical !== null) {
    header.push(columns.identical)
    align.push('right')
  }
  return details(
    `Pairwise agreement (${formatCount(pairs.length)} pairs, most shared items first)`,
    markdownTable(header, rows, align) + more(pairs.length - limit, 'pairs')
  )
}

/**
 * multi_label: per label, the agreement of the yes/no decisions (binary
 * alpha, mean pairwise kappa), lowest alpha first: the labels the guideline
 * leaves least clear lead.
 */
export function perLabelSection(
  head: VersionReport,
  limit: number
): string | null {
  const rows = head.per_label
  if (rows === undefined || rows.length === 0 || limit === 0) return null
  const sorted = [...rows].sort(
    (x, y) =>
      (x.alpha.value ?? Infinity) - (y.alpha.value ?? Infinity) ||
      (x.label < y.label ? -1 : x.label > y.label ? 1 : 0)
  )
  const table = markdownTable(
    ['Label', 'Annotations with it', 'α (yes/no)', 'Mean pairwise κ'],
    sorted
      .slice(0, limit)
      .map((r) => [
        dataText(r.label, 40),
        formatCount(r.positives),
        formatCoefficient(r.alpha.value),
        formatCoefficient(r.kappa.value)
      ]),
    ['left', 'right', 'right', 'right']
  )
  return details(
    `Agreement per label (${formatCount(rows.length)} labels, lowest α first)`,
    table + more(rows.length - limit, 'labels')
  )
}
