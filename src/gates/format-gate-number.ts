import { isPercentMetric } from '../metrics/names.js'

/** Gate messages show proportions as percents, coefficients to 3 places. */
export function formatGateNumber(metric: string, value: number): string {
  return isPercentMetric(metric)
    ? `${(value * 100).toFixed(1)}%`
    : value.toFixed(3)
}
