/** Levenshtein distance, two rows; inputs here are short (keys, labels). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  let prev = new Array<number>(b.length + 1)
  let cur = new Array<number>(b.length + 1)
  for (let j = 0; j <= b.length; j++) prev[j] = j
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
    }
    ;[prev, cur] = [cur, prev]
  }
  return prev[b.length]!
}

/**
 * The closest candidate when it is close enough to be a likely typo: at most a
 * third of the word's length in edits (at least 1), or the same word ignoring case.
 */
export function closest(
  word: string,
  candidates: Iterable<string>
): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  const lower = word.toLowerCase()
  for (const c of candidates) {
    if (c.toLowerCase() === lower && c !== word) return c
    const d = editDistance(word, c)
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3))
  return best !== undefined && bestDistance > 0 && bestDistance <= limit
    ? best
    : undefined
}

/** "; did you mean 'x'?" or "" */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates)
  return c === undefined ? '' : `; did you mean '${c}'?`
}
