import type { GateConfig } from '../config/schema.js'
import type { MetricResult } from '../metrics/result.js'
import { distinctLevels, levelText } from '../metrics/units.js'
import type { GateBound, GateResult, GateStatus } from '../report/types.js'
import { EQUAL_TOLERANCE } from './equal-tolerance.js'
import { itemsForFirmVerdict } from './firm-verdict.js'
import { formatCount } from '../util/format-count.js'

/**
 * A min or max bound on one value, and the rows every gate kind builds. Its
 * own module so that the dataset gates (evaluate-gates.ts) and the slice
 * gates (slice-gates.ts) both build on it without importing each other.
 */

/**
 * What the gates judge. `state` (push, schedule, a head-only run): the
 * absolute state of the head. `change` (pull requests and merge groups): what
 * the change did; a gate already breached at the base and not made worse is
 * `pre_existing`, not a failure.
 */
export type Judge = 'change' | 'state'

/**
 * Differences below this are no change when deciding "made worse": the same
 * data summed in another order may differ in the last bits.
 */
export const WORSE_TOLERANCE = 1e-9

/** One gate bound under evaluation. */
export interface Gate {
  metric: string
  bound: GateBound
  threshold: number
  config: GateConfig
  judge: Judge
}

/** A head value that passed `screen`: defined, and on enough items. */
export interface Screened {
  value: number
  n: number
  extra: Partial<GateResult>
  result: MetricResult
}

/**
 * What every judged bound checks first: a head value that is undefined (with
 * the undefined-at-head rule) or rests on fewer than `min_items` ends the
 * judgement with that row; otherwise the value, its n and the base fields.
 */
export function screen(
  gate: Gate,
  result: MetricResult | undefined,
  base: MetricResult | null | undefined,
  sameMetricAtBase: boolean
): GateResult | Screened {
  const extra = baseValue(base)
  const minItems = gate.config.min_items
  // Fewer than min_items is not judged, defined or not: on_undefined is for a
  // statistic undefined on enough data. An undefined result without a count
  // (Fleiss' kappa at the interval level) has no n to call too few.
  const counted =
    result !== undefined &&
    (result.value !== null ||
      result.n_items !== undefined ||
      result.n !== undefined)
  if (counted && minItems !== undefined && sizeOf(result) < minItems) {
    const n = sizeOf(result)
    return row(
      gate,
      'too_few_items',
      result.value,
      `${n} items, fewer than min_items ${minItems}; not judged` +
        (result.value === null
          ? ` (undefined: ${result.reason ?? 'no value'})`
          : ''),
      { ...extra, n }
    )
  }
  if (result === undefined || result.value === null) {
    return undefinedRow(
      gate,
      result?.reason ?? 'the metric was not computed',
      null,
      sameMetricAtBase ? base : undefined,
      extra
    )
  }
  const value = result.value
  const n = sizeOf(result)
  return { value, n, extra, result }
}

/**
 * A min or max bound. `base` is the same metric at the base: undefined
 * without a base, null when the base lacks it. `sameMetricAtBase`: the base
 * value is this gate's value at the base (not for changed.* slices), so the
 * pre-existing rule and the undefined-at-head rule apply.
 */
export function boundGate(
  gate: Gate,
  result: MetricResult | undefined,
  base: MetricResult | null | undefined,
  sameMetricAtBase: boolean
): GateResult {
  const judged = screen(gate, result, base, sameMetricAtBase)
  if ('status' in judged) return judged
  const { value, n, extra, result: measured } = judged
  const by = gate.config.by ?? 'value'
  const compared = comparedQuantity(measured, by)
  const shown = levelText(gate.metric, value)
  const limit = levelText(gate.metric, gate.threshold)
  const bounds = {
    n,
    ...extra,
    ...(by !== 'value' ? { by } : {}),
    ...(measured.ci ? { ci: measured.ci } : {})
  }
  if (compared === null) {
    return undefinedRow(
      gate,
      `${gate.metric} ${shown} has no confidence interval, so its ${by} bound cannot be compared (by: ${by})`,
      value,
      undefined,
      bounds
    )
  }
  const ok = clears(gate.bound, compared, gate.threshold)
  // A breach by less than the printed precision ("0.800 < min 0.800") shows
  // the digits that tell the value from the threshold: 0.7999 < min 0.8000.
  const [comparedText, limitText] = ok
    ? [levelText(gate.metric, compared), limit]
    : distinctLevels(gate.metric, compared, gate.threshold)
  const what =
    by === 'value'
      ? comparedText
      : `${by === 'lower' ? 'lower' : 'upper'} bound ${comparedText} (estimate ${shown}, ${intervalText(gate.metric, measured)})`
  const sign = gate.bound === 'min' ? (ok ? '≥' : '<') : ok ? '≤' : '>'
  let message = `${what} ${sign} ${gate.bound} ${limitText}`
  const firm =
    measured.ci === undefined
      ? undefined
      : itemsForFirmVerdict(value, measured.ci, gate.threshold, n)
  const sizeNote: Partial<GateResult> = {}
  if (firm !== undefined) {
    sizeNote.items_for_firm_verdict = firm
    message +=
      (by === 'value'
        ? `; the ${intervalText(gate.metric, measured)} straddles ${limit}`
        : `; the interval straddles ${limit}`) +
      (firm === null
        ? ': the estimate equals the threshold, so no number of items makes it firm'
        : `: about ${formatCount(firm)} ${unitOf(measured)} would make the verdict firm at this estimate (now ${formatCount(n)})`)
  }
  if (!ok && gate.judge === 'change' && sameMetricAtBase && base) {
    const atBase = baseBreach(gate, base, by)
    if (atBase !== null) {
      const worse =
        gate.bound === 'min'
          ? compared < atBase - WORSE_TOLERANCE
          : compared > atBase + WORSE_TOLERANCE
      const from = `${levelText(gate.metric, atBase)} at the base`
      if (!worse) {
        if (gate.config.pre_existing === 'fail') {
          message += `; already breached (${from}), and pre_existing: fail`
        } else {
          return row(
            gate,
            'pre_existing',
            value,
            `${message}; already breached at the base (${levelText(gate.metric, atBase)}) and not made worse by this change`,
            { ...bounds, ...sizeNote }
          )
        }
      } else {
        message += `; breached at the base too (${worseText(gate.metric, atBase, compared)}) and made worse`
      }
    }
  }
  return row(gate, ok ? 'pass' : 'fail', value, message, {
    ...bounds,
    ...sizeNote
  })
}

/**
 * The base's compared quantity when the same gate was breached at the base
 * (judged there: defined, enough items, the bound available); else null.
 */
export function baseBreach(
  gate: Gate,
  base: MetricResult,
  by: 'value' | 'lower' | 'upper'
): number | null {
  if (base.value === null) return null
  const minItems = gate.config.min_items
  if (minItems !== undefined && sizeOf(base) < minItems) return null
  const q = comparedQuantity(base, by)
  if (q === null) return null
  return clears(gate.bound, q, gate.threshold) ? null : q
}

/** Equal to the threshold (within EQUAL_TOLERANCE) passes, for min and for max. */
export function clears(
  bound: GateBound,
  value: number,
  threshold: number
): boolean {
  return bound === 'min'
    ? value >= threshold - EQUAL_TOLERANCE
    : value <= threshold + EQUAL_TOLERANCE
}

export function comparedQuantity(
  result: MetricResult,
  by: 'value' | 'lower' | 'upper'
): number | null {
  if (by === 'value') return result.value
  if (result.ci === undefined) return null
  return by === 'lower' ? result.ci.low : result.ci.high
}

export function row(
  gate: Gate,
  status: GateStatus,
  value: number | null,
  message: string,
  extra: Partial<GateResult> = {}
): GateResult {
  return {
    metric: gate.metric,
    bound: gate.bound,
    threshold: gate.threshold,
    value,
    status,
    severity: gate.config.severity,
    message,
    ...extra
  }
}

/**
 * A statistic undefined at the head. `base` is the same statistic at the
 * base, where one applies: when it had a value there, the gate fails whatever
 * on_undefined says, so that making a statistic undefined (one added rating,
 * a single category) cannot switch a gate off.
 */
export function undefinedRow(
  gate: Gate,
  reason: string,
  value: number | null,
  base?: MetricResult | null,
  extra: Partial<GateResult> = {}
): GateResult {
  const definedAtBase = base != null && base.value !== null
  const onUndefined = definedAtBase ? 'fail' : gate.config.on_undefined
  const consequence = definedAtBase
    ? `it was ${levelText(gate.metric, base.value!)} at the base, so the gate fails whatever on_undefined says`
    : onUndefined === 'pass'
      ? 'the gate passes (on_undefined: pass)'
      : onUndefined === 'warn'
        ? 'the gate warns (on_undefined: warn)'
        : 'the gate fails (set on_undefined to change this)'
  return {
    ...row(
      gate,
      'undefined',
      value,
      `undefined: ${reason}; ${consequence}`,
      extra
    ),
    severity: onUndefined === 'warn' ? 'warning' : gate.config.severity,
    on_undefined: onUndefined
  }
}

export function baseValue(
  base: MetricResult | null | undefined
): Partial<GateResult> {
  return base === undefined ? {} : { base_value: base?.value ?? null }
}

/** Items a value rests on (annotations for reference metrics without an item count). */
export function sizeOf(result: MetricResult): number {
  return result.n_items ?? result.n ?? 0
}

export function unitOf(result: MetricResult): string {
  return result.n_items !== undefined ? 'items' : 'annotations'
}

export function intervalText(metric: string, result: MetricResult): string {
  const ci = result.ci!
  return `${Math.round(ci.level * 100)}% interval [${levelText(metric, ci.low)}, ${levelText(metric, ci.high)}]`
}

/**
 * "0.152 at the base", or with the digits that tell base and head apart when
 * they round alike ("0.1522 at the base, 0.1520 now"): a reader must see
 * that "made worse" is true, however small the step.
 */
function worseText(metric: string, atBase: number, now: number): string {
  const [base, head] = distinctLevels(metric, atBase, now)
  return base.length === levelText(metric, atBase).length
    ? `${base} at the base`
    : `${base} at the base, ${head} now`
}
