import type { Align } from '../markdown/markdown-table.js'

/** A cell and an optional style applied after padding, so colour never skews the columns. */
export type TextCell =
  string | { text: string; style: (text: string) => string }

/**
 * Columns padded to their widest cell, for a monospaced terminal. Cells must
 * be plain text (already cleaned); widths are counted in code points, which
 * is right for most labels (wide CJK characters will look a little off).
 */
export function textTable(
  rows: TextCell[][],
  options: { align?: Align[]; indent?: string } = {}
): string[] {
  const { align = [], indent = '' } = options
  const widths: number[] = []
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(textOf(cell)))
    })
  }
  return rows.map((row) => {
    const cells = row.map((cell, i) => {
      const text = textOf(cell)
      const pad = ' '.repeat((widths[i] ?? 0) - width(text))
      // The last left-aligned cell needs no trailing spaces.
      const padded =
        align[i] === 'right'
          ? pad + text
          : i === row.length - 1
            ? text
            : text + pad
      return typeof cell === 'string' ? padded : cell.style(padded)
    })
    // Empty cells at the end would leave trailing spaces.
    return (indent + cells.join('  ')).trimEnd()
  })
}

function textOf(cell: TextCell): string {
  return typeof cell === 'string' ? cell : cell.text
}

function width(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}
