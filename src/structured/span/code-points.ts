/**
 * Prodigy and spaCy count offsets in Unicode code points (Python `str`
 * indices); labelgate counts UTF-16 code units (JavaScript, Label Studio).
 * They differ only after a character outside the Basic Multilingual Plane
 * (an emoji, some CJK): this maps code-point offsets to UTF-16 offsets, or
 * returns null when the text has no such character (offsets are equal).
 */
export function codePointToUtf16(text: string): Int32Array | null {
  let astral = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      astral = true
      break
    }
  }
  if (!astral) return null
  const map: number[] = []
  let u = 0
  for (const ch of text) {
    map.push(u)
    u += ch.length
  }
  map.push(u)
  return Int32Array.from(map)
}

/** A code-point offset in UTF-16 units; out-of-range and non-integer values pass unchanged for the checks to report. */
export function toUtf16(map: Int32Array | null, offset: unknown): unknown {
  if (map === null || !Number.isInteger(offset)) return offset
  const o = offset as number
  return o >= 0 && o < map.length
    ? map[o]
    : o + (map[map.length - 1]! - (map.length - 1))
}
