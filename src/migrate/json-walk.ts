/*
 * A walk over JSON text that the readers have already validated: offsets of
 * keys and values, so a rewrite can replace one value's text and keep every
 * other character (spacing, key order, escapes) as it was.
 */

/** Counts lines up to increasing offsets (LF, CRLF and a lone CR end a line). */
export class LineCounter {
  private at = 0
  private line = 1
  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    const t = this.text
    for (; this.at < offset; this.at++) {
      const c = t.charCodeAt(this.at)
      if (c === 0x0a || (c === 0x0d && t.charCodeAt(this.at + 1) !== 0x0a)) {
        this.line++
      }
    }
    return this.line
  }
}

export function skipSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break
    i++
  }
  return i
}

/**
 * The walk is only given text the readers accepted; should a record still
 * not be JSON where the walk expects it, it stops here instead of running
 * past the end of the text.
 */
function mustBeInside(text: string, i: number): void {
  if (i >= text.length)
    throw new Error('JSON walk ran past the end of the text')
}

/** Past the string that opens at `i` (valid JSON: no raw line breaks inside). */
function skipString(text: string, i: number): number {
  for (i++; ; i++) {
    mustBeInside(text, i)
    const c = text.charCodeAt(i)
    if (c === 0x5c) i++
    else if (c === 0x22) return i + 1
  }
}

/** Past the JSON value that starts at `i`. */
export function skipValue(text: string, i: number): number {
  const c = text[i]
  if (c === '"') return skipString(text, i)
  if (c === '{' || c === '[') {
    let depth = 0
    for (;;) {
      mustBeInside(text, i)
      const d = text[i]
      if (d === '"') {
        i = skipString(text, i)
        continue
      }
      if (d === '{' || d === '[') depth++
      else if (d === '}' || d === ']') {
        depth--
        if (depth === 0) return i + 1
      }
      i++
    }
  }
  while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++
  return i
}

/** Calls `visit` with each key of the object at `i` and its value's span. */
export function membersOf(
  text: string,
  i: number,
  visit: (key: string, start: number, end: number) => void
): void {
  i++ // past '{'
  for (;;) {
    i = skipSpace(text, i)
    mustBeInside(text, i)
    if (text[i] === '}') return
    const keyEnd = skipString(text, i)
    const key = JSON.parse(text.slice(i, keyEnd)) as string
    i = skipSpace(text, keyEnd) + 1 // past ':'
    i = skipSpace(text, i)
    const end = skipValue(text, i)
    visit(key, i, end)
    i = skipSpace(text, end)
    if (text[i] === ',') i++
  }
}

/**
 * Calls `visit` with the span of each element of the array at `i`, and the
 * offset where the text after the previous element (or after `[`) begins:
 * what to cut, from there to the element's end, to drop the element with
 * the comma before it.
 */
export function elementsOf(
  text: string,
  i: number,
  visit: (start: number, end: number, previousEnd: number) => void
): void {
  let previousEnd = i + 1 // past '['
  i = previousEnd
  for (;;) {
    i = skipSpace(text, i)
    mustBeInside(text, i)
    if (text[i] === ']') return
    const end = skipValue(text, i)
    visit(i, end, previousEnd)
    previousEnd = end
    i = skipSpace(text, end)
    if (text[i] === ',') i++
  }
}
