import type { AdjudicationConfig } from './structured-config.js'
import type {
  AdjudicationQueue,
  AdjudicationReason,
  AdjudicationRow
} from '../governance/adjudication.js'
import type { ElementTable } from './element-table.js'
import type { ItemDisagreement } from './structured-kind.js'
import { kindOf } from './kinds.js'
import { referenceRows, rowsByItem } from './table-rows.js'

/**
 * The items of a structured dataset that need a decision, among `items` (or
 * all): `low_agreement` when the annotators' sets agree less than
 * `min_agreement` (the type's item agreement, e.g. the mean pairwise
 * 1 − MASI distance for multi_label), `disagrees_with_reference` when the
 * type has a consensus set and it differs from the reference set. The row
 * lists each annotator's set, the agreement and the disagreeing elements.
 * Tie-breakers decide low-agreement items: `reference` with the reference
 * set, `senior` with the first listed senior's set.
 */
export function structuredAdjudication(
  table: ElementTable,
  reference: ElementTable | null,
  config: AdjudicationConfig,
  items?: Uint8Array,
  /** The kind's `memo` of a measure of `table`, for `disagreement`. */
  earlier?: unknown
): AdjudicationQueue {
  const kind = kindOf(table.type)
  const { start, rows: order } = rowsByItem(table)
  const refRow = reference === null ? null : referenceRows(reference)
  const rank = new Map(config.senior.map((id, k) => [id, k]))
  const queued = new Set<string>()
  const rows: AdjudicationRow[] = []
  const counts = {
    tie: 0,
    low_share: 0,
    disagrees_with_reference: 0,
    decided: 0,
    low_agreement: 0
  }
  for (let i = 0; i + 1 < start.length; i++) {
    if (items !== undefined && items[i] !== 1) continue
    const from = start[i]!
    const to = start[i + 1]!
    if (to - from === 0) continue
    const mine = Array.from(order.subarray(from, to))
    // Agreement first, the disagreeing elements' text only for queued items.
    let d: ItemDisagreement =
      to - from >= 2
        ? kind.disagreement(table, mine, false, earlier)
        : { agreement: null, elements: [], consensus: null }
    const low = d.agreement !== null && d.agreement < config.min_agreement
    const ref = refRow !== null && i < refRow.length ? refRow[i]! : -1
    // The reference's text matters only beside a consensus or in a queued row.
    const refText =
      ref >= 0 && (low || d.consensus !== null)
        ? kind.describe(reference!, ref)
        : null
    const reasons: AdjudicationReason[] = []
    if (low) reasons.push('low_agreement')
    if (refText !== null && d.consensus !== null && d.consensus !== refText)
      reasons.push('disagrees_with_reference')
    if (reasons.length === 0) continue
    if (d.elements === null) d = kind.disagreement(table, mine, true)
    let decision: string | null = null
    let decidedBy: string | null = null
    if (reasons.includes('low_agreement')) {
      if (config.tie_break === 'reference' && refText !== null) {
        decision = refText
        decidedBy = 'reference'
      } else if (config.tie_break === 'senior') {
        let best = -1
        for (const r of mine) {
          const k = rank.get(table.annotators.value(table.annotator[r]!))
          if (
            k !== undefined &&
            (best < 0 ||
              k < rank.get(table.annotators.value(table.annotator[best]!))!)
          )
            best = r
        }
        if (best >= 0) {
          decision = kind.describe(table, best)
          decidedBy = `senior:${table.annotators.value(table.annotator[best]!)}`
        }
      }
    }
    const labels: [string, string][] = mine.map((r) => {
      const a = table.annotators.value(table.annotator[r]!)
      queued.add(a)
      return [a, kind.describe(table, r)]
    })
    labels.sort((x, y) => compare(x[0], y[0]))
    for (const reason of reasons) counts[reason as 'low_agreement']++
    if (decision !== null) counts.decided++
    rows.push({
      item: table.items.value(i),
      reasons,
      majority: d.consensus,
      majority_share: d.agreement ?? 1,
      reference: refText,
      decision,
      decided_by: decidedBy,
      labels: Object.fromEntries(labels),
      agreement: d.agreement,
      disagreeing: d.elements ?? []
    })
  }
  rows.sort((x, y) => compare(x.item, y.item))
  return {
    elements: true,
    annotators: [...queued].sort(compare),
    rows,
    counts
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
