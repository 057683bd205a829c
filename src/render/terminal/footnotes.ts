/**
 * Numbered notes under a table, one per distinct text, so that a reason shared
 * by many undefined values (for example "no reference labels are configured")
 * is written once.
 */
export class Footnotes {
  private readonly numbers = new Map<string, number>()

  constructor(private readonly style: 'superscript' | 'bracket') {}

  /** The marker to put next to a value: `¹` or `[1]`. */
  mark(text: string): string {
    let n = this.numbers.get(text)
    if (n === undefined) {
      n = this.numbers.size + 1
      this.numbers.set(text, n)
    }
    return this.marker(n)
  }

  /** Notes in the order they were first marked. */
  entries(): { marker: string; text: string }[] {
    return [...this.numbers].map(([text, n]) => ({
      marker: this.marker(n),
      text
    }))
  }

  get size(): number {
    return this.numbers.size
  }

  private marker(n: number): string {
    if (this.style === 'bracket') return `[${n}]`
    return String(n).replace(/\d/g, (d) => SUPERSCRIPT_DIGITS[Number(d)]!)
  }
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹'
