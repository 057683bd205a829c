import type { DriftRow } from '../../governance/annotator-drift.js'
import type { QcSample } from '../../governance/qc-sample.js'
import type { MetricResult } from '../../metrics/result.js'
import {
  formatCoefficient,
  formatCount,
  formatCountOf,
  formatFixed,
  formatPercent,
  MISSING
} from './format-number.js'
import type { AdjudicationReport, DatasetReport } from '../../report/types.js'

/**
 * Text shared by the Markdown and terminal renderers for the governance
 * sections (annotator drift, adjudication queue, QC sample). Everything here
 * is built from numbers and fixed words only, never from a data string, so it
 * is safe in both targets as it is; data strings are formatted by the caller.
 */

/** Drift rows worth listing: those with an accuracy in the change. */
export function driftRowsInChange(rows: readonly DriftRow[]): DriftRow[] {
  return rows.filter((r) => r.changed.value !== null)
}

/** `2 of 14 annotators flagged`: the drift section's headline. */
export function driftHeadline(listed: readonly DriftRow[]): string {
  let flagged = 0
  for (const r of listed) if (r.flagged) flagged++
  return `${formatCount(flagged)} of ${formatCountOf(listed.length, 'annotator')} in this change flagged`
}

/**
 * The test behind the drift p-values, named from the rows themselves
 * (`DriftRow.test`): the z-test, or Fisher's exact where counts are small;
 * for span and box F1 the item-level z-test.
 */
export function driftTestText(rows: readonly DriftRow[]): string {
  // Span and box rows all use the item-level test (one dataset, one type).
  if (rows.some((r) => r.test === 'cluster-z'))
    return 'one-sided item-level z-test'
  const z = rows.some((r) => r.test === 'z')
  const exact = rows.some((r) => r.test === 'fisher-exact')
  if (z && exact) {
    return "one-sided two-proportion z-test, or Fisher's exact test where counts are small,"
  }
  if (z) return 'one-sided two-proportion z-test'
  if (exact) return "one-sided Fisher's exact test"
  return 'one-sided test'
}

/** What the drift compares, per dataset type: span and box annotators' accuracy is an F1. */
export function driftMeasureText(type: string | undefined): string {
  return type === 'span'
    ? 'strict span F1'
    : type === 'box'
      ? 'box F1 at IoU 0.5'
      : 'accuracy'
}

/** An accuracy with the reference items it rests on: `91.2% (340)`. */
export function accuracyWithN(m: MetricResult): string {
  if (m.value === null) return MISSING
  const n = m.n ?? m.n_items
  return n === undefined
    ? formatPercent(m.value)
    : `${formatPercent(m.value)} (${formatCount(n)})`
}

/** A one-sided p-value as a bare number: `0.042`, `< 0.001`, `—`. */
export function pValueText(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return MISSING
  return p < 0.001 ? '< 0.001' : formatFixed(Math.min(1, p), 3)
}

/** Mean kappa at the base and the head: `0.712 → 0.655`. */
export function kappaChange(row: DriftRow): string {
  return `${formatCoefficient(row.kappa_base.value)} → ${formatCoefficient(row.kappa_head.value)}`
}

/**
 * `12 items need a decision among the items this change touched: 3 ties,
 * 8 low-share, 2 disagree with the reference; 4 decided by the tie-breaker`.
 * The reasons can overlap (a 1-1-1 split is a tie and low-share).
 */
export function adjudicationCountsText(
  queue: AdjudicationReport,
  dataset?: Pick<DatasetReport, 'diff' | 'type'>
): string {
  const c = queue.counts
  // `scope: changed` without a base (a head-only run) looks at every item.
  const scope =
    queue.scope === 'changed' && dataset?.diff !== null
      ? 'among the items this change touched'
      : queue.scope === 'changed'
        ? 'among all items (no base to compare with)'
        : 'among all items'
  if (queue.total === 0) return `no item needs a decision ${scope}`
  const need = queue.total === 1 ? 'item needs' : 'items need'
  // Box sets have no consensus set, so no item can disagree with the reference.
  const reference =
    dataset?.type === 'box'
      ? ''
      : `${formatCount(c.disagrees_with_reference)} ${c.disagrees_with_reference === 1 ? 'disagrees' : 'disagree'} with the reference; `
  return (
    `${formatCount(queue.total)} ${need} a decision ${scope}: ` +
    (c.low_agreement !== undefined
      ? `${formatCount(c.low_agreement)} below the agreement threshold${reference === '' ? '; ' : ', '}`
      : `${formatCountOf(c.tie, 'tie')}, ${formatCount(c.low_share)} low-share, `) +
    reference +
    `${formatCount(c.decided)} decided by the tie-breaker`
  )
}

/**
 * An adjudication row's `disagreeing` elements without the lister's own
 * "+N more boxes" line, and how many there are in all (that line's N added).
 */
export function disagreeingElements(elements: readonly string[]): {
  listed: string[]
  total: number
} {
  const listed: string[] = []
  let hidden = 0
  for (const e of elements) {
    const more = /^\+(\d+) more \w+$/.exec(e)
    if (more === null) listed.push(e)
    else hidden += Number(more[1])
  }
  return { listed, total: listed.length + hidden }
}

const REASON_TEXT: Record<string, string> = {
  tie: 'tie',
  low_share: 'low share',
  disagrees_with_reference: 'disagrees with the reference',
  low_agreement: 'low agreement'
}

/** A reason in words; an unknown one (a hand-edited report) as it is, for the caller to escape. */
export function reasonText(reason: string): string {
  return Object.hasOwn(REASON_TEXT, reason) ? REASON_TEXT[reason]! : reason
}

/**
 * `120 of 3,400 annotations · Cochran: ±5.0% at 95% confidence (p = 0.5,
 * z = 1.960): n0 = 384.2 → n = 120 with the finite population correction ·
 * 24 strata (label × annotator)`.
 */
export function qcSampleText(
  sample: QcSample,
  type: DatasetReport['type'] = 'category'
): string {
  const parts = [
    `${formatCount(sample.size)} of ${formatCountOf(sample.population, 'annotation')}`
  ]
  const f = sample.formula
  if (f === null) {
    parts.push('a fixed size')
  } else {
    parts.push(
      `Cochran: ±${formatPercent(f.margin)} at ${formatPercent(f.confidence)} confidence ` +
        `(p = ${formatCoefficient(f.p, 2)}, z = ${formatCoefficient(f.z)}): ` +
        `n0 = ${formatCoefficient(f.n0, 1)} → n = ${formatCount(sample.size)} ` +
        `with the finite population correction`
    )
  }
  parts.push(
    `${formatCountOf(sample.strata.length, 'stratum', 'strata')} (${type === 'category' ? 'label' : 'marked anything'} × annotator)`
  )
  return parts.join(' · ')
}
