import { formatCount } from '../shared/format-number.js'
import { trendCharts } from './trend-chart.js'
import { lineageMarkdown } from '../shared/lineage-text.js'
import {
  changesBlocks,
  shiftView,
  type ChangesDetail,
  type ShiftView
} from './markdown-changes.js'
import {
  driftView,
  governanceBlocks,
  type GovernanceDetail
} from './markdown-governance.js'
import { dataText } from './markdown-inline.js'
import { slicesBlock } from './slices-block.js'
import { annotatorsWorstFirst, pairsByItems } from '../shared/report-order.js'
import type {
  AnnotatorReport,
  DatasetReport,
  PairwiseAgreement,
  Report
} from '../../report/types.js'
import { utf8Length } from './utf8-length.js'
import type { DriftRow } from '../../governance/annotator-drift.js'
import { datasetsWorstFirst } from '../shared/dataset-order.js'
import { countGates } from '../shared/gate-order.js'
import {
  groupProblems,
  type GroupedProblems
} from '../shared/problem-groups.js'
import { buildVerdict } from '../shared/verdict.js'
import {
  annotatorsSection,
  classesSection,
  perLabelSection,
  confusionSection,
  pairsSection
} from './detail-tables.js'
import { gatesBlock } from './gates-block.js'
import { metricsBlock } from './metrics-block.js'
import { problemsBlock, type LinkTarget } from './problems-block.js'
import { plural, verdictBlock } from './verdict-block.js'

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
  /**
   * The repository's web address (`https://github.com/owner/repo`): problem
   * locations link to the line at the head commit when the head is a SHA.
   */
  repositoryUrl?: string
}

/**
 * The PR comment and job summary body. It opens with the verdict (why, who
 * or what drives it, what to do next); datasets follow worst first, each
 * with its failing gates before anything else. Every string that came from
 * a data file is escaped. When the body would not fit `maxLength`, detail
 * goes by priority (the chart, pairwise tables and confusion first; the
 * verdict, failing gates and grouped problems last) and a note right under
 * the verdict says so; as a last resort the body is cut at a line.
 */
export function renderMarkdown(
  report: Report,
  options: MarkdownOptions = {}
): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH
  const target: LinkTarget = {
    repositoryUrl: options.repositoryUrl,
    sha: /^[0-9a-f]{40}$/.test(report.head) ? report.head : null
  }
  const views = datasetsWorstFirst(report.datasets).map(viewOf)
  const verdict = verdictBlock(report, buildVerdict(report), target)
  const note = truncationNote(options.target ?? 'comment', options.summaryUrl)
  let parts: Parts | undefined
  for (const [level, detail] of DETAIL_LEVELS.entries()) {
    parts = renderParts(report, verdict, views, detail, target)
    const body = assemble(parts, level === 0 ? null : note)
    if (utf8Length(body) <= maxLength) return body
  }
  return cut(parts!, note, maxLength)
}

/** How many rows of each section to show; 0 leaves the section out. */
interface Detail extends ChangesDetail, GovernanceDetail {
  /** Rows of the folded table of gates that passed or could not apply. */
  passedGates: number
  problemGroups: number
  problemExamples: number
  pairs: number
  confusion: number
  annotators: number
  classes: number
}

const FULL: Detail = {
  passedGates: 100,
  problemGroups: 30,
  problemExamples: 3,
  pairs: 20,
  confusion: 10,
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
 * Priority order of what goes: the chart, pairwise tables and confusion
 * first; then rows that are in the files (relabeled, adjudication, QC,
 * drift); then long tables shrink; problem groups and the passed gates'
 * rows go last. The verdict, the failing gates, the metrics and the problem
 * summary always stay.
 */
const NO_CHART: Detail = { ...FULL, chart: false }
const NO_PAIRS: Detail = { ...NO_CHART, pairs: 0 }
const NO_CONFUSION: Detail = { ...NO_PAIRS, confusion: 0 }
const FEWER_FILE_ROWS: Detail = {
  ...NO_CONFUSION,
  relabeled: 10,
  driftRows: 10,
  driftMore: 0,
  adjudicationRows: 5,
  qcStrata: 10
}
const NO_FILE_ROWS: Detail = {
  ...FEWER_FILE_ROWS,
  relabeled: 0,
  driftRows: 0,
  adjudicationRows: 0,
  qcStrata: 0
}
const SHORT_TABLES: Detail = {
  ...NO_FILE_ROWS,
  annotators: 10,
  classes: 10,
  shiftLabels: 10,
  passedGates: 20
}
const NO_TABLES: Detail = {
  ...SHORT_TABLES,
  annotators: 0,
  classes: 0,
  shiftLabels: 0,
  passedGates: 0,
  problemGroups: 10,
  problemExamples: 1
}
const DETAIL_LEVELS: Detail[] = [
  FULL,
  NO_CHART,
  NO_PAIRS,
  NO_CONFUSION,
  FEWER_FILE_ROWS,
  NO_FILE_ROWS,
  SHORT_TABLES,
  NO_TABLES,
  { ...NO_TABLES, problemGroups: 3 }
]

/** Sorted and grouped once, however many detail levels are tried. */
interface DatasetView {
  dataset: DatasetReport
  problems: GroupedProblems
  annotators: [string, AnnotatorReport][]
  pairs: PairwiseAgreement[]
  shift: ShiftView | null
  drift: DriftRow[]
}

function viewOf(dataset: DatasetReport): DatasetView {
  return {
    dataset,
    problems: groupProblems(dataset.problems, FULL.problemExamples),
    annotators: annotatorsWorstFirst(dataset.head.annotators),
    pairs: pairsByItems(dataset.head.pairwise),
    shift: shiftView(dataset.label_shift ?? null),
    drift: driftView(dataset)
  }
}

/** Blocks are separated by a blank line; the footer always comes last. */
interface Parts {
  verdict: string
  blocks: string[]
  footer: string
}

function renderParts(
  report: Report,
  verdict: string,
  views: DatasetView[],
  detail: Detail,
  target: LinkTarget
): Parts {
  const blocks: string[] = []
  if (report.notes.length > 0) {
    blocks.push(report.notes.map((n) => `- ${dataText(n, 1000)}`).join('\n'))
  }
  if (views.length > 1) blocks.push(overview(views))
  // With three or more datasets, a passing one is its overview line.
  const full =
    views.length >= 3 ? views.filter((v) => !v.dataset.passed) : views
  for (const view of full) blocks.push(...datasetBlocks(view, detail, target))
  if (views.length === 0) blocks.push('No dataset was checked.')
  return {
    verdict: `${REPORT_MARKER}\n${verdict}`,
    blocks,
    footer: `<sub>labelgate ${dataText(report.version, 40)}</sub>`
  }
}

/** The truncation note goes right under the verdict, where it is seen. */
function assemble(parts: Parts, note: string | null): string {
  const top = note === null ? [parts.verdict] : [parts.verdict, note]
  return [...top, ...parts.blocks, parts.footer].join('\n\n') + '\n'
}

/**
 * The last resort: the marker, the heading and the note first, then whole
 * lines up to the budget, then closing tags for any `<details>` left open,
 * then the footer. Data never holds a raw `<`, so counting our own tags is
 * exact. A code block (the chart) is kept whole or not at all.
 */
function cut(parts: Parts, note: string, maxLength: number): string {
  const [marker, heading, ...verdictRest] = parts.verdict.split('\n')
  const head = `${marker}\n${heading}\n\n${note}\n`
  const tail = `\n\n${parts.footer}\n`
  const closer = '\n\n</details>'
  const lines = [...verdictRest, '', ...parts.blocks.join('\n\n').split('\n')]
  const kept: string[] = []
  let bytes = utf8Length(head) + utf8Length(tail)
  let open = 0
  let fence: { kept: number; open: number } | null = null
  for (const line of lines) {
    const opens = open + count(line, '<details') - count(line, '</details>')
    const cost = utf8Length(line) + 1
    if (bytes + cost + opens * utf8Length(closer) > maxLength) break
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
  return head + kept.join('\n') + closer.repeat(open) + tail
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
  return `> [!WARNING]\n> ${TRUNCATION_NOTE}.${link} The JSON report (the action's \`report\` output) has everything.`
}

/** One line per dataset, worst first. */
function overview(views: DatasetView[]): string {
  return views
    .map((v) => {
      const d = v.dataset
      const g = countGates(d.gates)
      const parts: string[] = []
      if (g.failing > 0) parts.push(`${plural(g.failing, 'failing gate')}`)
      if (g.warnings > 0) parts.push(plural(g.warnings, 'gate warning'))
      if (g.preExisting > 0)
        parts.push(`${formatCount(g.preExisting)} pre-existing`)
      parts.push(`${formatCount(g.passed)} of ${plural(g.total, 'gate')} pass`)
      if (v.problems.errors > 0)
        parts.push(plural(v.problems.errors, 'data error'))
      if (v.problems.preExisting > 0)
        parts.push(plural(v.problems.preExisting, 'pre-existing data error'))
      if (v.problems.warnings > 0)
        parts.push(plural(v.problems.warnings, 'data warning'))
      return `- ${d.passed ? '✅' : '❌'} **${dataText(d.name, 80)}**: ${parts.join(', ')}`
    })
    .join('\n')
}

function datasetBlocks(
  view: DatasetView,
  detail: Detail,
  target: LinkTarget
): string[] {
  const { dataset } = view
  const blocks = [
    `### ${dataset.passed ? '✅' : '❌'} ${dataText(dataset.name)}`,
    counts(dataset),
    gatesBlock(dataset, detail.passedGates),
    ...trendBlock(dataset)
  ]
  const problems = problemsBlock(
    view.problems,
    { groups: detail.problemGroups, examples: detail.problemExamples },
    target
  )
  if (problems !== null) blocks.push(problems)
  blocks.push(
    ...changesBlocks(dataset, view.shift, detail),
    metricsBlock(dataset)
  )
  const slices = slicesBlock(dataset)
  if (slices !== null) blocks.push(slices)
  const sections = [
    annotatorsSection(dataset, view.annotators, detail.annotators),
    classesSection(
      dataset.head,
      detail.classes,
      view.shift !== null && dataset.diff !== null && detail.shiftLabels > 0,
      dataset.type
    ),
    confusionSection(dataset.head, detail.confusion),
    perLabelSection(dataset.head, detail.classes),
    pairsSection(view.pairs, detail.pairs, dataset.type)
  ]
  for (const s of sections) if (s !== null) blocks.push(s)
  blocks.push(...governanceBlocks(dataset, view.drift, detail))
  blocks.push(...lineageMarkdown(dataset))
  return blocks
}

/** The trend charts of the trend-gated metrics, with the note on missing history. */
function trendBlock(dataset: DatasetReport): string[] {
  const charts = trendCharts(dataset)
  if (charts.length === 0) return []
  return [`**Trend** (latest versions of the base branch)`, ...charts]
}

function counts(dataset: DatasetReport): string {
  const line = (label: string, v: DatasetReport['head']): string => {
    const c = v.counts
    return (
      `${label} ${plural(c.items, 'item')} · ${plural(c.annotators, 'annotator')} · ` +
      `${plural(c.annotations, 'annotation')} · ${formatCount(c.reference_items)} with a reference label`
    )
  }
  const lines = [line('**Head:**', dataset.head)]
  if (dataset.base !== null) lines.push(line('**Base:**', dataset.base))
  if (dataset.changed !== null)
    lines.push(line('**This change:**', dataset.changed))
  return `<sub>${lines.join('<br>')}</sub>`
}
