import type { DriftRow } from '../../governance/annotator-drift.js'
import type { AdjudicationRow } from '../../governance/adjudication.js'
import type { QcSample } from '../../governance/qc-sample.js'
import {
  formatCoefficient,
  formatCount,
  formatCountOf,
  formatPercent,
  MISSING
} from '../shared/format-number.js'
import {
  accuracyWithN,
  adjudicationCountsText,
  disagreeingElements,
  driftHeadline,
  driftMeasureText,
  driftTestText,
  driftRowsInChange,
  kappaChange,
  pValueText,
  qcSampleText,
  reasonText
} from '../shared/governance-text.js'
import { naturalCompare } from '../shared/natural-sort.js'
import { pointsText } from '../../metrics/units.js'
import { details, more } from './markdown-details.js'
import { dataText, idText } from './markdown-inline.js'
import { markdownTable } from './markdown-table.js'
import type { AdjudicationReport, DatasetReport } from '../../report/types.js'

/** How much of the governance sections to show; 0 leaves the rows out. */
export interface GovernanceDetail {
  /** Drift rows shown in the open table, worst first. */
  driftRows: number
  /** Further drift rows in a collapsed section. */
  driftMore: number
  /** Rows of the adjudication queue's collapsed table. */
  adjudicationRows: number
  /** Rows of the QC sample's strata table. */
  qcStrata: number
}

/** Distinct labels in one adjudication cell; the rest are counted. */
const LABELS_PER_CELL = 6
/** Disagreeing spans or boxes in one adjudication cell (each is a line of text). */
const ELEMENTS_PER_CELL = 3

const ADJUDICATION_FILE =
  "The full queue is in the adjudication file (the action's `adjudication` output; the CLI's `--adjudication FILE`)."

const QC_FILE =
  "The sampled annotations are in the QC sample file, not in this comment (the action's `qc-sample` output; the CLI's `--qc-sample FILE`)."

const LEFT_OUT = '(rows left out to fit the size limit)'

/** The drift rows to list, computed once however many budgets are tried. */
export function driftView(dataset: DatasetReport): DriftRow[] {
  return driftRowsInChange(dataset.annotator_drift ?? [])
}

/**
 * The governance sections of a dataset, after its other sections: annotator
 * drift, the adjudication queue and the QC sample. Each keeps a one-line
 * summary at any detail level; its rows shrink, then go, as the budget
 * tightens. Every item, label and annotator is escaped.
 */
export function governanceBlocks(
  dataset: DatasetReport,
  drift: DriftRow[],
  detail: GovernanceDetail
): string[] {
  const blocks: string[] = []
  const d = driftSection(dataset, drift, detail)
  if (d !== null) blocks.push(d)
  const queue = dataset.adjudication ?? null
  if (queue !== null) blocks.push(adjudicationSection(dataset, queue, detail))
  const sample = dataset.qc_sample ?? null
  if (sample !== null)
    blocks.push(qcSection(sample, detail.qcStrata, dataset.type))
  return blocks
}

const DRIFT_HEADER = [
  'Annotator',
  'Accuracy at base (n)',
  'This change (n)',
  'Head (n)',
  'Δ (change − base)',
  'p (one-sided)',
  'Mean κ base → head'
]
const DRIFT_ALIGN = [
  'left',
  'right',
  'right',
  'right',
  'right',
  'right',
  'right'
] as const

/**
 * Reference items an annotator needs in the change (and at the base) to be
 * listed: with fewer, an accuracy of 0% or 100% on one or two items says
 * nothing. The same floor as the drift test's flag.
 */
export const DRIFT_MIN_ITEMS = 20

function driftSection(
  dataset: DatasetReport,
  inChange: DriftRow[],
  detail: GovernanceDetail
): string | null {
  if (inChange.length === 0) return null
  const listed = inChange.filter(
    (r) =>
      r.flagged ||
      ((r.changed.n ?? 0) >= DRIFT_MIN_ITEMS &&
        (r.base.n ?? 0) >= DRIFT_MIN_ITEMS)
  )
  const all = dataset.annotator_drift ?? []
  const few = inChange.length - listed.length
  const notInChange = all.length - inChange.length
  const absent =
    (few > 0
      ? ` ${formatCountOf(few, 'annotator')} with fewer than ${DRIFT_MIN_ITEMS} reference items in the change or at the base ${few === 1 ? 'is' : 'are'} not listed.`
      : '') +
    (notInChange > 0
      ? ` ${formatCountOf(notInChange, 'more annotator')} without reference items in this change ${notInChange === 1 ? 'is' : 'are'} not listed.`
      : '')
  const flagged = listed.some((r) => r.flagged)
  const warn = flagged ? ' ⚠️' : ''
  const headline =
    `**Annotator drift:** ${driftHeadline(inChange)}${warn} ` +
    `(${driftTestText(inChange)} of ${driftMeasureText(dataset.type)} in this change against the base), worst first.${absent}`
  if (listed.length === 0) return headline
  if (detail.driftRows === 0) return `${headline} ${LEFT_OUT}`
  const shown = listed.slice(
    0,
    detail.driftRows + Math.max(0, detail.driftMore)
  )
  const hidden = listed.length - shown.length
  // Folded unless something is flagged: a passing PR need not scroll past it.
  return `${headline}\n\n${details(
    `Drift per annotator (${formatCount(listed.length)} with ${DRIFT_MIN_ITEMS}+ reference items)`,
    driftTable(shown) + more(hidden, 'annotators'),
    flagged
  )}`
}

function driftTable(rows: DriftRow[]): string {
  return markdownTable(
    DRIFT_HEADER,
    rows.map((r) => [
      (r.flagged ? '⚠️ ' : '') + idText(r.annotator, 40),
      accuracyWithN(r.base),
      accuracyWithN(r.changed),
      accuracyWithN(r.head),
      r.drop === null ? MISSING : pointsText(-r.drop),
      pValueText(r.p_value),
      kappaChange(r)
    ]),
    [...DRIFT_ALIGN]
  )
}

function adjudicationSection(
  dataset: DatasetReport,
  queue: AdjudicationReport,
  detail: GovernanceDetail
): string {
  const rows = queue.rows ?? []
  const counts = adjudicationCountsText(queue, dataset)
  if (queue.total === 0 && rows.length === 0) {
    return `**Adjudication queue:** ${counts}.`
  }
  const line = `**Adjudication queue:** ${counts}. ${ADJUDICATION_FILE}`
  if (rows.length === 0) return line
  if (detail.adjudicationRows === 0) return `${line} ${LEFT_OUT}`
  const shown = [...rows]
    .sort((a, b) => naturalCompare(a.item, b.item))
    .slice(0, detail.adjudicationRows)
  const type = dataset.type ?? 'category'
  const table =
    type === 'category'
      ? markdownTable(
          [
            'Item',
            'Reasons',
            'Majority (share)',
            'Reference',
            'Decision',
            'Votes'
          ],
          shown.map(adjudicationCells)
        )
      : structuredQueueTable(type, shown)
  const total = Math.max(queue.total, rows.length)
  return `${line}\n\n${details(
    `First ${formatCount(shown.length)} of ${formatCount(total)} queued items`,
    table + more(total - shown.length, 'items in the file')
  )}`
}

function adjudicationCells(row: AdjudicationRow): string[] {
  // Vote counts, not a list of who said what: "positive 21 · neutral 18".
  const votes = new Map<string, number>()
  for (const label of Object.values(row.labels ?? {})) {
    votes.set(label, (votes.get(label) ?? 0) + 1)
  }
  const counted = [...votes.entries()].sort(
    (a, b) => b[1] - a[1] || naturalCompare(a[0], b[0])
  )
  const cells = counted
    .slice(0, LABELS_PER_CELL)
    .map(([label, n]) => `${dataText(label, 24)}\u00a0${formatCount(n)}`)
  if (counted.length > LABELS_PER_CELL) {
    cells.push(`+${formatCount(counted.length - LABELS_PER_CELL)} more labels`)
  }
  const decision = decisionCell(row)
  return [
    idText(row.item, 40),
    (row.reasons ?? []).map((r) => dataText(reasonText(r), 40)).join(', '),
    `${row.majority === null ? MISSING : dataText(row.majority, 40)} (${formatPercent(row.majority_share)})`,
    row.reference === null ? MISSING : dataText(row.reference, 40),
    decision,
    cells.join(' · ')
  ]
}

/**
 * multi_label, span, box: the item's agreement and the elements some but
 * not all annotators gave, in place of vote counts (every annotator's set
 * differs, so votes would count set descriptions). Box sets have no
 * consensus set, so no consensus or reference column.
 */
function structuredQueueTable(
  type: 'multi_label' | 'span' | 'box',
  rows: AdjudicationRow[]
): string {
  const sets = type !== 'box'
  const header = [
    'Item',
    'Reasons',
    'Agreement',
    ...(sets ? ['Consensus', 'Reference'] : []),
    'Decision',
    `Disagreeing ${type === 'multi_label' ? 'labels' : type === 'span' ? 'spans' : 'boxes'}`
  ]
  const cells = rows.map((row) => [
    idText(row.item, 40),
    (row.reasons ?? []).map((r) => dataText(reasonText(r), 40)).join(', '),
    row.agreement === null || row.agreement === undefined
      ? MISSING
      : formatCoefficient(row.agreement),
    ...(sets
      ? [
          row.majority === null ? MISSING : dataText(row.majority, 60),
          row.reference === null ? MISSING : dataText(row.reference, 60)
        ]
      : []),
    decisionCell(row),
    disagreeingCell(row.disagreeing ?? [])
  ])
  return markdownTable(header, cells)
}

/** The first few disagreeing elements, escaped, and how many more. */
function disagreeingCell(elements: string[]): string {
  const { listed, total } = disagreeingElements(elements)
  if (total === 0) return MISSING
  const shown = listed
    .slice(0, ELEMENTS_PER_CELL)
    .map((e) => dataText(e, 80))
    .join(' · ')
  const rest = total - Math.min(listed.length, ELEMENTS_PER_CELL)
  return rest > 0 ? `${shown} · +${formatCount(rest)} more` : shown
}

function decisionCell(row: AdjudicationRow): string {
  return row.decision === null
    ? MISSING
    : dataText(row.decision, 40) +
        (row.decided_by === null ? '' : ` (${decidedBy(row.decided_by)})`)
}

/** `reference`, or `senior:<id>` shown as `senior <id>`. */
function decidedBy(by: string): string {
  return by.startsWith('senior:')
    ? `senior ${dataText(by.slice('senior:'.length), 24)}`
    : dataText(by, 24)
}

function qcSection(
  sample: QcSample,
  limit: number,
  type: DatasetReport['type']
): string {
  const line = `**QC sample:** ${qcSampleText(sample, type)}. ${QC_FILE}`
  const strata = sample.strata ?? []
  if (strata.length === 0) return line
  if (limit === 0) return `${line} ${LEFT_OUT}`
  const shown = strata.slice(0, limit)
  const table = markdownTable(
    ['Label', 'Annotator', 'Population', 'Sampled'],
    shown.map((s) => [
      dataText(s.label, 40),
      idText(s.annotator, 40),
      formatCount(s.population),
      formatCount(s.sampled)
    ]),
    ['left', 'left', 'right', 'right']
  )
  return `${line}\n\n${details(
    `Strata (${formatCount(strata.length)}, by label then annotator)`,
    table + more(strata.length - shown.length, 'strata')
  )}`
}
