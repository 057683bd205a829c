import { csvDocument } from '../../governance/csv.js'
import type { ElementTable } from '../element-table.js'
import { f1 } from './box-tally.js'
import { BoxMatcher, IOU_50 } from './match-boxes.js'
import { rowsByItem } from './rows-by-item.js'

export interface BoxAdjudicationOptions {
  /** Queue an item whose F1 at IoU 0.5 between its annotators is below this (default 0.8). */
  minF1?: number
  /** Queue an item whose matched boxes have a mean IoU below this, and list each matched pair below it (default 0.6). */
  minIou?: number
  /** Item codes to consider (1 = consider), e.g. the change's slice; default all. */
  items?: Uint8Array
}

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

export interface BoxAdjudicationRow {
  item: string
  reasons: ('low_f1' | 'low_iou')[]
  /** Pooled over the item's annotator pairs; null when no box was drawn (never queued). */
  f1_50: number | null
  mean_iou: number | null
  annotators: string[]
  boxes: DisagreeingBox[]
}

export interface BoxAdjudicationQueue {
  rows: BoxAdjudicationRow[]
  counts: { low_f1: number; low_iou: number }
}

const DEFAULT_MIN_F1 = 0.8
const DEFAULT_MIN_IOU = 0.6

/**
 * The items whose annotators' box sets disagree: the F1 at IoU 0.5 pooled
 * over the item's annotator pairs is below `minF1` (`low_f1`), or the mean
 * IoU of its pairs matched at 0.5 is below `minIou` (`low_iou`). Pairs are
 * matched as for the agreement metrics (optimal per-class assignment, then
 * the 0.5 filter). Each queued item lists the boxes to look at: every box
 * that some other annotator's set has no partner for at IoU 0.5, with those
 * annotators, and every matched pair whose IoU is below `minIou` (listed on
 * both boxes). Items with one annotator are never queued. Rows are in item
 * order (code-unit order of the ids).
 */
export function boxAdjudicationQueue(
  table: ElementTable,
  options: BoxAdjudicationOptions = {}
): BoxAdjudicationQueue {
  const minF1 = options.minF1 ?? DEFAULT_MIN_F1
  const minIou = options.minIou ?? DEFAULT_MIN_IOU
  const groups = rowsByItem(table)
  const matcher = new BoxMatcher()
  const { label, coords, start, annotator } = table
  const names = table.annotators.values
  const labels = table.labels.values
  const rows: BoxAdjudicationRow[] = []
  const counts = { low_f1: 0, low_iou: 0 }
  // Scratch per element of the item (local index = position among the
  // members' elements): partner flag of the current pair, the annotators
  // without a partner for it, its low-IoU partner.
  let partnered = new Uint8Array(64)
  let lowOther = new Int32Array(64)
  let lowIou = new Float64Array(64)
  const missing: (number[] | undefined)[] = []
  const members: number[] = []
  const base: number[] = []
  for (let g = 0; g < groups.items.length; g++) {
    const code = groups.items[g]!
    if (options.items !== undefined && options.items[code] !== 1) continue
    const from = groups.offset[g]!
    const to = groups.offset[g + 1]!
    members.length = 0
    base.length = 0
    let total = 0
    for (let p = from; p < to; p++) {
      const r = groups.rows[p]!
      const a = annotator[r]!
      let again = a < 0
      for (let m = 0; m < members.length && !again; m++)
        again = annotator[members[m]!] === a
      if (again) continue
      members.push(r)
      base.push(total)
      total += start[r + 1]! - start[r]!
    }
    if (members.length < 2) continue
    if (partnered.length < total) {
      partnered = new Uint8Array(2 * total)
      lowOther = new Int32Array(2 * total)
      lowIou = new Float64Array(2 * total)
    }
    lowOther.fill(-1, 0, total)
    // Dense, never holey: a sparse array would fall into V8's slow dictionary mode.
    missing.length = 0
    for (let k = 0; k < total; k++) missing.push(undefined)
    let matches = 0
    let boxes = 0
    let iouSum = 0
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const r1 = members[i]!
        const r2 = members[j]!
        const s1 = start[r1]!
        const s2 = start[r2]!
        const n1 = start[r1 + 1]! - s1
        const n2 = start[r2 + 1]! - s2
        matcher.match(
          { label, coords, from: s1, to: s1 + n1 },
          { label, coords, from: s2, to: s2 + n2 }
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
          if (v < minIou) {
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
    const itemF1 = f1(matches, boxes, 0)
    const meanIou = matches > 0 ? iouSum / matches : NaN
    const reasons: BoxAdjudicationRow['reasons'] = []
    if (Number.isFinite(itemF1) && itemF1 < minF1) reasons.push('low_f1')
    if (Number.isFinite(meanIou) && meanIou < minIou) reasons.push('low_iou')
    if (reasons.length === 0) continue
    for (const r of reasons) counts[r]++
    const listed: DisagreeingBox[] = []
    members.forEach((r, m) => {
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
    rows.push({
      item: table.items.value(code),
      reasons,
      f1_50: Number.isFinite(itemF1) ? itemF1 : null,
      mean_iou: Number.isFinite(meanIou) ? meanIou : null,
      annotators: members.map((r) => names[annotator[r]!]!).sort(),
      boxes: listed
    })
  }
  rows.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
  return { rows, counts }
}

/** The queue as CSV, one record per listed box (an item without listed boxes: one record with empty box cells). */
export function boxAdjudicationCsv(queue: BoxAdjudicationQueue): string {
  const header = [
    'item',
    'reasons',
    'f1_50',
    'mean_iou',
    'annotator',
    'label',
    'x',
    'y',
    'w',
    'h',
    'issue',
    'compared_with',
    'iou'
  ]
  const num = (v: number | null) => (v === null ? '' : String(v))
  const records: string[][] = []
  for (const row of queue.rows) {
    const head = [
      row.item,
      row.reasons.join(' '),
      num(row.f1_50),
      num(row.mean_iou)
    ]
    if (row.boxes.length === 0)
      records.push([...head, '', '', '', '', '', '', '', '', ''])
    for (const b of row.boxes)
      records.push([
        ...head,
        b.annotator,
        b.label,
        String(b.x),
        String(b.y),
        String(b.w),
        String(b.h),
        b.issue,
        b.compared_with.join(' '),
        num(b.iou)
      ])
  }
  return csvDocument(header, records)
}

/** The queue as JSON Lines, one item a line. */
export function boxAdjudicationJsonl(queue: BoxAdjudicationQueue): string {
  return queue.rows.map((row) => JSON.stringify(row) + '\n').join('')
}
