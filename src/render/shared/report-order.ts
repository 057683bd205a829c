import { METRICS_BY_TYPE } from '../../metrics/names.js'
import { compareProblems, type Problem } from '../../model/problem.js'
import type {
  AnnotatorReport,
  DatasetReport,
  GateResult,
  PairwiseAgreement
} from '../../report/types.js'

/**
 * The order rows are shown in, shared by the Markdown and terminal renderers
 * so both tell the same story: the rows that need attention come first.
 */

/** Every type's metrics in the order names.ts lists them. */
const CONTRACT_ORDER: readonly string[] = [
  ...METRICS_BY_TYPE.category,
  ...METRICS_BY_TYPE.multi_label,
  ...METRICS_BY_TYPE.span,
  ...METRICS_BY_TYPE.box
]

/** Metrics of any version, contract order first, then any others by name. */
export function metricNames(dataset: DatasetReport): string[] {
  const names = new Set<string>()
  for (const version of [dataset.head, dataset.base, dataset.changed]) {
    if (version !== null) {
      for (const name of Object.keys(version.metrics)) names.add(name)
    }
  }
  const rank = (name: string): number => {
    const i = CONTRACT_ORDER.indexOf(name)
    return i === -1 ? CONTRACT_ORDER.length : i
  }
  return [...names].sort((a, b) => rank(a) - rank(b) || compareText(a, b))
}

/**
 * Lowest accuracy first; among equals, the one with more reference annotations
 * (stronger evidence) first. Annotators without an accuracy go last.
 */
export function annotatorsWorstFirst(
  annotators: Record<string, AnnotatorReport>
): [string, AnnotatorReport][] {
  return Object.entries(annotators).sort(([idA, a], [idB, b]) => {
    const x = a.accuracy.value
    const y = b.accuracy.value
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1
    } else if (x !== y) {
      return x - y
    }
    return (
      (b.accuracy.n ?? 0) - (a.accuracy.n ?? 0) ||
      b.annotations - a.annotations ||
      compareText(idA, idB)
    )
  })
}

/** Pairs resting on the most shared items first. */
export function pairsByItems(pairs: PairwiseAgreement[]): PairwiseAgreement[] {
  return [...pairs].sort(
    (p, q) =>
      q.n_items - p.n_items || compareText(p.a, q.a) || compareText(p.b, q.b)
  )
}

/** Errors first, then by file and line (a copy; the report is not changed). */
export function problemsWorstFirst(problems: Problem[]): Problem[] {
  return [...problems].sort(compareProblems)
}

export function countProblems(problems: Problem[]): {
  errors: number
  warnings: number
} {
  let errors = 0
  for (const p of problems) if (p.severity === 'error') errors++
  return { errors, warnings: problems.length - errors }
}

/**
 * At most `limit` gate rows, in config order. When some must be left out,
 * rows that did not pass are kept before passing ones, so a failure is never
 * hidden behind a page of annotators who passed.
 */
export function gatesToShow(
  gates: GateResult[],
  limit: number
): { shown: GateResult[]; hidden: number } {
  if (gates.length <= limit) return { shown: gates, hidden: 0 }
  const notPassed = gates.filter((g) => g.status !== 'pass')
  const passed = gates.filter((g) => g.status === 'pass')
  const keep = new Set([...notPassed, ...passed].slice(0, limit))
  return {
    shown: gates.filter((g) => keep.has(g)),
    hidden: gates.length - keep.size
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
