/**
 * UTF-16 code-unit order, the order of `<` on strings: the same on every
 * machine and locale (unlike `localeCompare`), so sorted outputs are stable.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
