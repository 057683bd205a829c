import { iou } from './iou.js'
import { LinearAssignment } from './linear-assignment.js'

/**
 * The IoU thresholds 0.50, 0.55, ..., 0.95 of COCO's "AP@[.50:.95]", written
 * as exact decimals (0.1 * k would give 0.6000000000000001).
 */
export const IOU_THRESHOLDS: readonly number[] = [
  0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95
]

/** The threshold of the `_50` metrics. */
export const IOU_50 = 0.5

/** How many of IOU_THRESHOLDS an IoU reaches (a pair is a match at t when IoU >= t). */
export function thresholdsReached(value: number): number {
  let k = 0
  while (k < IOU_THRESHOLDS.length && value >= IOU_THRESHOLDS[k]!) k++
  return k
}

/** One set of boxes: elements [from, to) of packed label and (x, y, w, h) arrays. */
export interface BoxSet {
  label: Int32Array
  coords: Float64Array
  from: number
  to: number
  /**
   * `boxOrder` of the table the set is a row of (order[from, to) is the
   * set in matching order), so the set is not sorted again on every match.
   */
  order?: Int32Array
}

const orders = new WeakMap<object, Int32Array>()

/**
 * Every row's elements in the order the matcher sorts a set into (label,
 * then x, y, w, h), for the whole table at once and cached per table: a
 * row is matched against each other annotator's row and the reference, in
 * several passes (agreement, adjudication, the change's slice).
 */
export function boxOrder(table: {
  readonly size: number
  readonly start: Int32Array
  readonly label: Int32Array
  readonly coords: Float64Array
}): Int32Array {
  let order = orders.get(table)
  if (order !== undefined) return order
  order = new Int32Array(table.label.length)
  for (let r = 0; r < table.size; r++) {
    const from = table.start[r]!
    sortRange(
      table.label,
      table.coords,
      from,
      table.start[r + 1]! - from,
      order,
      from
    )
  }
  orders.set(table, order)
  return order
}

/**
 * Elements [from, from + n) sorted by label, then x, y, w, h, into
 * out[at, at + n) (insertion sort: sets are small). Sorting on the
 * coordinates too makes the input of the assignment independent of the
 * order of the boxes in the file, so even a tie between two optimal
 * assignments resolves the same way.
 */
function sortRange(
  label: Int32Array,
  coords: Float64Array,
  from: number,
  n: number,
  out: Int32Array,
  at: number
): void {
  for (let k = 0; k < n; k++) {
    const e = from + k
    let p = k
    while (p > 0 && before(label, coords, e, out[at + p - 1]!)) {
      out[at + p] = out[at + p - 1]!
      p--
    }
    out[at + p] = e
  }
}

function before(
  label: Int32Array,
  coords: Float64Array,
  e: number,
  f: number
): boolean {
  const d = label[e]! - label[f]!
  if (d !== 0) return d < 0
  for (let k = 0; k < 4; k++) {
    const c = coords[4 * e + k]! - coords[4 * f + k]!
    if (c !== 0) return c < 0
  }
  return false
}

/**
 * Matches two box sets one to one, per label, maximising the total IoU
 * (an optimal linear assignment on the IoU matrix of each label's boxes).
 *
 * Match first, then filter: the assignment is made once on the IoU values
 * and callers then count a pair as a match at threshold t when its IoU is at
 * least t. This is what the documentation calls optimal matching; it differs
 * from COCO's greedy evaluation (each box in turn takes the best remaining
 * partner above the threshold), which can pair a box with its best partner
 * and leave another without any, where the optimal assignment matches both
 * (docs/label-types.md has the worked example, and a test pins it).
 *
 * After `match`, pairs 0 .. count - 1 are in `pairA`, `pairB` (element
 * indices), `pairLabel` and `pairIou`. Pairs with IoU 0 are not reported.
 * The scratch arrays are reused: read them before the next call.
 */
export class BoxMatcher {
  pairA = new Int32Array(64)
  pairB = new Int32Array(64)
  pairLabel = new Int32Array(64)
  pairIou = new Float64Array(64)
  count = 0
  private readonly solver = new LinearAssignment()
  private orderA = new Int32Array(64)
  private orderB = new Int32Array(64)
  private cost = new Float64Array(256)
  private rowToCol = new Int32Array(64)
  private colHits = new Uint8Array(64)

  match(a: BoxSet, b: BoxSet): number {
    this.count = 0
    const na = a.to - a.from
    const nb = b.to - b.from
    if (na === 0 || nb === 0) return 0
    if (na === 1 && nb === 1) {
      if (a.label[a.from] === b.label[b.from]) this.pair(a, a.from, b, b.from)
      return this.count
    }
    // The sets in matching order: oa[ia + i] is a's i-th element.
    const oa = a.order ?? this.sortedByLabel(a, true)
    const ia = a.order !== undefined ? a.from : 0
    const ob = b.order ?? this.sortedByLabel(b, false)
    const jb = b.order !== undefined ? b.from : 0
    let i = 0
    let j = 0
    while (i < na && j < nb) {
      const la = a.label[oa[ia + i]!]!
      const lb = b.label[ob[jb + j]!]!
      if (la < lb) {
        i++
        continue
      }
      if (lb < la) {
        j++
        continue
      }
      let ie = i + 1
      while (ie < na && a.label[oa[ia + ie]!] === la) ie++
      let je = j + 1
      while (je < nb && b.label[ob[jb + je]!] === la) je++
      this.matchGroup(a, oa, ia + i, ia + ie, b, ob, jb + j, jb + je)
      i = ie
      j = je
    }
    return this.count
  }

  private matchGroup(
    a: BoxSet,
    oa: Int32Array,
    i0: number,
    i1: number,
    b: BoxSet,
    ob: Int32Array,
    j0: number,
    j1: number
  ): void {
    const rows = i1 - i0
    const cols = j1 - j0
    if (rows === 1 && cols === 1) {
      this.pair(a, oa[i0]!, b, ob[j0]!)
      return
    }
    if (this.cost.length < rows * cols)
      this.cost = new Float64Array(2 * rows * cols)
    if (this.rowToCol.length < rows) this.rowToCol = new Int32Array(2 * rows)
    const cost = this.cost
    const ca = a.coords
    const cb = b.coords
    // Whether every row and every column has at most one overlapping box
    // (the common case: boxes of a class in an image rarely overlap).
    let disjoint = true
    if (this.colHits.length < cols) this.colHits = new Uint8Array(2 * cols)
    const colHits = this.colHits
    colHits.fill(0, 0, cols)
    for (let r = 0; r < rows; r++) {
      let rowHits = 0
      const ea = 4 * oa[i0 + r]!
      for (let c = 0; c < cols; c++) {
        const eb = 4 * ob[j0 + c]!
        // Minimise -IoU: the same assignment as maximising total IoU.
        const value = iou(
          ca[ea]!,
          ca[ea + 1]!,
          ca[ea + 2]!,
          ca[ea + 3]!,
          cb[eb]!,
          cb[eb + 1]!,
          cb[eb + 2]!,
          cb[eb + 3]!
        )
        cost[r * cols + c] = -value
        if (value > 0 && (++rowHits > 1 || ++colHits[c]! > 1)) disjoint = false
      }
    }
    if (disjoint) {
      // Each overlapping pair is alone in its row and its column: every
      // optimal assignment takes all of them (leaving one out lowers the
      // total), and the rest pair boxes at IoU 0, which are not reported.
      // The pairs in row order, as below.
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++)
          if (cost[r * cols + c]! < 0)
            this.record(
              oa[i0 + r]!,
              ob[j0 + c]!,
              a.label[oa[i0 + r]!]!,
              -cost[r * cols + c]!
            )
      return
    }
    this.solver.solve(cost, rows, cols, this.rowToCol)
    for (let r = 0; r < rows; r++) {
      const c = this.rowToCol[r]!
      if (c >= 0 && cost[r * cols + c]! < 0)
        this.record(
          oa[i0 + r]!,
          ob[j0 + c]!,
          a.label[oa[i0 + r]!]!,
          -cost[r * cols + c]!
        )
    }
  }

  private pair(a: BoxSet, ea: number, b: BoxSet, eb: number): void {
    const ca = a.coords
    const cb = b.coords
    const value = iou(
      ca[4 * ea]!,
      ca[4 * ea + 1]!,
      ca[4 * ea + 2]!,
      ca[4 * ea + 3]!,
      cb[4 * eb]!,
      cb[4 * eb + 1]!,
      cb[4 * eb + 2]!,
      cb[4 * eb + 3]!
    )
    if (value > 0) this.record(ea, eb, a.label[ea]!, value)
  }

  private record(ea: number, eb: number, label: number, value: number): void {
    const k = this.count++
    if (k === this.pairA.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T): T => {
        const y = new (x.constructor as new (n: number) => T)(2 * x.length)
        y.set(x)
        return y
      }
      this.pairA = grow(this.pairA)
      this.pairB = grow(this.pairB)
      this.pairLabel = grow(this.pairLabel)
      this.pairIou = grow(this.pairIou)
    }
    this.pairA[k] = ea
    this.pairB[k] = eb
    this.pairLabel[k] = label
    this.pairIou[k] = value
  }

  /** The set's elements in matching order (`sortRange`), in scratch array A or B. */
  private sortedByLabel(s: BoxSet, first: boolean): Int32Array {
    const n = s.to - s.from
    let order = first ? this.orderA : this.orderB
    if (order.length < n) {
      order = new Int32Array(2 * n)
      if (first) this.orderA = order
      else this.orderB = order
    }
    sortRange(s.label, s.coords, s.from, n, order, 0)
    return order
  }
}
