import { shorten } from '../../util/shorten.js'
import type { Align } from '../markdown/markdown-table.js'

/** A cell and an optional style applied after padding, so colour never skews the columns. */
export type TextCell =
  string | { text: string; style: (text: string) => string }

/**
 * Columns padded to their widest cell, for a monospaced terminal. Cells must
 * be plain text (already cleaned); widths are counted in code points, which
 * is right for most labels (wide CJK characters will look a little off).
 *
 * With `fit`, a table wider than `fit.width` cuts the cells of `fit.column`
 * (a data column: ids, labels) with `…` until it fits, down to the width of
 * that column's header: a line cut at the terminal's edge would lose the
 * columns on the right, which hold the values.
 */
export function textTable(
  rows: TextCell[][],
  options: {
    align?: Align[]
    indent?: string
    fit?: { width: number; column: number }
  } = {}
): string[] {
  const { align = [], indent = '', fit } = options
  const widths: number[] = []
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(textOf(cell)))
    })
  }
  let cut: number | undefined
  if (fit !== undefined && widths[fit.column] !== undefined) {
    const total =
      width(indent) +
      widths.reduce((t, w) => t + w, 0) +
      2 * (widths.length - 1)
    const floor = Math.max(8, width(textOf(rows[0]?.[fit.column] ?? '')))
    if (total > fit.width) {
      cut = Math.max(floor, widths[fit.column]! - (total - fit.width))
      widths[fit.column] = Math.min(widths[fit.column]!, cut)
    }
  }
  return rows.map((row) => {
    const cells = row.map((cell, i) => {
      const text =
        cut !== undefined && i === fit?.column
          ? shorten(textOf(cell), cut)
          : textOf(cell)
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
