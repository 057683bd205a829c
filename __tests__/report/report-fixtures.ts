import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AdjudicationRow } from '../../src/governance/adjudication.js'
import type { DriftRow } from '../../src/governance/annotator-drift.js'
import type { QcStratum } from '../../src/governance/qc-sample.js'
import type { Problem } from '../../src/model/problem.js'
import type {
  AnnotatorReport,
  DatasetReport,
  PairwiseAgreement,
  Relabel,
  Report
} from '../../src/report/types.js'

/** A hand-written sample report from __fixtures__/report. */
export function loadReport(
  name:
    | 'passing'
    | 'failing'
    | 'null-metrics'
    | 'hostile'
    | 'with-diff'
    | 'governance'
    | 'slices'
): Report {
  const path = join(process.cwd(), '__fixtures__', 'report', `${name}.json`)
  return JSON.parse(readFileSync(path, 'utf8')) as Report
}

/**
 * The cells of a Markdown table row, split on pipes that are not
 * backslash-escaped (a backslash escapes the next character, whatever it is).
 */
export function tableCells(row: string): string[] {
  const cells: string[] = []
  let cell = ''
  for (let i = 0; i < row.length; i++) {
    const ch = row[i]!
    if (ch === '\\') {
      cell += ch + (row[i + 1] ?? '')
      i++
    } else if (ch === '|') {
      cells.push(cell)
      cell = ''
    } else {
      cell += ch
    }
  }
  cells.push(cell)
  // A row starts and ends with a pipe: drop the empty outer pieces.
  return cells.slice(1, -1)
}

/** Every table in a Markdown body: runs of lines that start with a pipe. */
export function markdownTables(body: string): string[][] {
  const tables: string[][] = []
  let current: string[] | null = null
  for (const line of body.split('\n')) {
    if (line.startsWith('|')) {
      if (current === null) tables.push((current = []))
      current.push(line)
    } else {
      current = null
    }
  }
  return tables
}

/**
 * A stress report: 100,000 problems, 5,000 annotators with long ids, many
 * pairs and labels of 10,000 characters.
 */
export function largeReport(datasets = 1): Report {
  const base = loadReport('passing')
  const longLabel = (i: number): string => `label-${i}-` + 'x'.repeat(10_000)
  const annotators: Record<string, AnnotatorReport> = {}
  for (let i = 0; i < 5_000; i++) {
    annotators[`annotator-${i}-` + 'y'.repeat(200)] = {
      annotations: 100 + i,
      accuracy: {
        value: (i % 1000) / 1000,
        n: 50,
        ci: { low: 0, high: 1, level: 0.95, method: 'wilson' }
      }
    }
  }
  const problems: Problem[] = []
  // Seven messages, shared as a reader's would be after JSON.parse of a real
  // report: 100,000 distinct 10 kB strings would be 1 GB before any rendering.
  const messages = Array.from(
    { length: 7 },
    (_, k) => `label '${longLabel(k)}' is not a category`
  )
  for (let i = 0; i < 100_000; i++) {
    problems.push({
      severity: i % 3 === 0 ? 'warning' : 'error',
      file: 'data/huge/annotations.csv',
      line: i + 2,
      message: messages[i % 7]!
    })
  }
  const pairwise: PairwiseAgreement[] = []
  for (let i = 0; i < 2_000; i++) {
    pairwise.push({
      a: `annotator-${i}`,
      b: `annotator-${i + 1}`,
      n_items: i,
      kappa: 0.5,
      percent_agreement: 0.75
    })
  }
  const labels = Array.from({ length: 40 }, (_, i) => longLabel(i))
  const template = base.datasets[0]!
  return {
    ...base,
    passed: false,
    datasets: Array.from({ length: datasets }, (_, d) => ({
      ...template,
      name: `huge-${d}`,
      passed: false,
      head: {
        ...template.head,
        annotators,
        pairwise,
        classes: labels.map((label) => ({
          label,
          support: 10,
          predicted: 10,
          precision: 0.5,
          recall: 0.5,
          f1: 0.5
        })),
        confusion: {
          labels,
          matrix: labels.map((_, r) => labels.map((_, c) => r * 40 + c))
        }
      },
      problems
    }))
  }
}

/** Labels that try to break out of a table, a Mermaid string or the code block. */
export const HOSTILE_LABELS = [
  '```',
  '"]',
  'a --> b',
  '<script>alert(1)</script>',
  '@user',
  'line1\nline2',
  '```\n</details>\n\n# pwned',
  '| x | y |',
  '%%{init: {"theme": "dark"}}%%',
  '#59; `code` ]] [[',
  '"',
  'ok'
]

/** The first dataset of `with-diff` with hostile labels, items and annotators. */
export function hostileDiffReport(): Report {
  const report = loadReport('with-diff')
  const template = report.datasets[0]!
  const n = HOSTILE_LABELS.length
  const relabeled: Relabel[] = HOSTILE_LABELS.map((label, i) => ({
    item: HOSTILE_LABELS[(i + 1) % n]!,
    annotator: HOSTILE_LABELS[(i + 2) % n]!,
    from: label,
    to: HOSTILE_LABELS[(i + 3) % n]!
  }))
  const dataset: DatasetReport = {
    ...template,
    relabeled,
    diff: { ...template.diff!, labels_changed: relabeled.length + 5 },
    label_shift: {
      ...template.label_shift!,
      labels: HOSTILE_LABELS,
      base: HOSTILE_LABELS.map((_, i) => 10 + i),
      head: HOSTILE_LABELS.map((_, i) => 20 - i)
    }
  }
  return { ...report, datasets: [dataset] }
}

/**
 * `largeReport` with a change: 10,000 relabeled annotations and a shift over
 * `labels` labels of 10,000 characters.
 */
export function largeDiffReport(labels = 30, datasets = 1): Report {
  const large = largeReport(datasets)
  const long = (i: number): string => `label-${i}-` + 'z'.repeat(10_000)
  const relabeled: Relabel[] = Array.from({ length: 10_000 }, (_, i) => ({
    item: `item-${i}-` + 'i'.repeat(500),
    annotator: `annotator-${i % 50}-` + 'a'.repeat(500),
    from: long(i % labels),
    to: long((i + 1) % labels)
  }))
  const names = Array.from({ length: labels }, (_, i) => long(i))
  return {
    ...large,
    base: '3f2c1ab9e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0',
    datasets: large.datasets.map((d) => ({
      ...d,
      base: d.head,
      diff: {
        items_added: 100,
        items_removed: 2,
        annotations_added: 300,
        annotations_removed: 6,
        labels_changed: 123_456
      },
      relabeled,
      label_shift: {
        labels: names,
        base: names.map((_, i) => 100 + i),
        head: names.map((_, i) => 130 - i),
        jensen_shannon: { value: 0.05, n: 20_000 },
        chi_square: { statistic: 321.5, df: labels - 1, p_value: 0.0004 }
      }
    }))
  }
}

/**
 * `largeReport` with the governance sections at their worst: 2,000 drift
 * rows, 10,000 adjudication rows of 40 annotators each and 5,000 QC strata,
 * every id long and hostile.
 */
export function largeGovernanceReport(datasets = 1): Report {
  const large = largeReport(datasets)
  const hostile = (i: number): string =>
    `${HOSTILE_LABELS[i % HOSTILE_LABELS.length]!}-${i}-` + 'h'.repeat(2_000)
  const accuracy = (value: number, n: number) => ({
    value,
    n,
    ci: {
      low: value - 0.05,
      high: value + 0.05,
      level: 0.95,
      method: 'wilson' as const
    }
  })
  const drift: DriftRow[] = Array.from({ length: 2_000 }, (_, i) => ({
    annotator: `<img src=x>@team-${i}-` + hostile(i),
    base: accuracy(0.9, 200),
    changed: accuracy(0.9 - (2_000 - i) / 10_000, 40),
    head: accuracy(0.88, 240),
    drop: (2_000 - i) / 10_000,
    z: 2,
    p_value: i < 100 ? 0.001 : 0.3,
    flagged: i < 100,
    kappa_base: { value: 0.7 },
    kappa_head: { value: 0.6 }
  }))
  const rows: AdjudicationRow[] = Array.from({ length: 10_000 }, (_, i) => ({
    item: `item-${i}|` + hostile(i),
    reasons: ['tie', 'low_share'],
    majority: null,
    majority_share: 0.25,
    reference: hostile(i + 1),
    decision: hostile(i + 2),
    decided_by: `senior:${hostile(i + 3)}`,
    labels: Object.fromEntries(
      Array.from({ length: 40 }, (_, a) => [hostile(a), hostile(i + a)])
    )
  }))
  const strata: QcStratum[] = Array.from({ length: 5_000 }, (_, i) => ({
    label: hostile(i),
    annotator: hostile(i + 5),
    population: 10,
    sampled: 1
  }))
  return {
    ...large,
    datasets: large.datasets.map((d) => ({
      ...d,
      annotator_drift: drift,
      adjudication: {
        scope: 'all',
        total: 10_000,
        counts: {
          tie: 10_000,
          low_share: 10_000,
          disagrees_with_reference: 0,
          decided: 10_000
        },
        annotators: Array.from({ length: 40 }, (_, a) => hostile(a)),
        rows
      },
      qc_sample: {
        size: 5_000,
        population: 50_000,
        formula: null,
        strata,
        rows: strata.map((s, i) => ({
          item: `qc-item-${i}`,
          annotator: s.annotator,
          label: s.label
        }))
      }
    }))
  }
}
