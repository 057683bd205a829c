/**
 * A file read in pieces rather than whole: a source gives one for a file it
 * can read that way (`Source.open`), so a reader's memory is its buffer, not
 * the file's size.
 */
export interface ByteStream {
  /** The file's size in bytes when it was opened. */
  readonly size: number
  /**
   * Reads up to `length` bytes at file offset `position` into
   * `buffer[offset, offset + length)`; resolves to the count read, 0 at the end.
   */
  read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number
  ): Promise<number>
  close(): Promise<void>
}

/**
 * Bytes already in memory as a stream that hands out at most `step` bytes a
 * read: for tests, which make every byte a piece boundary with `step` 1.
 */
export function memoryStream(bytes: Uint8Array, step = Infinity): ByteStream {
  return {
    size: bytes.length,
    read(buffer, offset, length, position) {
      const n = Math.max(0, Math.min(length, step, bytes.length - position))
      buffer.set(bytes.subarray(position, position + n), offset)
      return Promise.resolve(n)
    },
    close: () => Promise.resolve()
  }
}
