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
 * One pass, one key set per open object.
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  // Per open container: the keys seen so far (objects) or null (arrays).
  const stack: (Set<string> | null)[] = []
  // Whether the next string in the current object is a key.
  let expectKey = false
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x7b) {
      stack.push(new Set())
      expectKey = true
    } else if (c === 0x5b) {
      stack.push(null)
      expectKey = false
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop()
      expectKey = false
    } else if (c === 0x2c) {
      expectKey = stack[stack.length - 1] instanceof Set
    } else if (c === 0x22) {
      const open = i
      let escaped = false
      for (i++; text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) {
          escaped = true
          i++
        }
      }
      if (expectKey) {
        const raw = text.slice(open + 1, i)
        const key = escaped
          ? (JSON.parse(text.slice(open, i + 1)) as string)
          : raw
        const keys = stack[stack.length - 1] as Set<string>
        if (keys.has(key)) return { offset: open, key }
        keys.add(key)
        expectKey = false
      }
    }
  }
  return undefined
}
