import { metricCells, metricColumns } from './metric-cells.js'
import { compactAnnotatorGates } from './compact-gates.js'
import type { DriftRow } from '../governance/annotator-drift.js'
import type { MetricResult } from '../metrics/result.js'
import type { Problem } from '../model/problem.js'
import { Footnotes } from './footnotes.js'
import {
  formatCoefficient,
  formatCount,
  formatCountOf,
  formatGateNumbers,
  formatMetricInterval,
  formatMetricValue,
  formatPercent,
  MISSING
} from './format-number.js'
import { gateOutcome, type GateOutcome } from './gate-outcome.js'
import {
  changesBlocks,
  shiftView,
  type ChangesDetail,
  type ShiftView
} from './markdown-changes.js'
import { details, more } from './markdown-details.js'
import {
  driftView,
  governanceBlocks,
  type GovernanceDetail
} from './markdown-governance.js'
import { lineageMarkdown } from './lineage-text.js'
import { markdownTable, type Align } from './markdown-table.js'
import { codeOrText, dataText } from './markdown-inline.js'
import {
  annotatorsWorstFirst,
  countProblems,
  gatesToShow,
  metricNames,
  pairsByItems,
  problemsWorstFirst
} from './report-order.js'
import { shortRef } from './short-ref.js'
import type {
  AnnotatorReport,
  DatasetReport,
  GateResult,
  PairwiseAgreement,
  Report,
  VersionReport
} from './types.js'
import { utf8Length } from './utf8-length.js'

/** First line of every body: the sticky PR comment is found by it. */
export const REPORT_MARKER = '<!-- labelgate:report -->'

/** Below GitHub's 65,536-character comment limit, with room to spare. */
export const DEFAULT_MAX_LENGTH = 65_000

export const TRUNCATION_NOTE =
  "Report truncated to fit GitHub's comment limit; the full report is in the job summary"

/** The note of a truncated job summary, which cannot point to itself. */
export const SUMMARY_TRUNCATION_NOTE =
  "Report truncated to fit the job summary limit; see the JSON report (the action's `report` output)"

export interface MarkdownOptions {
  /** Budget for the whole body, counted in UTF-8 bytes (never less than characters). */
  maxLength?: number
  /**
   * Where the body goes, for the truncation note: a PR comment (default)
   * points to the job summary; the job summary points to the JSON report.
   */
  target?: 'comment' | 'summary'
  /** Link to the job summary, given in a comment's truncation note. */
  summaryUrl?: string
}

/**
 * The PR comment and job summary body (DESIGN section 6). Every string that
 * came from a data file is escaped. A dataset with a diff gets a "What
 * changed" part after its gates. When the body would not fit `maxLength`,
 * detail is dropped step by step (problem rows, relabeled rows and the
 * governance tables, pairwise kappa, the chart, the confusion matrix,
 * per-annotator and drift rows, distribution and per-class rows) and, as a
 * last resort, the body is cut; either way it ends with a visible note. The
 * governance sections (annotator drift, adjudication queue, QC sample) come
 * last in a dataset; their one-line summaries stay at every detail level.
 */
export function renderMarkdown(
  report: Report,
  options: MarkdownOptions = {}
): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH
  const views = report.datasets.map(viewOf)
  const note = truncationNote(options.target ?? 'comment', options.summaryUrl)
  let parts: Parts | undefined
  for (const [level, detail] of DETAIL_LEVELS.entries()) {
    parts = renderParts(report, views, detail)
    const body = assemble(parts, level === 0 ? null : note)
    if (utf8Length(body) <= maxLength) return body
  }
  return cut(parts!, note, maxLength)
}

/** How many rows of each section to show; 0 leaves the section out. */
interface Detail extends ChangesDetail, GovernanceDetail {
  gates: number
  problems: number
  pairs: number
  confusionLabels: number
  annotators: number
  classes: number
}

const FULL: Detail = {
  gates: 50,
  problems: 50,
  pairs: 20,
  confusionLabels: 12,
  annotators: 50,
  classes: 50,
  shiftLabels: 50,
  chart: true,
  relabeled: 50,
  driftRows: 10,
  driftMore: 40,
  adjudicationRows: 20,
  qcStrata: 50
}

/**
 * Least useful detail goes first; gates, metrics, counts, the change's
 * summary line and the governance summary lines (drift, adjudication queue,
 * QC sample) always stay (the relabeled rows, the chart and the governance
 * tables, whose rows are in the files, go long before).
 */
const DROP_PROBLEMS: Detail = { ...FULL, problems: 0 }
const DROP_FILE_ROWS: Detail = {
  ...DROP_PROBLEMS,
  relabeled: 10,
  driftMore: 10,
  adjudicationRows: 10,
  qcStrata: 10
}
const DROP_PAIRS: Detail = {
  ...DROP_FILE_ROWS,
  pairs: 0,
  adjudicationRows: 0,
  qcStrata: 0
}
const DROP_CHART: Detail = { ...DROP_PAIRS, chart: false, driftMore: 0 }
const DROP_CONFUSION: Detail = {
  ...DROP_CHART,
  relabeled: 0,
  confusionLabels: 0
}
const DETAIL_LEVELS: Detail[] = [
  FULL,
  { ...FULL, problems: 10 },
  DROP_PROBLEMS,
  DROP_FILE_ROWS,
  DROP_PAIRS,
  DROP_CHART,
  DROP_CONFUSION,
  { ...DROP_CONFUSION, annotators: 10, shiftLabels: 20, driftRows: 5 },
  { ...DROP_CONFUSION, annotators: 0, shiftLabels: 10, driftRows: 0 },
  {
    gates: 10,
    problems: 0,
    pairs: 0,
    confusionLabels: 0,
    annotators: 0,
    classes: 0,
    shiftLabels: 0,
    chart: false,
    relabeled: 0,
    driftRows: 0,
    driftMore: 0,
    adjudicationRows: 0,
    qcStrata: 0
  }
]

/** Sorted once, however many detail levels are tried. */
interface DatasetView {
  dataset: DatasetReport
  problems: Problem[]
  errors: number
  warnings: number
  annotators: [string, AnnotatorReport][]
  pairs: PairwiseAgreement[]
  shift: ShiftView | null
  drift: DriftRow[]
}

function viewOf(dataset: DatasetReport): DatasetView {
  const { errors, warnings } = countProblems(dataset.problems)
  return {
    dataset,
    problems: problemsWorstFirst(dataset.problems),
    errors,
    warnings,
    annotators: annotatorsWorstFirst(dataset.head.annotators),
    pairs: pairsByItems(dataset.head.pairwise),
    shift: shiftView(dataset.label_shift),
    drift: driftView(dataset)
  }
}

/** Blocks are separated by a blank line; the footer always comes last. */
interface Parts {
  blocks: string[]
  footer: string
}

function renderParts(
  report: Report,
  views: DatasetView[],
  detail: Detail
): Parts {
  const blocks = [REPORT_MARKER + '\n' + verdict(report)]
  if (report.notes.length > 0) {
    blocks.push(report.notes.map((n) => `- ${dataText(n, 1000)}`).join('\n'))
  }
  if (views.length > 1) blocks.push(overview(views))
  for (const view of views) blocks.push(...datasetBlocks(view, detail))
  if (views.length === 0) blocks.push('No dataset was checked.')
  return {
    blocks,
    footer: `<sub>labelgate ${dataText(report.version, 40)}</sub>`
  }
}

function assemble(parts: Parts, note: string | null): string {
  const blocks = note === null ? parts.blocks : [...parts.blocks, note]
  return [...blocks, parts.footer].join('\n\n') + '\n'
}

/**
 * The last resort: whole lines up to the budget, then closing tags for any
 * `<details>` left open (so the note is not folded away), the note, the
 * footer. Data never holds a raw `<`, so counting our own tags is exact. A
 * code block (the chart) is kept whole or not at all: half a chart is an
 * error box, and an open fence would swallow the note. Data never starts a
 * line with a backtick (it is escaped, or stripped in the chart).
 */
function cut(parts: Parts, note: string, maxLength: number): string {
  const tail = `\n\n${note}\n\n${parts.footer}\n`
  const closer = '\n\n</details>'
  const lines = parts.blocks.join('\n\n').split('\n')
  const kept: string[] = []
  let bytes = 0
  let open = 0
  let fence: { kept: number; open: number } | null = null
  for (const [i, line] of lines.entries()) {
    const opens = open + count(line, '<details') - count(line, '</details>')
    const cost = utf8Length(line) + (i === 0 ? 0 : 1)
    const needed = bytes + cost + opens * utf8Length(closer) + utf8Length(tail)
    // The marker line is kept whatever the budget.
    if (i > 0 && needed > maxLength) break
    if (line.startsWith('```')) {
      fence = fence === null ? { kept: kept.length, open } : null
    }
    kept.push(line)
    bytes += cost
    open = opens
  }
  if (fence !== null) {
    kept.length = fence.kept
    open = fence.open
  }
  return kept.join('\n') + closer.repeat(open) + tail
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1
}

function truncationNote(
  target: 'comment' | 'summary',
  summaryUrl: string | undefined
): string {
  if (target === 'summary') return `> [!WARNING]\n> ${SUMMARY_TRUNCATION_NOTE}.`
  const link =
    summaryUrl !== undefined && /^https?:\/\/[^\s<>()[\]`]+$/.test(summaryUrl)
      ? ` [Open the job summary](${summaryUrl}).`
      : ''
  return `> [!WARNING]\n> ${TRUNCATION_NOTE}.${link}`
}

function verdict(report: Report): string {
  const n = report.datasets.length
  const title = report.passed
    ? '## ✅ labelgate passed'
    : '## ❌ labelgate failed'
  const head = refText(report.head)
  const range =
    report.base === null
      ? `head ${head} (no base)`
      : `base ${refText(report.base)} → head ${head}`
  const config = `config ${codeOrText(report.config.path)} (from the ${configSource(report.config.source)})`
  return `${title}\n\n${n} ${n === 1 ? 'dataset' : 'datasets'} · ${range} · ${config}`
}

function configSource(source: Report['config']['source']): string {
  return source === 'file' ? 'given file' : source
}

function refText(ref: string): string {
  return codeOrText(shortRef(ref))
}

function overview(views: DatasetView[]): string {
  const rows = views.map((v) => {
    const failed = v.dataset.gates.filter(
      (g) => gateOutcome(g) === 'fail'
    ).length
    return [
      dataText(v.dataset.name),
      v.dataset.passed ? '✅ passed' : '❌ failed',
      `${formatCount(failed)} of ${formatCount(v.dataset.gates.length)}`,
      `${formatCount(v.errors)} / ${formatCount(v.warnings)}`
    ]
  })
  return markdownTable(
    ['Dataset', 'Result', 'Failed gates', 'Problems (errors / warnings)'],
    rows,
    ['left', 'left', 'right', 'right']
  )
}

function datasetBlocks(view: DatasetView, detail: Detail): string[] {
  const { dataset } = view
  const blocks = [
    `### ${dataset.passed ? '✅' : '❌'} ${dataText(dataset.name)}`,
    counts(dataset),
    gatesBlock(dataset.gates, detail.gates),
    ...changesBlocks(dataset, view.shift, detail),
    metricsBlock(dataset)
  ]
  const sections = [
    annotatorsSection(view, detail.annotators),
    classesSection(
      dataset.head,
      detail.classes,
      // The label counts are in the "What changed" table already.
      view.shift !== null && dataset.diff !== null && detail.shiftLabels > 0
    ),
    confusionSection(dataset.head, detail.confusionLabels),
    pairsSection(view, detail.pairs),
    problemsSection(view, detail.problems)
  ]
  for (const s of sections) if (s !== null) blocks.push(s)
  blocks.push(...governanceBlocks(dataset, view.drift, detail))
  blocks.push(...lineageMarkdown(dataset))
  return blocks
}

function counts(dataset: DatasetReport): string {
  const line = (label: string, v: VersionReport): string => {
    const c = v.counts
    return (
      `- **${label}:** ${formatCountOf(c.items, 'item')} · ` +
      `${formatCountOf(c.annotators, 'annotator')} · ` +
      `${formatCountOf(c.annotations, 'annotation')} · ` +
      `${formatCountOf(c.reference_items, 'item')} with a reference label`
    )
  }
  const lines = [line('Head', dataset.head)]
  if (dataset.base !== null) lines.push(line('Base', dataset.base))
  // The diff counts open the "What changed" part, after the gates.
  if (dataset.changed !== null) lines.push(line('This change', dataset.changed))
  return lines.join('\n')
}

const OUTCOME_ICON: Record<GateOutcome, string> = {
  pass: '✅',
  fail: '❌',
  warn: '⚠️',
  'undefined-pass': '➖'
}

function gatesBlock(gates: GateResult[], limit: number): string {
  if (gates.length === 0) return '_No gates configured for this dataset._'
  const { shown, hidden } = gatesToShow(compactAnnotatorGates(gates), limit)
  const rows = shown.map((g) => {
    const numbers = formatGateNumbers(g)
    const metric =
      codeOrText(g.metric) +
      (g.annotator === undefined ? '' : ` · ${dataText(g.annotator, 40)}`)
    return [
      metric,
      g.bound,
      numbers.threshold,
      numbers.value,
      `${OUTCOME_ICON[gateOutcome(g)]} ${g.status}`,
      dataText(g.message, 200)
    ]
  })
  const table = markdownTable(
    ['Metric', 'Bound', 'Threshold', 'Value', 'Status', 'Message'],
    rows,
    ['left', 'left', 'right', 'right', 'left', 'left']
  )
  return hidden === 0
    ? `**Gates**\n\n${table}`
    : `**Gates**\n\n${table}\n\n_and ${formatCount(hidden)} more gate rows that passed or are not shown._`
}

function metricsBlock(dataset: DatasetReport): string {
  const names = metricNames(dataset)
  if (names.length === 0) return '_No metrics._'
  const notes = new Footnotes('superscript')
  const value = (name: string, r: MetricResult | undefined): string => {
    if (r === undefined) return MISSING
    if (r.value === null) {
      return MISSING + notes.mark(r.reason ?? 'undefined')
    }
    return formatMetricValue(name, r.value)
  }
  const header = [
    'Metric',
    // Title case, but the count symbol n stays as it is written.
    ...metricColumns(dataset).map((c) =>
      c === 'n' ? c : c.charAt(0).toUpperCase() + c.slice(1)
    )
  ]
  const rows = names.map((name) => [
    codeOrText(name),
    ...metricCells(dataset, name, value)
  ])
  const align = header.map((_, i): Align => (i === 0 ? 'left' : 'right'))
  return `**Metrics**\n\n${withFootnotes(markdownTable(header, rows, align), notes)}`
}

function withFootnotes(table: string, notes: Footnotes): string {
  if (notes.size === 0) return table
  const lines = notes
    .entries()
    .map((e) => `${e.marker} ${dataText(e.text, 300)}`)
  return `${table}\n\n<sub>${lines.join('<br>')}</sub>`
}

function annotatorsSection(view: DatasetView, limit: number): string | null {
  const all = view.annotators
  if (limit === 0 || all.length === 0) return null
  const notes = new Footnotes('superscript')
  const rows = all
    .slice(0, limit)
    .map(([id, a]) => [
      dataText(id, 40),
      formatCount(a.annotations),
      a.accuracy.value === null
        ? MISSING + notes.mark(a.accuracy.reason ?? 'undefined')
        : formatPercent(a.accuracy.value),
      formatMetricInterval('accuracy', a.accuracy.ci),
      a.accuracy.n === undefined ? '' : formatCount(a.accuracy.n)
    ])
  const table = markdownTable(
    ['Annotator', 'Annotations', 'Accuracy', '95% interval', 'n'],
    rows,
    ['left', 'right', 'right', 'right', 'right']
  )
  return details(
    `Annotators (${formatCount(all.length)}, lowest accuracy first)`,
    withFootnotes(table, notes) + more(all.length - limit, 'annotators')
  )
}

function classesSection(
  head: VersionReport,
  limit: number,
  labelsShown: boolean
): string | null {
  if (limit === 0) return null
  if (head.classes.length === 0) {
    return labelsShown ? null : distributionSection(head, limit)
  }
  // Too many to list: keep the largest classes, shown in category order.
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

/** Without a reference there are no per-class scores; the label counts still help. */
function distributionSection(
  head: VersionReport,
  limit: number
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
  const table = markdownTable(['Label', 'Annotations', 'Share'], rows, [
    'left',
    'right',
    'right'
  ])
  return details(
    `Labels (${formatCount(entries.length)})`,
    table + more(entries.length - limit, 'labels')
  )
}

function confusionSection(head: VersionReport, limit: number): string | null {
  const confusion = head.confusion
  if (limit === 0 || confusion === null || confusion.labels.length === 0) {
    return null
  }
  const { labels, matrix } = confusion
  // Too many labels for a readable matrix: keep the busiest, in label order.
  const totals = labels.map(
    (_, i) =>
      (matrix[i] ?? []).reduce((s, n) => s + n, 0) +
      matrix.reduce((s, row) => s + (row[i] ?? 0), 0)
  )
  const keep = labels
    .map((_, i) => i)
    .sort((a, b) => totals[b]! - totals[a]! || a - b)
    .slice(0, limit)
    .sort((a, b) => a - b)
  const header = [
    'Reference ↓ · annotators →',
    ...keep.map((i) => dataText(labels[i]!, 24))
  ]
  const rows = keep.map((r) => [
    dataText(labels[r]!, 24),
    ...keep.map((c) => {
      const n = formatCount(matrix[r]?.[c] ?? 0)
      return r === c ? `**${n}**` : n
    })
  ])
  const align = header.map((_, i): Align => (i === 0 ? 'left' : 'right'))
  const hidden = labels.length - keep.length
  return details(
    `Confusion matrix (${formatCount(labels.length)} labels)`,
    markdownTable(header, rows, align) +
      (hidden > 0
        ? `\n\n_${formatCount(hidden)} labels with the fewest annotations are not shown._`
        : '')
  )
}

function pairsSection(view: DatasetView, limit: number): string | null {
  const pairs = view.pairs
  if (limit === 0 || pairs.length === 0) return null
  const rows = pairs
    .slice(0, limit)
    .map((p) => [
      dataText(p.a, 40),
      dataText(p.b, 40),
      formatCount(p.n_items),
      formatCoefficient(p.kappa),
      formatPercent(p.percent_agreement)
    ])
  const table = markdownTable(
    ['Annotator', 'Annotator', 'Shared items', "Cohen's kappa", 'Agreement'],
    rows,
    ['left', 'left', 'right', 'right', 'right']
  )
  return details(
    `Pairwise agreement (${formatCount(pairs.length)} pairs, most shared items first)`,
    table + more(pairs.length - limit, 'pairs')
  )
}

function problemsSection(view: DatasetView, limit: number): string | null {
  const { problems, errors, warnings } = view
  if (problems.length === 0) return null
  const summary = `Problems: ${formatCount(errors)} ${errors === 1 ? 'error' : 'errors'}, ${formatCount(warnings)} ${warnings === 1 ? 'warning' : 'warnings'}`
  if (limit === 0) {
    return `**${summary}** (rows left out to fit the comment limit).`
  }
  const rows = problems
    .slice(0, limit)
    .map((p) => [
      p.severity === 'error' ? '❌ error' : '⚠️ warning',
      p.line > 0 ? `${dataText(p.file)}:${p.line}` : dataText(p.file),
      dataText(p.message, 200)
    ])
  const table = markdownTable(['Severity', 'Location', 'Message'], rows)
  return details(
    summary,
    table + more(problems.length - limit, 'problems'),
    errors > 0
  )
}
