import type { Interner } from '../model/interner.js'
import { decodeUtf8 } from './utf8.js'

/**
 * Interns byte ranges of one input buffer into an `Interner` without making a
 * string for a value seen before: an open-addressing hash table on the bytes
 * (FNV-1a) maps a range to its code. Only the first occurrence of each
 * distinct value is decoded, so 3M rows with 1M distinct item ids cost 1M
 * strings, not 3M. Keys are kept as offsets into the buffer, which therefore
 * must not change while this interner is in use.
 *
 * Layout is for the cache: a slot holds the hash next to the entry, an entry
 * holds start, end and code together, and the last value is checked first,
 * because label files are usually grouped by item or by annotator.
 */
export class ByteInterner {
  /** Pairs: hash, entry index + 1 (0 = empty). */
  private slots: Int32Array
  private mask: number
  /** Triples: start, end, code. */
  private entries: Int32Array
  private n = 0
  private lastStart = 0
  private lastEnd = -1
  private lastCode = -1

  constructor(
    private readonly bytes: Uint8Array,
    readonly interner: Interner,
    capacity = 1024
  ) {
    this.slots = new Int32Array(capacity * 4)
    this.mask = capacity * 2 - 1
    this.entries = new Int32Array(capacity * 3)
  }

  /** The interner's code of the UTF-8 text in bytes[start, end). */
  code(start: number, end: number): number {
    const b = this.bytes
    const len = end - start
    if (this.lastEnd - this.lastStart === len) {
      const ls = this.lastStart
      let i = 0
      while (i < len && b[ls + i] === b[start + i]) i++
      if (i === len) return this.lastCode
    }
    let h = 0x811c9dc5 | 0
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193)
    const slots = this.slots
    const entries = this.entries
    const mask = this.mask
    let s = h & mask
    for (;;) {
      const e = slots[2 * s + 1]!
      if (e === 0) break
      if (slots[2 * s] === h) {
        const k = 3 * (e - 1)
        const ks = entries[k]!
        if (entries[k + 1]! - ks === len) {
          let i = 0
          while (i < len && b[ks + i] === b[start + i]) i++
          if (i === len) return this.remember(start, end, entries[k + 2]!)
        }
      }
      s = (s + 1) & mask
    }
    const code = this.interner.intern(decodeUtf8(b, start, end))
    if (3 * this.n === this.entries.length) {
      this.grow()
      s = h & this.mask
      while (this.slots[2 * s + 1] !== 0) s = (s + 1) & this.mask
    }
    const k = this.n++
    this.entries[3 * k] = start
    this.entries[3 * k + 1] = end
    this.entries[3 * k + 2] = code
    this.slots[2 * s] = h
    this.slots[2 * s + 1] = k + 1
    return this.remember(start, end, code)
  }

  private remember(start: number, end: number, code: number): number {
    this.lastStart = start
    this.lastEnd = end
    this.lastCode = code
    return code
  }

  private grow(): void {
    const capacity = (this.entries.length / 3) * 2
    const entries = new Int32Array(capacity * 3)
    entries.set(this.entries)
    this.entries = entries
    const old = this.slots
    this.slots = new Int32Array(capacity * 4)
    this.mask = capacity * 2 - 1
    for (let s = 0; s < old.length; s += 2) {
      const e = old[s + 1]!
      if (e === 0) continue
      const h = old[s]!
      let t = h & this.mask
      while (this.slots[2 * t + 1] !== 0) t = (t + 1) & this.mask
      this.slots[2 * t] = h
      this.slots[2 * t + 1] = e
    }
  }
}
