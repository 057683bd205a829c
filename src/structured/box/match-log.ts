import type { ElementTable } from '../element-table.js'
import { rowsByItem } from '../table-rows.js'
import { boxOrder, thresholdsReached } from './match-boxes.js'

/** What `tallyMatch` reads of a match: its pairs' labels and IoU. */
export interface MatchPairs {
  readonly count: number
  readonly pairLabel: Int32Array
  readonly pairIou: Float64Array
}

/**
 * The pairs of every match one measure made, by comparison, so a later
 * measure over the same box sets (the change's slice, the unchanged images
 * of the base) replays them instead of solving the assignment again. A
 * match's result depends only on its two box sets (the matcher sorts each
 * set by label and coordinates first), so a replay is the same numbers in
 * the same order and every sum built from it is bit for bit the same.
 * Only pairs that reach IoU 0.5 are kept: the tally skips the others.
 */
export class MatchLog {
  private label = new Int32Array(1024)
  private iou = new Float64Array(1024)
  /** Comparison c's pairs are [end[c - 1], end[c]). */
  private end = new Int32Array(256)
  private comparisons = 0
  private pairs = 0
  private readonly replayed = new ReplayedMatch()

  /** Appends a match's pairs; returns its comparison number. */
  add(match: MatchPairs): number {
    for (let k = 0; k < match.count; k++) {
      const value = match.pairIou[k]!
      if (thresholdsReached(value) === 0) continue
      if (this.pairs === this.label.length) {
        this.label = grow(this.label, new Int32Array(2 * this.pairs))
        this.iou = grow(this.iou, new Float64Array(2 * this.pairs))
      }
      this.label[this.pairs] = match.pairLabel[k]!
      this.iou[this.pairs++] = value
    }
    if (this.comparisons === this.end.length)
      this.end = grow(this.end, new Int32Array(2 * this.comparisons))
    this.end[this.comparisons] = this.pairs
    return this.comparisons++
  }

  /** Comparison `c`'s pairs (valid until the next replay). */
  replay(c: number): MatchPairs {
    const from = c === 0 ? 0 : this.end[c - 1]!
    const to = this.end[c]!
    const out = this.replayed
    if (out.pairLabel.length < to - from) {
      out.pairLabel = new Int32Array(to - from)
      out.pairIou = new Float64Array(to - from)
    }
    out.pairLabel.set(this.label.subarray(from, to))
    out.pairIou.set(this.iou.subarray(from, to))
    out.count = to - from
    return out
  }
}

class ReplayedMatch implements MatchPairs {
  count = 0
  pairLabel = new Int32Array(64)
  pairIou = new Float64Array(64)
}

/**
 * Row pair (x, y) → comparison, for the agreement's pairs of annotations:
 * each row's comparisons as the left side in a linked list (an item has
 * few annotators), in typed arrays rather than a map keyed by x * rows + y,
 * which 10^5 images x 3 pairs make slow.
 */
export class PairIndex {
  private readonly first: Int32Array
  private right = new Int32Array(256)
  private next = new Int32Array(256)

  constructor(rows: number) {
    this.first = new Int32Array(rows).fill(-1)
  }

  /** Comparison `c` matched rows x (left) and y; comparisons are added in order 0, 1, ... */
  set(x: number, y: number, c: number): void {
    if (c >= this.right.length) {
      this.right = grow(this.right, new Int32Array(2 * c))
      this.next = grow(this.next, new Int32Array(2 * c))
    }
    this.right[c] = y
    this.next[c] = this.first[x]!
    this.first[x] = c
  }

  /** The comparison of rows x (left) and y, or -1. */
  get(x: number, y: number): number {
    for (let c = this.first[x]!; c >= 0; c = this.next[c]!)
      if (this.right[c] === y) return c
    return -1
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from)
  return to
}

/**
 * Row → the row of `earlier` with the same item, the same annotator and the
 * same boxes (labels and coordinates exactly, in any order), else -1. Both
 * tables must share a code space (base and head, a version and its slices);
 * otherwise every row is -1.
 */
export function sameRows(
  earlier: ElementTable,
  table: ElementTable
): Int32Array {
  const out = new Int32Array(table.size).fill(-1)
  if (
    earlier.items !== table.items ||
    earlier.annotators !== table.annotators ||
    earlier.labels !== table.labels
  )
    return out
  const e = rowsByItem(earlier)
  const t = rowsByItem(table)
  // Sorted orders only when a row's boxes are not listed in the same order
  // (a slice's rows are copies; most unchanged annotations are too).
  let eo: Int32Array | undefined
  let to: Int32Array | undefined
  const items = Math.min(e.start.length, t.start.length) - 1
  for (let i = 0; i < items; i++) {
    const eFrom = e.start[i]!
    const eTo = e.start[i + 1]!
    if (eFrom === eTo) continue
    for (let k = t.start[i]!; k < t.start[i + 1]!; k++) {
      const r = t.rows[k]!
      const a = table.annotator[r]!
      for (let j = eFrom; j < eTo; j++) {
        const q = e.rows[j]!
        if (earlier.annotator[q] !== a) continue
        if (
          sameBoxes(earlier, q, null, table, r, null) ||
          sameBoxes(
            earlier,
            q,
            (eo ??= boxOrder(earlier)),
            table,
            r,
            (to ??= boxOrder(table))
          )
        )
          out[r] = q
        break
      }
    }
  }
  return out
}

/** Box x of `a` and box y of `b`: the same label and coordinates, exactly. */
function sameBox(
  a: ElementTable,
  x: number,
  b: ElementTable,
  y: number
): boolean {
  if (a.label[x] !== b.label[y]) return false
  for (let c = 0; c < 4; c++)
    if (a.coords[4 * x + c] !== b.coords[4 * y + c]) return false
  return true
}

/**
 * Whether row `ra` of `a` and row `rb` of `b` hold the same boxes (as
 * multisets, exactly); `ao`, `bo` are the tables' `boxOrder`. Without them
 * (null): whether the rows list the same boxes in the same order, a check
 * that needs no order computed.
 */
export function sameBoxes(
  a: ElementTable,
  ra: number,
  ao: Int32Array | null,
  b: ElementTable,
  rb: number,
  bo: Int32Array | null
): boolean {
  const aFrom = a.start[ra]!
  const bFrom = b.start[rb]!
  const n = a.start[ra + 1]! - aFrom
  if (b.start[rb + 1]! - bFrom !== n) return false
  // Both in the matcher's order (label, then coordinates): equal multisets
  // give equal sequences.
  for (let k = 0; k < n; k++) {
    const x = ao === null ? aFrom + k : ao[aFrom + k]!
    const y = bo === null ? bFrom + k : bo[bFrom + k]!
    if (!sameBox(a, x, b, y)) return false
  }
  return true
}
