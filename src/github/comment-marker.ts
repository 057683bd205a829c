import { REPORT_MARKER } from '../render/markdown/render-markdown.js'

/** Ids that are safe inside an HTML comment and readable in the marker. */
const ID = /^[A-Za-z0-9._/-]{1,100}$/

/**
 * The hidden first line that identifies our sticky PR comment. The renderer
 * writes the plain marker; an id (for example the config's path) gives each
 * of several configs on one PR a comment of its own, so they don't overwrite
 * each other: `<!-- labelgate:report:<id> -->`.
 */
export function commentMarker(id?: string): string {
  if (id === undefined || id === '') return REPORT_MARKER
  if (!ID.test(id) || id.includes('--')) {
    throw new Error(
      `comment marker id ${JSON.stringify(id)}: use 1-100 letters, digits, ".", "_", "/" or "-" (no "--")`
    )
  }
  return REPORT_MARKER.replace(/ -->$/, `:${id} -->`)
}

/** Any labelgate marker line, with or without an id. */
const ANY_MARKER = /^<!-- labelgate:report(?::[^\s]*)? -->$/

/**
 * The body with `marker` as its first line: a renderer's marker line (with
 * another or no id) is replaced, and a body without one gets it prepended.
 */
export function withMarker(body: string, marker: string): string {
  const [first, rest] = splitFirstLine(body)
  if (first.trim() === marker) return body
  if (ANY_MARKER.test(first.trim())) return `${marker}\n${rest}`
  return `${marker}\n${body}`
}

/**
 * Whether a comment carries `marker` as its first line. Only the first line
 * counts: a comment quoting ours, or a label string that slipped through as
 * text, must not be taken for our comment.
 */
export function hasMarker(
  body: string | null | undefined,
  marker: string
): boolean {
  return body != null && splitFirstLine(body)[0].trim() === marker
}

function splitFirstLine(text: string): [string, string] {
  const end = text.indexOf('\n')
  if (end < 0) return [text, '']
  // Bodies edited in the browser come back with CRLF line ends.
  const first = text.slice(0, end).replace(/\r$/, '')
  return [first, text.slice(end + 1)]
}
