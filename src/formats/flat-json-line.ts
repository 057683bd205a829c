const LF = 0x0a
const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN = 0x7b
const CLOSE = 0x7d
const COLON = 0x3a
const COMMA = 0x2c
const MINUS = 0x2d
const PLUS = 0x2b
const DOT = 0x2e
const ZERO = 0x30
const NINE = 0x39

/** Keys of one line it compares for duplicates; a line with more takes JSON.parse. */
const MAX_KEYS = 64

/**
 * Reads the common JSON Lines record straight from bytes: one flat object
 * whose values are strings without escapes, numbers, true, false or null,
 * with no key twice, and whose wanted keys (the mapped fields) hold strings.
 * For such a line it finds the byte range of each wanted key's value, so a reader interns the bytes (as the CSV reader does)
 * instead of decoding the line, running JSON.parse and building an object.
 *
 * Hand-written on purpose: JSON.parse, the object it builds and the string
 * per value were 3.1 of the 5.8 s a 10^6-item JSONL file (219 MB) took to
 * read, and the duplicate-key scan of the text another 0.4 s.
 *
 * `scan` says yes only for a line that JSON.parse reads as such an object,
 * and no (the reader then takes the general path, which gives every error
 * and every other kind of value) for anything else: an escape in a string or
 * key, a control character in a string, a nested object or array, a key
 * twice, text before or after the object, invalid syntax. The bytes are
 * valid UTF-8 (checked before any reading), so the bytes of a string without
 * escapes are its UTF-8 encoding.
 */
export class FlatJsonLine {
  /** The distinct wanted keys, and for each the wanted indexes it fills. */
  private readonly keys: Uint8Array[]
  private readonly targets: number[][]
  /** Wanted key k's value is bytes[starts[k], ends[k]); -1 when the line lacks the key. */
  readonly starts: Int32Array
  readonly ends: Int32Array
  private readonly keyStarts = new Int32Array(MAX_KEYS)
  private readonly keyEnds = new Int32Array(MAX_KEYS)

  constructor(keys: readonly string[]) {
    const encoder = new TextEncoder()
    // Two mapped fields may name one key (a lineage or slice column that is
    // also the annotator column): the value goes to both.
    const distinct = [...new Set(keys)]
    this.keys = distinct.map((k) => encoder.encode(k))
    this.targets = distinct.map((key) =>
      keys.flatMap((k, i) => (k === key ? [i] : []))
    )
    this.starts = new Int32Array(keys.length)
    this.ends = new Int32Array(keys.length)
  }

  /** Scans bytes[start, end), one line without its LF; false: take the general path. */
  scan(bytes: Uint8Array, start: number, end: number): boolean {
    return this.scanLine(bytes, start, end) === end
  }

  /**
   * Scans the line that starts at `start` and ends at the next LF or at
   * `end`, finding that end as it goes (no second pass over the bytes to
   * find it): returns the LF's offset (or `end`), or -1 to take the
   * general path.
   */
  scanLine(bytes: Uint8Array, start: number, end: number): number {
    this.starts.fill(-1)
    let i = skipSpace(bytes, start, end)
    if (i >= end || bytes[i] !== OPEN) return -1
    i = skipSpace(bytes, i + 1, end)
    if (i < end && bytes[i] === CLOSE) return lineEnd(bytes, i + 1, end)
    let count = 0
    for (;;) {
      if (i >= end || bytes[i] !== QUOTE) return -1
      const keyStart = i + 1
      const keyEnd = stringEnd(bytes, keyStart, end)
      if (keyEnd < 0) return -1
      if (count === MAX_KEYS || this.seen(bytes, keyStart, keyEnd, count)) {
        return -1
      }
      this.keyStarts[count] = keyStart
      this.keyEnds[count++] = keyEnd
      i = skipSpace(bytes, keyEnd + 1, end)
      if (i >= end || bytes[i] !== COLON) return -1
      i = skipSpace(bytes, i + 1, end)
      if (i >= end) return -1
      let valueStart = i
      let valueEnd: number
      const isString = bytes[i] === QUOTE
      if (isString) {
        valueStart = i + 1
        valueEnd = stringEnd(bytes, valueStart, end)
        if (valueEnd < 0) return -1
        i = valueEnd + 1
      } else {
        valueEnd = scalarEnd(bytes, i, end)
        if (valueEnd < 0) return -1
        i = valueEnd
      }
      const d = this.wanted(bytes, keyStart, keyEnd)
      if (d >= 0) {
        // A wanted number, true, false or null: the general path turns it
        // into text (or a missing value) its own way.
        if (!isString) return -1
        for (const k of this.targets[d]!) {
          this.starts[k] = valueStart
          this.ends[k] = valueEnd
        }
      }
      i = skipSpace(bytes, i, end)
      if (i >= end) return -1
      if (bytes[i] === COMMA) {
        i = skipSpace(bytes, i + 1, end)
        continue
      }
      if (bytes[i] !== CLOSE) return -1
      return lineEnd(bytes, i + 1, end)
    }
  }

  /** Whether the key bytes[start, end) is among the line's first `count` keys. */
  private seen(
    bytes: Uint8Array,
    start: number,
    end: number,
    count: number
  ): boolean {
    const len = end - start
    for (let j = 0; j < count; j++) {
      const s = this.keyStarts[j]!
      if (this.keyEnds[j]! - s === len && equal(bytes, s, bytes, start, len)) {
        return true
      }
    }
    return false
  }

  /** Index of the distinct wanted key equal to bytes[start, end), or -1. */
  private wanted(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start
    for (let k = 0; k < this.keys.length; k++) {
      const key = this.keys[k]!
      if (key.length === len && equal(key, 0, bytes, start, len)) return k
    }
    return -1
  }
}

/** Offset of the LF (or `end`) after the object closed before `i`; -1 if text follows it. */
function lineEnd(bytes: Uint8Array, i: number, end: number): number {
  i = skipSpace(bytes, i, end)
  return i === end || bytes[i] === LF ? i : -1
}

/** JSON white space within a line: space, tab, CR. */
function skipSpace(bytes: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = bytes[i]!
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break
    i++
  }
  return i
}

/**
 * Offset of the quote that closes a string whose text starts at `i`; -1 for
 * an escape or a control character (the general path decides those) or no
 * closing quote.
 */
function stringEnd(bytes: Uint8Array, i: number, end: number): number {
  for (; i < end; i++) {
    const c = bytes[i]!
    if (c === QUOTE) return i
    if (c === BACKSLASH || c < 0x20) return -1
  }
  return -1
}

/** End of a JSON number, true, false or null starting at `i`; -1 if none is there. */
function scalarEnd(bytes: Uint8Array, i: number, end: number): number {
  const c = bytes[i]!
  if (c === 0x74) return literalEnd(bytes, i, end, 'true')
  if (c === 0x66) return literalEnd(bytes, i, end, 'false')
  if (c === 0x6e) return literalEnd(bytes, i, end, 'null')
  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  if (c === MINUS) i++
  if (i >= end) return -1
  if (bytes[i] === ZERO) i++
  else if (isDigit(bytes[i]!)) i = digitsEnd(bytes, i, end)
  else return -1
  if (i < end && bytes[i] === DOT) {
    if (i + 1 >= end || !isDigit(bytes[i + 1]!)) return -1
    i = digitsEnd(bytes, i + 1, end)
  }
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++
    if (i < end && (bytes[i] === PLUS || bytes[i] === MINUS)) i++
    if (i >= end || !isDigit(bytes[i]!)) return -1
    i = digitsEnd(bytes, i, end)
  }
  return i
}

function literalEnd(
  bytes: Uint8Array,
  i: number,
  end: number,
  word: string
): number {
  if (i + word.length > end) return -1
  for (let j = 0; j < word.length; j++) {
    if (bytes[i + j] !== word.charCodeAt(j)) return -1
  }
  return i + word.length
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE
}

function digitsEnd(bytes: Uint8Array, i: number, end: number): number {
  while (i < end && isDigit(bytes[i]!)) i++
  return i
}

function equal(
  a: Uint8Array,
  as: number,
  b: Uint8Array,
  bs: number,
  len: number
): boolean {
  for (let j = 0; j < len; j++) if (a[as + j] !== b[bs + j]) return false
  return true
}
