/**
 * Finds where JSON text first goes wrong. JSON.parse's messages differ between
 * Node versions and often carry no position, while a user needs line and
 * column; this runs only after JSON.parse has failed.
 */
export interface JsonSyntaxError {
  /** Offset in the text (UTF-16 units). */
  offset: number
  message: string
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d])
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const ESCAPES = new Set('"\\/bfnrtu'.split('').map((c) => c.charCodeAt(0)))

export function locateJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0
  const n = text.length
  // Each entry: the container we are in and what it expects next.
  const stack: ('[' | '{')[] = []
  type Expect =
    | 'value'
    | 'value-or-close'
    | 'key'
    | 'key-or-close'
    | 'colon'
    | 'comma-or-close'
    | 'end'
  let expect: Expect = 'value'
  const fail = (message: string, at = i): JsonSyntaxError => ({
    offset: at,
    message
  })
  const found = (): string =>
    i >= n
      ? 'the end of the input'
      : `'${String.fromCodePoint(text.codePointAt(i)!)}'`
  const afterValue = (): Expect =>
    stack.length === 0 ? 'end' : 'comma-or-close'
  for (;;) {
    while (i < n && WS.has(text.charCodeAt(i))) i++
    if (i >= n) {
      return expect === 'end' ? undefined : fail(`unexpected end of input`)
    }
    const c = text[i]!
    const top = stack[stack.length - 1]
    switch (expect) {
      case 'end':
        return fail(`unexpected ${found()} after the JSON value`)
      case 'colon':
        if (c !== ':') return fail(`expected ':' after a key, found ${found()}`)
        i++
        expect = 'value'
        continue
      case 'comma-or-close': {
        const close = top === '[' ? ']' : '}'
        if (c === ',') {
          i++
          expect = top === '[' ? 'value' : 'key'
          continue
        }
        if (c === close) {
          i++
          stack.pop()
          expect = afterValue()
          continue
        }
        return fail(`expected ',' or '${close}', found ${found()}`)
      }
      case 'key':
      case 'key-or-close':
        if (c === '}' && expect === 'key-or-close') {
          i++
          stack.pop()
          expect = afterValue()
          continue
        }
        if (c !== '"')
          return fail(`expected a key in double quotes, found ${found()}`)
        {
          const e = skipString()
          if (e) return e
        }
        expect = 'colon'
        continue
      case 'value':
      case 'value-or-close':
        if (c === ']' && expect === 'value-or-close') {
          i++
          stack.pop()
          expect = afterValue()
          continue
        }
        if (c === '[' || c === '{') {
          stack.push(c)
          i++
          expect = c === '[' ? 'value-or-close' : 'key-or-close'
          continue
        }
        if (c === '"') {
          const e = skipString()
          if (e) return e
        } else if (text.startsWith('true', i)) i += 4
        else if (text.startsWith('false', i)) i += 5
        else if (text.startsWith('null', i)) i += 4
        else {
          NUMBER.lastIndex = i
          if (!NUMBER.test(text)) return fail(`unexpected ${found()}`)
          i = NUMBER.lastIndex
        }
        expect = afterValue()
        continue
    }
  }

  function skipString(): JsonSyntaxError | undefined {
    const open = i
    i++
    for (;;) {
      if (i >= n) return fail('a string opens here and is never closed', open)
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        i++
        return undefined
      }
      if (c < 0x20)
        return fail(
          'a control character (such as a line break) inside a string'
        )
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1)
        if (!ESCAPES.has(e)) {
          return fail('an invalid escape in a string')
        }
        if (e === 0x75 && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          return fail('an invalid \\u escape in a string')
        }
        i += e === 0x75 ? 6 : 2
        continue
      }
      i++
    }
  }
}

/** A key that appears twice in one JSON object, and where the second one starts. */
export interface DuplicateKey {
  offset: number
  key: string
}

/**
 * Finds the first key repeated within one object of valid JSON text.
 * JSON.parse keeps the last value without a word, so a record holding
 * `"label": "neg", ..., "label": "pos"` would be read as `pos` silently.
 *
 * One pass. The keys of the open objects are kept as offsets into the text
 * and compared where they stand, not sliced into strings: a Prodigy task
 * holds an object per token, and a set and a string per key were 0.45 s of
 * reading 10^5 such tasks (plus their garbage). An object with many keys
 * moves to a set of them, so a large object costs no more than it did.
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  // Keys of the open objects, innermost last: key j < `keys` is
  // text[starts[j], ends[j]) between its quotes, `escaped[j]` when it holds
  // an escape. (Entries past `keys` are stale: setting an array's length
  // costs more than the rest of the scan.)
  const starts: number[] = []
  const ends: number[] = []
  const escaped: boolean[] = []
  let keys = 0
  // Per open container: where its keys begin, or -1 (an array); and, for an
  // object of many keys, the set of them.
  const frames: number[] = []
  const sets: (Set<string> | undefined)[] = []
  let depth = 0
  // Whether the next string in the current object is a key.
  let expectKey = false
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x7b || c === 0x5b) {
      frames[depth] = c === 0x7b ? keys : -1
      sets[depth++] = undefined
      expectKey = c === 0x7b
    } else if (c === 0x7d || c === 0x5d) {
      const from = frames[--depth]!
      if (from >= 0) keys = from
      expectKey = false
    } else if (c === 0x2c) {
      expectKey = depth > 0 && frames[depth - 1]! >= 0
    } else if (c === 0x22) {
      const open = i
      let escapes = false
      for (i++; text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) {
          escapes = true
          i++
        }
      }
      if (!expectKey) continue
      expectKey = false
      const from = frames[depth - 1]!
      let set = sets[depth - 1]
      if (set === undefined && keys - from >= MANY_KEYS) {
        set = new Set()
        for (let j = from; j < keys; j++) {
          set.add(keyText(text, starts[j]!, ends[j]!, escaped[j]!))
        }
        sets[depth - 1] = set
      }
      if (set !== undefined) {
        const key = keyText(text, open + 1, i, escapes)
        if (set.has(key)) return { offset: open, key }
        set.add(key)
      } else {
        for (let j = from; j < keys; j++) {
          if (
            sameKey(
              text,
              starts[j]!,
              ends[j]!,
              escaped[j]!,
              open + 1,
              i,
              escapes
            )
          ) {
            return { offset: open, key: keyText(text, open + 1, i, escapes) }
          }
        }
      }
      starts[keys] = open + 1
      ends[keys] = i
      escaped[keys++] = escapes
    }
  }
  return undefined
}

/** Keys an object holds before its keys go into a set. */
const MANY_KEYS = 16

/** The key between the quotes at text[start - 1] and text[end]. */
function keyText(
  text: string,
  start: number,
  end: number,
  escaped: boolean
): string {
  return escaped
    ? (JSON.parse(text.slice(start - 1, end + 1)) as string)
    : text.slice(start, end)
}

/** Whether two keys of the text are the same string. */
function sameKey(
  text: string,
  as: number,
  ae: number,
  aEscaped: boolean,
  bs: number,
  be: number,
  bEscaped: boolean
): boolean {
  if (aEscaped || bEscaped) {
    return keyText(text, as, ae, aEscaped) === keyText(text, bs, be, bEscaped)
  }
  const len = ae - as
  if (be - bs !== len) return false
  for (let k = 0; k < len; k++) {
    if (text.charCodeAt(as + k) !== text.charCodeAt(bs + k)) return false
  }
  return true
}
