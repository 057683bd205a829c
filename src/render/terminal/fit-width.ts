/** An SGR colour sequence, the only escape our own styles write. */
const SGR = /\u001b\[[0-9;]*m/y

/** Columns when the output is not a terminal (a CI log, a pipe). */
export const DEFAULT_WIDTH = 100

/** The narrowest width we lay out for; a smaller terminal wraps. */
const MIN_WIDTH = 40

/**
 * A line cut to `width` visible columns (code points; our own colour codes
 * take none), ending with `…` when cut. A cut inside a coloured span is
 * closed so the colour does not run on.
 */
export function fitLine(line: string, width: number): string {
  const max = Math.max(MIN_WIDTH, Math.floor(width))
  let visible = 0
  for (const _ of line.replace(/\u001b\[[0-9;]*m/g, '')) visible++
  if (visible <= max) return line
  let out = ''
  let shown = 0
  let styled = false
  for (let i = 0; i < line.length;) {
    SGR.lastIndex = i
    const m = SGR.exec(line)
    if (m !== null) {
      out += m[0]
      styled = m[0] !== '\u001b[39m' && m[0] !== '\u001b[22m'
      i += m[0].length
      continue
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!)
    if (shown === max - 1) break
    out += ch
    shown++
    i += ch.length
  }
  return out + '…' + (styled ? '\u001b[39m\u001b[22m' : '')
}
