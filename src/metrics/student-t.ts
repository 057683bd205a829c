import { normalQuantile } from './wilson.js'

/**
 * Student's t distribution: its upper tail and its quantile, for the t
 * intervals of the agreement coefficients (Gwet 2014 uses t with n − 1
 * degrees of freedom, as irrCAC's `qt(1 - (1 - conflev)/2, n - 1)`).
 *
 * Hand-written because simple-statistics has no t quantile (only a normal
 * probit, and a t statistic without its distribution). The tail is the
 * regularized incomplete beta function, P(T > t) = I_x(ν/2, 1/2) / 2 with
 * x = ν/(ν + t²) (Abramowitz and Stegun 26.7.1), evaluated by Lentz's
 * continued fraction (Press et al., Numerical Recipes, 3rd ed., 6.4); the
 * quantile inverts it by bisection to 1e-13, which is as exact as R's `qt`
 * at the digits any report shows.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: relative error ~1e-15). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028,
    771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
  ]
  if (x < 0.5)
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  x -= 1
  let a = c[0]!
  const t = x + 7.5
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const step = d * c
    h *= step
    if (Math.abs(step - 1) < 1e-15) break
  }
  return h
}

/** The regularized incomplete beta function I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(
    logGamma(a + b) -
      logGamma(a) -
      logGamma(b) +
      a * Math.log(x) +
      b * Math.log(1 - x)
  )
  // The fraction converges fast for x < (a + 1)/(a + b + 2); use symmetry otherwise.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(a, b, x)) / a
    : 1 - (front * betaFraction(b, a, 1 - x)) / b
}

/** P(T > t) for Student's t with `df` degrees of freedom, t >= 0. */
export function studentUpperTail(t: number, df: number): number {
  if (t < 0) return 1 - studentUpperTail(-t, df)
  return 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5)
}

const quantiles = new Map<string, number>()

/**
 * The quantile t_{p, df}, p in (0, 1), df >= 1 (not necessarily an integer);
 * NaN outside that domain. Results are cached: a report asks for a few
 * (p, df) pairs many times.
 */
export function studentQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return NaN
  if (p < 0.5) return -studentQuantile(1 - p, df)
  if (p === 0.5) return 0
  const key = `${p}/${df}`
  const cached = quantiles.get(key)
  if (cached !== undefined) return cached
  const tail = 1 - p
  // t_{p, df} >= z_p; grow the upper end until it brackets the root.
  let low = normalQuantile(p)
  let high = Math.max(2 * low, 1)
  while (studentUpperTail(high, df) > tail) high *= 2
  for (let i = 0; i < 200 && high - low > 1e-13 * high; i++) {
    const mid = (low + high) / 2
    if (studentUpperTail(mid, df) > tail) low = mid
    else high = mid
  }
  const t = (low + high) / 2
  quantiles.set(key, t)
  return t
}
