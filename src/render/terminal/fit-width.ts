/* eslint-disable no-control-regex -- these patterns match our own SGR colour codes */
/** An SGR colour sequence, the only escape our own styles write. */
const SGR = /\u001b\[[0-9;]*m/y

/** Columns when the output is not a terminal (a CI log, a pipe). */
export const DEFAULT_WIDTH = 100

/** The narrowest width we lay out for; a smaller terminal wraps. */
const MIN_WIDTH = 40

/** Columns a line takes on a terminal: its characters without our colour codes. */
export function visibleWidth(line: string): number {
  let visible = 0
  for (const _ of line.replace(/\u001b\[[0-9;]*m/g, '')) visible++
  return visible
}

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

/**
 * A line laid out for `width` columns. Prose (no colour, no column gap of
 * two spaces after its indent) wraps at spaces onto lines indented two more,
 * so a CI log loses nothing; table rows and coloured lines are cut with `…`.
 */
export function layoutLine(line: string, width: number): string {
  const max = Math.max(MIN_WIDTH, Math.floor(width))
  if ([...line].length <= max) return line
  const indent = /^ */.exec(line)![0]
  const body = line.slice(indent.length)
  if (line.includes('\u001b') || / {2}/.test(body)) return fitLine(line, max)
  const out: string[] = []
  let current = indent
  const next = indent + '  '
  for (const word of body.split(' ')) {
    const candidate =
      current.trim() === '' ? current + word : `${current} ${word}`
    if ([...candidate].length <= max || current.trim() === '') {
      current = candidate
    } else {
      out.push(current)
      current = next + word
    }
  }
  out.push(current)
  return out.map((l) => fitLine(l, max)).join('\n')
}
