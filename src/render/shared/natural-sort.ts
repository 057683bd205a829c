/**
 * Ids as people count them: `2_` before `10_`, `109_` before `1000_`. The
 * collator's root locale with numeric ordering is the same on every machine.
 */
const collator = new Intl.Collator('en', {
  numeric: true,
  sensitivity: 'variant'
})

export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}
