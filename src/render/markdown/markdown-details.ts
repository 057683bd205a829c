import { formatCount } from '../shared/format-number.js'

/** A collapsible section; `summary` and `body` must already be safe Markdown. */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`
}

/** `and 12 more annotators.` under a shortened table; empty when none is hidden. */
export function more(hidden: number, what: string): string {
  return hidden > 0 ? `\n\n_and ${formatCount(hidden)} more ${what}._` : ''
}
