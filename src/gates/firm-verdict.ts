import type { Interval } from '../metrics/result.js'

/**
 * Items needed for the interval to clear `threshold` at the current
 * estimate, when it straddles it now (low < threshold < high); undefined when
 * it does not straddle. The half-width of the usual intervals shrinks as
 * 1/√n, so at n items with half-width h on the threshold's side and margin
 * m = |estimate − threshold|, about n·(h/m)² items make h < m. Null when the
 * estimate equals the threshold (no sample size makes that firm).
 */
export function itemsForFirmVerdict(
  estimate: number,
  ci: Interval,
  threshold: number,
  n: number
): number | null | undefined {
  if (!(ci.low < threshold && threshold < ci.high)) return undefined
  const margin = Math.abs(estimate - threshold)
  if (margin === 0 || !(n > 0)) return null
  const halfWidth =
    threshold < estimate ? estimate - ci.low : ci.high - estimate
  // Round away float noise first (0.21 / 0.02 is not exactly 10.5), then up.
  return Math.ceil(Number((n * (halfWidth / margin) ** 2).toPrecision(12)))
}
