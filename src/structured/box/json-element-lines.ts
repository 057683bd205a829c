/**
 * Lines where the elements of the arrays under the given keys of a top-level
 * JSON object start (COCO's `images`, `annotations`, `categories`): the
 * problems of a record name its line. Runs on text JSON.parse has accepted.
 */
export function objectArrayLines(
  text: string,
  wanted: readonly string[]
): Map<string, number[]> {
  const out = new Map<string, number[]>(wanted.map((k) => [k, []]))
  const kinds: number[] = []
  const due: boolean[] = []
  const keys: string[] = []
  let current: number[] | undefined
  let line = 1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++
      continue
    }
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue
    const depth = kinds.length
    const top = depth - 1
    if (depth === 2 && kinds[top] === 0x5b && due[top] && c !== 0x5d) {
      due[top] = false
      current?.push(line)
    }
    if (c === 0x22) {
      const from = i
      for (i++; text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) i++
      }
      // Only the top-level object's keys are read (keys[0]): slicing every
      // key of every record cost a string per key (10^7 in the benchmark).
      if (depth === 1 && kinds[0] === 0x7b && due[0]) {
        const raw = text.slice(from, i + 1)
        keys[top] = raw.includes('\\')
          ? (JSON.parse(raw) as string)
          : raw.slice(1, -1)
        due[top] = false
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (c === 0x5b && depth === 1 && kinds[0] === 0x7b)
        current = out.get(keys[0]!)
      kinds.push(c)
      due.push(true)
      keys.push('')
    } else if (c === 0x5d || c === 0x7d) {
      kinds.pop()
      due.pop()
      keys.pop()
      if (kinds.length === 1) current = undefined
    } else if (c === 0x2c && depth > 0) {
      due[top] = true
    }
  }
  return out
}
