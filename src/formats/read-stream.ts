import { isUtf8 } from 'node:buffer'
import { UserError } from '../errors.js'
import type { ChunkPool } from './chunk-pool.js'
import type { ByteStream } from '../source/byte-stream.js'
import { lfsPointerError, startsWithLfsPointer } from './text-checks.js'
import { firstInvalidUtf8 } from './utf8.js'

/**
 * The buffer a streamed file is read into. 4 MiB: large enough that a read
 * call and a scanner restart per piece cost nothing measurable, small next
 * to any table a big file fills.
 */
export const CHUNK_BYTES = 4 << 20

/** Bytes the first piece must hold for the checks of a file's start (LFS pointer, BOM). */
const HEAD = 64
const BINARY_PROBE = 8192

/** A reader that takes a file one piece at a time (`DelimitedReader`, `JsonLinesReader`). */
export interface PieceReader {
  /**
   * Reads the complete records in bytes[pos, limit) (`final`: nothing
   * follows) and returns where the incomplete one at the end starts.
   */
  feed(
    bytes: Uint8Array,
    pos: number,
    limit: number,
    final: boolean
  ): number | Promise<number>
  /** After the last piece: stops the run on a file without records. */
  finish(): void | Promise<void>
}

export interface StreamOptions {
  /** The buffer's starting size (it grows for a record longer than it). */
  chunkBytes?: number
  /** Told the file's first bytes once read (to size tables from them). */
  onStart?: (sample: Uint8Array, size: number) => void
  /** Told the bytes read so far after each piece (the progress line). */
  onRead?: (bytes: number) => void
  /** Read delimited files' records on these threads (large files only). */
  parallel?: ParallelRead
}

/** Worker threads to read large delimited files with (`ParallelDelimitedReader`). */
export interface ParallelRead {
  pool: ChunkPool
  /**
   * Files smaller than this are read on the main thread: a worker's start
   * (about 30 ms) and the merge cost more than they save. Default
   * `PARALLEL_MIN_BYTES`; tests set 0.
   */
  minBytes?: number
}

/** 8 MiB: two pieces; below that one thread reads a file in a few tens of ms. */
export const PARALLEL_MIN_BYTES = 8 << 20

/**
 * Reads a text label file through a reused buffer, feeding `reader` each
 * piece; the bytes of a record cut by the buffer's end are moved to its front
 * and read again with the next piece. The text checks of a whole-file read
 * (`checkText`) run on each new piece; when one fails, or the reader stops
 * the run, the file is checked again from the start so that the error is the
 * one a whole-file read gives (an invalid byte late in the file wins over a
 * parse error before it, as there).
 */
export async function readStream(
  stream: ByteStream,
  file: string,
  records: string,
  reader: PieceReader,
  options: StreamOptions = {}
): Promise<void> {
  // No bigger than the file: a dataset of many small files would otherwise
  // allocate (and the kernel zero) 4 MiB for each. It still grows for a
  // file that grew since it was opened.
  let buffer = new Uint8Array(
    Math.max(1, Math.min(options.chunkBytes ?? CHUNK_BYTES, stream.size + 1))
  )
  /** The file offset of buffer[0]. */
  let base = 0
  let limit = 0
  /** buffer[0, checked) passed the text checks. */
  let checked = 0
  let pos = 0
  let final = false
  let started = false
  try {
    for (;;) {
      if (limit === buffer.length) buffer = grown(buffer, limit)
      const n = await stream.read(
        buffer,
        limit,
        buffer.length - limit,
        base + limit
      )
      limit += n
      if (n === 0 || base + limit >= stream.size) final = true
      if (!started) {
        if (limit < HEAD && !final) continue
        pos = await checkStart(stream, buffer, limit, file, records)
        options.onStart?.(buffer.subarray(0, limit), stream.size)
        started = true
      }
      const end = final ? limit : limit - incompleteTail(buffer, limit)
      if (end > checked) {
        if (!isText(buffer, checked, end)) {
          throw (
            (await textError(stream, file, records)) ??
            new Error('a text check failed on a piece but not on the file')
          )
        }
        checked = end
      }
      options.onRead?.(base + limit)
      // A parallel reader waits here while its workers are all busy.
      const keep = await reader.feed(buffer, pos, limit, final)
      if (final) break
      buffer.copyWithin(0, keep, limit)
      base += keep
      limit -= keep
      checked = Math.max(0, checked - keep)
      pos = 0
    }
    await reader.finish()
  } catch (error) {
    if (error instanceof UserError) {
      throw (await textError(stream, file, records)) ?? error
    }
    throw error
  }
}

function grown(
  buffer: Uint8Array<ArrayBuffer>,
  limit: number
): Uint8Array<ArrayBuffer> {
  const bigger = new Uint8Array(2 * buffer.length)
  bigger.set(buffer.subarray(0, limit))
  return bigger
}

/**
 * The checks of a file's first bytes; returns where the records start
 * (after a BOM). Anything unusual (an LFS pointer, UTF-16, a first piece of
 * only blank space) is settled by checking the whole file.
 */
async function checkStart(
  stream: ByteStream,
  bytes: Uint8Array,
  limit: number,
  file: string,
  records: string
): Promise<number> {
  const head = bytes.subarray(0, limit)
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
  const utf16 =
    limit >= 2 &&
    ((head[0] === 0xff && head[1] === 0xfe) ||
      (head[0] === 0xfe && head[1] === 0xff))
  let blank = true
  for (let i = start; i < limit && blank; i++) blank = isSpace(head[i]!)
  if (startsWithLfsPointer(head) || utf16 || blank) {
    const error = await textError(stream, file, records)
    if (error !== undefined) throw error
  }
  return start
}

/** No NUL byte and valid UTF-8 in bytes[from, to). */
function isText(bytes: Uint8Array, from: number, to: number): boolean {
  const piece = Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from)
  return piece.indexOf(0) < 0 && isUtf8(piece)
}

/** Bytes at the end of bytes[0, limit) that begin a UTF-8 character not yet complete. */
function incompleteTail(bytes: Uint8Array, limit: number): number {
  for (let i = limit - 1; i >= 0 && i >= limit - 4; i--) {
    const c = bytes[i]!
    if ((c & 0xc0) === 0x80) continue
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1
    return limit - i < need ? limit - i : 0
  }
  return 0
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
}

/**
 * The error `checkText` gives for the whole file, found by reading it again
 * in pieces; undefined when it passes. Only on the error path.
 */
export async function textError(
  stream: ByteStream,
  file: string,
  records: string
): Promise<UserError | undefined> {
  const size = stream.size
  const window = new Uint8Array(Math.min(Math.max(size, HEAD), 1 << 20))
  let position = 0
  let nul = -1
  let invalid = -1
  let blank = true
  let start = 0
  while (position < size) {
    const n = await readFully(stream, window, position)
    if (n === 0) break
    const last = position + n >= size
    if (position === 0) {
      const head = window.subarray(0, n)
      if (startsWithLfsPointer(head)) return lfsPointerError(file)
      if (
        n >= 2 &&
        ((head[0] === 0xff && head[1] === 0xfe) ||
          (head[0] === 0xfe && head[1] === 0xff))
      ) {
        return new UserError('is UTF-16 text; save it as UTF-8', { file })
      }
      start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
    }
    // A character cut by the window's end is checked in the next window.
    const end = last ? n : Math.max(1, n - incompleteTail(window, n))
    const piece = window.subarray(0, end)
    const at = piece.indexOf(0)
    if (at >= 0) {
      nul = position + at
      break
    }
    if (invalid < 0 && !isUtf8(piece)) {
      invalid = position + firstInvalidUtf8(piece)
    }
    for (let i = position === 0 ? start : 0; i < end && blank; i++) {
      blank = isSpace(piece[i]!)
    }
    position += end
  }
  if (nul >= 0) {
    return nul < BINARY_PROBE
      ? new UserError(
          'is a binary file (it has a NUL byte in the first 8 KiB), not a text label file',
          { file, line: await lineOf(stream, nul) }
        )
      : new UserError('has a NUL byte, which a text label file never holds', {
          file,
          line: await lineOf(stream, nul)
        })
  }
  if (invalid >= 0) {
    return new UserError('is not valid UTF-8 text (first invalid byte here)', {
      file,
      line: await lineOf(stream, invalid)
    })
  }
  if (blank) return new UserError(`is empty; it has no ${records}`, { file })
  return undefined
}

async function readFully(
  stream: ByteStream,
  into: Uint8Array,
  position: number
): Promise<number> {
  let n = 0
  while (n < into.length) {
    const got = await stream.read(into, n, into.length - n, position + n)
    if (got === 0) break
    n += got
  }
  return n
}

/** `lineAt` for a file offset, reading the file from its start. */
async function lineOf(stream: ByteStream, offset: number): Promise<number> {
  const window = new Uint8Array(Math.min(offset + 1, 1 << 20) + 1)
  let line = 1
  let position = 0
  while (position < offset) {
    const n = await readFully(stream, window, position)
    if (n === 0) break
    // The window's last byte is only looked at (after a CR), not counted.
    const to = Math.min(n - 1, offset - position)
    for (let i = 0; i < to; i++) {
      const c = window[i]
      if (c === 0x0a) line++
      else if (c === 0x0d && window[i + 1] !== 0x0a) line++
    }
    position += to
  }
  return line
}
