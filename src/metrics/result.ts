/**
 * One computed statistic. `value` is null, with a `reason`, whenever the
 * statistic is undefined; never NaN, never a thrown error (docs/metrics.md).
 */
export interface Interval {
  low: number
  high: number
  /** Confidence level, for example 0.95. */
  level: number
  /**
   * How the interval was made: `wilson` (independent annotations),
   * `wilson-cluster` (Wilson with the design effect of annotations clustered
   * by item), `gwet` (Gwet's analytic variance, t with n - 1 df, clipped to
   * the coefficient's range), `bootstrap` (seeded item-level percentile
   * bootstrap), `mover` (a difference of two estimates, from their own
   * intervals: Newcombe 1998, Zou & Donner 2008; slice gaps), `linearized`
   * (a ratio of sums over items, Wald with its linearized variance over
   * items; span, box and multi_label slices).
   */
  method:
    'wilson' | 'wilson-cluster' | 'gwet' | 'bootstrap' | 'mover' | 'linearized'
}

export interface MetricResult {
  value: number | null
  reason?: string
  /** Units (items) the value rests on. */
  n_items?: number
  /** Observations (ratings or annotations) the value rests on. */
  n?: number
  /** Standard error of `value`, where an estimator exists; null when undefined. */
  se?: number | null
  ci?: Interval
  /** Which ratings the value rests on, for slice metrics (for example "all head ratings of the touched items"). */
  population?: string
}

export function defined(
  value: number,
  extra: Omit<MetricResult, 'value'> = {}
): MetricResult {
  return Number.isFinite(value)
    ? { value, ...extra }
    : { value: null, reason: 'the computation gave no finite number', ...extra }
}

export function undefinedMetric(
  reason: string,
  extra: Omit<MetricResult, 'value' | 'reason'> = {}
): MetricResult {
  return { value: null, reason, ...extra }
}

export interface PairwiseAgreement {
  a: string
  b: string
  n_items: number
  kappa: number | null
  percent_agreement: number | null
  /**
   * multi_label, span and box datasets: the pair's mean agreement of the
   * type (multi_label: 1 − MASI distance per shared item, averaged).
   */
  similarity?: number | null
}
