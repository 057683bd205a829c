import type { Interval } from './result.js'

/**
 * Wilson score interval for a binomial proportion `successes / n`.
 *
 * Source: E. B. Wilson, "Probable inference, the law of succession, and
 * statistical inference", JASA 22 (1927) 209-212; method 3 in R. G. Newcombe,
 * "Two-sided confidence intervals for the single proportion: comparison of
 * seven methods", Statistics in Medicine 17 (1998) 857-872:
 *
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z · sqrt(p(1 − p)/n + z²/4n²) / (1 + z²/n)
 *
 * Written in the same order of operations as statsmodels'
 * `proportion_confint(method='wilson')`, so the fixtures agree to rounding.
 * The interval lies in [0, 1] mathematically; the clamp only removes rounding
 * residue such as -1e-17 at p = 0. Returns undefined when n is 0.
 */
export function wilsonInterval(
  successes: number,
  n: number,
  level = 0.95
): Interval | undefined {
  if (!(n > 0) || !(level > 0 && level < 1)) return undefined
  const z = normalQuantile(1 - (1 - level) / 2)
  const p = successes / n
  const z2 = z * z
  const denominator = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denominator
  const half =
    (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator
  return {
    low: Math.max(0, centre - half),
    high: Math.min(1, centre + half),
    level,
    method: 'wilson'
  }
}

/**
 * The standard normal quantile Φ⁻¹(p), by M. J. Wichura, "Algorithm AS 241:
 * The percentage points of the normal distribution", Applied Statistics 37
 * (1988) 477-484 (PPND16, relative error about 1e-16; the algorithm behind R's
 * `qnorm`). The coefficients are the published ones written as the shortest
 * decimals of the same doubles (the paper prints more digits than a double holds).
 *
 * Why not `simple-statistics`' `probit`: it uses Winitzki's closed-form
 * approximation of erf⁻¹, which gives 1.9572 instead of 1.95996 at 0.975,
 * an error of 3e-3 that would show in every reported interval.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity
    if (p === 1) return Infinity
    return NaN
  }
  const q = p - 0.5
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r +
          67265.7709270087) *
          r +
          45921.95393154987) *
          r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852854 + 28729.085735721943) * r +
        39307.89580009271) *
        r +
        21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    )
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p))
  let value: number
  if (r <= 5) {
    r -= 1.6
    value =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r +
        0.2417807251774506) *
        r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r +
        0.015198666563616457) *
        r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1)
  } else {
    r -= 5
    value =
      (((((((r * 2.0103343992922881e-7 + 0.000027115555687434876) * r +
        0.0012426609473880784) *
        r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r +
        0.000018463183175100548) *
        r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1)
  }
  return q < 0 ? -value : value
}

/**
 * Wilson interval for a proportion of annotations clustered by item
 * (several annotations of one item are not independent): Σ y_i / Σ m_i over
 * items i with m_i compared annotations of which y_i are hits.
 *
 * The ratio estimator's variance over items (Cochran 1977, Sampling
 * Techniques, 3rd ed., eq. 6.13, with f = 0),
 *   v = n/(n − 1) · Σ_i (y_i − p m_i)² / M²,   M = Σ m_i,
 * against the independent-annotations variance p(1 − p)/M gives the design
 * effect d = v·M/(p(1 − p)) (Kish 1965); Wilson's interval is then taken
 * with the effective sample size M/d (Korn and Graubard 1998,
 * "Confidence intervals for proportions with small expected number of
 * positive counts estimated from survey data", Survey Methodology 24, use
 * the same device). d is floored at 1, so the interval is never narrower
 * than plain Wilson; at p = 0 or 1, or with a single item, d is taken as 1
 * and as M (one item is one observation) respectively.
 * `sumSquares` is Σ_i (y_i − p m_i)²; returns the interval and the standard
 * error √(d·p(1 − p)/M).
 */
export function clusteredWilsonInterval(
  successes: number,
  total: number,
  items: number,
  sumSquares: number,
  level = 0.95
): { ci: Interval; se: number } | undefined {
  if (!(total > 0) || items < 1) return undefined
  const p = successes / total
  const independent = (p * (1 - p)) / total
  let deff = 1
  if (items < 2) deff = total
  else if (independent > 0) {
    const v = ((items / (items - 1)) * sumSquares) / (total * total)
    deff = Math.max(1, v / independent)
  }
  const nEff = total / deff
  const ci = wilsonInterval(p * nEff, nEff, level)
  if (ci === undefined) return undefined
  return {
    ci: { ...ci, method: 'wilson-cluster' },
    se: Math.sqrt(deff * independent)
  }
}
