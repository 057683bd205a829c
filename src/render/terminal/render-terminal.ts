import { diffCountsText } from '../shared/diff-text.js'
import { schemaChangeText } from '../shared/schema-change-text.js'
import { styles, type Styles } from './ansi.js'
import { cleanText } from '../../util/clean-text.js'
import { Footnotes } from './footnotes.js'
import {
  formatChiSquare,
  formatCoefficient,
  formatCount,
  formatCountOf,
  formatShare,
  MISSING
} from '../shared/format-number.js'
import { gateOutcome, type GateOutcome } from '../shared/gate-outcome.js'
import {
  gateBaseValue,
  gateDetail,
  gateSubject
} from '../shared/gate-detail.js'
import { datasetsWorstFirst } from '../shared/dataset-order.js'
import { orderGates, OUTCOME_WORD } from '../shared/gate-order.js'
import { metricRows } from '../shared/metric-rows.js'
import { groupProblems } from '../shared/problem-groups.js'
import { buildVerdict, type Verdict } from '../shared/verdict.js'
import {
  changeText,
  gateValueText,
  levelText,
  NBSP,
  pointsText,
  thresholdText,
  valueWithInterval
} from '../../metrics/units.js'
import { shortMetricLabel } from '../shared/metric-labels.js'
import { changedCell } from '../shared/changed-cell.js'
import { BOX_SIZE_RANGES, boxSizeText } from '../shared/box-size-text.js'
import { DEFAULT_WIDTH, layoutLine, visibleWidth } from './fit-width.js'
import {
  accuracyWithN,
  adjudicationCountsText,
  disagreeingElements,
  driftHeadline,
  driftTestText,
  driftRowsInChange,
  kappaChange,
  pValueText,
  qcSampleText,
  reasonText
} from '../shared/governance-text.js'
import { lineageLines } from '../shared/lineage-text.js'
import type { Align } from '../markdown/markdown-table.js'
import { annotatorsWorstFirst } from '../shared/report-order.js'
import { shortRef } from '../shared/short-ref.js'
import { gapParts, sliceView } from '../shared/slice-rows.js'
import { shorten, shortenMiddle } from '../../util/shorten.js'
import { textTable, type TextCell } from './text-table.js'
import type { AdjudicationRow } from '../../governance/adjudication.js'
import type {
  DatasetReport,
  GateResult,
  Report,
  VersionReport
} from '../../report/types.js'

export interface TerminalOptions {
  /** ANSI colour; the caller decides (a TTY, NO_COLOR, --no-color). */
  color: boolean
  /** The terminal's columns; 100 when not a terminal. Longer lines are cut with `…`. */
  width?: number
}

/** Failing rows of one per-annotator gate shown; the rest are counted. */
const ANNOTATOR_GATE_ROWS = 10

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
  const verdict = buildVerdict(report)
  const lines: string[] = [...heading(report, s)]
  if (report.notes.length > 0) {
    lines.push('', s.bold('Notes'))
    for (const note of report.notes) lines.push(`  - ${text(note, 500)}`)
  }
  const width = options.width ?? DEFAULT_WIDTH
  for (const dataset of datasetsWorstFirst(report.datasets)) {
    lines.push('', ...datasetLines(dataset, s, width))
  }
  if (report.datasets.length === 0) lines.push('', 'No dataset was checked.')
  lines.push('', s.dim(`labelgate ${text(report.version, 40)}`))
  // The last line is what a CI log shows: the verdict again, with the exit status.
  lines.push(closingLine(verdict, s))
  return lines.map((l) => layoutLine(l, width)).join('\n') + '\n'
}

/**
 * `FAILED: 3 gates, 4 data errors (exit 1)`, `PASSED with 2 warnings (exit 0)`.
 * The exit status is the CLI's: 1 when the report did not pass.
 */
export function closingLine(v: Verdict, s: Styles): string {
  if (v.passed) {
    const warnings = v.warningGates + v.dataWarnings
    const w = warnings > 0 ? ` with ${formatCountOf(warnings, 'warning')}` : ''
    return `${s.bold(s.green('PASSED'))}${w} (exit 0)`
  }
  const parts: string[] = []
  if (v.failingGates > 0) parts.push(formatCountOf(v.failingGates, 'gate'))
  if (v.dataErrors > 0) parts.push(formatCountOf(v.dataErrors, 'data error'))
  return `${s.bold(s.red('FAILED'))}${parts.length > 0 ? `: ${parts.join(', ')}` : ''} (exit 1)`
}

/** Data text for the terminal: one clean line, shortened. */
function text(value: string, max = 40): string {
  return shorten(cleanText(value), max)
}

/** An annotator or item id: cut in the middle (ids often share a long prefix). */
function idText(value: string, max = 40): string {
  return shortenMiddle(cleanText(value), max)
}

/**
 * A gate's detail on lines of its own, at most 160 characters; a list cut
 * there keeps its closing count ("..., and 37 more"), which says how much
 * the JSON report holds beyond it.
 */
function detailText(value: string): string {
  const tail = /,? \(?and [\d,]+ more[^,()]*\)?$/.exec(value)?.[0] ?? ''
  if ([...value].length <= 160 || tail === '') return text(value, 160)
  return text(value.slice(0, -tail.length), 160 - tail.length) + text(tail, 60)
}

/** Our own values keep non-breaking spaces in Markdown; a terminal wants plain ones. */
function plain(value: string): string {
  return value.split(NBSP).join(' ')
}

function heading(report: Report, s: Styles): string[] {
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

function datasetLines(
  dataset: DatasetReport,
  s: Styles,
  width: number
): string[] {
  const result = dataset.passed ? s.green('PASSED') : s.red('FAILED')
  return [
    `${s.bold(text(dataset.name, 80))}  ${s.bold(result)}`,
    ...countLines(dataset, width),
    ...gateLines(dataset, s, width),
    ...problemLines(dataset, s, width),
    ...changeLines(dataset, width),
    ...metricLines(dataset, width),
    ...sliceLines(dataset),
    ...annotatorLines(dataset.head, dataset.annotator_accuracy),
    ...classLines(dataset.head),
    ...perLabelLines(dataset.head),
    ...driftLines(dataset, s, width),
    ...adjudicationLines(dataset),
    ...qcLines(dataset),
    ...lineageLines(dataset)
  ]
}

/**
 * The head, base and change counts as a two-column table. A row wider than
 * the terminal wraps at its ` · ` separators, under its own column (as a
 * table row it would be cut: a multi_label change lost its element counts
 * at 100 columns).
 */
function countLines(dataset: DatasetReport, width: number): string[] {
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
    rows.push(['change', diffCountsText(d)])
  }
  if (dataset.changed !== null) counts('this change', dataset.changed)
  const labelWidth = Math.max(...rows.map((r) => visibleWidth(String(r[0]))))
  const hang = ' '.repeat(2 + labelWidth + 2)
  return textTable(rows, { indent: '  ' }).flatMap((line) => {
    if (visibleWidth(line) <= width) return [line]
    const parts = line.slice(hang.length).split(' · ')
    const out: string[] = []
    let current = line.slice(0, hang.length) + parts[0]!
    for (const part of parts.slice(1)) {
      const candidate = `${current} · ${part}`
      if (visibleWidth(candidate) <= width) current = candidate
      else {
        out.push(`${current} ·`)
        current = hang + part
      }
    }
    return [...out, current]
  })
}

const OUTCOME_STYLE: Record<GateOutcome, keyof Styles> = {
  pass: 'green',
  fail: 'red',
  warn: 'yellow',
  pre_existing: 'yellow',
  'undefined-pass': 'dim',
  not_applicable: 'dim',
  too_few_items: 'dim'
}

/** Columns a gate row too long for any layout keeps for its detail beside the config keys. */
const GATE_DETAIL_ROOM = 20

/**
 * Failing rows first, then warnings, pre-existing breaches, rows that could
 * not apply, and passes. A failing row is red whatever its status (an
 * undefined statistic that fails is a failure); per-annotator rows are
 * capped per gate, with a count. Gates go by the metric's readable name, as
 * in the comment, with the key under `gates:` in labelgate.yml beside it in
 * parentheses; when that would leave the detail too little of the width, the
 * keys go in a legend line below instead.
 */
function gateLines(dataset: DatasetReport, s: Styles, width: number): string[] {
  if (dataset.gates.length === 0) return ['', '  No gates configured.']
  const o = orderGates(dataset.gates)
  const ordered = [
    ...o.failing,
    ...o.warnings,
    ...o.preExisting,
    ...o.notJudged,
    ...o.passed
  ]
  const perGate = new Map<string, number>()
  const hidden = new Map<string, number>()
  const shown: GateResult[] = []
  for (const g of ordered) {
    if (g.annotator !== undefined) {
      const seen = perGate.get(g.metric) ?? 0
      perGate.set(g.metric, seen + 1)
      if (seen >= ANNOTATOR_GATE_ROWS) {
        hidden.set(g.metric, (hidden.get(g.metric) ?? 0) + 1)
        continue
      }
    }
    shown.push(g)
  }
  const wordOf = (g: GateResult): string => {
    const outcome = gateOutcome(g)
    return g.status === 'undefined' && outcome === 'fail'
      ? 'FAIL (undefined)'
      : OUTCOME_WORD[outcome].toUpperCase()
  }
  const table = (withKey: boolean, detail: boolean): string[] =>
    textTable(
      shown.map((g) => {
        const outcome = gateOutcome(g)
        const word = wordOf(g)
        const subject = gateSubject(g)
        const name =
          text(shortMetricLabel(g.metric), 60) +
          (withKey ? ` (${text(g.metric, 60)})` : '') +
          (subject === null
            ? ''
            : ` · ${g.annotator !== undefined ? idText(subject) : text(subject, 40)}`)
        return [
          { text: word, style: s[OUTCOME_STYLE[outcome]] },
          name,
          plain(gateValueText(g, gateBaseValue(dataset, g))),
          plain(thresholdText(g)),
          detail ? text(gateDetail(dataset, g), 160) : ''
        ]
      }),
      { indent: '    ' }
    )
  // The keys sit beside the names only where they cost no detail: every row
  // fits whole, or is too long to fit without the keys either and still
  // keeps some of its detail.
  const full = table(true, true)
  const bare = table(false, true)
  const withoutDetail = table(true, false)
  const fits = full.every(
    (line, i) =>
      [...line].length <= width ||
      ([...bare[i]!].length > width &&
        [...withoutDetail[i]!].length + 2 + GATE_DETAIL_ROOM <= width)
  )
  const keys = [...new Set(shown.map((g) => g.metric))]
  const legend = fits
    ? []
    : [
        `    in the config: ${keys.map((key) => `${text(shortMetricLabel(key), 60)} = ${text(key, 60)}`).join(', ')}`
      ]
  const more = [...hidden].map(
    ([metric, n]) =>
      `    and ${formatCount(n)} more ${text(shortMetricLabel(metric), 60)} (${text(metric, 60)}) rows (the JSON report has them all)`
  )
  // A row whose detail would be cut goes on with the detail on a line of its
  // own under the name, wrapped there: "already breached at the base: 0.1522
  // → 0.1520" must be read whole, not as "already breached at the…".
  const rows = fits ? full : bare
  const short = table(fits, false)
  const nameColumn =
    4 + Math.max(...shown.map((g) => [...wordOf(g)].length)) + 2
  const lines = rows.flatMap((line, i) => {
    if (visibleWidth(line) <= width) return [line]
    const detail = detailText(gateDetail(dataset, shown[i]!))
    if (detail === '') return [line]
    return [
      short[i]!,
      `${' '.repeat(nameColumn)}${detail.replace(/ {2,}/g, ' ')}`
    ]
  })
  return ['', '  Gates', ...lines, ...legend, ...more]
}

/**
 * Base, head (with its interval), Δ head − base, this change, n; inapplicable
 * metrics in one line. Metrics go by the names people know, with the name a
 * config gates on in its own column, or in a legend line when that column
 * would push the table past the width.
 */
function metricLines(dataset: DatasetReport, width: number): string[] {
  const { shown, omitted } = metricRows(dataset)
  if (shown.length === 0 && omitted.length === 0) return []
  const align = (columns: number): Align[] =>
    Array.from({ length: columns }, (_, i) => (i === 0 ? 'left' : 'right'))
  const values = metricValueRows(dataset, shown)
  const named = [
    ['metric', 'in config', ...values[0]!],
    ...shown.map((name, i) => [shortMetricLabel(name), name, ...values[i + 1]!])
  ]
  let table = textTable(named, {
    indent: '    ',
    align: ['left', 'left', ...align(values[0]!.length + 1).slice(1)]
  })
  let legend: string[] = []
  if (table.some((line) => [...line].length > width)) {
    const bare = [
      ['metric', ...values[0]!],
      ...shown.map((name, i) => [shortMetricLabel(name), ...values[i + 1]!])
    ]
    table = textTable(bare, {
      indent: '    ',
      align: align(values[0]!.length + 1)
    })
    legend = [
      `    in the config: ${shown.map((name) => `${shortMetricLabel(name)} = ${name}`).join(', ')}`
    ]
  }
  return [
    '',
    '  Metrics',
    ...table,
    ...legend,
    ...omitted.map(
      (o) =>
        `    not shown: ${o.names.map((name) => `${shortMetricLabel(name)} (${name})`).join(', ')}: ${text(o.reason, 200)}`
    )
  ]
}

/** The metric table's value columns: a header row, then one row per metric. */
function metricValueRows(dataset: DatasetReport, shown: string[]): string[][] {
  const withBase = dataset.base !== null
  const header: string[] = []
  if (withBase) header.push('base')
  header.push('head (95% interval)')
  if (withBase) header.push('Δ head − base')
  if (dataset.changed !== null) header.push('this change (n)')
  header.push('n')
  const rows: string[][] = [header]
  for (const name of shown) {
    const head = dataset.head.metrics[name]
    const base = dataset.base?.metrics[name]
    const row: string[] = []
    if (withBase) row.push(levelText(name, base?.value))
    row.push(plain(valueWithInterval(name, head?.value, head?.ci)))
    if (withBase) {
      row.push(
        head?.value == null || base?.value == null
          ? MISSING
          : plain(changeText(name, head.value - base.value))
      )
    }
    if (dataset.changed !== null)
      row.push(plain(changedCell(name, dataset.changed.metrics[name])))
    const n = head?.n_items ?? head?.n
    row.push(n === undefined ? '' : formatCount(n))
    rows.push(row)
  }
  return rows
}

function annotatorLines(head: VersionReport, meaning?: string): string[] {
  const all = annotatorsWorstFirst(head.annotators)
  if (all.length === 0) return []
  const notes = new Footnotes('bracket')
  const rows: string[][] = [
    ['annotator', 'annotations', 'accuracy (95% interval)', 'n']
  ]
  for (const [id, a] of all.slice(0, ANNOTATOR_ROWS)) {
    rows.push([
      idText(id),
      formatCount(a.annotations),
      a.accuracy.value === null
        ? `${MISSING} ${notes.mark(a.accuracy.reason ?? '')}`
        : plain(valueWithInterval('accuracy', a.accuracy.value, a.accuracy.ci)),
      a.accuracy.n === undefined ? '' : formatCount(a.accuracy.n)
    ])
  }
  return [
    '',
    // Without reference labels no accuracy orders them: say no order.
    all.some(([, a]) => a.accuracy.value !== null)
      ? `  Annotators (${formatCount(all.length)}, lowest accuracy first)`
      : `  Annotators (${formatCount(all.length)})`,
    ...textTable(rows, {
      indent: '    ',
      align: ['left', 'right', 'right', 'right']
    }),
    ...andMore(all.length - ANNOTATOR_ROWS, 'annotators'),
    ...notes.entries().map((e) => `    ${e.marker} ${text(e.text, 300)}`),
    ...(meaning === undefined ? [] : [`    accuracy: ${text(meaning, 300)}`])
  ]
}

/** multi_label: agreement of each label's yes/no decisions, lowest alpha first. */
function perLabelLines(head: VersionReport): string[] {
  const rows = head.per_label
  if (rows === undefined || rows.length === 0) return []
  const sorted = [...rows].sort(
    (x, y) =>
      (x.alpha.value ?? Infinity) - (y.alpha.value ?? Infinity) ||
      (x.label < y.label ? -1 : x.label > y.label ? 1 : 0)
  )
  const table: string[][] = [
    ['label', 'with it', 'α (yes/no)', 'mean pairwise κ']
  ]
  for (const r of sorted.slice(0, CLASS_ROWS)) {
    table.push([
      text(r.label),
      formatCount(r.positives),
      formatCoefficient(r.alpha.value),
      formatCoefficient(r.kappa.value)
    ])
  }
  return [
    '',
    '  Agreement per label (lowest α first)',
    ...textTable(table, {
      indent: '    ',
      align: ['left', 'right', 'right', 'right']
    }),
    ...andMore(sorted.length - CLASS_ROWS, 'labels')
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

/** Problems grouped by kind, errors first, with true counts and the first location. */
function problemLines(
  dataset: DatasetReport,
  s: Styles,
  width: number
): string[] {
  if (dataset.problems.length === 0) return []
  const { errors, preExisting, warnings, groups } = groupProblems(
    dataset.problems,
    1
  )
  const rows: TextCell[][] = groups.slice(0, PROBLEM_ROWS).map((g) => {
    const at = g.examples[0]!
    return [
      g.preExisting
        ? { text: 'error (at base)', style: s.yellow }
        : {
            text: g.severity,
            style: g.severity === 'error' ? s.red : s.yellow
          },
      formatCount(g.count),
      at.line > 0 ? `${text(at.file, 80)}:${at.line}` : text(at.file, 80),
      text(g.count === 1 ? g.message : g.kind, 200)
    ]
  })
  const align: Align[] = ['left', 'right', 'left', 'left']
  const full = textTable(rows, { indent: '    ', align })
  const bare = textTable(
    rows.map((r) => r.slice(0, 3)),
    { indent: '    ', align }
  )
  // A message that would be cut goes on a line of its own under the file,
  // wrapped there: "conflicting labels ... at data/a.csv:2 and ..." must be
  // read whole to be fixed.
  const lines = full.flatMap((line, i) => {
    if (visibleWidth(line) <= width) return [line]
    const location = rows[i]![2] as string
    const column = visibleWidth(bare[i]!) - [...location].length
    const message = (rows[i]![3] as string).replace(/ {2,}/g, ' ')
    return [bare[i]!, `${' '.repeat(column)}${message}`]
  })
  return [
    '',
    `  Problems (${formatCount(errors)} ${errors === 1 ? 'error' : 'errors'}, ` +
      (preExisting > 0
        ? `${formatCount(preExisting)} already at the base, `
        : '') +
      `${formatCount(warnings)} ${warnings === 1 ? 'warning' : 'warnings'}; by kind, first location)`,
    ...lines,
    ...andMore(groups.length - PROBLEM_ROWS, 'kinds of problem')
  ]
}

/**
 * The change in brief (its counts are in the counts table above): the first
 * relabeled annotations and how the class distribution moved.
 */
function changeLines(dataset: DatasetReport, width: number): string[] {
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
      idText(r.item),
      idText(r.annotator),
      `${text(r.from)} → ${text(r.to)}`
    ])
    lines.push(
      ...textTable([['item', 'annotator', 'old → new label'], ...rows], {
        indent: '      ',
        fit: { width, column: 0 }
      }),
      ...andMore(total - shown.length, 'relabeled annotations', '      ')
    )
  }
  lines.push(...shiftLines(dataset, width), ...boxSizeLines(dataset))
  return lines
}

/** box datasets with a base: boxes per COCO area range, base → head. */
function boxSizeLines(dataset: DatasetReport): string[] {
  const shift = dataset.box_size_shift
  if (shift === undefined || shift === null) return []
  const t = boxSizeText(shift, (s) => text(s, 60))
  if (t === null) return []
  return [
    `    box sizes: ${t.statistics}`,
    `      ${t.buckets}`,
    `      ${BOX_SIZE_RANGES}${t.unknown === null ? '' : `; ${t.unknown}`}`
  ]
}

function shiftLines(dataset: DatasetReport, width: number): string[] {
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
      plain(pointsText(h / headTotal - b / baseTotal))
    ]
  })
  return [
    `    label shift: Jensen-Shannon distance ${distance} · ${test}`,
    ...textTable(
      [
        [
          'label',
          'base',
          '',
          'head',
          'share base → head',
          'Δ share (head − base)'
        ],
        ...rows
      ],
      {
        indent: '      ',
        align: ['left', 'right', 'left', 'right', 'right', 'right'],
        fit: { width, column: 0 }
      }
    ),
    ...more
  ]
}

/** Quality by slice: the worst slice values on the table's metric, then each column's gap. */
function sliceLines(dataset: DatasetReport): string[] {
  const view = sliceView(dataset)
  if (view === null) return []
  const rows: string[][] = [
    [
      'slice',
      'items',
      'annotators',
      `${shortMetricLabel(view.metric)} (95% interval)`,
      'n'
    ]
  ]
  for (const { group, result, failing } of view.rows) {
    rows.push([
      `${failing ? '✗ ' : ''}${text(group.column, 16)}=${group.value === '' ? '(empty)' : text(group.value, 24)}`,
      formatCount(group.counts.items),
      formatCount(group.counts.annotators),
      plain(valueWithInterval(view.metric, result.value, result.ci)),
      formatCount(result.n_items ?? result.n ?? 0)
    ])
  }
  // Each gap's parts, greedily packed into lines that fit 100 columns.
  const gaps = view.gaps.flatMap((g) => {
    const lines: string[] = []
    for (const part of gapParts(g, (t) => text(t, 24)).map(plain)) {
      const last = lines.length - 1
      if (last >= 0 && lines[last]!.length + 2 + part.length <= 98) {
        lines[last] += `, ${part}`
      } else {
        lines.push(`${last < 0 ? '    ' : '      '}${part}`)
      }
    }
    return lines
  })
  return [
    '',
    `  Quality by slice (${shortMetricLabel(view.metric)}, worst first)`,
    ...textTable(rows, {
      indent: '    ',
      align: ['left', 'right', 'right', 'right', 'right']
    }),
    ...andMore(view.hidden, 'slice values (all in the JSON report)'),
    ...gaps
  ]
}

function andMore(hidden: number, what: string, indent = '    '): string[] {
  return hidden > 0 ? [`${indent}and ${formatCount(hidden)} more ${what}`] : []
}

/** Annotators whose accuracy in the change is known, worst first. */
function driftLines(
  dataset: DatasetReport,
  s: Styles,
  width: number
): string[] {
  const listed = driftRowsInChange(dataset.annotator_drift ?? [])
  if (listed.length === 0) return []
  const body = listed
    .slice(0, DRIFT_ROWS)
    .map((r): TextCell[] => [
      r.flagged ? { text: 'FLAGGED', style: s.yellow } : '',
      idText(r.annotator),
      accuracyWithN(r.base),
      accuracyWithN(r.changed),
      accuracyWithN(r.head),
      r.drop === null ? MISSING : plain(pointsText(-r.drop)),
      pValueText(r.p_value),
      kappaChange(r)
    ])
  const align: Align[] = [
    'left',
    'left',
    'right',
    'right',
    'right',
    'right',
    'right'
  ]
  const oneRow = [
    '',
    'annotator',
    'base (n)',
    'this change (n)',
    'head (n)',
    'Δ change − base',
    'p',
    'mean kappa base → head'
  ]
  let table = textTable([oneRow, ...body], { indent: '    ', align })
  if (table.some((line) => visibleWidth(line) > width)) {
    // The header on two rows, the annotator cut: on one row the header alone
    // takes 100 columns, and a line cut at the edge loses the p and kappa.
    table = textTable(
      [
        [
          '',
          'annotator',
          'base',
          'this change',
          'head',
          'Δ change',
          'p',
          'mean kappa'
        ],
        ['', '', '(n)', '(n)', '(n)', '− base', '', 'base → head'],
        ...body
      ],
      { indent: '    ', align, fit: { width, column: 1 } }
    )
  }
  return [
    '',
    `  Annotator drift (${driftHeadline(listed)}; ${driftTestText(listed)} of this change against the base)`,
    ...table,
    ...andMore(listed.length - DRIFT_ROWS, 'annotators')
  ]
}

function adjudicationLines(dataset: DatasetReport): string[] {
  const queue = dataset.adjudication ?? null
  if (queue === null) return []
  const listed = queue.rows ?? []
  const lines = [
    '',
    `  Adjudication queue: ${adjudicationCountsText(queue, dataset)}`
  ]
  if (queue.total === 0 && listed.length === 0) return lines
  lines.push('    the full queue: --adjudication FILE')
  const shown = listed.slice(0, ADJUDICATION_ROWS)
  if (shown.length === 0) return lines
  const type = dataset.type ?? 'category'
  const reasons = (r: AdjudicationRow): string =>
    (r.reasons ?? []).map((reason) => text(reasonText(reason))).join(', ')
  const orMissing = (value: string | null): string =>
    value === null ? MISSING : text(value)
  const more = andMore(
    Math.max(queue.total, listed.length) - shown.length,
    'items'
  )
  if (type !== 'category') {
    // The item's agreement and what disagrees: a set's text (a consensus,
    // a decision) is too long for a 100-column table; the queue file and the
    // comment have them (box sets have no consensus set at all).
    const header = [
      'item',
      'reasons',
      'agreement',
      `disagreeing ${ELEMENT_NOUN[type]}`
    ]
    const rows = shown.map((r) => [
      idText(r.item),
      reasons(r),
      r.agreement === null || r.agreement === undefined
        ? MISSING
        : formatCoefficient(r.agreement),
      disagreeingText(r.disagreeing ?? [])
    ])
    return [
      ...lines,
      ...textTable([header, ...rows], {
        indent: '    ',
        align: ['left', 'left', 'right']
      }),
      ...more
    ]
  }
  const rows = shown.map((r) => [
    idText(r.item),
    reasons(r),
    orMissing(r.majority),
    orMissing(r.reference),
    orMissing(r.decision)
  ])
  return [
    ...lines,
    ...textTable(
      [['item', 'reasons', 'majority', 'reference', 'decision'], ...rows],
      { indent: '    ' }
    ),
    ...more
  ]
}

const ELEMENT_NOUN = { multi_label: 'labels', span: 'spans', box: 'boxes' }

/** `3: <the first> · <the second>`: how many, then the first few, escaped and cut; `—` when none. */
function disagreeingText(elements: string[]): string {
  const { listed, total } = disagreeingElements(elements)
  if (total === 0) return MISSING
  return `${formatCount(total)}: ${text(listed.slice(0, 3).join(' · '), 60)}`
}

function qcLines(dataset: DatasetReport): string[] {
  const sample = dataset.qc_sample ?? null
  if (sample === null) return []
  return [
    '',
    `  QC sample: ${qcSampleText(sample, dataset.type)}`,
    '    the sampled annotations: --qc-sample FILE'
  ]
}
