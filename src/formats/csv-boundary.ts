const LF = 0x0a
const CR = 0x0d
const QUOTE = 0x22

/** Where a parallel read may cut a delimited file's bytes. */
export interface RecordCut {
  /**
   * The end of the last complete record in bytes[pos, limit) (after its CR,
   * LF or CRLF): a record starts there, at the start of a line. `pos` when
   * no record ends before `limit`.
   */
  cut: number
  /**
   * The bytes break `CsvScanner`'s rules after `cut` (a closing quote
   * followed by text): the record there stops the run, so no later cut is
   * looked for.
   */
  broken: boolean
}

/**
 * The last record end in bytes[pos, limit), which starts at a record:
 * `CsvScanner`'s rules exactly, so the records on either side of the cut are
 * the ones a scan of the whole file reads. A CR, LF or CRLF ends a record
 * unless it is inside a quoted field; a quote opens a quoted field only as a
 * field's first byte (elsewhere it is text, as the scanner's lenient rule
 * reads it); `""` inside a quoted field is a quote. A cut is never between
 * the CR and LF of a CRLF, so a CR as the last byte is not taken.
 *
 * Without a quote in the bytes (the common case, found by a native search)
 * every line end is a record end, and only the last one is looked for.
 */
export function lastRecordEnd(
  bytes: Uint8Array,
  pos: number,
  limit: number,
  delimiter: number
): RecordCut {
  // Buffer's searches are memchr; a typed array's indexOf is a plain loop.
  const piece = Buffer.from(bytes.buffer, bytes.byteOffset + pos, limit - pos)
  if (piece.indexOf(QUOTE) < 0) {
    return { cut: pos + lastLineEnd(piece), broken: false }
  }
  return scanRecords(bytes, pos, limit, delimiter)
}

/** After the last LF, or the last CR not followed by LF, before the last byte or an LF at it; 0 if none. */
function lastLineEnd(piece: Buffer): number {
  const n = piece.length
  const lf = n > 0 ? piece.lastIndexOf(LF, n - 1) : -1
  const cr = n > 1 ? piece.lastIndexOf(CR, n - 2) : -1
  // A CR followed by an LF ends before that LF's end, which `lf` covers.
  return Math.max(lf, cr) + 1
}

const FIELD_START = 0
const UNQUOTED = 1
const QUOTED = 2
const AFTER_QUOTE = 3

/** `lastRecordEnd` by following the scanner's states byte by byte. */
function scanRecords(
  bytes: Uint8Array,
  pos: number,
  limit: number,
  delimiter: number
): RecordCut {
  let cut = pos
  let state = FIELD_START
  let i = pos
  while (i < limit) {
    const c = bytes[i]!
    if (state === QUOTED) {
      if (c === QUOTE) {
        // Whether it closes the field or is the first of `""` shows next.
        if (i + 1 >= limit) break
        if (bytes[i + 1] === QUOTE) i += 2
        else {
          state = AFTER_QUOTE
          i++
        }
        continue
      }
      i++
      continue
    }
    if (c === LF || c === CR) {
      if (c === CR) {
        if (i + 1 >= limit) break
        if (bytes[i + 1] === LF) i++
      }
      i++
      cut = i
      state = FIELD_START
      continue
    }
    if (c === delimiter) state = FIELD_START
    else if (state === FIELD_START) state = c === QUOTE ? QUOTED : UNQUOTED
    else if (state === AFTER_QUOTE) return { cut, broken: true }
    i++
  }
  return { cut, broken: false }
}
