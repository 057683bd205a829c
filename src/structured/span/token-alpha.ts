import type { ItemCategoryCounts } from '../../metrics/agreement-stats.js'
import { summarizeItems } from '../../metrics/agreement-stats.js'
import {
  bootstrapStream,
  withBootstrapInterval,
  type BootstrapOptions
} from '../../metrics/bootstrap.js'
import { krippendorffAlpha } from '../../metrics/krippendorff-alpha.js'
import { undefinedMetric, type MetricResult } from '../../metrics/result.js'
import { poissonOne } from './poisson-one.js'
import type { SpanIndex } from './span-index.js'

/**
 * Token-level Krippendorff's alpha (nominal): every token of an item's text
 * is a unit, and an annotator's value for it is the entity type of the span
 * that covers it (shares a character with it), or O when none does. Where
 * an annotation's spans overlap on a token, the first in (start, end, type
 * name) order gives the value. Tokens are the ones the format gives (Prodigy
 * `tokens`; CoNLL tokens are the text's space-separated words by
 * construction), else the text split at white space.
 *
 * Only items with two or more annotations give pairable units. The
 * coefficient is the existing coincidence-matrix alpha (`metrics/
 * krippendorff-alpha.ts`) over per-token category counts; tokens with the
 * same counts are grouped first (a few hundred patterns for millions of
 * tokens), which changes no sum. `n_items` is the items (documents) the
 * tokens come from, `n` the pairable token values.
 *
 * Interval: tokens of one document are not independent, so the per-unit
 * analytic variance would be too narrow; with `intervals: bootstrap` the
 * documents are resampled (item-level bootstrap), otherwise there is none.
 */
export function tokenAlpha(
  ix: SpanIndex,
  tokensOf: ReadonlyMap<number, Int32Array>,
  bootstrap: BootstrapOptions | null
): MetricResult {
  const table = ix.table
  const O = table.labels.size
  const K = O + 1
  const numericKeys = K < 4096
  const patternIndex = new Map<number | string, number>()
  const patternValues: number[][] = []
  const frequency: number[] = []
  // Per document, for the bootstrap: its (pattern, count) entries.
  const docOffset: number[] = [0]
  const docPattern: number[] = []
  const docCount: number[] = []
  const local = new Map<number, number>()
  // Ties on a token go to the type first by name, not by code, so the
  // order in which labels were first seen never changes a value.
  const names = table.labels.values
  const rank = new Int32Array(O)
  Array.from(names.keys())
    .sort((a, b) =>
      names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0
    )
    .forEach((code, r) => (rank[code] = r))
  let docs = 0
  let values = new Int32Array(1024)
  let sorted = new Int32Array(8)
  for (let i = 0; i < ix.nItems; i++) {
    const from = ix.itemStart[i]!
    const to = ix.itemStart[i + 1]!
    const m = to - from
    if (m < 2) continue
    const text = table.text.get(i)
    if (text === undefined) continue
    const tokens = tokensOf.get(i) ?? whitespaceTokens(text)
    const T = tokens.length / 2
    if (T === 0) continue
    docs++
    if (values.length < m * T) values = new Int32Array(m * T * 2)
    for (let p = 0; p < m; p++)
      paint(ix, ix.rows[from + p]!, tokens, O, rank, values, p * T)
    local.clear()
    if (sorted.length < m) sorted = new Int32Array(m * 2)
    for (let t = 0; t < T; t++) {
      // Insertion sort of the m values (m is small: the item's annotations).
      for (let p = 0; p < m; p++) {
        const v = values[p * T + t]!
        let q = p
        while (q > 0 && sorted[q - 1]! > v) {
          sorted[q] = sorted[q - 1]!
          q--
        }
        sorted[q] = v
      }
      let key: number | string
      if (numericKeys && m <= 4) {
        key = m
        for (let p = 0; p < m; p++) key = key * 4096 + sorted[p]!
      } else key = Array.from(sorted.subarray(0, m)).join(',')
      let at = patternIndex.get(key)
      if (at === undefined) {
        at = frequency.length
        patternIndex.set(key, at)
        patternValues.push(Array.from(sorted.subarray(0, m)))
        frequency.push(0)
      }
      frequency[at]!++
      if (bootstrap !== null) local.set(at, (local.get(at) ?? 0) + 1)
    }
    if (bootstrap !== null) {
      for (const [at, count] of local) {
        docPattern.push(at)
        docCount.push(count)
      }
      docOffset.push(docPattern.length)
    }
  }
  const counts = patternCounts(patternValues, K)
  const stats = summarizeItems(counts, frequency)
  let alpha = krippendorffAlpha(stats, 'nominal', null)
  const extra = { n_items: docs, n: stats.pairableRatings }
  if (docs === 0)
    return undefinedMetric(
      'no item has two or more annotations (no pairable token)',
      extra
    )
  alpha = { ...alpha, ...extra }
  if (bootstrap === null || alpha.value === null) return alpha
  const R = bootstrap.resamples
  const next = bootstrapStream(bootstrap, 'token-alpha')
  const weights = new Float64Array(frequency.length)
  const replicates = new Float64Array(R)
  const offsets = Int32Array.from(docOffset)
  const patternOf = Int32Array.from(docPattern)
  const countOf = Int32Array.from(docCount)
  const nDocs = offsets.length - 1
  for (let r = 0; r < R; r++) {
    weights.fill(0)
    for (let d = 0; d < nDocs; d++) {
      const w = poissonOne(next)
      if (w === 0) continue
      for (let e = offsets[d]!; e < offsets[d + 1]!; e++)
        weights[patternOf[e]!]! += w * countOf[e]!
    }
    const v = krippendorffAlpha(
      summarizeItems(counts, weights),
      'nominal',
      null
    )
    replicates[r] = v.value ?? NaN
  }
  return withBootstrapInterval(alpha, replicates, bootstrap.level)
}

/** Start, end pairs of the runs of non-white-space characters. */
export function whitespaceTokens(text: string): Int32Array {
  const out: number[] = []
  let from = -1
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || isSpace(text.charCodeAt(i))
    if (space && from >= 0) {
      out.push(from, i)
      from = -1
    } else if (!space && from < 0) from = i
  }
  return Int32Array.from(out)
}

/** The characters JavaScript's \s matches (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  return c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff
}

const order: number[] = []

/**
 * Writes row x's value for each token into `values[at ..]`: O, then each
 * span in reverse (start, end, type name) order paints the tokens it shares
 * a character with, so the first span in that order wins.
 */
function paint(
  ix: SpanIndex,
  x: number,
  tokens: Int32Array,
  O: number,
  rank: Int32Array,
  values: Int32Array,
  at: number
): void {
  const T = tokens.length / 2
  values.fill(O, at, at + T)
  order.length = 0
  let ties = false
  for (let e = ix.begin[x]!; e < ix.begin[x + 1]!; e++) {
    order.push(e)
    if (
      e > ix.begin[x]! &&
      ix.start[e] === ix.start[e - 1] &&
      ix.end[e] === ix.end[e - 1]
    )
      ties = true
  }
  // The index orders by (start, end, label code); equal start and end need the name order.
  if (ties)
    order.sort(
      (p, q) =>
        ix.start[p]! - ix.start[q]! ||
        ix.end[p]! - ix.end[q]! ||
        rank[ix.label[p]!]! - rank[ix.label[q]!]!
    )
  for (let k = order.length - 1; k >= 0; k--) {
    const e = order[k]!
    const s = ix.start[e]!
    const end = ix.end[e]!
    // First token whose end is after s (token ends ascend).
    let lo = 0
    let hi = T
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (tokens[2 * mid + 1]! <= s) lo = mid + 1
      else hi = mid
    }
    for (let t = lo; t < T && tokens[2 * t]! < end; t++)
      values[at + t] = ix.label[e]!
  }
}

/** Sorted value lists as per-unit category counts (CSR). */
function patternCounts(patterns: number[][], K: number): ItemCategoryCounts {
  const offset = new Int32Array(patterns.length + 1)
  const category: number[] = []
  const count: number[] = []
  patterns.forEach((values, j) => {
    for (let k = 0; k < values.length; k++) {
      if (k > 0 && values[k] === values[k - 1]) count[count.length - 1]!++
      else {
        category.push(values[k]!)
        count.push(1)
      }
    }
    offset[j + 1] = category.length
  })
  return {
    nCategories: K,
    item: Int32Array.from(patterns.keys()),
    offset,
    category: Int32Array.from(category),
    count: Int32Array.from(count)
  }
}
