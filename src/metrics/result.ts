/**
 * One computed statistic. `value` is null, with a `reason`, whenever the
 * statistic is undefined; never NaN, never a thrown error (DESIGN section 5).
 */
export interface Interval {
  low: number
  high: number
  /** Confidence level, for example 0.95. */
  level: number
  method: 'wilson'
}

export interface MetricResult {
  value: number | null
  reason?: string
  /** Units (items) the value rests on. */
  n_items?: number
  /** Observations (ratings or annotations) the value rests on. */
  n?: number
  ci?: Interval
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
