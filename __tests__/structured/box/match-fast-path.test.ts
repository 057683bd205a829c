import { describe, expect, it } from '@jest/globals'
import { iou } from '../../../src/structured/box/iou.js'
import {
  BoxMatcher,
  boxOrder
} from '../../../src/structured/box/match-boxes.js'

/** mulberry32: seeded, so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Every one-to-one pairing of rows with columns (rows <= cols), by brute force. */
function* assignments(rows: number, cols: number): Generator<number[]> {
  const used = new Array<boolean>(cols).fill(false)
  const pick: number[] = []
  function* go(r: number): Generator<number[]> {
    if (r === rows) {
      yield [...pick]
      return
    }
    for (let c = 0; c < cols; c++) {
      if (used[c]) continue
      used[c] = true
      pick.push(c)
      yield* go(r + 1)
      pick.pop()
      used[c] = false
    }
  }
  yield* go(0)
}

/**
 * The largest total IoU over one-to-one pairings of same-label boxes, and
 * whether one pairing alone reaches it (as a set of pairs with IoU > 0).
 */
function bruteForce(
  a: number[][],
  b: number[][]
): { total: number; pairs: string[] | null } {
  let total = 0
  const best: string[][] = []
  for (const label of new Set(a.map((x) => x[0]!))) {
    const ra = a.map((x, k) => [x, k] as const).filter(([x]) => x[0] === label)
    const rb = b.map((x, k) => [x, k] as const).filter(([x]) => x[0] === label)
    if (rb.length === 0) continue
    const [rows, cols, flip] =
      ra.length <= rb.length ? [ra, rb, false] : [rb, ra, true]
    let max = -1
    let winners = new Set<string>()
    for (const pick of assignments(rows.length, cols.length)) {
      let sum = 0
      const pairs: string[] = []
      pick.forEach((c, r) => {
        const [x] = rows[r]!
        const [y] = cols[c]!
        const v = iou(x[1]!, x[2]!, x[3]!, x[4]!, y[1]!, y[2]!, y[3]!, y[4]!)
        sum += v
        if (v > 0)
          pairs.push(
            flip
              ? `${cols[c]![1]}-${rows[r]![1]}`
              : `${rows[r]![1]}-${cols[c]![1]}`
          )
      })
      const key = pairs.sort().join(',')
      if (sum > max + 1e-12) {
        max = sum
        winners = new Set([key])
      } else if (Math.abs(sum - max) <= 1e-12) winners.add(key)
    }
    total += Math.max(0, max)
    best.push(winners.size === 1 ? [...winners][0]!.split(',') : ['?'])
  }
  const pairs = best.flat().filter((p) => p !== '')
  return { total, pairs: pairs.includes('?') ? null : pairs.sort() }
}

describe('box matching: the shortcut for non-overlapping groups and the solver agree with brute force', () => {
  it('on random sets, sparse and crowded', () => {
    const random = rng(11)
    let unique = 0
    let crowded = 0
    for (let t = 0; t < 400; t++) {
      // Crowded sets put boxes of a class on top of one another (the solver);
      // sparse ones spread them out (mostly the shortcut).
      const spread = t % 2 === 0 ? 60 : 600
      const set = (n: number): number[][] =>
        Array.from({ length: n }, () => [
          Math.floor(random() * 2),
          Math.round(random() * spread),
          Math.round(random() * spread),
          10 + Math.round(random() * 40),
          10 + Math.round(random() * 40)
        ])
      const a = set(1 + Math.floor(random() * 5))
      const b = set(1 + Math.floor(random() * 5))
      const pack = (s: number[][]) => ({
        label: Int32Array.from(s.map((x) => x[0]!)),
        coords: Float64Array.from(s.flatMap((x) => x.slice(1))),
        from: 0,
        to: s.length
      })
      const m = new BoxMatcher()
      const count = m.match(pack(a), pack(b))
      let total = 0
      const pairs: string[] = []
      for (let k = 0; k < count; k++) {
        total += m.pairIou[k]!
        pairs.push(`${m.pairA[k]}-${m.pairB[k]}`)
        expect(m.pairLabel[k]).toBe(a[m.pairA[k]!]![0])
        expect(b[m.pairB[k]!]![0]).toBe(a[m.pairA[k]!]![0])
      }
      const expected = bruteForce(a, b)
      expect(Math.abs(total - expected.total)).toBeLessThan(1e-9)
      // Where one pairing alone is best, it is the one found.
      expect(expected.pairs === null ? null : pairs.sort()).toEqual(
        expected.pairs
      )
      if (expected.pairs !== null) unique++
      if (spread === 60 && count >= 2) crowded++
    }
    expect(unique).toBeGreaterThan(300)
    expect(crowded).toBeGreaterThan(50)
  })
})

describe('box matching with the table-wide order gives what sorting each set gives', () => {
  it('on the rows of a random table, every pair of rows', () => {
    const random = rng(5)
    const rows = 60
    const start = new Int32Array(rows + 1)
    const labels: number[] = []
    const coords: number[] = []
    for (let r = 0; r < rows; r++) {
      const n = Math.floor(random() * 7)
      for (let k = 0; k < n; k++) {
        labels.push(Math.floor(random() * 3))
        // Few distinct values: ties on label and coordinates, and overlaps.
        coords.push(
          Math.floor(random() * 4) * 10,
          Math.floor(random() * 4) * 10,
          10 + Math.floor(random() * 3) * 10,
          10 + Math.floor(random() * 3) * 10
        )
      }
      start[r + 1] = labels.length
    }
    const table = {
      size: rows,
      start,
      label: Int32Array.from(labels),
      coords: Float64Array.from(coords)
    }
    const order = boxOrder(table)
    expect(boxOrder(table)).toBe(order)
    const set = (r: number, withOrder: boolean) => ({
      label: table.label,
      coords: table.coords,
      from: start[r]!,
      to: start[r + 1]!,
      ...(withOrder && { order })
    })
    const pairsOf = (m: BoxMatcher, count: number) =>
      Array.from({ length: count }, (_, k) => [
        m.pairA[k],
        m.pairB[k],
        m.pairLabel[k],
        m.pairIou[k]
      ])
    const sorting = new BoxMatcher()
    const ordered = new BoxMatcher()
    let matched = 0
    for (let x = 0; x < rows; x++)
      for (let y = 0; y < rows; y++) {
        const expected = pairsOf(
          sorting,
          sorting.match(set(x, false), set(y, false))
        )
        const got = pairsOf(ordered, ordered.match(set(x, true), set(y, true)))
        expect(got).toEqual(expected)
        matched += expected.length
      }
    expect(matched).toBeGreaterThan(1000)
  })
})
