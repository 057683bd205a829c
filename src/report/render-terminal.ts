import { metricCells, metricColumns } from './metric-cells.js'
import { compactAnnotatorGates } from './compact-gates.js'
import { schemaChangeText } from './schema-change-text.js'
import type { MetricResult } from '../metrics/result.js'
import { styles, type Styles } from './ansi.js'
import { cleanText } from './clean-text.js'
import { Footnotes } from './footnotes.js'
import {
  formatChiSquare,
  formatCoefficient,
  formatCount,
  formatCountOf,
  formatGateNumbers,
  formatMetricInterval,
  formatMetricValue,
  formatPercent,
  formatPoints,
  formatShare,
  MISSING
} from './format-number.js'
import { gateOutcome } from './gate-outcome.js'
import {
  accuracyWithN,
  adjudicationCountsText,
  driftHeadline,
  driftRowsInChange,
  kappaChange,
  pValueText,
  qcSampleText,
  reasonText
} from './governance-text.js'
import { lineageLines } from './lineage-text.js'
import type { Align } from './markdown-table.js'
import {
  annotatorsWorstFirst,
  countProblems,
  metricNames,
  problemsWorstFirst
} from './report-order.js'
import { shortRef } from './short-ref.js'
import { shorten } from './shorten.js'
import { textTable, type TextCell } from './text-table.js'
import type {
  DatasetReport,
  GateResult,
  Report,
  VersionReport
} from './types.js'

export interface TerminalOptions {
  /** ANSI colour; the caller decides (a TTY, NO_COLOR, --no-color). */
  color: boolean
}

/** Rows per long table; the rest is counted ("and N more"). */
const ANNOTATOR_ROWS = 20
const CLASS_ROWS = 30
const PROBLEM_ROWS = 20
const RELABEL_ROWS = 10
const SHIFT_ROWS = 30
const DRIFT_ROWS = 10
const ADJUDICATION_ROWS = 10

/**
 * The readable report for a laptop terminal (the CLI's stdout). Data strings
 * are cleaned of control characters and escape sequences, so a label cannot
 * move the cursor or clear the screen; colour appears only when asked for.
 */
export function renderTerminal(
  report: Report,
  options: TerminalOptions
): string {
  const s = styles(options.color)
  const lines: string[] = [...verdict(report, s)]
  if (report.notes.length > 0) {
    lines.push('', s.bold('Notes'))
    for (const note of report.notes) lines.push(`  - ${text(note, 500)}`)
  }
  for (const dataset of report.datasets) {
    lines.push('', ...datasetLines(dataset, s))
  }
  if (report.datasets.length === 0) lines.push('', 'No dataset was checked.')
  lines.push('', s.dim(`labelgate ${text(report.version, 40)}`))
  return lines.join('\n') + '\n'
}

/** Data text for the terminal: one clean line, shortened. */
function text(value: string, max = 40): string {
  return shorten(cleanText(value), max)
}

function verdict(report: Report, s: Styles): string[] {
  const n = report.datasets.length
  const result = report.passed ? s.green('PASSED') : s.red('FAILED')
  const range =
    report.base === null
      ? `head ${text(shortRef(report.head), 80)} (no base)`
      : `base ${text(shortRef(report.base), 80)} → head ${text(shortRef(report.head), 80)}`
  const source =
    report.config.source === 'file' ? 'given file' : report.config.source
  return [
    `${s.bold('labelgate')} ${s.bold(result)} · ${n} ${n === 1 ? 'dataset' : 'datasets'} · ${range}`,
    s.dim(`config ${text(report.config.path, 120)} (from the ${source})`)
  ]
}

function datasetLines(dataset: DatasetReport, s: Styles): string[] {
  const result = dataset.passed ? s.green('PASSED') : s.red('FAILED')
  return [
    `${s.bold(text(dataset.name, 80))}  ${s.bold(result)}`,
    ...countLines(dataset),
    ...gateLines(compactAnnotatorGates(dataset.gates), s),
    ...changeLines(dataset),
    ...metricLines(dataset),
    ...annotatorLines(dataset.head),
    ...classLines(dataset.head),
    ...problemLines(dataset, s),
    ...driftLines(dataset, s),
    ...adjudicationLines(dataset),
    ...qcLines(dataset),
    ...lineageLines(dataset)
  ]
}

function countLines(dataset: DatasetReport): string[] {
  const rows: TextCell[][] = []
  const counts = (label: string, v: VersionReport): void => {
    const c = v.counts
    rows.push([
      label,
      `${formatCountOf(c.items, 'item')} · ${formatCountOf(c.annotators, 'annotator')} · ` +
        `${formatCountOf(c.annotations, 'annotation')} · ` +
        `${formatCount(c.reference_items)} with a reference label`
    ])
  }
  counts('head', dataset.head)
  if (dataset.base !== null) counts('base', dataset.base)
  if (dataset.diff !== null) {
    const d = dataset.diff
    rows.push([
      'change',
      `${formatCountOf(d.items_added, 'item')} added, ${formatCount(d.items_removed)} removed · ` +
        `${formatCountOf(d.annotations_added, 'annotation')} added, ` +
        `${formatCount(d.annotations_removed)} removed · ` +
        `${formatCountOf(d.labels_changed, 'label')} changed`
    ])
  }
  if (dataset.changed !== null) counts('this change', dataset.changed)
  return textTable(rows, { indent: '  ' })
}

function gateLines(gates: GateResult[], s: Styles): string[] {
  if (gates.length === 0) return ['', '  No gates configured.']
  const rows: TextCell[][] = gates.map((g) => {
    const outcome = gateOutcome(g)
    const style =
      g.status === 'pass'
        ? s.green
        : g.status === 'undefined' || outcome === 'warn'
          ? s.yellow
          : s.red
    const status =
      g.status.toUpperCase() + (g.severity === 'warning' ? ' (warning)' : '')
    const numbers = formatGateNumbers(g)
    return [
      { text: status, style },
      text(g.metric, 60) +
        (g.annotator === undefined ? '' : ` ${text(g.annotator, 30)}`),
      `${g.bound} ${numbers.threshold}`,
      numbers.value,
      text(g.message, 160)
    ]
  })
  return ['', '  Gates', ...textTable(rows, { indent: '    ' })]
}

function metricLines(dataset: DatasetReport): string[] {
  const names = metricNames(dataset)
  if (names.length === 0) return []
  const notes = new Footnotes('bracket')
  const value = (name: string, r: MetricResult | undefined): string => {
    if (r === undefined) return MISSING
    if (r.value === null) return `${MISSING} ${notes.mark(r.reason ?? '')}`
    return formatMetricValue(name, r.value)
  }
  const rows: string[][] = [['metric', ...metricColumns(dataset)]]
  for (const name of names) {
    rows.push([name, ...metricCells(dataset, name, value)])
  }
  const align = rows[0]!.map((_, i): Align => (i === 0 ? 'left' : 'right'))
  return [
    '',
    '  Metrics',
    ...textTable(rows, { indent: '    ', align }),
    ...notes.entries().map((e) => `    ${e.marker} ${text(e.text, 300)}`)
  ]
}

function annotatorLines(head: VersionReport): string[] {
  const all = annotatorsWorstFirst(head.annotators)
  if (all.length === 0) return []
  const notes = new Footnotes('bracket')
  const rows: string[][] = [
    ['annotator', 'annotations', 'accuracy', '95% interval', 'n']
  ]
  for (const [id, a] of all.slice(0, ANNOTATOR_ROWS)) {
    rows.push([
      text(id),
      formatCount(a.annotations),
      a.accuracy.value === null
        ? `${MISSING} ${notes.mark(a.accuracy.reason ?? '')}`
        : formatPercent(a.accuracy.value),
      formatMetricInterval('accuracy', a.accuracy.ci),
      a.accuracy.n === undefined ? '' : formatCount(a.accuracy.n)
    ])
  }
  return [
    '',
    `  Annotators (${formatCount(all.length)}, lowest accuracy first)`,
    ...textTable(rows, {
      indent: '    ',
      align: ['left', 'right', 'right', 'right', 'right']
    }),
    ...andMore(all.length - ANNOTATOR_ROWS, 'annotators'),
    ...notes.entries().map((e) => `    ${e.marker} ${text(e.text, 300)}`)
  ]
}

function classLines(head: VersionReport): string[] {
  const classes = head.classes
  if (classes.length === 0) return []
  const rows: string[][] = [
    ['label', 'support', 'predicted', 'precision', 'recall', 'F1']
  ]
  for (const c of classes.slice(0, CLASS_ROWS)) {
    rows.push([
      text(c.label),
      formatCount(c.support),
      formatCount(c.predicted),
      formatCoefficient(c.precision),
      formatCoefficient(c.recall),
      formatCoefficient(c.f1)
    ])
  }
  return [
    '',
    '  Per class',
    ...textTable(rows, {
      indent: '    ',
      align: ['left', 'right', 'right', 'right', 'right', 'right']
    }),
    ...andMore(classes.length - CLASS_ROWS, 'classes')
  ]
}

function problemLines(dataset: DatasetReport, s: Styles): string[] {
  if (dataset.problems.length === 0) return []
  const { errors, warnings } = countProblems(dataset.problems)
  const problems = problemsWorstFirst(dataset.problems)
  const rows: TextCell[][] = problems.slice(0, PROBLEM_ROWS).map((p) => [
    {
      text: p.severity,
      style: p.severity === 'error' ? s.red : s.yellow
    },
    p.line > 0 ? `${text(p.file, 80)}:${p.line}` : text(p.file, 80),
    text(p.message, 200)
  ])
  return [
    '',
    `  Problems (${formatCount(errors)} ${errors === 1 ? 'error' : 'errors'}, ` +
      `${formatCount(warnings)} ${warnings === 1 ? 'warning' : 'warnings'})`,
    ...textTable(rows, { indent: '    ' }),
    ...andMore(problems.length - PROBLEM_ROWS, 'problems')
  ]
}

/**
 * The change in brief (its counts are in the counts table above): the first
 * relabeled annotations and how the class distribution moved.
 */
function changeLines(dataset: DatasetReport): string[] {
  const diff = dataset.diff
  if (diff === null) return []
  const lines = ['', '  Changes']
  if (dataset.base === null) {
    lines.push('    new dataset: not at the base, so all of it is added')
  }
  const schema = dataset.schema_change ?? null
  if (schema !== null) {
    lines.push(
      `    label schema ${schemaChangeText(schema, (t) => text(t, 40))}`
    )
  }
  const total = Math.max(diff.labels_changed, dataset.relabeled.length)
  const shown = dataset.relabeled.slice(0, RELABEL_ROWS)
  if (total > 0) {
    lines.push(
      `    ${formatCountOf(total, 'relabeled annotation')}` +
        (shown.length === 0 ? ' (not listed in the report)' : '')
    )
  }
  if (shown.length > 0) {
    const rows = shown.map((r) => [
      text(r.item),
      text(r.annotator),
      `${text(r.from)} → ${text(r.to)}`
    ])
    lines.push(
      ...textTable([['item', 'annotator', 'old → new label'], ...rows], {
        indent: '      '
      }),
      ...andMore(total - shown.length, 'relabeled annotations', '      ')
    )
  }
  lines.push(...shiftLines(dataset))
  return lines
}

function shiftLines(dataset: DatasetReport): string[] {
  const shift = dataset.label_shift
  if (shift === null || shift.labels.length === 0) return []
  const sum = (values: number[]): number => values.reduce((t, n) => t + n, 0)
  const baseTotal = sum(shift.base)
  const headTotal = sum(shift.head)
  const labels = shift.labels.slice(0, SHIFT_ROWS)
  const more = andMore(shift.labels.length - labels.length, 'labels', '      ')
  if (baseTotal === 0 || headTotal === 0) {
    // Nothing to compare with (a new dataset): the head's labels alone.
    const rows = labels.map((label, k) => [
      text(label),
      formatCount(shift.head[k] ?? 0),
      formatShare(shift.head[k] ?? 0, headTotal)
    ])
    return [
      '    labels at the head',
      ...textTable([['label', 'head', 'share'], ...rows], {
        indent: '      ',
        align: ['left', 'right', 'right']
      }),
      ...more
    ]
  }
  const js = shift.jensen_shannon
  const distance =
    js.value === null
      ? `${MISSING} (${text(js.reason ?? 'undefined', 200)})`
      : formatCoefficient(js.value)
  const test =
    shift.chi_square === null
      ? 'chi-square not applicable'
      : `chi-square ${formatChiSquare(shift.chi_square)}`
  const rows = labels.map((label, k) => {
    const b = shift.base[k] ?? 0
    const h = shift.head[k] ?? 0
    return [
      text(label),
      formatCount(b),
      '→',
      formatCount(h),
      `${formatShare(b, baseTotal)} → ${formatShare(h, headTotal)}`,
      formatPoints(h / headTotal - b / baseTotal)
    ]
  })
  return [
    `    label shift: Jensen-Shannon distance ${distance} · ${test}`,
    ...textTable(
      [['label', 'base', '', 'head', 'share base → head', 'Δ share'], ...rows],
      {
        indent: '      ',
        align: ['left', 'right', 'left', 'right', 'right', 'right']
      }
    ),
    ...more
  ]
}

function andMore(hidden: number, what: string, indent = '    '): string[] {
  return hidden > 0 ? [`${indent}and ${formatCount(hidden)} more ${what}`] : []
}

/** Annotators whose accuracy in the change is known, worst first. */
function driftLines(dataset: DatasetReport, s: Styles): string[] {
  const listed = driftRowsInChange(dataset.annotator_drift ?? [])
  if (listed.length === 0) return []
  const rows: TextCell[][] = [
    [
      '',
      'annotator',
      'base (n)',
      'this change (n)',
      'head (n)',
      'drop',
      'p',
      'mean kappa base → head'
    ],
    ...listed
      .slice(0, DRIFT_ROWS)
      .map((r): TextCell[] => [
        r.flagged ? { text: 'FLAGGED', style: s.yellow } : '',
        text(r.annotator),
        accuracyWithN(r.base),
        accuracyWithN(r.changed),
        accuracyWithN(r.head),
        formatPoints(r.drop),
        pValueText(r.p_value),
        kappaChange(r)
      ])
  ]
  return [
    '',
    `  Annotator drift (${driftHeadline(listed)}; one-sided test of this change against the base)`,
    ...textTable(rows, {
      indent: '    ',
      align: ['left', 'left', 'right', 'right', 'right', 'right', 'right']
    }),
    ...andMore(listed.length - DRIFT_ROWS, 'annotators')
  ]
}

function adjudicationLines(dataset: DatasetReport): string[] {
  const queue = dataset.adjudication ?? null
  if (queue === null) return []
  const listed = queue.rows ?? []
  const lines = ['', `  Adjudication queue: ${adjudicationCountsText(queue)}`]
  if (queue.total === 0 && listed.length === 0) return lines
  lines.push('    the full queue: --adjudication FILE')
  const shown = listed.slice(0, ADJUDICATION_ROWS)
  if (shown.length === 0) return lines
  const rows = shown.map((r) => [
    text(r.item),
    (r.reasons ?? []).map((reason) => text(reasonText(reason))).join(', '),
    r.majority === null ? MISSING : text(r.majority),
    r.reference === null ? MISSING : text(r.reference),
    r.decision === null ? MISSING : text(r.decision)
  ])
  return [
    ...lines,
    ...textTable(
      [['item', 'reasons', 'majority', 'reference', 'decision'], ...rows],
      { indent: '    ' }
    ),
    ...andMore(Math.max(queue.total, listed.length) - shown.length, 'items')
  ]
}

function qcLines(dataset: DatasetReport): string[] {
  const sample = dataset.qc_sample ?? null
  if (sample === null) return []
  return [
    '',
    `  QC sample: ${qcSampleText(sample)}`,
    '    the sampled annotations: --qc-sample FILE'
  ]
}
