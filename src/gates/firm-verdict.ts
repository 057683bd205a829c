import type { Interval } from '../metrics/result.js'
import { EQUAL_TOLERANCE } from './equal-tolerance.js'

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
  // An estimate within float noise of the threshold equals it: a margin of
  // 4e-16 would ask for some 10³¹ items, not say that none make it firm.
  if (margin <= EQUAL_TOLERANCE || !(n > 0)) return null
  const halfWidth =
    threshold < estimate ? estimate - ci.low : ci.high - estimate
  // Round away float noise first (0.21 / 0.02 is not exactly 10.5), then up.
  return Math.ceil(Number((n * (halfWidth / margin) ** 2).toPrecision(12)))
}
