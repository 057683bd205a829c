/**
 * The digamma function ψ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x
 * up to x ≥ 6, then the asymptotic series (Abramowitz & Stegun 6.3.18)
 * ψ(x) ≈ ln x − 1/2x − Σ B₂ₖ/(2k x²ᵏ). Absolute error below 1e-13 for
 * x ≥ 1e-6, checked against scipy.special.digamma in the tests. MACE's
 * variational M-step needs it (exp ψ of Dirichlet counts).
 */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN
  let result = 0
  while (x < 6) {
    result -= 1 / x
    x += 1
  }
  const f = 1 / (x * x)
  const series =
    f *
    (1 / 12 -
      f *
        (1 / 120 -
          f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - f * (691 / 32760))))))
  return result + Math.log(x) - 0.5 / x - series
}
