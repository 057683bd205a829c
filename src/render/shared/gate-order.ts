import { compactAnnotatorGates } from './compact-gates.js'
import { gateOutcome, type GateOutcome } from './gate-outcome.js'
import type { GateResult } from '../../report/types.js'

/**
 * Gate rows in the order every output shows them: failing error gates,
 * then warnings, then pre-existing breaches, then the rows that could not
 * apply, then passes (which renderers fold away). Within a group, config
 * order, and the per-annotator rows of one gate worst first (so the table
 * starts where the verdict's "worst" points). A failing row is never counted
 * into "N more".
 */
export interface OrderedGates {
  failing: GateResult[]
  warnings: GateResult[]
  /** Breached at the base and not made worse: shown, not failing. */
  preExisting: GateResult[]
  /** not_applicable, too_few_items, undefined that passes. */
  notJudged: GateResult[]
  passed: GateResult[]
}

const RANK: Record<GateOutcome, keyof OrderedGates> = {
  fail: 'failing',
  warn: 'warnings',
  pre_existing: 'preExisting',
  not_applicable: 'notJudged',
  too_few_items: 'notJudged',
  'undefined-pass': 'notJudged',
  pass: 'passed'
}

export function orderGates(gates: GateResult[]): OrderedGates {
  const out: OrderedGates = {
    failing: [],
    warnings: [],
    preExisting: [],
    notJudged: [],
    passed: []
  }
  // Failing rows are kept one per annotator; passing annotator rows are one count.
  for (const g of compactAnnotatorGates(gates))
    out[RANK[gateOutcome(g)]].push(g)
  for (const group of Object.values(out)) worstAnnotatorsFirst(group)
  return out
}

/**
 * How far a per-annotator row is on the failing side of its bound: a drift
 * row's value is the drop itself; a min row fails low, a max row high.
 */
function badness(g: GateResult): number {
  if (g.value === null) return -Infinity
  if (g.bound === 'min') return g.threshold - g.value
  return g.value - g.threshold
}

/** Sorts in place: rows keep their gate's config position; one gate's annotators worst first. */
function worstAnnotatorsFirst(rows: GateResult[]): void {
  const position = new Map<string, number>()
  rows.forEach((g, i) => {
    const key = `${g.metric}\u0000${g.bound}`
    if (!position.has(key)) position.set(key, i)
  })
  const at = (g: GateResult) => position.get(`${g.metric}\u0000${g.bound}`)!
  rows.sort((a, b) => {
    const gate = at(a) - at(b)
    if (gate !== 0 || a.annotator === undefined || b.annotator === undefined)
      return gate
    const [x, y] = [badness(a), badness(b)]
    return x === y ? 0 : x < y ? 1 : -1
  })
}

/** Failing, warning and pre-existing rows: what is shown unfolded. */
export function attentionGates(ordered: OrderedGates): GateResult[] {
  return [...ordered.failing, ...ordered.warnings, ...ordered.preExisting]
}

export interface GateCounts {
  failing: number
  warnings: number
  preExisting: number
  notJudged: number
  passed: number
  total: number
}

/** Counts over the raw rows (one per annotator), for overviews and verdicts. */
export function countGates(gates: GateResult[]): GateCounts {
  const c = {
    failing: 0,
    warnings: 0,
    preExisting: 0,
    notJudged: 0,
    passed: 0,
    total: gates.length
  }
  for (const g of gates) c[RANK[gateOutcome(g)]]++
  return c
}

/** A short word for each outcome, the same in every output. */
export const OUTCOME_WORD: Record<GateOutcome, string> = {
  pass: 'pass',
  fail: 'fail',
  warn: 'warning',
  'undefined-pass': 'undefined (passes)',
  not_applicable: 'not applicable',
  too_few_items: 'too few items',
  pre_existing: 'pre-existing'
}
