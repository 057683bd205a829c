import type { MetricResult, Interval } from '../metrics/result.js'

/**
 * Quality by slice (config `slices`): the head version's metrics computed
 * separately for each value of each named metadata column, and the gap
 * between the best and the worst slice. One population per group: the head
 * annotations whose row carries that value (and the reference labels of their
 * items). Absent from a dataset report when the config names no slices.
 */
export interface SliceReport {
  /** The metadata columns (or JSON keys) named in the config, in config order. */
  columns: string[]
  /** One group per column and value, in column order, then by value (code point order). */
  groups: SliceGroup[]
  /** Per column and metric: the largest difference between slice values with enough items. */
  gaps: SliceGap[]
  /** Groups shortened in the JSON report (more than 1,000 values in all); absent when none were. */
  capped?: { total: number; shown: number; kept: string }
}

export interface SliceGroup {
  column: string
  /** The value as written in the label file; "" for rows that leave the column empty. */
  value: string
  counts: {
    items: number
    annotators: number
    annotations: number
    reference_items: number
  }
  /** Every dataset metric of the type, computed over this group alone, with its interval and n. */
  metrics: Record<string, MetricResult>
}

export interface SliceGap {
  column: string
  metric: string
  /** Groups with at least `min_items` items and a defined value that the gap compares. */
  groups_compared: number
  /** The worst and the best group (lowest and highest; reversed for lower-is-better metrics). */
  worst: { value: string; estimate: number; n_items: number } | null
  best: { value: string; estimate: number; n_items: number } | null
  /** best − worst, as a distance (≥ 0); null with a reason when fewer than two groups qualify. */
  gap: number | null
  reason?: string
  /** Interval of the difference between the two groups' estimates. */
  ci?: Interval
  /** Groups with at least this many items (the metric's n_items) are compared. */
  min_items?: number
  /** Two-sided p-value of "no difference" between the worst and best group. */
  p_value?: number | null
  /** The test behind p_value: `two-proportion z (Rao–Scott)`, `two-proportion z`, `Wald z`. */
  test?: string
  /** Pairwise comparisons that picking the best and worst of the compared groups makes: k(k − 1)/2. */
  comparisons?: number
  /**
   * p_value corrected for those comparisons (Bonferroni) and, for a gap a
   * `slice_gap` gate judges, for the dataset's other gated gaps (Holm).
   */
  p_adjusted?: number | null
  /** p_adjusted below the level (the gate's `significance`, default 0.05). */
  significant?: boolean
}
