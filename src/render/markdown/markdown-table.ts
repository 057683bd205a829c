export type Align = 'left' | 'right' | 'center'

/**
 * A GitHub-flavoured Markdown table. Cells must already be Markdown that is
 * safe in a cell (escaped data, no line break, no unescaped `|`).
 */
export function markdownTable(
  header: string[],
  rows: string[][],
  align: Align[] = []
): string {
  const rule = header.map((_, i) => {
    const a = align[i] ?? 'left'
    return a === 'right' ? '---:' : a === 'center' ? ':---:' : '---'
  })
  return [header, rule, ...rows].map(line).join('\n')
}

function line(cells: string[]): string {
  // An empty cell still needs content between its pipes to keep its column.
  return `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`
}
