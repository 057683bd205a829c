import type { Random32 } from '../../governance/seeded-random.js'

// Poisson(1) cumulative probabilities P(X <= k), k = 0 .. 19, scaled to 2^32.
const THRESHOLDS = (() => {
  const out = new Float64Array(20)
  let p = Math.exp(-1)
  let c = 0
  for (let k = 0; k < 20; k++) {
    c += p
    out[k] = c * 4294967296
    p /= k + 1
  }
  return out
})()

/**
 * One Poisson(1) draw by inversion with a single 32-bit uniform: the
 * document-level bootstraps draw one multiplicity per document (10^5
 * documents x 1,000 resamples), where `poisson` (two uniforms and a
 * product loop per draw) dominated the run time. Exact up to the 2^-32
 * resolution of the uniform (P(X > 12) < 2^-32 anyway).
 */
export function poissonOne(next: Random32): number {
  const u = next() >>> 0
  let k = 0
  while (k < 19 && u >= THRESHOLDS[k]!) k++
  return k
}
