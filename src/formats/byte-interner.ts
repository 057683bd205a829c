import type { Interner } from '../model/interner.js'

/**
 * Interns byte ranges of one input buffer into an `Interner` without making a
 * string: the interner's index is keyed on UTF-8 bytes and copies a value's
 * bytes into its own arena the first time it sees them, so one index serves
 * every file of a dataset and its reference, and this buffer may be dropped
 * after reading. Strings are decoded only when a report needs them.
 */
export class ByteInterner {
  /** For 4-byte reads; made once per file, and dropped with this object. */
  private readonly view: DataView<ArrayBufferLike>

  constructor(
    bytes: Uint8Array,
    readonly interner: Interner
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** The interner's code of the UTF-8 text in bytes[start, end). */
  code(start: number, end: number): number {
    return this.interner.internView(this.view, start, end)
  }
}
