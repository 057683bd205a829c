import { describe, expect, it } from '@jest/globals'
import { iou } from '../../../src/structured/box/iou.js'
import { LinearAssignment } from '../../../src/structured/box/linear-assignment.js'
import {
  BoxMatcher,
  thresholdsReached
} from '../../../src/structured/box/match-boxes.js'
import { loadBoxFixture } from './box-table-helper.js'

type Xywh = [number, number, number, number]

interface IouFixture {
  cases: { a: Xywh; b: Xywh; iou: number }[]
}
interface AssignmentCase {
  rows: number
  cols: number
  cost?: number[]
  iou?: number[]
  boxes_a?: Xywh[]
  boxes_b?: Xywh[]
  row_ind: number[]
  col_ind: number[]
  total: number
}

describe('IoU (direct computation from the corners, script/fixtures/boxes)', () => {
  const { cases } = loadBoxFixture<IouFixture>('iou.json')
  it.each(cases.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    expect(iou(...c.a, ...c.b)).toBeCloseTo(c.iou, 14)
    expect(iou(...c.b, ...c.a)).toBeCloseTo(c.iou, 14)
  })

  it('has no +1 pixel: boxes that touch along an edge do not overlap', () => {
    expect(iou(0, 0, 10, 10, 10, 0, 10, 10)).toBe(0)
    // Half of a 10 x 10 box: exactly 0.5, which is a match at 0.5.
    expect(iou(0, 0, 10, 10, 0, 0, 5, 10)).toBe(0.5)
    expect(thresholdsReached(0.5)).toBe(1)
    expect(thresholdsReached(0.4999999)).toBe(0)
    expect(thresholdsReached(0.95)).toBe(10)
    expect(thresholdsReached(1)).toBe(10)
  })
})

describe('linear assignment against scipy.optimize.linear_sum_assignment', () => {
  const { cases } = loadBoxFixture<{ cases: AssignmentCase[] }>(
    'assignment.json'
  )
  const solver = new LinearAssignment()
  it.each(cases.map((c, i) => [i, c.rows, c.cols, c] as const))(
    'case %i (%i x %i)',
    (_, rows, cols, c) => {
      // IoU cases maximise: minimise the negated matrix, computed by
      // labelgate from the boxes (checked against scipy's input below).
      const cost =
        c.iou === undefined
          ? Float64Array.from(c.cost!)
          : Float64Array.from(labelgateIou(c), (v) => -v)
      const rowToCol = new Int32Array(rows)
      const assigned = solver.solve(cost, rows, cols, rowToCol)
      expect(assigned).toBe(Math.min(rows, cols))
      const expected = new Int32Array(rows).fill(-1)
      c.row_ind.forEach((r, k) => (expected[r] = c.col_ind[k]!))
      expect(Array.from(rowToCol)).toEqual(Array.from(expected))
      let total = 0
      rowToCol.forEach((col, r) => {
        if (col >= 0) total += cost[r * cols + col]!
      })
      expect(c.iou !== undefined ? -total : total).toBeCloseTo(c.total, 12)
    }
  )
})

describe('IoU matrices given to scipy', () => {
  const { cases } = loadBoxFixture<{ cases: AssignmentCase[] }>(
    'assignment.json'
  )
  it.each(
    cases.filter((c) => c.iou !== undefined).map((c, i) => [i, c] as const)
  )('case %i', (_, c) => {
    labelgateIou(c).forEach((v, k) => expect(v).toBeCloseTo(c.iou![k]!, 14))
  })
})

function labelgateIou(c: AssignmentCase): number[] {
  return c.boxes_a!.flatMap((a) => c.boxes_b!.map((b) => iou(...a, ...b)))
}

describe('match first, then filter (optimal, not greedy)', () => {
  // Two boxes of one class per annotator, side by side. COCO-style greedy
  // matching gives a1 its best partner first (b1, IoU 8/12 = 0.667) and
  // leaves a2 with b2 (IoU 3/17 = 0.176): one match at 0.5, total IoU 0.843.
  // The optimal assignment pairs a1-b2 (7/13 = 0.538) and a2-b1 (0.667):
  // total IoU 1.205, two matches at 0.5.
  const a: Xywh[] = [
    [0, 0, 10, 10], // a1
    [-4, 0, 10, 10] // a2
  ]
  const b: Xywh[] = [
    [-2, 0, 10, 10], // b1
    [3, 0, 10, 10] // b2
  ]

  it('the IoU values are as the example says', () => {
    expect(iou(...a[0]!, ...b[0]!)).toBeCloseTo(8 / 12, 12)
    expect(iou(...a[0]!, ...b[1]!)).toBeCloseTo(7 / 13, 12)
    expect(iou(...a[1]!, ...b[0]!)).toBeCloseTo(8 / 12, 12)
    expect(iou(...a[1]!, ...b[1]!)).toBeCloseTo(3 / 17, 12)
  })

  it('finds the assignment of the largest total IoU, which here has more matches at 0.5 than greedy', () => {
    const label = Int32Array.of(0, 0, 0, 0)
    const coords = Float64Array.from([...a, ...b].flat())
    const m = new BoxMatcher()
    m.match(
      { label, coords, from: 0, to: 2 },
      { label, coords, from: 2, to: 4 }
    )
    const pairs = Array.from({ length: m.count }, (_, k) => [
      m.pairA[k],
      m.pairB[k],
      m.pairIou[k]
    ])
    // a1 (0) with b2 (3), a2 (1) with b1 (2).
    expect(pairs.map(([x, y]) => [x, y]).sort()).toEqual([
      [0, 3],
      [1, 2]
    ])
    expect(pairs.filter(([, , v]) => v! >= 0.5)).toHaveLength(2)
    // Greedy in a's order: a1 takes b1, a2 is left with b2 below 0.5.
    expect(greedyMatches(a, b, 0.5)).toBe(1)
  })

  it('matches only boxes of the same class', () => {
    const label = Int32Array.of(0, 1, 1, 0)
    const coords = Float64Array.from(
      [
        [0, 0, 10, 10],
        [0, 0, 10, 10],
        [0, 0, 10, 10],
        [50, 50, 10, 10]
      ].flat()
    )
    const m = new BoxMatcher()
    m.match(
      { label, coords, from: 0, to: 2 },
      { label, coords, from: 2, to: 4 }
    )
    expect(m.count).toBe(1)
    expect([m.pairA[0], m.pairB[0], m.pairIou[0]]).toEqual([1, 2, 1])
  })
})

/** COCO-style greedy: each box of a in turn takes the unmatched box of b with the highest IoU at or above t. */
function greedyMatches(a: Xywh[], b: Xywh[], t: number): number {
  const taken = new Set<number>()
  let matches = 0
  for (const box of a) {
    let best = -1
    let bestIou = t
    b.forEach((other, j) => {
      const v = iou(...box, ...other)
      if (!taken.has(j) && v >= bestIou) {
        best = j
        bestIou = v
      }
    })
    if (best >= 0) {
      taken.add(best)
      matches++
    }
  }
  return matches
}
