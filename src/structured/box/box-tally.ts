import type { MatchPairs } from './match-log.js'
import { IOU_THRESHOLDS, thresholdsReached } from './match-boxes.js'

/** Number of IoU thresholds in 0.50:0.05:0.95. */
export const THRESHOLD_COUNT = IOU_THRESHOLDS.length

/**
 * Additive counts of one comparison of box sets, per class: boxes on each
 * side, matches at IoU >= 0.5, matches summed over the ten thresholds of
 * 0.50:0.95, and the IoU summed over the matches at 0.5. Every box metric is
 * a ratio of these sums, so tallies of shards, items or annotators add.
 *
 * F1 averaged over the ten thresholds is 2 * mean_t(TP_t) / (|A| + |B|),
 * because the denominator does not depend on t: `matchesOverThresholds / 10`
 * is that mean.
 */
export class BoxTally {
  readonly left: Float64Array
  readonly right: Float64Array
  readonly matches50: Float64Array
  readonly matchesOverThresholds: Float64Array
  readonly iouSum: Float64Array

  constructor(readonly classes: number) {
    this.left = new Float64Array(classes)
    this.right = new Float64Array(classes)
    this.matches50 = new Float64Array(classes)
    this.matchesOverThresholds = new Float64Array(classes)
    this.iouSum = new Float64Array(classes)
  }
}

/** The totals of one comparison (or of a sum of them), over all classes. */
export interface MatchTotals {
  left: number
  right: number
  matches50: number
  matchesOverThresholds: number
  iouSum: number
}

export function emptyTotals(): MatchTotals {
  return {
    left: 0,
    right: 0,
    matches50: 0,
    matchesOverThresholds: 0,
    iouSum: 0
  }
}

/**
 * Adds a match's result (the matcher's last, or one replayed from a log), for box sets with labels in `leftLabel`
 * [leftFrom, leftTo) and `rightLabel` [rightFrom, rightTo), to `tally` (per
 * class) and returns its totals in `into` (reset first).
 */
export function tallyMatch(
  matcher: MatchPairs,
  leftLabel: Int32Array,
  leftFrom: number,
  leftTo: number,
  rightLabel: Int32Array,
  rightFrom: number,
  rightTo: number,
  tally: BoxTally,
  into: MatchTotals
): MatchTotals {
  for (let e = leftFrom; e < leftTo; e++) tally.left[leftLabel[e]!]!++
  for (let e = rightFrom; e < rightTo; e++) tally.right[rightLabel[e]!]!++
  into.left = leftTo - leftFrom
  into.right = rightTo - rightFrom
  into.matches50 = 0
  into.matchesOverThresholds = 0
  into.iouSum = 0
  for (let k = 0; k < matcher.count; k++) {
    const value = matcher.pairIou[k]!
    const reached = thresholdsReached(value)
    if (reached === 0) continue
    const c = matcher.pairLabel[k]!
    tally.matches50[c]!++
    tally.matchesOverThresholds[c]! += reached
    tally.iouSum[c]! += value
    into.matches50++
    into.matchesOverThresholds += reached
    into.iouSum += value
  }
  return into
}

/** F1 from matches and the two sides' box counts; NaN without boxes. */
export function f1(matches: number, left: number, right: number): number {
  return left + right > 0 ? (2 * matches) / (left + right) : NaN
}
