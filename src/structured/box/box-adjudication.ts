import type { ElementTable } from '../element-table.js'
import type { AgreementMatches } from './box-agreement.js'
import { f1 } from './box-tally.js'
import { BoxMatcher, boxOrder, IOU_50 } from './match-boxes.js'
import type { MatchPairs } from './match-log.js'

export type BoxIssue = 'unmatched' | 'low_iou'

/** A box that disagrees: without a partner at IoU 0.5 in some annotators' sets, or matched with a low IoU. */
export interface DisagreeingBox {
  annotator: string
  label: string
  x: number
  y: number
  w: number
  h: number
  issue: BoxIssue
  /** The annotators whose sets have no partner for this box (unmatched), or the partner's annotator (low_iou). */
  compared_with: string[]
  /** The IoU with the partner (low_iou), else null. */
  iou: number | null
}

/** One item's disagreement among its annotators' box sets. */
export interface ItemBoxDisagreement {
  /** Pooled over the item's annotator pairs; NaN when no box was drawn. */
  f1_50: number
  /** Mean IoU of the pairs matched at 0.5; NaN without such a pair. */
  mean_iou: number
  boxes: DisagreeingBox[]
}

/** A matched pair below this IoU is listed as a loose match. */
export const LOOSE_IOU = 0.7

/**
 * How the box sets `rows` (one item's annotations, one per annotator) agree:
 * every pair of them is matched as for the agreement metrics (optimal
 * per-class assignment, then the 0.5 filter), and the counts are pooled.
 * Listed: every box that some other annotator's set has no partner for at
 * IoU 0.5 (`unmatched`, with those annotators), and both boxes of every pair
 * matched with an IoU below `looseIou` (`low_iou`).
 */
export function itemBoxDisagreement(
  table: ElementTable,
  rows: readonly number[],
  looseIou = LOOSE_IOU,
  matcher: BoxMatcher = new BoxMatcher(),
  /** False: only the pooled F1 and mean IoU (`boxes` left empty). */
  listBoxes = true,
  /** The agreement's matches of this table, replayed for the pooled counts. */
  earlier?: AgreementMatches
): ItemBoxDisagreement {
  if (!listBoxes) return pooledAgreement(table, rows, matcher, earlier)
  const { label, coords, start, annotator } = table
  const order = boxOrder(table)
  const names = table.annotators.values
  const labels = table.labels.values
  const base: number[] = []
  let total = 0
  for (const r of rows) {
    base.push(total)
    total += start[r + 1]! - start[r]!
  }
  const partnered = new Uint8Array(total)
  const lowOther = new Int32Array(total).fill(-1)
  const lowIou = new Float64Array(total)
  const missing: (number[] | undefined)[] = new Array<undefined>(total).fill(
    undefined
  )
  let matches = 0
  let boxes = 0
  let iouSum = 0
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const r1 = rows[i]!
      const r2 = rows[j]!
      const s1 = start[r1]!
      const s2 = start[r2]!
      const n1 = start[r1 + 1]! - s1
      const n2 = start[r2 + 1]! - s2
      matcher.match(
        { label, coords, from: s1, to: s1 + n1, order },
        { label, coords, from: s2, to: s2 + n2, order }
      )
      boxes += n1 + n2
      partnered.fill(0, base[i]!, base[i]! + n1)
      partnered.fill(0, base[j]!, base[j]! + n2)
      for (let k = 0; k < matcher.count; k++) {
        const v = matcher.pairIou[k]!
        if (v < IOU_50) continue
        matches++
        iouSum += v
        const la = base[i]! + matcher.pairA[k]! - s1
        const lb = base[j]! + matcher.pairB[k]! - s2
        partnered[la] = 1
        partnered[lb] = 1
        if (v < looseIou) {
          lowOther[la] = annotator[r2]!
          lowIou[la] = v
          lowOther[lb] = annotator[r1]!
          lowIou[lb] = v
        }
      }
      for (let e = 0; e < n1; e++)
        if (partnered[base[i]! + e] === 0)
          (missing[base[i]! + e] ??= []).push(annotator[r2]!)
      for (let e = 0; e < n2; e++)
        if (partnered[base[j]! + e] === 0)
          (missing[base[j]! + e] ??= []).push(annotator[r1]!)
    }
  }
  const listed: DisagreeingBox[] = []
  rows.forEach((r, m) => {
    const who = names[annotator[r]!]!
    for (let e = start[r]!; e < start[r + 1]!; e++) {
      const local = base[m]! + e - start[r]!
      const box = (
        issue: BoxIssue,
        others: number[],
        iou: number | null
      ): DisagreeingBox => ({
        annotator: who,
        label: labels[label[e]!]!,
        x: coords[4 * e]!,
        y: coords[4 * e + 1]!,
        w: coords[4 * e + 2]!,
        h: coords[4 * e + 3]!,
        issue,
        compared_with: others.map((o) => names[o]!).sort(),
        iou
      })
      const without = missing[local]
      if (without !== undefined) listed.push(box('unmatched', without, null))
      if (lowOther[local]! >= 0)
        listed.push(box('low_iou', [lowOther[local]!], lowIou[local]!))
    }
  })
  return {
    f1_50: f1(matches, boxes, 0),
    mean_iou: matches > 0 ? iouSum / matches : NaN,
    boxes: listed
  }
}

/**
 * The pooled F1 at 0.5 and mean IoU of `itemBoxDisagreement` without the
 * listing: the same matches, counted in the same order, and no per-item
 * scratch arrays (most items of a queue are not queued).
 */
function pooledAgreement(
  table: ElementTable,
  rows: readonly number[],
  matcher: BoxMatcher,
  earlier: AgreementMatches | undefined
): ItemBoxDisagreement {
  const { label, coords, start } = table
  let order: Int32Array | undefined
  // The agreement matched the same rows in the same orientation when its
  // annotator-name order is the rows' order: its log holds exactly the
  // pairs at IoU >= 0.5 the loop below counts, in the matcher's order.
  const replay = earlier !== undefined && earlier.table === table
  let matches = 0
  let boxes = 0
  let iouSum = 0
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const s1 = start[rows[i]!]!
      const s2 = start[rows[j]!]!
      const e1 = start[rows[i]! + 1]!
      const e2 = start[rows[j]! + 1]!
      const c = replay ? earlier.pairs.get(rows[i]!, rows[j]!) : -1
      let done: MatchPairs
      if (c >= 0) done = earlier!.log.replay(c)
      else {
        order ??= boxOrder(table)
        matcher.match(
          { label, coords, from: s1, to: e1, order },
          { label, coords, from: s2, to: e2, order }
        )
        done = matcher
      }
      boxes += e1 - s1 + (e2 - s2)
      for (let k = 0; k < done.count; k++) {
        const v = done.pairIou[k]!
        if (v < IOU_50) continue
        matches++
        iouSum += v
      }
    }
  }
  return {
    f1_50: f1(matches, boxes, 0),
    mean_iou: matches > 0 ? iouSum / matches : NaN,
    boxes: []
  }
}
