import type { DatasetConfig } from '../config/schema.js'
import type { DriftRow } from '../governance/annotator-drift.js'
import { higherIsBetter } from '../metrics/names.js'
import type { MetricResult } from '../metrics/result.js'
import {
  changeText,
  distinctLevels,
  levelText,
  magnitudeText
} from '../metrics/units.js'
import type {
  AnnotatorReport,
  GateBound,
  GateResult,
  LabelShiftReport,
  VersionReport
} from '../report/types.js'
import type { SliceReport } from '../slices/slice-report.js'
import { dropPValue } from './drop-significance.js'
import { EQUAL_TOLERANCE } from './equal-tolerance.js'
import { sliceBoundGate, sliceGapGate } from './slice-gates.js'
import {
  baseValue,
  boundGate,
  clears,
  row,
  screen,
  sizeOf,
  undefinedRow,
  WORSE_TOLERANCE,
  type Gate,
  type Judge
} from './bound-gate.js'
import { gateEffect } from './gate-effect.js'
import {
  DEFAULT_TREND_WINDOW,
  MIN_TREND_VERSIONS,
  type TrendSeries
} from './trend.js'

export { gateEffect, WORSE_TOLERANCE, type Judge }

/** The versions a gate can look at; base and changed are null without a base. */
export interface GateInputs {
  head: VersionReport
  base: VersionReport | null
  changed: VersionReport | null
  /** Class distribution base vs head, for `label_shift`; null without a base. */
  labelShift?: LabelShiftReport | null
  /** Per-annotator drift rows, for `annotator.drift`; null without a base. */
  drift?: DriftRow[] | null
  /** What the drift rows compare, in the gate's words; default `accuracy` (span and box: their F1). */
  driftMeasure?: string
  /** Default `state`. */
  judge?: Judge
  /**
   * Annotators with an annotation the change added or relabeled. In `change`
   * mode per-annotator gates judge these; the others only where breached.
   * Absent: every annotator counts as in the change.
   */
  changedAnnotators?: ReadonlySet<string> | null
  /** The base branch's latest versions, for `max_decline`; absent or null: no history. */
  trend?: TrendSeries | null
  /** Quality by slice at the head, for `slice.*` and `slice_gap.*`; absent or null: no slices. */
  slices?: SliceReport | null
}

const BOUNDS: GateBound[] = ['min', 'max', 'max_drop', 'max_decline', 'max_jsd']

/** Annotators named in a summary row of neutral outcomes. */
const LISTED_ANNOTATORS = 5

/**
 * One result per bound of every configured gate; per-annotator gates give a
 * row per annotator judged plus at most one summary row per neutral outcome.
 * The outcomes and the rules are described in docs/gates.md.
 */
export function evaluateGates(
  gates: DatasetConfig['gates'],
  inputs: GateInputs
): GateResult[] {
  const judge = inputs.judge ?? 'state'
  const results: GateResult[] = []
  for (const [metric, config] of Object.entries(gates)) {
    for (const bound of BOUNDS) {
      const threshold = config[bound]
      if (threshold === undefined) continue
      const gate: Gate = { metric, bound, threshold, config, judge }
      if (metric === 'label_shift') {
        results.push(labelShiftGate(gate, inputs))
      } else if (metric === 'annotator.drift') {
        results.push(...driftGate(gate, inputs))
      } else if (metric.startsWith('annotator.')) {
        results.push(...annotatorGate(gate, inputs))
      } else if (metric.startsWith('slice_gap.')) {
        results.push(...sliceGapGate(gate, inputs.slices ?? null))
      } else if (metric.startsWith('slice.')) {
        results.push(...sliceBoundGate(gate, inputs.slices ?? null))
      } else {
        results.push(datasetGate(gate, inputs))
      }
    }
  }
  return results
}

function datasetGate(gate: Gate, inputs: GateInputs): GateResult {
  const changed = gate.metric.startsWith('changed.')
  const name = changed ? gate.metric.slice('changed.'.length) : gate.metric
  const version = changed ? inputs.changed : inputs.head
  if (version === null) {
    return row(
      gate,
      'not_applicable',
      null,
      'no base to compare with, so there is no change slice'
    )
  }
  const result = version.metrics[name]
  const base = inputs.base === null ? null : (inputs.base.metrics[name] ?? null)
  if (
    changed &&
    result !== undefined &&
    result.value === null &&
    sizeOf(result) === 0
  ) {
    return row(
      gate,
      'not_applicable',
      null,
      `nothing in this change to measure: ${result.reason ?? 'no data'}`,
      baseValue(inputs.base === null ? undefined : base)
    )
  }
  if (gate.bound === 'max_drop') {
    if (inputs.base === null) {
      return row(gate, 'not_applicable', null, 'no base value to compare with')
    }
    return dropGate(gate, result, base, !changed)
  }
  if (gate.bound === 'max_decline') {
    return trendGate(
      gate,
      result,
      inputs.trend ?? null,
      inputs.base === null ? undefined : base
    )
  }
  return boundGate(
    gate,
    result,
    inputs.base === null ? undefined : base,
    !changed
  )
}

/**
 * `max_decline`: the head may be at most the threshold below the best value
 * (the highest; the lowest for error_rate) of the last `window` versions of
 * the base branch (docs/gates.md). Without at least two versions with a value
 * it is not applicable, never a failure. On a pull request, a base already
 * that far below the best and not made worse is pre-existing.
 */
function trendGate(
  gate: Gate,
  result: MetricResult | undefined,
  trend: TrendSeries | null,
  base: MetricResult | null | undefined
): GateResult {
  const window = gate.config.window ?? DEFAULT_TREND_WINDOW
  if (trend === null || trend.points === null) {
    return row(
      gate,
      'not_applicable',
      result?.value ?? null,
      trend?.note ?? 'no history of the base branch to compare with',
      baseValue(base)
    )
  }
  const higher = higherIsBetter(gate.metric)
  const defined = trend.points
    .slice(-window)
    .filter((p) => p.metrics[gate.metric]?.value != null)
  const minItems = gate.config.min_items
  const points = defined.filter(
    (p) => trendValue(p.metrics[gate.metric], minItems) !== null
  )
  const small = defined.length - points.length
  const smallNote =
    small === 0
      ? ''
      : `; ${small} version${small === 1 ? '' : 's'} with fewer than min_items ${minItems} items left out`
  if (points.length < MIN_TREND_VERSIONS) {
    return row(
      gate,
      'not_applicable',
      result?.value ?? null,
      `the base branch has ${points.length} version${points.length === 1 ? '' : 's'} with a value of ${gate.metric} in the window${smallNote}; a trend needs at least ${MIN_TREND_VERSIONS}` +
        (trend.note === undefined ? '' : ` (${trend.note})`),
      baseValue(base)
    )
  }
  // The base's value applies the undefined-at-head rule: a metric defined at
  // the base that a change makes undefined must not switch the trend gate off.
  const judged = screen(gate, result, base, true)
  if ('status' in judged) return judged
  const { value, n, extra } = judged
  let best = points[0]!
  for (const p of points) {
    const v = p.metrics[gate.metric]!.value!
    const b = best.metrics[gate.metric]!.value!
    if (higher ? v > b : v < b) best = p
  }
  const bestValue = best.metrics[gate.metric]!.value!
  const trend_best = {
    value: bestValue,
    commit: best.commit,
    date: best.date,
    versions: points.length,
    window
  }
  const decline = higher ? bestValue - value : value - bestValue
  const described = `${levelText(gate.metric, value)} against the best ${levelText(gate.metric, bestValue)} of the last ${points.length} versions on the base branch (at ${best.commit.slice(0, 7)}; Δ ${changeText(gate.metric, value - bestValue)}, ${higher ? 'max decline' : 'max rise'} ${magnitudeText(gate.metric, gate.threshold)}${smallNote})`
  if (decline <= gate.threshold + EQUAL_TOLERANCE) {
    return row(gate, 'pass', value, described, { ...extra, n, trend_best })
  }
  // A base on fewer than min_items items was not judged: not a decline
  // already there (as for min and max).
  if (
    gate.judge === 'change' &&
    base != null &&
    base.value !== null &&
    (minItems === undefined || sizeOf(base) >= minItems)
  ) {
    const baseDecline = higher ? bestValue - base.value : base.value - bestValue
    const worse = higher
      ? value < base.value - WORSE_TOLERANCE
      : value > base.value + WORSE_TOLERANCE
    if (baseDecline > gate.threshold + EQUAL_TOLERANCE && !worse) {
      if (gate.config.pre_existing !== 'fail') {
        return row(
          gate,
          'pre_existing',
          value,
          `${described}; the base was already ${levelText(gate.metric, base.value)} and this change does not make it worse`,
          { ...extra, n, trend_best }
        )
      }
      return row(
        gate,
        'fail',
        value,
        `${described}; already declined at the base, and pre_existing: fail`,
        { ...extra, n, trend_best }
      )
    }
  }
  return row(gate, 'fail', value, described, { ...extra, n, trend_best })
}

/**
 * `max_drop`: the fall from the base (a rise for error_rate). `base` is the
 * metric at the base (null: the base lacks it). With `significance`, a drop
 * above max_drop fails only when it is also significant.
 */
function dropGate(
  gate: Gate,
  result: MetricResult | undefined,
  base: MetricResult | null,
  sameMetricAtBase: boolean
): GateResult {
  const judged = screen(gate, result, base, sameMetricAtBase)
  if ('status' in judged) return judged
  const { value, n, extra, result: measured } = judged
  if (base === null || base.value === null) {
    return row(
      gate,
      'not_applicable',
      value,
      base === null
        ? 'the base has no value to compare with'
        : `undefined at the base (${base.reason ?? 'no value'}), so there is nothing to drop from`,
      { ...extra, n }
    )
  }
  const baseN = sizeOf(base)
  const minItems = gate.config.min_items
  if (minItems !== undefined && baseN < minItems) {
    return row(
      gate,
      'too_few_items',
      value,
      `the base has ${baseN} items, fewer than min_items ${minItems}; not judged`,
      { ...extra, n }
    )
  }
  const drop = higherIsBetter(gate.metric)
    ? base.value - value
    : value - base.value
  const shown = levelText(gate.metric, value)
  const from = levelText(gate.metric, base.value)
  const change = changeText(gate.metric, value - base.value)
  const described =
    drop > 0
      ? `${from} → ${shown} (Δ ${change}, ${allowedChange(gate.metric, gate.threshold)})`
      : `${from} → ${shown} (Δ ${change}), no worse than the base`
  if (drop <= gate.threshold + EQUAL_TOLERANCE) {
    return row(gate, 'pass', value, described, { ...extra, n })
  }
  const alpha = gate.config.significance
  if (alpha === undefined)
    return row(gate, 'fail', value, described, { ...extra, n })
  const p = dropPValue(drop, base, measured)
  if (p === null) {
    return undefinedRow(
      gate,
      `${described}, but with no standard error the drop's significance cannot be tested`,
      value,
      undefined,
      { ...extra, n }
    )
  }
  const significant = p < alpha
  return row(
    gate,
    significant ? 'fail' : 'pass',
    value,
    `${described}; one-sided ${formatP(p)}, ${significant ? 'significant' : 'not significant'} at ${alpha}`,
    { ...extra, n }
  )
}

function labelShiftGate(gate: Gate, inputs: GateInputs): GateResult {
  const shift = inputs.labelShift ?? null
  if (shift === null) {
    return row(
      gate,
      'not_applicable',
      null,
      'no base to compare the label distribution with'
    )
  }
  const js = shift.jensen_shannon
  if (js.value === null) {
    return undefinedRow(gate, js.reason ?? 'the distance is undefined', null)
  }
  // A max bound like any other: equal up to float noise passes, and a breach
  // that prints like the threshold shows the digits that differ.
  const ok = clears('max', js.value, gate.threshold)
  const [distance, limit] = ok
    ? [levelText(gate.metric, js.value), levelText(gate.metric, gate.threshold)]
    : distinctLevels(gate.metric, js.value, gate.threshold)
  return row(
    gate,
    ok ? 'pass' : 'fail',
    js.value,
    `Jensen-Shannon distance ${distance} ${ok ? '≤' : '>'} max_jsd ${limit}`
  )
}

/** Annotators left out of per-annotator judgement, for one summary row each. */
class Neutral {
  readonly tooFew: string[] = []
  readonly notApplicable: string[] = []

  rows(gate: Gate, tooFewWhy: string, notApplicableWhy: string): GateResult[] {
    const out: GateResult[] = []
    if (this.tooFew.length > 0) {
      out.push(
        row(gate, 'too_few_items', null, summary(this.tooFew, tooFewWhy))
      )
    }
    if (this.notApplicable.length > 0) {
      out.push(
        row(
          gate,
          'not_applicable',
          null,
          summary(this.notApplicable, notApplicableWhy)
        )
      )
    }
    return out
  }
}

function summary(entries: string[], why: string): string {
  const listed = entries.slice(0, LISTED_ANNOTATORS).join(', ')
  const more =
    entries.length > LISTED_ANNOTATORS
      ? `, and ${entries.length - LISTED_ANNOTATORS} more`
      : ''
  return `${entries.length} ${entries.length === 1 ? 'annotator' : 'annotators'} ${why}, not judged: ${listed}${more}`
}

/**
 * `annotator.drift: { max_drop }`: an annotator whose accuracy on reference
 * items in the change is more than max_drop below their base accuracy fails,
 * when both sides have at least min_items reference items (default 20).
 * Only annotators with annotations in the change are concerned.
 */
function driftGate(gate: Gate, inputs: GateInputs): GateResult[] {
  const rows = inputs.drift ?? null
  if (rows === null)
    return [row(gate, 'not_applicable', null, 'no base to compare with')]
  const minItems = gate.config.min_items ?? 20
  const inChange = (r: DriftRow) =>
    inputs.changedAnnotators?.has(r.annotator) ?? r.changed.value !== null
  const results: GateResult[] = []
  const neutral = new Neutral()
  for (const r of [...rows].sort((a, b) =>
    compareIds(a.annotator, b.annotator)
  )) {
    if (!inChange(r)) continue
    if (r.drop === null || r.base.value === null || r.changed.value === null) {
      neutral.notApplicable.push(
        `${r.annotator} (${r.base.value === null ? 'none at the base' : 'none in the change'})`
      )
      continue
    }
    const nBase = r.base.n ?? 0
    const nChanged = r.changed.n ?? 0
    if (nBase < minItems || nChanged < minItems) {
      neutral.tooFew.push(
        `${r.annotator} (${nChanged} in the change, ${nBase} at the base)`
      )
      continue
    }
    const described = `${r.annotator}: ${inputs.driftMeasure ?? 'accuracy'} ${levelText('accuracy', r.base.value)} at the base → ${levelText('accuracy', r.changed.value)} in the change (Δ ${changeText('accuracy', -r.drop)}, ${allowedChange('accuracy', gate.threshold)}${r.p_value !== null ? `, one-sided ${testName(r)} ${formatP(r.p_value)}` : ''})`
    const extra = { annotator: r.annotator, n: nChanged }
    if (r.drop <= gate.threshold + EQUAL_TOLERANCE) {
      results.push(row(gate, 'pass', r.drop, described, extra))
      continue
    }
    const alpha = gate.config.significance
    if (alpha === undefined) {
      results.push(row(gate, 'fail', r.drop, described, extra))
    } else if (r.p_value === null) {
      results.push(
        undefinedRow(
          gate,
          `${described}; no test of the drop is possible`,
          r.drop,
          undefined,
          extra
        )
      )
    } else {
      const significant = r.p_value < alpha
      results.push(
        row(
          gate,
          significant ? 'fail' : 'pass',
          r.drop,
          `${described}; ${significant ? 'significant' : 'not significant'} at ${alpha}`,
          extra
        )
      )
    }
  }
  results.push(
    ...neutral.rows(
      gate,
      `with fewer than min_items ${minItems} reference items in the change or at the base`,
      'without reference items on one side'
    )
  )
  if (results.length === 0) {
    return [
      row(
        gate,
        'not_applicable',
        null,
        'no annotator has annotations in this change'
      )
    ]
  }
  return results
}

function annotatorGate(gate: Gate, inputs: GateInputs): GateResult[] {
  const name = gate.metric.slice('annotator.'.length) as
    'accuracy' | 'estimated_accuracy' | 'spam_score'
  // The model's estimates rest on the annotator's ratings, not on gold items.
  const unit = name === 'accuracy' ? 'reference items' : 'ratings'
  const of = (id: string, version: VersionReport): MetricResult =>
    version.annotators[id]?.[name] ?? { value: null, n: 0 }
  const minItems = gate.config.min_items ?? 0
  const change = gate.judge === 'change'
  const ids = Object.keys(inputs.head.annotators).sort(compareIds)
  if (gate.bound === 'max_drop' && inputs.base === null) {
    return [row(gate, 'not_applicable', null, 'no base to compare with')]
  }
  const rated = ids.filter((id) => (of(id, inputs.head).n ?? 0) > 0)
  if (rated.length === 0) {
    return [
      undefinedRow(
        gate,
        name === 'accuracy'
          ? 'no annotator has a reference item'
          : 'the truth-inference model gave no estimate',
        null
      )
    ]
  }
  const rows: GateResult[] = []
  const neutral = new Neutral()
  let outside = 0
  for (const id of ids) {
    const inChange = !change || (inputs.changedAnnotators?.has(id) ?? true)
    const result = of(id, inputs.head)
    const n = result.n ?? 0
    if (n === 0 || result.value === null) {
      if (inChange) neutral.notApplicable.push(id)
      continue
    }
    if (n < minItems) {
      if (inChange) neutral.tooFew.push(`${id} (${n})`)
      continue
    }
    const base =
      inputs.base === null
        ? undefined
        : inputs.base.annotators[id] === undefined
          ? null
          : of(id, inputs.base)
    let r: GateResult
    if (gate.bound === 'max_drop') {
      if (!base || base.value === null || (base.n ?? 0) === 0) {
        if (inChange) neutral.notApplicable.push(`${id} (none at the base)`)
        continue
      }
      if ((base.n ?? 0) < minItems) {
        if (inChange) neutral.tooFew.push(`${id} (${base.n ?? 0} at the base)`)
        continue
      }
      r = dropGate(
        { ...gate, config: { ...gate.config, min_items: undefined } },
        result,
        base,
        true
      )
    } else {
      // min_items counts the annotator's n, checked here for the head; a base
      // with fewer was not judged, so a breach there is not pre-existing.
      r = boundGate(
        { ...gate, config: { ...gate.config, min_items: undefined } },
        result,
        base,
        !base || (base.n ?? 0) >= minItems
      )
    }
    if (!inChange && (r.status === 'pass' || r.status === 'undefined')) {
      outside++
      continue
    }
    rows.push({
      ...r,
      annotator: id,
      message: `${id}: ${r.message}${evidence(name, inputs.head.annotators[id])}`
    })
  }
  rows.push(
    ...neutral.rows(
      gate,
      `with fewer than min_items ${minItems} ${unit}`,
      gate.bound === 'max_drop'
        ? `without ${unit} on one side`
        : `without ${unit}`
    )
  )
  if (rows.length === 0) {
    return [
      row(
        gate,
        'not_applicable',
        null,
        `no annotator with ${unit} has annotations in this change (${outside} outside it are not re-judged)`
      )
    ]
  }
  return rows
}

/**
 * For the model's estimates, the rest of what is known of the annotator, so
 * a reviewer can weigh the suspicion: the gold-based accuracy where there is
 * gold, the estimate or the spam score the gate did not judge, the ratings.
 */
function evidence(
  name: 'accuracy' | 'estimated_accuracy' | 'spam_score',
  annotator: AnnotatorReport | undefined
): string {
  if (name === 'accuracy' || annotator === undefined) return ''
  const parts: string[] = []
  const gold = annotator.accuracy
  parts.push(
    gold.value !== null && (gold.n ?? 0) > 0
      ? `gold accuracy ${levelText('accuracy', gold.value)} on ${gold.n} reference annotations`
      : 'no gold item'
  )
  if (name === 'spam_score' && annotator.estimated_accuracy?.value != null) {
    parts.push(
      `estimated accuracy ${levelText('accuracy', annotator.estimated_accuracy.value)}`
    )
  }
  if (name === 'estimated_accuracy' && annotator.spam_score?.value != null) {
    parts.push(
      `spam score ${levelText('spam_score', annotator.spam_score.value)}`
    )
  }
  parts.push(`${annotator.annotations} annotations`)
  return ` (${parts.join('; ')})`
}

/**
 * A `max_drop` threshold in words, in the unit of the change head − base:
 * `max drop 1.0 pp`; for a lower-is-better metric the worse direction is a
 * rise, so `max rise 1.0 pp`.
 */
function allowedChange(metric: string, threshold: number): string {
  return `${higherIsBetter(metric) ? 'max drop' : 'max rise'} ${magnitudeText(metric, threshold)}`
}

function testName(r: DriftRow): string {
  return r.test === 'fisher-exact'
    ? "Fisher's exact"
    : r.test === 'z'
      ? 'z-test'
      : r.test === 'cluster-z'
        ? 'item-level z-test'
        : ''
}

/** `p < 0.001` or `p = 0.038`. */
function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toPrecision(2)}`
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * A version's value in a trend: null where undefined, or where it rests on
 * fewer than the gate's `min_items` items. Such a version is no level the
 * dataset reached (5 items with alpha 1.0): it keeps its place in the window
 * but gives no value, so it cannot set the best, and the chart draws what
 * the gate judged.
 */
export function trendValue(
  result: MetricResult | undefined,
  minItems: number | undefined
): number | null {
  if (result === undefined || result.value === null) return null
  return minItems !== undefined && sizeOf(result) < minItems
    ? null
    : result.value
}
