import { levelText, magnitudeText } from '../metrics/units.js'
import type { MetricResult } from '../metrics/result.js'
import type { GateResult } from '../report/types.js'
import {
  DEFAULT_SLICE_MIN_ITEMS,
  DEFAULT_SLICE_SIGNIFICANCE
} from '../slices/compute-slices.js'
import type { SliceGap, SliceReport } from '../slices/slice-report.js'
import { boundGate, row, undefinedRow, type Gate } from './bound-gate.js'
import { EQUAL_TOLERANCE } from './equal-tolerance.js'

/** Failing slice values listed per column; the last row counts the rest. */
const LISTED_SLICES = 10

/** `language=de`, the way gate messages name a slice. */
export function sliceName(column: string, value: string): string {
  return `${column}=${value === '' ? '(empty)' : value}`
}

function columnsOf(gate: Gate, slices: SliceReport): string[] {
  return gate.config.column === undefined
    ? slices.columns
    : slices.columns.filter((c) => c === gate.config.column)
}

function sizeOf(result: MetricResult): number {
  return result.n_items ?? result.n ?? 0
}

/**
 * `slice.<metric>: { min | max }`: every slice value with at least
 * `min_items` items (default 30) must meet the bound. Per column, one row per
 * failing value (worst first), or one passing row naming the worst value.
 */
export function sliceBoundGate(
  gate: Gate,
  slices: SliceReport | null
): GateResult[] {
  if (slices === null) {
    return [row(gate, 'not_applicable', null, 'no slices at this version')]
  }
  const metric = gate.metric.slice('slice.'.length)
  const minItems = gate.config.min_items ?? DEFAULT_SLICE_MIN_ITEMS
  const inner: Gate = {
    ...gate,
    config: { ...gate.config, min_items: undefined }
  }
  const results: GateResult[] = []
  for (const column of columnsOf(gate, slices)) {
    const groups = slices.groups.filter((g) => g.column === column)
    const judged: { value: string; result: GateResult; estimate: number }[] = []
    let tooFew = 0
    let undefinedValues = 0
    let largest = 0
    for (const g of groups) {
      const m = g.metrics[metric]
      if (m === undefined) continue
      const n = sizeOf(m)
      largest = Math.max(largest, n)
      if (n < minItems) {
        tooFew++
        continue
      }
      if (m.value === null) {
        undefinedValues++
        continue
      }
      judged.push({
        value: g.value,
        result: boundGate(inner, m, undefined, false),
        estimate: m.value
      })
    }
    const left = [
      tooFew > 0 ? `${tooFew} with fewer than min_items ${minItems}` : '',
      undefinedValues > 0 ? `${undefinedValues} undefined` : ''
    ].filter((x) => x !== '')
    const rest = left.length > 0 ? `; not judged: ${left.join(', ')}` : ''
    if (judged.length === 0) {
      results.push({
        ...row(
          gate,
          'too_few_items',
          null,
          `no ${column} value has a defined ${metric} on min_items ${minItems} items (largest: ${largest})${rest}; not judged`
        ),
        slice: { column, value: null }
      })
      continue
    }
    // Worst first: lowest for a min bound, highest for a max bound.
    judged.sort((a, b) =>
      gate.bound === 'min' ? a.estimate - b.estimate : b.estimate - a.estimate
    )
    const failing = judged.filter((j) => j.result.status !== 'pass')
    if (failing.length === 0) {
      const worst = judged[0]!
      results.push({
        ...worst.result,
        slice: { column, value: worst.value },
        message: `${judged.length} ${column} value${judged.length === 1 ? '' : 's'} judged, worst ${sliceName(column, worst.value)}: ${worst.result.message}${rest}`
      })
      continue
    }
    failing.slice(0, LISTED_SLICES).forEach((f, i, shown) => {
      const more =
        i === shown.length - 1 && failing.length > shown.length
          ? ` (and ${failing.length - shown.length} more ${column} values)`
          : ''
      results.push({
        ...f.result,
        slice: { column, value: f.value },
        message: `${sliceName(column, f.value)}: ${f.result.message}${more}`
      })
    })
  }
  if (results.length === 0) {
    return [row(gate, 'not_applicable', null, 'no slice column to judge')]
  }
  return results
}

/**
 * `slice_gap.<metric>: { max }`: per column, the gap between the best and
 * the worst slice value (docs/slices.md) fails when it is above max and also
 * significant once corrected for the comparisons made; a gap equal to max
 * passes, and a larger gap that is not significant passes and says so.
 */
export function sliceGapGate(
  gate: Gate,
  slices: SliceReport | null
): GateResult[] {
  if (slices === null) {
    return [row(gate, 'not_applicable', null, 'no slices at this version')]
  }
  const metric = gate.metric.slice('slice_gap.'.length)
  const results: GateResult[] = []
  for (const column of columnsOf(gate, slices)) {
    const gap = slices.gaps.find(
      (g) => g.column === column && g.metric === metric
    )
    if (gap === undefined || gap.gap === null) {
      results.push({
        ...row(
          gate,
          'too_few_items',
          null,
          `${column}: ${gap?.reason ?? 'no gap computed'}; not judged`
        ),
        slice: { column, value: null }
      })
      continue
    }
    results.push(gapRow(gate, metric, gap))
  }
  return results
}

function gapRow(gate: Gate, metric: string, gap: SliceGap): GateResult {
  const worst = gap.worst!
  const best = gap.best!
  const level = gate.config.significance ?? DEFAULT_SLICE_SIGNIFICANCE
  const described =
    `${gap.column}: gap ${magnitudeText(metric, gap.gap!)} between ` +
    `${sliceName(gap.column, best.value)} ${levelText(metric, best.estimate)} (${best.n_items} items) and ` +
    `worst ${sliceName(gap.column, worst.value)} ${levelText(metric, worst.estimate)} (${worst.n_items} items)` +
    (gap.ci === undefined
      ? ''
      : `, ${Math.round(gap.ci.level * 100)}% interval [${magnitudeSigned(metric, gap.ci.low)}, ${magnitudeSigned(metric, gap.ci.high)}]`)
  const extra: Partial<GateResult> = {
    slice: { column: gap.column, value: worst.value },
    n: Math.min(worst.n_items, best.n_items),
    ...(gap.ci === undefined ? {} : { ci: gap.ci })
  }
  const limit = `max ${magnitudeText(metric, gate.threshold)}`
  if (gap.gap! <= gate.threshold + EQUAL_TOLERANCE) {
    return row(gate, 'pass', gap.gap, `${described} ≤ ${limit}`, extra)
  }
  if (gap.p_adjusted === null || gap.p_adjusted === undefined) {
    return undefinedRow(
      gate,
      `${described} > ${limit}, but ${gap.reason ?? 'it cannot be tested'}`,
      gap.gap,
      undefined,
      extra
    )
  }
  const tested = `${gap.test ?? 'test'} ${pText(gap.p_value!)}; adjusted for ${gap.comparisons} comparison${gap.comparisons === 1 ? '' : 's'} ${pText(gap.p_adjusted)}`
  if (gap.p_adjusted < level) {
    return row(
      gate,
      'fail',
      gap.gap,
      `${described} > ${limit}; significant at ${level} (${tested})`,
      extra
    )
  }
  return row(
    gate,
    'pass',
    gap.gap,
    `${described} > ${limit}, but not significant at ${level} (${tested}): at this n the gap may be noise`,
    extra
  )
}

/** An interval end of a difference, in the metric's unit, with its sign. */
function magnitudeSigned(metric: string, x: number): string {
  return `${x < 0 ? '−' : ''}${magnitudeText(metric, x)}`
}

/** `p < 0.001` or `p = 0.038`. */
function pText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toPrecision(2)}`
}
