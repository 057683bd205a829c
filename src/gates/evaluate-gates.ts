import type { DatasetConfig, GateConfig } from '../config/schema.js'
import { higherIsBetter } from '../metrics/names.js'
import type { MetricResult } from '../metrics/result.js'
import type { DriftRow } from '../governance/annotator-drift.js'
import type {
  LabelShiftReport,
  GateBound,
  GateResult,
  GateStatus,
  VersionReport
} from '../report/types.js'
import { formatGateNumber } from './format-gate-number.js'

/** The versions a gate can look at; base and changed are null without a base. */
export interface GateInputs {
  head: VersionReport
  base: VersionReport | null
  changed: VersionReport | null
  /** Class distribution base vs head, for `label_shift`; null without a base. */
  labelShift?: LabelShiftReport | null
  /** Per-annotator drift rows, for `annotator.drift`; null without a base. */
  drift?: DriftRow[] | null
}

const BOUNDS: GateBound[] = ['min', 'max', 'max_drop', 'max_jsd']

/**
 * One result per bound of every configured gate (DESIGN section 3). A gate whose
 * metric is undefined (null, too few items, no base for max_drop) has status
 * `undefined`; `on_undefined` says whether that fails, warns or passes.
 */
export function evaluateGates(
  gates: DatasetConfig['gates'],
  inputs: GateInputs
): GateResult[] {
  const results: GateResult[] = []
  for (const [metric, gate] of Object.entries(gates)) {
    for (const bound of BOUNDS) {
      const threshold = gate[bound]
      if (threshold === undefined) continue
      if (metric === 'label_shift') {
        results.push(labelShiftGate(threshold, gate, inputs))
      } else if (metric === 'annotator.drift') {
        results.push(...driftGate(threshold, gate, inputs))
      } else if (metric.startsWith('annotator.')) {
        results.push(...annotatorGate(metric, bound, threshold, gate, inputs))
      } else {
        results.push(datasetGate(metric, bound, threshold, gate, inputs))
      }
    }
  }
  return results
}

/** A gate result counts against the verdict at this severity, or not at all. */
export function gateEffect(result: GateResult): 'error' | 'warning' | null {
  if (result.status === 'pass') return null
  if (result.status === 'undefined') {
    if (result.on_undefined === 'pass') return null
    if (result.on_undefined === 'warn') return 'warning'
  }
  return result.severity
}

function datasetGate(
  metric: string,
  bound: GateBound,
  threshold: number,
  gate: GateConfig,
  inputs: GateInputs
): GateResult {
  const changed = metric.startsWith('changed.')
  const name = changed ? metric.slice('changed.'.length) : metric
  const version = changed ? inputs.changed : inputs.head
  if (version === null) {
    return undefinedResult(
      metric,
      bound,
      threshold,
      gate,
      null,
      'no base to compare with, so there is no change slice'
    )
  }
  const result = version.metrics[name]
  return judge(metric, bound, threshold, gate, result, () =>
    bound === 'max_drop' ? (inputs.base?.metrics[name] ?? null) : null
  )
}

function labelShiftGate(
  threshold: number,
  gate: GateConfig,
  inputs: GateInputs
): GateResult {
  const metric = 'label_shift'
  const shift = inputs.labelShift ?? null
  if (shift === null) {
    return undefinedResult(
      metric,
      'max_jsd',
      threshold,
      gate,
      null,
      'no base to compare the label distribution with'
    )
  }
  const js = shift.jensen_shannon
  if (js.value === null) {
    return undefinedResult(
      metric,
      'max_jsd',
      threshold,
      gate,
      null,
      js.reason ?? 'the distance is undefined'
    )
  }
  const ok = js.value <= threshold
  return verdict(
    metric,
    'max_jsd',
    threshold,
    gate,
    js.value,
    ok,
    `Jensen-Shannon distance ${js.value.toFixed(3)} ${ok ? '≤' : '>'} max_jsd ${threshold.toFixed(3)}`
  )
}

/**
 * `annotator.drift: { max_drop }`: an annotator whose accuracy on reference
 * items in the change is more than max_drop below their base accuracy fails,
 * when both sides have at least min_items reference items (default 20).
 */
function driftGate(
  threshold: number,
  gate: GateConfig,
  inputs: GateInputs
): GateResult[] {
  const metric = 'annotator.drift'
  const rows = inputs.drift ?? null
  if (rows === null) {
    return [
      undefinedResult(
        metric,
        'max_drop',
        threshold,
        gate,
        null,
        'no base to compare with'
      )
    ]
  }
  const minItems = gate.min_items ?? 20
  const results: GateResult[] = []
  for (const row of [...rows].sort((a, b) =>
    a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0
  )) {
    if (row.drop === null) continue
    if ((row.base.n ?? 0) < minItems || (row.changed.n ?? 0) < minItems) {
      continue
    }
    const ok = row.drop <= threshold + 1e-12
    const r = verdict(
      metric,
      'max_drop',
      threshold,
      gate,
      row.drop,
      ok,
      `${row.annotator}: accuracy ${formatGateNumber('accuracy', row.base.value!)} at the base → ${formatGateNumber('accuracy', row.changed.value!)} in the change (drop ${formatGateNumber('accuracy', row.drop)}, max_drop ${formatGateNumber('accuracy', threshold)}${row.p_value !== null ? `, one-sided p = ${row.p_value.toPrecision(2)}` : ''})`
    )
    results.push({ ...r, annotator: row.annotator })
  }
  if (results.length === 0) {
    return [
      undefinedResult(
        metric,
        'max_drop',
        threshold,
        gate,
        null,
        `no annotator has ${minItems} or more reference items both at the base and in the change`
      )
    ]
  }
  return results
}

function annotatorGate(
  metric: string,
  bound: GateBound,
  threshold: number,
  gate: GateConfig,
  inputs: GateInputs
): GateResult[] {
  const name = metric.slice('annotator.'.length) as 'accuracy'
  const minItems = gate.min_items ?? 0
  const rows: GateResult[] = []
  const ids = Object.keys(inputs.head.annotators).sort()
  for (const id of ids) {
    const result = inputs.head.annotators[id]![name]
    // "every annotator with >= min_items gold items": the others are not judged.
    if ((result.n ?? 0) < Math.max(minItems, 1)) continue
    const baseResult = (): MetricResult | null =>
      inputs.base?.annotators[id]?.[name] ?? null
    const row = judge(
      metric,
      bound,
      threshold,
      { ...gate, min_items: undefined },
      result,
      baseResult
    )
    rows.push({ ...row, annotator: id, message: `${id}: ${row.message}` })
  }
  if (rows.length === 0) {
    return [
      undefinedResult(
        metric,
        bound,
        threshold,
        gate,
        null,
        minItems > 0
          ? `no annotator has ${minItems} or more reference items`
          : 'no annotator has a reference item'
      )
    ]
  }
  return rows
}

function judge(
  metric: string,
  bound: GateBound,
  threshold: number,
  gate: GateConfig,
  result: MetricResult | undefined,
  base: () => MetricResult | null
): GateResult {
  if (result === undefined || result.value === null) {
    return undefinedResult(
      metric,
      bound,
      threshold,
      gate,
      null,
      result?.reason ?? 'the metric was not computed'
    )
  }
  const value = result.value
  const n = result.n_items ?? result.n ?? 0
  if (gate.min_items !== undefined && n < gate.min_items) {
    return undefinedResult(
      metric,
      bound,
      threshold,
      gate,
      value,
      `${n} items, fewer than min_items ${gate.min_items}`
    )
  }
  const shown = formatGateNumber(metric, value)
  const limit = formatGateNumber(metric, threshold)
  if (bound === 'min') {
    return verdict(
      metric,
      bound,
      threshold,
      gate,
      value,
      value >= threshold,
      `${shown} ${value >= threshold ? '≥' : '<'} min ${limit}`
    )
  }
  if (bound === 'max') {
    return verdict(
      metric,
      bound,
      threshold,
      gate,
      value,
      value <= threshold,
      `${shown} ${value <= threshold ? '≤' : '>'} max ${limit}`
    )
  }
  const baseResult = base()
  if (baseResult === null) {
    return undefinedResult(
      metric,
      bound,
      threshold,
      gate,
      value,
      'no base value to compare with'
    )
  }
  if (baseResult.value === null) {
    return undefinedResult(
      metric,
      bound,
      threshold,
      gate,
      value,
      `undefined at the base: ${baseResult.reason ?? 'no value'}`
    )
  }
  // A drop is a change for the worse: down for most metrics, up for error_rate.
  const drop = higherIsBetter(metric)
    ? baseResult.value - value
    : value - baseResult.value
  // Tolerate floating-point noise so that a drop of exactly max_drop passes.
  const ok = drop <= threshold + 1e-12
  const from = formatGateNumber(metric, baseResult.value)
  return verdict(
    metric,
    bound,
    threshold,
    gate,
    value,
    ok,
    drop > 0
      ? `${from} → ${shown}, worse by ${formatGateNumber(metric, drop)} (max_drop ${limit})`
      : `${from} → ${shown}, no worse than the base`
  )
}

function verdict(
  metric: string,
  bound: GateBound,
  threshold: number,
  gate: GateConfig,
  value: number,
  ok: boolean,
  message: string
): GateResult {
  const status: GateStatus = ok ? 'pass' : 'fail'
  return {
    metric,
    bound,
    threshold,
    value,
    status,
    severity: gate.severity,
    message
  }
}

function undefinedResult(
  metric: string,
  bound: GateBound,
  threshold: number,
  gate: GateConfig,
  value: number | null,
  reason: string
): GateResult {
  const consequence =
    gate.on_undefined === 'pass'
      ? 'passes (on_undefined: pass)'
      : gate.on_undefined === 'warn'
        ? 'warns (on_undefined: warn)'
        : 'fails (set on_undefined to change this)'
  return {
    metric,
    bound,
    threshold,
    value,
    status: 'undefined',
    severity: gate.on_undefined === 'warn' ? 'warning' : gate.severity,
    on_undefined: gate.on_undefined,
    message: `undefined: ${reason}; the gate ${consequence}`
  }
}
