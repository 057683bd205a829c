import type { SpanIndex } from './span-index.js'

/**
 * Matched spans between two annotations: row `x` of index `ix` and row `y`
 * of index `iy` (the same index for two annotators, the reference's for a
 * comparison with the reference; label codes are shared).
 *
 * Strict: a span matches when the other annotation has the same start, end
 * and label (a merge of the two sorted sets, as seqeval's set intersection
 * of (type, start, end)).
 *
 * Overlap: a span matches a span of the same label that shares at least one
 * character, one-to-one: the count is the size of a maximum matching in the
 * bipartite graph of overlapping same-label pairs (Kuhn's augmenting paths,
 * exact; the sets of one item are small). One-to-one keeps the matched
 * count the same seen from either side, so precision of x against y is the
 * recall of y against x and F1 stays symmetric, which is what lets pairwise
 * F1 stand in for agreement (Hripcsak and Rothschild 2005); a many-to-many
 * count would let one long span "match" three short ones and exceed the
 * number of spans on one side.
 *
 * `perLabel`, when given, gets each match added at its label code.
 */
export function strictMatches(
  ix: SpanIndex,
  x: number,
  iy: SpanIndex,
  y: number,
  perLabel?: Float64Array
): number {
  const { start, end, label } = ix
  let i = ix.begin[x]!
  let j = iy.begin[y]!
  const iEnd = ix.begin[x + 1]!
  const jEnd = iy.begin[y + 1]!
  let matched = 0
  while (i < iEnd && j < jEnd) {
    const c =
      start[i]! - iy.start[j]! ||
      end[i]! - iy.end[j]! ||
      label[i]! - iy.label[j]!
    if (c === 0) {
      matched++
      if (perLabel !== undefined) perLabel[label[i]!]!++
      i++
      j++
    } else if (c < 0) i++
    else j++
  }
  return matched
}

// Scratch for the matching, grown on demand and reused across calls.
let owner = new Int32Array(64)
let seen = new Int32Array(64)
let stamp = 0

export function overlapMatches(
  ix: SpanIndex,
  x: number,
  iy: SpanIndex,
  y: number,
  perLabel?: Float64Array
): number {
  const { start, end, label } = ix
  const i0 = ix.begin[x]!
  const i1 = ix.begin[x + 1]!
  const j0 = iy.begin[y]!
  const j1 = iy.begin[y + 1]!
  const yStart = iy.start
  const yEnd = iy.end
  const yLabel = iy.label
  const nY = j1 - j0
  if (i1 === i0 || nY === 0) return 0
  if (owner.length < nY) {
    owner = new Int32Array(nY * 2)
    seen = new Int32Array(nY * 2)
    stamp = 0
  }
  owner.fill(-1, 0, nY)
  let matched = 0
  const tryMatch = (i: number): boolean => {
    // y's spans are sorted by start: stop at the first that starts after i ends.
    for (let j = j0; j < j1 && yStart[j]! < end[i]!; j++) {
      if (yEnd[j]! <= start[i]! || yLabel[j] !== label[i]) continue
      const k = j - j0
      if (seen[k] === stamp) continue
      seen[k] = stamp
      if (owner[k] === -1 || tryMatch(owner[k]!)) {
        owner[k] = i
        return true
      }
    }
    return false
  }
  for (let i = i0; i < i1; i++) {
    stamp++
    if (stamp > 0x7ffffff0) {
      seen.fill(0)
      stamp = 1
    }
    if (tryMatch(i)) matched++
  }
  if (perLabel !== undefined)
    for (let k = 0; k < nY; k++)
      if (owner[k]! >= 0) perLabel[yLabel[j0 + k]!]!++
  return matched
}

/** Spans of row `x`, per label code, added into `out`. */
export function countLabels(ix: SpanIndex, x: number, out: Float64Array): void {
  for (let e = ix.begin[x]!; e < ix.begin[x + 1]!; e++) out[ix.label[e]!]!++
}
