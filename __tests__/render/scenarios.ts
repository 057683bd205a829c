import type { DriftRow } from '../../src/governance/annotator-drift.js'
import type { Problem } from '../../src/model/problem.js'
import type {
  DatasetReport,
  GateResult,
  Report
} from '../../src/report/types.js'
import { loadReport } from '../report/report-fixtures.js'
import { gateSchema } from '../../src/config/schema.js'
import { evaluateGates } from '../../src/gates/evaluate-gates.js'

/**
 * Reports for the scenarios the PR comment must read well in, built from the
 * sample reports in __fixtures__/report by changing what each scenario is about.
 */

export const HEAD_SHA = '9ab1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9'

function dataset(name: 'passing' | 'failing' | 'with-diff'): DatasetReport {
  return structuredClone(loadReport(name).datasets[0]!)
}

function drift(
  annotator: string,
  base: number,
  changed: number,
  n: number
): DriftRow {
  return {
    annotator,
    base: { value: base, n: 200 },
    changed: { value: changed, n },
    head: { value: (base + changed) / 2, n: 200 + n },
    drop: base - changed,
    z: 3,
    p_value: n >= 20 ? 0.001 : 0.4,
    flagged: n >= 20 && base - changed > 0.15,
    kappa_base: { value: 0.7 },
    kappa_head: { value: 0.6 }
  }
}

export function passScenario(): Report {
  return loadReport('passing')
}

export function failScenario(): Report {
  return loadReport('failing')
}

/**
 * Observation 1: 29 per-annotator warnings in config order before a failing
 * `label_shift` and 33 failing `annotator.drift` rows.
 */
export function manyWarningsScenario(): Report {
  const report = loadReport('with-diff')
  const d = report.datasets[0]!
  const warnings: GateResult[] = Array.from({ length: 29 }, (_, i) => ({
    metric: 'annotator.accuracy',
    bound: 'min',
    threshold: 0.85,
    value: 0.8,
    status: 'fail',
    severity: 'warning',
    annotator: `warn-${i}`,
    message: `warn-${i}: 80.0% < min 85.0%`
  }))
  const driftRows = Array.from({ length: 33 }, (_, i) =>
    drift(`drifter-${i}`, 0.9, 0.9 - 0.16 - i / 1000, 40)
  )
  const driftGates: GateResult[] = driftRows.map((r) => ({
    metric: 'annotator.drift',
    bound: 'max_drop',
    threshold: 0.15,
    value: r.drop,
    status: 'fail',
    severity: 'error',
    annotator: r.annotator,
    message: `${r.annotator}: accuracy drop`
  }))
  d.gates = [
    ...warnings,
    {
      metric: 'label_shift',
      bound: 'max_jsd',
      threshold: 0.1,
      value: 0.117,
      status: 'fail',
      severity: 'error',
      message: 'Jensen-Shannon distance 0.117 > max_jsd 0.100'
    },
    ...driftGates
  ]
  d.annotator_drift = driftRows
  d.passed = false
  return { ...report, passed: false, datasets: [d] }
}

/** Observation 4: three datasets, the failing one last in config order. */
export function threeDatasetsScenario(): Report {
  const report = loadReport('failing')
  const a = { ...dataset('passing'), name: 'alpha' }
  const b = { ...dataset('passing'), name: 'beta' }
  const c = { ...dataset('failing'), name: 'gamma' }
  return { ...report, passed: false, datasets: [a, b, c] }
}

/** Observation 7 and 8: 20 labels, a 12-label confusion matrix. */
export function twentyLabelsScenario(): Report {
  const report = loadReport('with-diff')
  const d = report.datasets[0]!
  const labels = Array.from({ length: 20 }, (_, i) => `class_${i}`)
  d.label_shift = {
    labels,
    base: labels.map(() => 50),
    head: labels.map((_, i) => (i < 3 ? 90 : 48)),
    jensen_shannon: { value: 0.05 },
    chi_square: { statistic: 40, df: 19, p_value: 0.003 }
  }
  const twelve = labels.slice(0, 12)
  d.head.confusion = {
    labels: twelve,
    matrix: twelve.map((_, r) =>
      twelve.map((__, c) => (r === c ? 100 : (r * 7 + c * 3) % 11))
    )
  }
  return { ...report, datasets: [d] }
}

/** 10^5 relabels with item ids that sort differently as text and as numbers. */
export function manyRelabelsScenario(): Report {
  const report = loadReport('with-diff')
  const d = report.datasets[0]!
  d.relabeled = Array.from({ length: 1000 }, (_, i) => ({
    item: `${1000 - i}_`,
    annotator: 'ann_01',
    from: 'positive',
    to: 'negative'
  }))
  d.diff = { ...d.diff!, labels_changed: 100_000 }
  return { ...report, datasets: [d] }
}

/** Observation 3: 1,000 listed problems of six messages and a reader's "... and 123 more". */
export function manyProblemsScenario(): Report {
  const report = loadReport('failing')
  const d = report.datasets[0]!
  const messages = [
    "label 'postive' is not a category; did you mean 'positive'?",
    "label 'negatve' is not a category; did you mean 'negative'?",
    "item 'i-1' rated twice by 'ann_02' with different labels",
    'missing lineage field labeled_at',
    "label 'pos' is not a category",
    "label 'neg' is not a category"
  ]
  const problems: Problem[] = Array.from({ length: 1000 }, (_, i) => ({
    severity: 'error',
    file: 'data/sentiment/annotations.csv',
    line: i + 2,
    message: messages[i % 6]!
  }))
  problems.push({
    severity: 'error',
    file: 'data/sentiment/annotations.csv',
    line: 1002,
    message: '... and 123 more unknown labels'
  })
  d.problems = problems
  d.schema_change = {
    from_version: 1,
    to_version: 2,
    added: [],
    removed: [],
    renamed: [
      { from: 'pos', to: 'positive' },
      { from: 'neg', to: 'negative' }
    ],
    affected_annotations: 10
  }
  return { ...report, head: HEAD_SHA, datasets: [d] }
}

/**
 * A slow decay: ten versions of the base branch, alpha falling by 0.008 per
 * version, this change another 0.008: every max_drop passes, the trend gate
 * (evaluated by the real gate code) fails; error_rate rises within its bound.
 */
export function slowDecayScenario(): Report {
  const report = loadReport('with-diff')
  const d = report.datasets[0]!
  const points = Array.from({ length: 10 }, (_, k) => ({
    commit: `${(k + 10).toString(16)}`.padEnd(40, 'a'),
    date: new Date(Date.UTC(2024, 0, 1 + 7 * k)).toISOString(),
    metrics: {
      krippendorff_alpha: { value: 0.82 - 0.008 * k, n_items: 1000 },
      error_rate: { value: 0.05 + 0.001 * k, n: 3000 }
    }
  }))
  const head = structuredClone(d.head)
  head.metrics.krippendorff_alpha = { value: 0.82 - 0.008 * 10, n_items: 1000 }
  head.metrics.error_rate = { value: 0.05 + 0.001 * 10, n: 3000 }
  d.head = head
  const gates = {
    krippendorff_alpha: gateSchema.parse({ max_decline: 0.03, window: 10 }),
    error_rate: gateSchema.parse({ max_decline: 0.02, window: 10 })
  }
  d.gates = [
    ...d.gates.filter((g) => g.bound !== 'max_decline'),
    ...evaluateGates(gates, {
      head,
      base: null,
      changed: null,
      trend: { points }
    })
  ]
  d.passed = false
  d.trend = {
    points: points.map((p) => ({
      commit: p.commit,
      date: p.date,
      values: {
        krippendorff_alpha: p.metrics.krippendorff_alpha.value,
        error_rate: p.metrics.error_rate.value
      }
    })),
    note: null
  }
  return { ...report, passed: false, datasets: [d] }
}

export const SCENARIOS: Record<string, () => Report> = {
  pass: passScenario,
  fail: failScenario,
  'many-warnings-one-error': manyWarningsScenario,
  'three-datasets-failing-last': threeDatasetsScenario,
  'twenty-labels': twentyLabelsScenario,
  'relabels-1e5': manyRelabelsScenario,
  'problems-1e3': manyProblemsScenario,
  'slow-decay-trend': slowDecayScenario,
  slices: () => loadReport('slices')
}
