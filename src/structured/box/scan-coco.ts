/**
 * A byte scanner for the common layout of a COCO file, used before the
 * generic reader (JSON.parse of the whole text, then a walk over the
 * objects). Why it exists: on the box benchmark (3 files of 10^6
 * annotations, 87 MB each) a CPU profile put about half of the run in
 * reading, nearly all of it in decoding the text, JSON.parse, the duplicate
 * key scan, the garbage collection of 10^6 annotation objects and the walk
 * over them; this scanner reads the annotations straight from the bytes into
 * typed arrays and allocates nothing per annotation.
 *
 * It only accepts what it can read exactly as the generic reader would, and
 * returns undefined for anything else (the caller then takes the generic
 * path, which gives the same results and the usual errors): a top-level
 * object with arrays `images`, `annotations` and `categories` of objects;
 * annotations whose `image_id` and `category_id` are numbers, whose `bbox`
 * is an array of 4 numbers and whose `iscrowd`, when present, is a number;
 * images and categories whose read keys are numbers or strings without
 * escapes. Other keys may hold any JSON value (checked as JSON and for
 * duplicate keys); a duplicate key, a syntax error or anything unexpected
 * hands the file to the generic path.
 */

/** An image or a category: the keys the reader uses, as JSON.parse would give them. */
export type ScannedRecord = Record<string, string | number>

export interface ScannedCoco {
  images: ScannedRecord[]
  imageLines: number[]
  categories: ScannedRecord[]
  categoryLines: number[]
  /** Annotations: count, then per annotation its line, crowd flag, ids and (x, y, w, h). */
  annotations: number
  line: Int32Array
  crowd: Uint8Array
  imageId: Float64Array
  categoryId: Float64Array
  coords: Float64Array
}

/** Thrown inside the scanner when the file is not in the layout it reads. */
class NotScannable extends Error {}

const decoder = new TextDecoder('utf-8')
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k)

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}

const IMAGE_KEYS = ['id', 'file_name', 'width', 'height'].map(bytesOf)
const CATEGORY_KEYS = ['id', 'name'].map(bytesOf)
const K_IMAGE_ID = bytesOf('image_id')
const K_CATEGORY_ID = bytesOf('category_id')
const K_BBOX = bytesOf('bbox')
const K_ISCROWD = bytesOf('iscrowd')
/** Keys of an annotation that are checked as JSON and skipped without making their name a string. */
const SKIPPED_ANNOTATION_KEYS = ['id', 'area', 'segmentation'].map(bytesOf)

class Scanner {
  pos: number
  line = 1
  /** The last string's bytes [from, to) and whether it had escapes (set by `string`). */
  from = 0
  to = 0
  escaped = false

  constructor(
    readonly b: Uint8Array,
    start: number
  ) {
    this.pos = start
  }

  fail(): never {
    throw new NotScannable()
  }

  /** Skips JSON whitespace, counting lines as the generic reader does. */
  ws(): void {
    const b = this.b
    let p = this.pos
    for (;;) {
      const c = b[p]
      if (c === 0x20 || c === 0x09) p++
      else if (c === 0x0a) {
        this.line++
        p++
      } else if (c === 0x0d) {
        if (b[p + 1] !== 0x0a) this.line++
        p++
      } else break
    }
    this.pos = p
  }

  expect(c: number): void {
    this.ws()
    if (this.b[this.pos] !== c) this.fail()
    this.pos++
  }

  /**
   * Reads a string: its bytes [from, to) and `escaped` go into the fields of
   * the same names (no object per string: 10^7 keys in the benchmark); pos
   * after the closing quote.
   */
  string(): void {
    const b = this.b
    if (b[this.pos] !== 0x22) this.fail()
    let p = this.pos + 1
    const from = p
    let escaped = false
    for (;;) {
      const c = b[p]
      if (c === undefined || c < 0x20) this.fail()
      if (c === 0x22) break
      if (c === 0x5c) {
        escaped = true
        const e = b[p + 1]
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) if (!isHex(b[p + k])) this.fail()
          p += 6
        } else if (
          e === 0x22 ||
          e === 0x5c ||
          e === 0x2f ||
          e === 0x62 ||
          e === 0x66 ||
          e === 0x6e ||
          e === 0x72 ||
          e === 0x74
        )
          p += 2
        else this.fail()
      } else p++
    }
    this.pos = p + 1
    this.from = from
    this.to = p
    this.escaped = escaped
  }

  /** A string without escapes, decoded as the generic reader decodes the file. */
  plainString(): string {
    this.string()
    const { from, to } = this
    if (this.escaped) this.fail()
    const b = this.b
    let ascii = true
    for (let p = from; p < to; p++) if (b[p]! >= 0x80) ascii = false
    if (!ascii || to - from > 256) return decoder.decode(b.subarray(from, to))
    let s = ''
    for (let p = from; p < to; p++) s += String.fromCharCode(b[p]!)
    return s
  }

  /**
   * A JSON number, the double JSON.parse gives: digits / 10^k when both are
   * exact doubles (the division is then correctly rounded, as the parse is),
   * else Number() of the text.
   */
  number(): number {
    const b = this.b
    const from = this.pos
    let p = from
    const negative = b[p] === 0x2d
    if (negative) p++
    let mantissa = 0
    let digits = 0
    // The digit's value, NaN past the end (undefined - 0x30): the loops
    // test it inline (20 numbers an annotation).
    let d = b[p]! - 0x30
    if (d === 0) {
      p++
    } else if (d >= 1 && d <= 9) {
      do {
        mantissa = mantissa * 10 + d
        digits++
        d = b[++p]! - 0x30
      } while (d >= 0 && d <= 9)
    } else this.fail()
    let fraction = 0
    if (b[p] === 0x2e) {
      d = b[++p]! - 0x30
      if (!(d >= 0 && d <= 9)) this.fail()
      do {
        mantissa = mantissa * 10 + d
        if (mantissa !== 0) digits++
        fraction++
        d = b[++p]! - 0x30
      } while (d >= 0 && d <= 9)
    }
    let exponent = false
    if (b[p] === 0x65 || b[p] === 0x45) {
      exponent = true
      p++
      if (b[p] === 0x2b || b[p] === 0x2d) p++
      if (!isDigit(b[p])) this.fail()
      while (isDigit(b[p])) p++
    }
    this.pos = p
    if (!exponent && digits <= 15 && fraction <= 22) {
      const v = fraction === 0 ? mantissa : mantissa / POW10[fraction]!
      return negative ? -v : v
    }
    let text = ''
    for (let k = from; k < p; k++) text += String.fromCharCode(b[k]!)
    return Number(text)
  }

  /** A number or a plain string; anything else is not scannable. */
  scalar(): string | number {
    this.ws()
    return this.b[this.pos] === 0x22 ? this.plainString() : this.number()
  }

  /** Skips any JSON value, checking its syntax and that no object repeats a key. */
  skipValue(): void {
    this.ws()
    const b = this.b
    const c = b[this.pos]
    if (c === 0x22) this.string()
    else if (c === 0x7b) {
      this.pos++
      const keys = new Set<string>()
      this.ws()
      if (b[this.pos] === 0x7d) {
        this.pos++
        return
      }
      for (;;) {
        this.ws()
        this.string()
        if (this.escaped) this.fail()
        const key = decoder.decode(b.subarray(this.from, this.to))
        if (keys.has(key)) this.fail()
        keys.add(key)
        this.expect(0x3a)
        this.skipValue()
        this.ws()
        const d = b[this.pos++]
        if (d === 0x7d) return
        if (d !== 0x2c) this.fail()
      }
    } else if (c === 0x5b) {
      this.pos++
      this.ws()
      if (b[this.pos] === 0x5d) {
        this.pos++
        return
      }
      for (;;) {
        this.skipValue()
        this.ws()
        const d = b[this.pos++]
        if (d === 0x5d) return
        if (d !== 0x2c) this.fail()
      }
    } else if (c === 0x74) this.word('true')
    else if (c === 0x66) this.word('false')
    else if (c === 0x6e) this.word('null')
    else this.number()
  }

  word(w: string): void {
    for (let k = 0; k < w.length; k++)
      if (this.b[this.pos + k] !== w.charCodeAt(k)) this.fail()
    this.pos += w.length
  }

  /** Which of `keys` the next key is (-1: another key, `other` holds its text); pos after the colon. */
  key(
    keys: readonly Uint8Array[],
    other: { text: string },
    /** The key expected here (tried first: records repeat their key order), or -1. */
    likely = -1
  ): number {
    this.ws()
    if (likely >= 0) {
      // The expected key and its closing quote, compared in place: its bytes
      // hold no quote, backslash or control byte, so the string is the key.
      const key = keys[likely]!
      const b = this.b
      const p = this.pos + 1
      const n = key.length
      if (b[this.pos] === 0x22 && b[p + n] === 0x22) {
        let i = 0
        while (i < n && b[p + i] === key[i]) i++
        if (i === n) {
          this.pos = p + n + 1
          this.expect(0x3a)
          return likely
        }
      }
    }
    this.string()
    if (this.escaped) this.fail()
    const { b, from, to } = this
    const n = to - from
    if (likely >= 0 && sameBytes(b, from, n, keys[likely]!)) {
      this.expect(0x3a)
      return likely
    }
    for (let k = 0; k < keys.length; k++) {
      if (k === likely || !sameBytes(b, from, n, keys[k]!)) continue
      this.expect(0x3a)
      return k
    }
    other.text = decoder.decode(b.subarray(from, to))
    this.expect(0x3a)
    return -1
  }

  /**
   * The elements of an array of objects, each read by `record`, which is
   * called with pos at the '{' and the element's line.
   */
  objects(record: (line: number) => void): void {
    this.expect(0x5b)
    this.ws()
    if (this.b[this.pos] === 0x5d) {
      this.pos++
      return
    }
    for (;;) {
      this.ws()
      if (this.b[this.pos] !== 0x7b) this.fail()
      record(this.line)
      this.ws()
      const d = this.b[this.pos++]
      if (d === 0x5d) return
      if (d !== 0x2c) this.fail()
    }
  }

  /**
   * One object's keys: `known(k)` reads the value of known key k; other
   * keys' values are skipped. A repeated key is not scannable.
   */
  fields(keys: readonly Uint8Array[], known: (k: number) => void): void {
    this.pos++ // '{'
    this.ws()
    if (this.b[this.pos] === 0x7d) {
      this.pos++
      return
    }
    let seen = 0
    let others: string[] | undefined
    const other = { text: '' }
    for (;;) {
      const k = this.key(keys, other)
      if (k >= 0) {
        if (seen & (1 << k)) this.fail()
        seen |= 1 << k
        known(k)
      } else {
        others ??= []
        if (others.includes(other.text)) this.fail()
        others.push(other.text)
        this.skipValue()
      }
      this.ws()
      const d = this.b[this.pos++]
      if (d === 0x7d) return
      if (d !== 0x2c) this.fail()
    }
  }
}

/** Whether b[from, from + n) holds the bytes of `key`. */
function sameBytes(
  b: Uint8Array,
  from: number,
  n: number,
  key: Uint8Array
): boolean {
  if (key.length !== n) return false
  for (let i = 0; i < n; i++) if (b[from + i] !== key[i]) return false
  return true
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39
}

function isHex(c: number | undefined): boolean {
  return (
    c !== undefined &&
    ((c >= 0x30 && c <= 0x39) ||
      (c >= 0x41 && c <= 0x46) ||
      (c >= 0x61 && c <= 0x66))
  )
}

/** Reads `bytes` from `start` as a COCO file in the common layout, or returns undefined. */
export function scanCoco(
  bytes: Uint8Array,
  start: number
): ScannedCoco | undefined {
  const s = new Scanner(bytes, start)
  const images: ScannedRecord[] = []
  const imageLines: number[] = []
  const categories: ScannedRecord[] = []
  const categoryLines: number[] = []
  let n = 0
  // Room for as many annotations as the file could hold (one takes at
  // least 48 bytes), so the arrays seldom grow: pages never written are
  // never touched, so the unused room costs address space, not memory.
  const room = Math.max(1 << 12, Math.ceil((bytes.length - start) / 48))
  let line = new Int32Array(room)
  let crowd = new Uint8Array(room)
  let imageId = new Float64Array(room)
  let categoryId = new Float64Array(room)
  let coords = new Float64Array(4 * room)
  const grow = (): void => {
    const more = <T extends Int32Array | Uint8Array | Float64Array>(
      a: T
    ): T => {
      const c = new (a.constructor as new (n: number) => T)(2 * a.length)
      c.set(a)
      return c
    }
    line = more(line)
    crowd = more(crowd)
    imageId = more(imageId)
    categoryId = more(categoryId)
    coords = more(coords)
  }
  const annotationKeys = [
    K_IMAGE_ID,
    K_CATEGORY_ID,
    K_BBOX,
    K_ISCROWD,
    ...SKIPPED_ANNOTATION_KEYS
  ]
  // The key order of the last annotation, which the next one most likely
  // repeats: each key is compared first with the one at its position there.
  const order = new Int8Array(16).fill(-1)
  const other = { text: '' }
  // `fields` written out for annotations (10^6 a file): no closure per
  // annotation, and the expected key tried first.
  const readAnnotation = (at: number): void => {
    if (n === line.length) grow()
    let got = 0
    s.pos++ // '{'
    s.ws()
    if (bytes[s.pos] === 0x7d) s.pos++
    else {
      let others: string[] | undefined
      for (let position = 0; ; position++) {
        const k = s.key(
          annotationKeys,
          other,
          position < order.length ? order[position]! : -1
        )
        if (position < order.length) order[position] = k
        if (k >= 0) {
          if (got & (1 << k)) s.fail()
          got |= 1 << k
          s.ws()
          if (k === 0) imageId[n] = s.number()
          else if (k === 1) categoryId[n] = s.number()
          else if (k === 2) {
            for (let q = 0; q < 4; q++) {
              s.expect(q === 0 ? 0x5b : 0x2c)
              s.ws()
              coords[4 * n + q] = s.number()
            }
            s.expect(0x5d)
          } else if (k === 3) crowd[n] = s.number() === 1 ? 1 : 0
          else s.skipValue()
        } else {
          others ??= []
          if (others.includes(other.text)) s.fail()
          others.push(other.text)
          s.skipValue()
        }
        s.ws()
        const d = bytes[s.pos++]
        if (d === 0x7d) break
        if (d !== 0x2c) s.fail()
      }
    }
    // Without image_id, category_id or bbox the generic path reports it.
    if ((got & 7) !== 7) s.fail()
    if (!(got & 8)) crowd[n] = 0
    line[n++] = at
  }
  const readRecord = (
    names: readonly Uint8Array[],
    into: ScannedRecord[],
    lines: number[]
  ): ((at: number) => void) => {
    const texts = names.map((name) => decoder.decode(name))
    return (at) => {
      const record: ScannedRecord = {}
      s.fields(names, (k) => {
        record[texts[k]!] = s.scalar()
      })
      into.push(record)
      lines.push(at)
    }
  }
  const top = [bytesOf('images'), bytesOf('annotations'), bytesOf('categories')]
  try {
    s.ws()
    if (bytes[s.pos] !== 0x7b) return undefined
    let got = 0
    s.fields(top, (k) => {
      got |= 1 << k
      if (k === 0) s.objects(readRecord(IMAGE_KEYS, images, imageLines))
      else if (k === 1) s.objects(readAnnotation)
      else s.objects(readRecord(CATEGORY_KEYS, categories, categoryLines))
    })
    if (got !== 7) return undefined
    s.ws()
    if (s.pos !== bytes.length) return undefined
  } catch (e) {
    if (e instanceof NotScannable || e instanceof RangeError) return undefined
    throw e
  }
  return {
    images,
    imageLines,
    categories,
    categoryLines,
    annotations: n,
    line,
    crowd,
    imageId,
    categoryId,
    coords
  }
}
