/**
 * 4211 -> "4,211", the same on every machine whatever its locale: counts in
 * problem messages, gate messages and reports. Fractions are cut, not
 * rounded (a count is whole).
 */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : ''
  const digits = String(Math.trunc(Math.abs(n)))
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
