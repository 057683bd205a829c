import type { DatasetReport, GateResult, Report } from '../../report/types.js'
import { gateBaseValue } from './gate-detail.js'
import { countGates, orderGates } from './gate-order.js'
import {
  groupProblems,
  type Location,
  type ProblemGroup
} from './problem-groups.js'

/**
 * The verdict every output opens with: did it pass, why not (the failing
 * gates, the data errors by kind), who or what drives it, and what to do
 * next. Data strings are left raw: each renderer escapes them its own way.
 */
export interface Verdict {
  passed: boolean
  /** Raw gate rows (one per annotator). */
  failingGates: number
  warningGates: number
  preExistingGates: number
  /** Data errors that fail (not those already at the base of a change). */
  dataErrors: number
  /** Data errors already at the base of the change: reported, not failing. */
  preExistingErrors: number
  dataWarnings: number
  /** Failing error gates, grouped: one entry per gate with its worst rows. */
  reasons: VerdictReason[]
  /** Failing data errors by kind, largest first. */
  errorKinds: ProblemGroup[]
  contributors: Contributor[]
  nextSteps: NextStep[]
}

export interface VerdictReason {
  dataset: string
  /** The gate's first failing row (the worst for annotator gates). */
  gate: GateResult
  /** Failing rows of this gate (more than one for per-annotator gates). */
  rows: number
  /** The metric at the base, which a `max_drop` gate's change is taken from. */
  base: number | null
}

/** Who or what drives a failure: annotators or classes, with the size of their part. */
export interface Contributor {
  dataset: string
  what: 'annotators' | 'classes'
  /** `metric` is the unit for `change` (a difference head − base). */
  metric: string
  items: { name: string; change: number }[]
}

export type NextStep =
  | { kind: 'adjudication'; dataset: string; items: number }
  | { kind: 'migrate'; dataset: string; labels: string[] }
  | { kind: 'fix'; dataset: string; location: Location; message: string }

export function buildVerdict(report: Report): Verdict {
  const v: Verdict = {
    passed: report.passed,
    failingGates: 0,
    warningGates: 0,
    preExistingGates: 0,
    dataErrors: 0,
    preExistingErrors: 0,
    dataWarnings: 0,
    reasons: [],
    errorKinds: [],
    contributors: [],
    nextSteps: []
  }
  for (const d of report.datasets) {
    const counts = countGates(d.gates)
    v.failingGates += counts.failing
    v.warningGates += counts.warnings
    v.preExistingGates += counts.preExisting
    const problems = groupProblems(d.problems, 1)
    v.dataErrors += problems.errors
    v.preExistingErrors += problems.preExisting
    v.dataWarnings += problems.warnings
    v.errorKinds.push(
      ...problems.groups.filter((g) => g.severity === 'error' && !g.preExisting)
    )
    v.reasons.push(...reasonsOf(d))
    v.contributors.push(...contributorsOf(d))
    v.nextSteps.push(...nextStepsOf(d, problems.groups))
  }
  v.errorKinds.sort((a, b) => b.count - a.count)
  return v
}

function reasonsOf(d: DatasetReport): VerdictReason[] {
  const byGate = new Map<string, VerdictReason>()
  for (const g of orderGates(d.gates).failing) {
    const key = `${g.metric}\u0000${g.bound}`
    const seen = byGate.get(key)
    if (seen === undefined) {
      byGate.set(key, {
        dataset: d.name,
        gate: g,
        rows: 1,
        base: gateBaseValue(d, g)
      })
    } else {
      seen.rows++
      if (isWorse(g, seen.gate)) seen.gate = g
    }
  }
  return [...byGate.values()]
}

/** The row further past its threshold. */
function isWorse(a: GateResult, b: GateResult): boolean {
  if (a.value === null) return false
  if (b.value === null) return true
  return a.bound === 'min' ? a.value < b.value : a.value > b.value
}

/** The biggest movers behind a failure: at most three of each. */
function contributorsOf(d: DatasetReport): Contributor[] {
  const failing = orderGates(d.gates).failing
  const out: Contributor[] = []
  const annotatorRows = failing.filter(
    (g) => g.annotator !== undefined && g.value !== null
  )
  const drift = (d.annotator_drift ?? []).filter(
    (r) => r.drop !== null && r.drop > 0 && (r.changed.n ?? 0) >= 20
  )
  if (annotatorRows.some((g) => g.metric === 'annotator.drift')) {
    const rows = annotatorRows
      .filter((g) => g.metric === 'annotator.drift')
      .sort((a, b) => b.value! - a.value!)
    out.push({
      dataset: d.name,
      what: 'annotators',
      metric: 'accuracy',
      items: rows
        .slice(0, 3)
        .map((g) => ({ name: g.annotator!, change: -g.value! }))
    })
  } else if (
    drift.length > 0 &&
    failing.some((g) => /accuracy|error_rate/.test(g.metric))
  ) {
    const rows = [...drift].sort((a, b) => b.drop! - a.drop!)
    out.push({
      dataset: d.name,
      what: 'annotators',
      metric: 'accuracy',
      items: rows
        .slice(0, 3)
        .map((r) => ({ name: r.annotator, change: -r.drop! }))
    })
  }
  const shift = d.label_shift ?? null
  if (
    shift !== null &&
    failing.some((g) => g.metric === 'label_shift' || g.bound === 'max_drop')
  ) {
    const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0)
    const bt = sum(shift.base)
    const ht = sum(shift.head)
    if (bt > 0 && ht > 0) {
      const moves = shift.labels
        .map((name, k) => ({
          name,
          change: (shift.head[k] ?? 0) / ht - (shift.base[k] ?? 0) / bt
        }))
        .filter((m) => Math.abs(m.change) >= 0.01)
        .sort((a, b) => Math.abs(b.change) - Math.abs(a.change))
      if (moves.length > 0) {
        out.push({
          dataset: d.name,
          what: 'classes',
          metric: 'percent_agreement',
          items: moves.slice(0, 3)
        })
      }
    }
  }
  return out
}

/** An unknown label's value, from "label 'x' is not a category…". */
const UNKNOWN_LABEL = /^label '([^']*)' is not a category/

function nextStepsOf(d: DatasetReport, groups: ProblemGroup[]): NextStep[] {
  const steps: NextStep[] = []
  const renamed = new Set((d.schema_change?.renamed ?? []).map((r) => r.from))
  const oldNames = new Set<string>()
  for (const p of d.problems) {
    const m = UNKNOWN_LABEL.exec(p.message)
    if (m && renamed.has(m[1]!)) oldNames.add(m[1]!)
  }
  if (oldNames.size > 0) {
    steps.push({
      kind: 'migrate',
      dataset: d.name,
      labels: [...oldNames].sort()
    })
  }
  const firstError = groups.find(
    (g) => g.severity === 'error' && !g.preExisting
  )?.examples[0]
  if (firstError !== undefined && !d.passed) {
    steps.push({
      kind: 'fix',
      dataset: d.name,
      location: { file: firstError.file, line: firstError.line },
      message: firstError.message
    })
  }
  const queue = d.adjudication ?? null
  if (queue !== null && queue.total > 0) {
    steps.push({
      kind: 'adjudication',
      dataset: d.name,
      items: queue.total
    })
  }
  return steps
}
