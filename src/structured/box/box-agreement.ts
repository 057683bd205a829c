import type { BootstrapOptions } from '../../metrics/bootstrap.js'
import {
  defined,
  undefinedMetric,
  type MetricResult
} from '../../metrics/result.js'
import type { ElementTable } from '../element-table.js'
import {
  BoxTally,
  emptyTotals,
  f1,
  tallyMatch,
  THRESHOLD_COUNT
} from './box-tally.js'
import { bootstrapItemRatios } from './item-bootstrap.js'
import { BoxMatcher, boxOrder } from './match-boxes.js'
import { MatchLog, PairIndex, sameRows, type MatchPairs } from './match-log.js'
import { rowsByItem } from './rows-by-item.js'

export const BOX_AGREEMENT_METRICS = [
  'pairwise_box_f1_50',
  'pairwise_box_f1_50_95',
  'pairwise_box_mean_iou'
] as const
export type BoxAgreementMetric = (typeof BOX_AGREEMENT_METRICS)[number]

/** One class's agreement, pooled over annotator pairs. */
export interface BoxClassAgreement {
  label: string
  /** Boxes of this class counted over all compared pairs (each box once per pair it is in). */
  boxes: number
  matches_50: number
  f1_50: number | null
  f1_50_95: number | null
  mean_iou: number | null
}

/** One annotator pair over the items both annotated. */
export interface BoxPairAgreement {
  a: string
  b: string
  n_items: number
  boxes: number
  f1_50: number | null
  mean_iou: number | null
}

export interface BoxAgreement {
  metrics: Record<BoxAgreementMetric, MetricResult>
  classes: BoxClassAgreement[]
  pairs: BoxPairAgreement[]
  /** Items with at least two annotators, ascending by code, and per item its pooled F1 at 0.5 and mean IoU (NaN when undefined). */
  item: Int32Array
  itemF1: Float64Array
  itemMeanIou: Float64Array
}

export interface BoxAgreementOptions {
  /** Only items whose code is set here (the change's slice); all when absent. */
  include?: Uint8Array
  /** Seeded item-level bootstrap intervals for the three dataset metrics. */
  bootstrap?: BootstrapOptions
  /** Log every match here (for `earlier` of a later call). */
  record?: AgreementMatches
  /** An earlier call's matches, replayed for pairs of box sets it matched. */
  earlier?: AgreementMatches
}

/** The matches of one agreement call: table rows (x, y) → comparison in `log`. */
export interface AgreementMatches {
  table: ElementTable
  log: MatchLog
  /** Rows (x, y) → comparison, x the left (first by annotator name). */
  pairs: PairIndex
}

export function agreementMatches(table: ElementTable): AgreementMatches {
  return { table, log: new MatchLog(), pairs: new PairIndex(table.size) }
}

// Per-item columns: matches at 0.5, matches over the thresholds, boxes, IoU sum.
const COLUMNS = 4

/**
 * Agreement between annotators on box sets: for every item and every pair
 * of its annotators, the two box sets are matched per class by the optimal
 * one-to-one assignment (match-boxes.ts), and the counts are pooled.
 *
 * - pairwise_box_f1_50 = 2 * sum TP_0.5 / sum (|A| + |B|) over every
 *   (item, annotator pair). F1 between two annotators is symmetric, so
 *   neither is the reference (Hripcsak and Rothschild 2005). Pooling the
 *   counts weights each annotator pair by the boxes it compared: a pair
 *   that shares many boxes counts more than a pair that met on one image.
 *   Per-pair values are in `pairs`.
 * - pairwise_box_f1_50_95: the same F1 averaged over IoU thresholds 0.50,
 *   0.55, ..., 0.95 (COCO's range), = 2 * mean_t(TP_t) / sum(|A| + |B|).
 * - pairwise_box_mean_iou: the mean IoU of the pairs matched at IoU >= 0.5.
 * An item with one annotator compares nothing; an item where both annotators
 * drew no box adds nothing to either side (it is agreement, but F1 has no
 * true negatives to count it with). No box at all: null.
 */
export function boxAgreement(
  table: ElementTable,
  options: BoxAgreementOptions = {}
): BoxAgreement {
  const groups = rowsByItem(table)
  const classes = table.labels.size
  const tally = new BoxTally(classes)
  const matcher = new BoxMatcher()
  const totals = emptyTotals()
  const { label, coords, start, annotator } = table
  const item: number[] = []
  const stats: number[] = []
  const pairStats = new Map<number, Float64Array>()
  const annotators = table.annotators.size
  const rank = annotatorRank(table)
  // Sorted when first needed: a replayed slice matches nothing.
  let order: Int32Array | undefined
  const { record, earlier } = options
  const earlierRow = earlier && sameRows(earlier.table, table)
  const compare = (x: number, y: number): MatchPairs => {
    let done: MatchPairs | undefined
    if (earlier !== undefined) {
      const ex = earlierRow![x]!
      const ey = earlierRow![y]!
      const c = ex >= 0 && ey >= 0 ? earlier.pairs.get(ex, ey) : -1
      if (c >= 0) done = earlier.log.replay(c)
    }
    if (done === undefined) {
      order ??= boxOrder(table)
      matcher.match(
        { label, coords, from: start[x]!, to: start[x + 1]!, order },
        { label, coords, from: start[y]!, to: start[y + 1]!, order }
      )
      done = matcher
    }
    if (record !== undefined) record.pairs.set(x, y, record.log.add(done))
    return done
  }
  for (let g = 0; g < groups.items.length; g++) {
    const code = groups.items[g]!
    if (options.include !== undefined && options.include[code] !== 1) continue
    const from = groups.offset[g]!
    const to = groups.offset[g + 1]!
    if (to - from < 2) continue
    let tp = 0
    let tpAll = 0
    let boxes = 0
    let iouSum = 0
    let compared = 0
    for (let p = from; p < to; p++) {
      const r1 = groups.rows[p]!
      const a1 = annotator[r1]!
      if (a1 < 0 || seenBefore(groups.rows, from, p, annotator)) continue
      for (let q = p + 1; q < to; q++) {
        const r2 = groups.rows[q]!
        const a2 = annotator[r2]!
        if (a2 < 0 || a2 === a1 || seenBefore(groups.rows, from, q, annotator))
          continue
        // The pair in annotator-name order, whatever the files' order.
        const [x, y] = rank[a1]! < rank[a2]! ? [r1, r2] : [r2, r1]
        tallyMatch(
          compare(x, y),
          label,
          start[x]!,
          start[x + 1]!,
          label,
          start[y]!,
          start[y + 1]!,
          tally,
          totals
        )
        compared++
        tp += totals.matches50
        tpAll += totals.matchesOverThresholds
        boxes += totals.left + totals.right
        iouSum += totals.iouSum
        const lo = Math.min(a1, a2)
        const hi = Math.max(a1, a2)
        const key = lo * annotators + hi
        let s = pairStats.get(key)
        if (s === undefined) pairStats.set(key, (s = new Float64Array(4)))
        s[0]!++
        s[1]! += totals.left + totals.right
        s[2]! += totals.matches50
        s[3]! += totals.iouSum
      }
    }
    if (compared === 0) continue
    item.push(code)
    stats.push(tp, tpAll, boxes, iouSum)
  }

  const values = Float64Array.from(stats)
  const n = item.length
  const sums = new Float64Array(COLUMNS)
  for (let i = 0; i < n; i++)
    for (let c = 0; c < COLUMNS; c++) sums[c]! += values[i * COLUMNS + c]!
  const statistics = [
    (s: Float64Array) => f1(s[0]!, s[2]!, 0),
    (s: Float64Array) => f1(s[1]! / THRESHOLD_COUNT, s[2]!, 0),
    (s: Float64Array) => (s[0]! > 0 ? s[3]! / s[0]! : NaN)
  ]
  const extra = { n_items: n, n: sums[2]! }
  const noBoxes =
    n === 0
      ? 'no item has two or more annotators'
      : 'no annotator drew a box on the items with two or more annotators'
  let metrics: MetricResult[] = [
    sums[2]! > 0
      ? defined(statistics[0]!(sums), extra)
      : undefinedMetric(noBoxes, extra),
    sums[2]! > 0
      ? defined(statistics[1]!(sums), extra)
      : undefinedMetric(noBoxes, extra),
    sums[0]! > 0
      ? defined(statistics[2]!(sums), { n_items: n, n: sums[0]! })
      : undefinedMetric(
          sums[2]! > 0 ? 'no pair of boxes matched at IoU >= 0.5' : noBoxes,
          { n_items: n, n: 0 }
        )
  ]
  if (options.bootstrap !== undefined && n > 0)
    metrics = bootstrapItemRatios(
      { columns: COLUMNS, values, items: n },
      statistics,
      metrics,
      options.bootstrap,
      'box-agreement'
    )

  const itemF1 = new Float64Array(n)
  const itemMeanIou = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const b = i * COLUMNS
    itemF1[i] = f1(values[b]!, values[b + 2]!, 0)
    itemMeanIou[i] = values[b]! > 0 ? values[b + 3]! / values[b]! : NaN
  }

  return {
    metrics: {
      pairwise_box_f1_50: metrics[0]!,
      pairwise_box_f1_50_95: metrics[1]!,
      pairwise_box_mean_iou: metrics[2]!
    },
    classes: classAgreement(table, tally),
    pairs: pairAgreement(table, pairStats),
    item: Int32Array.from(item),
    itemF1,
    itemMeanIou
  }
}

/** Annotator code → its position in name order. */
function annotatorRank(table: ElementTable): Int32Array {
  const names = table.annotators.values
  const order = Array.from(names.keys()).sort((a, b) =>
    names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0
  )
  const rank = new Int32Array(names.length)
  order.forEach((code, position) => (rank[code] = position))
  return rank
}

/** True when the annotator of rows[p] already has an earlier row of this item (the first one counts). */
function seenBefore(
  rows: Int32Array,
  from: number,
  p: number,
  annotator: Int32Array
): boolean {
  const a = annotator[rows[p]!]!
  for (let k = from; k < p; k++) if (annotator[rows[k]!] === a) return true
  return false
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null
}

function classAgreement(
  table: ElementTable,
  tally: BoxTally
): BoxClassAgreement[] {
  const names = table.labels.values
  const out: BoxClassAgreement[] = []
  for (let c = 0; c < tally.classes; c++) {
    const boxes = tally.left[c]! + tally.right[c]!
    if (boxes === 0) continue
    const m = tally.matches50[c]!
    out.push({
      label: names[c]!,
      boxes,
      matches_50: m,
      f1_50: finite(f1(m, boxes, 0)),
      f1_50_95: finite(
        f1(tally.matchesOverThresholds[c]! / THRESHOLD_COUNT, boxes, 0)
      ),
      mean_iou: m > 0 ? tally.iouSum[c]! / m : null
    })
  }
  return out.sort((x, y) =>
    x.label < y.label ? -1 : x.label > y.label ? 1 : 0
  )
}

function pairAgreement(
  table: ElementTable,
  pairStats: Map<number, Float64Array>
): BoxPairAgreement[] {
  const names = table.annotators.values
  const k = table.annotators.size
  const out: BoxPairAgreement[] = []
  for (const [key, s] of pairStats) {
    const a = names[Math.floor(key / k)]!
    const b = names[key % k]!
    const [x, y] = a <= b ? [a, b] : [b, a]
    out.push({
      a: x,
      b: y,
      n_items: s[0]!,
      boxes: s[1]!,
      f1_50: finite(f1(s[2]!, s[1]!, 0)),
      mean_iou: s[2]! > 0 ? s[3]! / s[2]! : null
    })
  }
  return out.sort((p, q) =>
    p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0
  )
}
