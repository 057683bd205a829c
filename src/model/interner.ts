// ignoreBOM: a value that starts with U+FEFF keeps it (the file's BOM is
// skipped by the reader, before any value).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * Maps strings to dense integer codes, once. Everything after parsing works on
 * the codes, so a million repeated annotator ids cost one string each.
 *
 * Keyed on UTF-8 bytes, not on strings: the readers hand in byte ranges of the
 * file (`internBytes`) and a value's bytes are copied once into this
 * interner's own arena, so one index serves every file of a dataset and its
 * reference. Strings are made only when asked for (`values`, `value`), in
 * bulk: a check of 10^6 items never needs most item ids as strings.
 *
 * Hand-written instead of a `Map<string, number>` on purpose: with 10^6
 * distinct item ids the Map's inserts alone were 1.3 s of a 5.2 s run, plus
 * the 10^6 strings it needs as keys and their GC (src/formats/README.md has the
 * measurements). An open-addressing table of (hash, code) pairs in one
 * Int32Array, with keys in a byte arena, makes no object per value.
 *
 * Layout is for the cache: a slot holds the hash next to the code, and the
 * last value is checked first, because label files are usually grouped by
 * item or by annotator.
 */
/**
 * An interner's values as bytes (`Interner.bytes`): value c is
 * `arena[offsets[c], offsets[c + 1])`; `exotic` holds the strings of the
 * values whose bytes do not decode back to them (a lone surrogate).
 */
export interface InternedBytes {
  arena: Uint8Array
  offsets: Int32Array
  exotic?: ReadonlyMap<number, string>
}

export class Interner {
  /** Pairs: hash, code + 1 (0 = empty). Length is 2 × a power of two (see `maxLoad`). */
  private slots: Int32Array
  private mask: number
  /** Code c's UTF-8 bytes are `arena[offsets[c], offsets[c + 1])`. */
  private offsets: Int32Array
  private arena: Uint8Array
  private arenaView: DataView<ArrayBufferLike>
  private n = 0
  /** Strings of codes `0 .. strings.length`, decoded on demand. */
  private readonly strings: string[] = []
  /** Every arena byte so far is ASCII (then byte offsets are string offsets). */
  private ascii = true
  private last = -1
  private scratch = new Uint8Array(64)
  private scratchView = viewOf(this.scratch)
  private exoticInput = false
  /** Strings whose bytes hold a lone surrogate, by code (almost always null). */
  private exotic: Map<number, string> | null = null

  /** `capacity`: distinct values to make room for before the first growth. */
  constructor(capacity = 64) {
    const size = tableSize(capacity)
    this.slots = new Int32Array(2 * size)
    this.mask = size - 1
    this.offsets = new Int32Array(capacity + 1)
    this.arena = new Uint8Array(Math.max(64, capacity * 8))
    this.arenaView = new DataView(this.arena.buffer)
  }

  /** Code of the UTF-8 text in bytes[start, end), added if new. */
  internBytes(bytes: Uint8Array, start: number, end: number): number {
    return this.internView(viewOf(bytes), start, end)
  }

  /**
   * Code of the UTF-8 text in view[start, end), added if new. Readers make
   * one view per file (`ByteInterner`); the interner keeps no reference to it.
   */
  internView(
    view: DataView<ArrayBufferLike>,
    start: number,
    end: number
  ): number {
    const len = end - start
    const offsets = this.offsets
    const arenaView = this.arenaView
    const last = this.last
    if (last >= 0) {
      const ls = offsets[last]!
      if (
        offsets[last + 1]! - ls === len &&
        same(arenaView, ls, view, start, len)
      )
        return last
    }
    return (this.last = this.find(view, start, end, hash(view, start, len)))
  }

  /**
   * The codes of many values at once, interned in order: value c is
   * `arena[offsets[c], offsets[c + 1])`; returns each one's code (the merge
   * of a parallel read, which interns each piece's distinct values).
   *
   * In blocks: the hashes of a block first, touching each one's slot, then
   * the lookups. With 10^6 distinct values the table (16 MB) is far from
   * the cache and a lookup is one wait for memory (about 250 ns here); the
   * touches of a block wait together instead of one after another. Merging
   * the 10^6 item ids of the benchmark file went from about 255 to 185 ms.
   */
  internAll(
    arena: Uint8Array,
    offsets: Int32Array,
    exotic?: ReadonlyMap<number, string>
  ): Int32Array {
    const n = offsets.length - 1
    const codes = new Int32Array(Math.max(0, n))
    const view = viewOf(arena)
    const hashes = new Int32Array(TOUCH_BLOCK)
    for (let from = 0; from < n; from += TOUCH_BLOCK) {
      const to = Math.min(n, from + TOUCH_BLOCK)
      const slots = this.slots
      const mask = this.mask
      let touched = 0
      for (let c = from; c < to; c++) {
        const s = offsets[c]!
        const h = hash(view, s, offsets[c + 1]! - s)
        hashes[c - from] = h
        touched |= slots[2 * (h & mask) + 1]!
      }
      // Uses the loads, so that no compiler drops them.
      if (touched < 0) throw new Error('Interner: a negative code')
      for (let c = from; c < to; c++) {
        const size = this.n
        codes[c] = this.find(
          view,
          offsets[c]!,
          offsets[c + 1]!,
          hashes[c - from]!
        )
        // A value added here whose string held a lone surrogate (its bytes
        // do not decode back to it): keep the string, as `intern` does.
        const text = exotic?.get(c)
        if (text !== undefined && codes[c] === size) {
          this.exoticInput = true
          if (this.exotic === null) this.exotic = new Map()
          this.exotic.set(size, text)
        }
      }
    }
    if (n > 0) this.last = codes[n - 1]!
    return codes
  }

  /** Code of view[start, end), whose hash is `h`; added if new. */
  private find(
    view: DataView<ArrayBufferLike>,
    start: number,
    end: number,
    h: number
  ): number {
    const len = end - start
    const offsets = this.offsets
    const arenaView = this.arenaView
    const slots = this.slots
    const mask = this.mask
    let s = h & mask
    for (;;) {
      const c = slots[2 * s + 1]!
      if (c === 0) break
      if (slots[2 * s] === h) {
        const code = c - 1
        const ks = offsets[code]!
        if (
          offsets[code + 1]! - ks === len &&
          same(arenaView, ks, view, start, len)
        )
          return code
      }
      s = (s + 1) & mask
    }
    return this.add(view, start, end, h, s)
  }

  /** Code of `value`, added if new. */
  intern(value: string): number {
    const len = this.encode(value)
    const size = this.n
    const code = this.internView(this.scratchView, 0, len)
    // Bytes with a lone surrogate do not decode back to it: keep the string.
    if (this.exoticInput && code === size) {
      if (this.exotic === null) this.exotic = new Map()
      this.exotic.set(code, value)
    }
    return code
  }

  /** Code of `value`, or undefined if it was never interned. */
  get(value: string): number | undefined {
    const len = this.encode(value)
    const view = this.scratchView
    const h = hash(view, 0, len)
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const c = this.slots[2 * s + 1]!
      if (c === 0) return undefined
      if (this.slots[2 * s] !== h) continue
      const ks = this.offsets[c - 1]!
      if (
        this.offsets[c]! - ks === len &&
        same(this.arenaView, ks, view, 0, len)
      )
        return c - 1
    }
  }

  get size(): number {
    return this.n
  }

  /**
   * Code -> string, for every code so far. Decodes the codes added since the
   * last call, so take it again after interning more.
   */
  get values(): readonly string[] {
    const strings = this.strings
    const from = strings.length
    if (from === this.n) return strings
    const offsets = this.offsets
    const start = offsets[from]!
    const end = offsets[this.n]!
    if (this.ascii && end - start > 4096) {
      // One decode of the whole run; each value is then a slice of it (V8
      // makes a cheap sliced string for longer ones), 3x faster than decoding
      // 10^6 short ranges one by one.
      const text = decoder.decode(this.arena.subarray(start, end))
      for (let c = from; c < this.n; c++)
        strings.push(text.slice(offsets[c]! - start, offsets[c + 1]! - start))
    } else {
      for (let c = from; c < this.n; c++) strings.push(this.decode(c))
    }
    return strings
  }

  /** The string of one code (decoding only that one if not yet decoded). */
  value(code: number): string {
    if (code < 0 || code >= this.n) {
      throw new RangeError(`no interned value has code ${code}`)
    }
    return code < this.strings.length ? this.strings[code]! : this.decode(code)
  }

  /**
   * The values' UTF-8 bytes: code c is `arena[offsets[c], offsets[c + 1])`
   * (views of this interner's own arrays; a worker of a parallel read sends
   * them to the main thread, which interns them in code order).
   */
  bytes(): InternedBytes {
    return {
      arena: this.arena.subarray(0, this.offsets[this.n]!),
      offsets: this.offsets.subarray(0, this.n + 1),
      ...(this.exotic !== null && { exotic: new Map(this.exotic) })
    }
  }

  /** Makes room for `distinct` more values without growing one step at a time. */
  reserve(distinct: number): void {
    const want = this.n + distinct
    if (want + 1 > this.offsets.length) this.resizeOffsets(want + 1)
    if (want > maxLoad(this.mask + 1)) this.rehash(tableSize(want))
  }

  private decode(code: number): string {
    const exotic = this.exotic?.get(code)
    if (exotic !== undefined) return exotic
    const s = this.offsets[code]!
    const e = this.offsets[code + 1]!
    const a = this.arena
    if (e - s <= 32) {
      let text = ''
      let i = s
      for (; i < e; i++) {
        const c = a[i]!
        if (c >= 0x80) break
        text += String.fromCharCode(c)
      }
      if (i === e) return text
    }
    return decoder.decode(a.subarray(s, e))
  }

  private add(
    view: DataView<ArrayBufferLike>,
    start: number,
    end: number,
    h: number,
    s: number
  ): number {
    const code = this.n
    if (code + 2 > this.offsets.length) {
      this.resizeOffsets(grownLength(this.offsets.length, code + 2))
    }
    if (code + 1 > maxLoad(this.mask + 1)) {
      this.rehash(2 * (this.mask + 1))
      s = h & this.mask
      while (this.slots[2 * s + 1] !== 0) s = (s + 1) & this.mask
    }
    const at = this.offsets[code]!
    const len = end - start
    if (at + len > this.arena.length) {
      const arena = new Uint8Array(grownLength(this.arena.length, at + len))
      arena.set(this.arena.subarray(0, at))
      this.arena = arena
      this.arenaView = new DataView(arena.buffer)
    }
    const arena = this.arena
    let ascii = true
    for (let i = 0; i < len; i++) {
      const c = view.getUint8(start + i)
      arena[at + i] = c
      if (c >= 0x80) ascii = false
    }
    if (!ascii) this.ascii = false
    this.offsets[code + 1] = at + len
    this.slots[2 * s] = h
    this.slots[2 * s + 1] = code + 1
    this.n = code + 1
    return code
  }

  private resizeOffsets(size: number): void {
    const offsets = new Int32Array(size)
    offsets.set(this.offsets.subarray(0, this.n + 1))
    this.offsets = offsets
  }

  private rehash(size: number): void {
    const old = this.slots
    const slots = new Int32Array(2 * size)
    const mask = size - 1
    for (let s = 0; s < old.length; s += 2) {
      const c = old[s + 1]!
      if (c === 0) continue
      const h = old[s]!
      let t = h & mask
      while (slots[2 * t + 1] !== 0) t = (t + 1) & mask
      slots[2 * t] = h
      slots[2 * t + 1] = c
    }
    this.slots = slots
    this.mask = mask
  }

  /**
   * UTF-8 of `value` into `scratch`; returns its length. A lone surrogate
   * (possible in JSON text, never in a valid UTF-8 file) is written in its
   * 3-byte generalized form so it stays distinct, and sets `exoticInput`.
   */
  private encode(value: string): number {
    const n = value.length
    if (3 * n > this.scratch.length) {
      this.scratch = new Uint8Array(Math.max(3 * n, 2 * this.scratch.length))
      this.scratchView = viewOf(this.scratch)
    }
    const out = this.scratch
    let k = 0
    this.exoticInput = false
    for (let i = 0; i < n; i++) {
      let c = value.charCodeAt(i)
      if (c < 0x80) {
        out[k++] = c
      } else if (c < 0x800) {
        out[k++] = 0xc0 | (c >> 6)
        out[k++] = 0x80 | (c & 0x3f)
      } else {
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
          const d = value.charCodeAt(i + 1)
          if (d >= 0xdc00 && d <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00)
            i++
            out[k++] = 0xf0 | (c >> 18)
            out[k++] = 0x80 | ((c >> 12) & 0x3f)
            out[k++] = 0x80 | ((c >> 6) & 0x3f)
            out[k++] = 0x80 | (c & 0x3f)
            continue
          }
        }
        if (c >= 0xd800 && c <= 0xdfff) this.exoticInput = true
        out[k++] = 0xe0 | (c >> 12)
        out[k++] = 0x80 | ((c >> 6) & 0x3f)
        out[k++] = 0x80 | (c & 0x3f)
      }
    }
    return k
  }
}

/**
 * Hash of view[start, start + len): 4 bytes per step (murmur3's mix), so a
 * 12-byte id costs 3 multiplies, not 12 as with byte-wise FNV-1a: reading
 * the 94 MB benchmark file went from 1.25 - 1.45 to 1.17 - 1.25 CPU s
 * (src/formats/README.md). Exported for tests (to find colliding ids).
 */
export function hash(
  view: DataView<ArrayBufferLike>,
  start: number,
  len: number
): number {
  let h = len
  const end4 = start + (len & ~3)
  let i = start
  for (; i < end4; i += 4) {
    let k = Math.imul(view.getInt32(i, true), 0xcc9e2d51)
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593)
    h ^= k
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0
  }
  let k = 0
  for (let shift = 0; i < start + len; i++, shift += 8)
    k |= view.getUint8(i) << shift
  h ^= Math.imul(Math.imul(k, 0xcc9e2d51), 0x1b873593)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  return h
}

/** a[as, as + len) equals b[bs, bs + len), compared 4 bytes at a time. */
function same(
  a: DataView<ArrayBufferLike>,
  as: number,
  b: DataView<ArrayBufferLike>,
  bs: number,
  len: number
): boolean {
  let i = 0
  for (; i + 4 <= len; i += 4)
    if (a.getInt32(as + i, true) !== b.getInt32(bs + i, true)) return false
  for (; i < len; i++)
    if (a.getUint8(as + i) !== b.getUint8(bs + i)) return false
  return true
}

/** Values per block of `internAll`: a block's slots stay in the cache. */
const TOUCH_BLOCK = 64

function viewOf(bytes: Uint8Array): DataView<ArrayBufferLike> {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/**
 * Values a table of `size` slots holds before it grows: half of them, and
 * three quarters from 2^22 slots (4 million distinct values) on. Each slot
 * is 8 bytes, so at 3.4 × 10^7 item ids (10^8 annotations) a load of 1/2
 * meant a 1 GB table where 3/4 needs 512 MB; with the hash kept in the slot
 * a lookup at 3/4 still compares about 2.5 slots, all in one cache line or two.
 */
function maxLoad(size: number): number {
  return size < 1 << 22 ? size / 2 : (size / 4) * 3
}

/**
 * The next length of a growing array that must hold `needed`: double while
 * small, then 1.5 times from 16 million entries (the offsets and arena of
 * 10^7 and more ids), so the copy and the unused tail stay smaller.
 */
function grownLength(length: number, needed: number): number {
  const next = length < 1 << 24 ? 2 * length : Math.ceil(1.5 * length)
  return Math.max(next, needed)
}

/** Slots for `distinct` values within `maxLoad`: a power of two. */
function tableSize(distinct: number): number {
  let size = 16
  while (maxLoad(size) < distinct) size *= 2
  return size
}
