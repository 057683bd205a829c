import {
  defined,
  undefinedMetric,
  type MetricResult
} from '../metrics/result.js'

/**
 * Jensen-Shannon distance between two distributions given as counts over the
 * same labels: the square root of the Jensen-Shannon divergence
 * JSD(P, Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M), M = ½ (P + Q) (Lin 1991, IEEE Trans.
 * Inf. Theory 37(1):145-151), in bits, so it lies in [0, 1] and is a metric
 * (Endres & Schindelin 2003). As scipy's `jensenshannon(p, q, base=2)`.
 * Null when either side has no counts: there is no distribution.
 */
export function jensenShannonDistance(
  p: readonly number[],
  q: readonly number[]
): MetricResult {
  const pTotal = p.reduce((s, c) => s + c, 0)
  const qTotal = q.reduce((s, c) => s + c, 0)
  const n = pTotal + qTotal
  if (!(pTotal > 0) || !(qTotal > 0))
    return undefinedMetric(
      `no annotations at the ${pTotal > 0 ? 'head' : 'base'}`,
      { n }
    )
  let divergence = 0
  for (let k = 0; k < Math.max(p.length, q.length); k++) {
    const pk = (p[k] ?? 0) / pTotal
    const qk = (q[k] ?? 0) / qTotal
    const mk = (pk + qk) / 2
    // 0 log 0 = 0 by continuity; mk > 0 wherever pk or qk is.
    if (pk > 0) divergence += (pk * Math.log2(pk / mk)) / 2
    if (qk > 0) divergence += (qk * Math.log2(qk / mk)) / 2
  }
  // Rounding can leave the divergence a few ulps outside [0, 1].
  return defined(Math.sqrt(Math.min(1, Math.max(0, divergence))), { n })
}
