import { gammaln } from 'simple-statistics'

// Numerical Recipes, 3rd ed. (Press et al. 2007), section 6.2: the series
// (6.2.5) converges fast for x < a + 1, the continued fraction (6.2.7, by the
// modified Lentz method, section 5.2) elsewhere; each gives its own tail
// directly, so small upper tails keep their relative precision.
const EPS = Number.EPSILON
const FPMIN = Number.MIN_VALUE / EPS
// Both converge in O(sqrt(a)) terms; this is far beyond any df labelgate meets.
const MAX_TERMS = 100_000

/**
 * Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function
 * (Abramowitz & Stegun 6.5.3), for a > 0 and x >= 0. The chi-square
 * survival function is Q(df / 2, x / 2) (A&S 26.4.19). `simple-statistics`
 * has `gammaln` (a Lanczos approximation) but no incomplete gamma.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN
  if (x === 0) return 1
  if (x === Infinity) return 0
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperFraction(a, x)
}

/** ln of the common prefactor x^a e^-x / Γ(a). */
function logPrefactor(a: number, x: number): number {
  return a * Math.log(x) - x - gammaln(a)
}

/** P(a, x) by the series Σ x^n / (a (a+1) ... (a+n)) (NR 6.2.5). */
function lowerSeries(a: number, x: number): number {
  let ap = a
  let term = 1 / a
  let sum = term
  for (let n = 0; n < MAX_TERMS; n++) {
    ap++
    term *= x / ap
    sum += term
    if (Math.abs(term) < Math.abs(sum) * EPS) break
  }
  return sum * Math.exp(logPrefactor(a, x))
}

/** Q(a, x) by the continued fraction (NR 6.2.7), modified Lentz. */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a
  let c = 1 / FPMIN
  let d = 1 / b
  let h = d
  for (let i = 1; i <= MAX_TERMS; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < FPMIN) d = FPMIN
    c = b + an / c
    if (Math.abs(c) < FPMIN) c = FPMIN
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < EPS) break
  }
  return Math.exp(logPrefactor(a, x)) * h
}
