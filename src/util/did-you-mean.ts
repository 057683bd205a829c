import { quote } from './excerpt.js'

/**
 * Words longer than this get no suggestion: a typo of a category or a key is
 * short, and comparing long text costs time with the square of its length.
 */
export const MAX_SUGGESTED_LENGTH = 64

/**
 * What a series of look-ups may spend, in dynamic-programming cells, shared by
 * the calls that pass the same object: 5,000 distinct bad labels against 1,000
 * categories stay within a second, and once it is spent suggestions stop.
 */
export interface SuggestionBudget {
  cells: number
}

/** Enough for a few thousand look-ups against a thousand categories. */
export const DEFAULT_SUGGESTION_CELLS = 200_000_000

/** Levenshtein distance, two rows; inputs here are short (keys, labels). */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Math.max(a.length, b.length))
}

/**
 * Levenshtein distance when it is at most `bound`, else `bound + 1`: only the
 * diagonal band of width 2·bound+1 can hold such a path, and a row whose
 * smallest cell is past the bound ends the search early.
 */
function boundedDistance(a: string, b: string, bound: number): number {
  if (a === b) return 0
  if (Math.abs(a.length - b.length) > bound) return bound + 1
  const over = bound + 1
  let prev = new Int32Array(b.length + 1)
  let cur = new Int32Array(b.length + 1)
  for (let j = 0; j <= b.length; j++) prev[j] = Math.min(j, over)
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - bound)
    const to = Math.min(b.length, i + bound)
    cur[from - 1] = from === 1 ? Math.min(i, over) : over
    let rowMin = cur[from - 1]!
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      const d = Math.min(
        (j <= i - 1 + bound ? prev[j]! : over) + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + cost,
        over
      )
      cur[j] = d
      if (d < rowMin) rowMin = d
    }
    if (to < b.length) cur[to + 1] = over
    if (rowMin > bound) return over
    ;[prev, cur] = [cur, prev]
  }
  return Math.min(prev[b.length]!, over)
}

/**
 * The closest candidate when it is close enough to be a likely typo: at most a
 * third of the word's length in edits (at least 1), or the same word ignoring
 * case. Bounded: long words get none, candidates too far apart in length are
 * skipped, and `budget` (when given) caps the work across calls.
 */
export function closest(
  word: string,
  candidates: Iterable<string>,
  budget?: SuggestionBudget
): string | undefined {
  if (word.length === 0 || word.length > MAX_SUGGESTED_LENGTH) return undefined
  const limit = Math.max(1, Math.floor(word.length / 3))
  let best: string | undefined
  let bestDistance = limit + 1
  let exact = false
  const lower = word.toLowerCase()
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) > limit) continue
    if (c !== word && c.toLowerCase() === lower) return c
    // The word is a candidate itself: nothing to correct (unless another
    // candidate differs from it only in case, checked above).
    if (c === word) {
      exact = true
      continue
    }
    if (exact) continue
    if (budget !== undefined) {
      if (budget.cells <= 0) break
      budget.cells -= word.length * (2 * limit + 1)
    }
    const d = boundedDistance(word, c, bestDistance - 1)
    if (d > 0 && d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return exact ? undefined : best
}

/** "; did you mean 'x'?" or "" */
export function didYouMean(
  word: string,
  candidates: Iterable<string>,
  budget?: SuggestionBudget
): string {
  const c = closest(word, candidates, budget)
  return c === undefined ? '' : `; did you mean ${quote(c)}?`
}
