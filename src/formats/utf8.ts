/** Byte-level UTF-8 helpers for the readers, which work on bytes, not strings. */
// ignoreBOM: a value that is or starts with U+FEFF keeps it, as the interner
// keeps it (a file's own BOM is skipped before any value is read). Without
// it a CSV cell or JSON string of just U+FEFF decoded to '' and passed the
// blank-id check that U+00A0 fails.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * Decodes bytes[start, end). Short ASCII runs (ids, labels) skip TextDecoder,
 * whose per-call cost dominates for a million small fields.
 */
export function decodeUtf8(
  bytes: Uint8Array,
  start: number,
  end: number
): string {
  if (end - start <= 32) {
    let text = ''
    let i = start
    for (; i < end; i++) {
      const c = bytes[i]!
      if (c >= 0x80) break
      text += String.fromCharCode(c)
    }
    if (i === end) return text
  }
  return decoder.decode(bytes.subarray(start, end))
}

/** 1-based line of a byte offset; LF, CRLF and a lone CR each end a line. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) {
    const c = bytes[i]
    if (c === 0x0a) line++
    else if (c === 0x0d && bytes[i + 1] !== 0x0a) line++
  }
  return line
}

/** 1-based column (in characters) of a byte offset within its line. */
export function columnAt(bytes: Uint8Array, offset: number): number {
  let start = offset
  while (start > 0 && bytes[start - 1] !== 0x0a && bytes[start - 1] !== 0x0d) {
    start--
  }
  let column = 1
  // Count characters, not bytes: skip UTF-8 continuation bytes.
  for (let i = start; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++
  return column
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length
  let i = 0
  while (i < n) {
    const c = bytes[i]!
    if (c < 0x80) {
      i++
      continue
    }
    let need: number
    let min: number
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1
      min = 0x80
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2
      min = 0x800
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3
      min = 0x10000
    } else {
      return i
    }
    let cp = c & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const cc = bytes[i + k]
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (cc & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += need + 1
  }
  return -1
}
