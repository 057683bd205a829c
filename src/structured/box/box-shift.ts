import {
  chiSquareHomogeneity,
  type ChiSquareTest
} from '../../diff/chi-square-homogeneity.js'
import { jensenShannonDistance } from '../../diff/jensen-shannon.js'
import type { MetricResult } from '../../metrics/result.js'
import type { ElementTable } from '../element-table.js'

/**
 * COCO's object-size ranges (cocodataset.org/#detection-eval, "Metrics"):
 * small below 32² px², medium from 32² to below 96², large from 96². COCO's
 * evaluation code (cocoeval.py, areaRng) makes both ends inclusive, so an
 * area of exactly 32² falls in two ranges there; here every box has exactly
 * one bucket. The area is the box's w × h (COCO ranks by segment area when
 * it has one). A box of an image whose size is unknown (YOLO or Label Studio
 * without one: normalized or percent units) has no bucket.
 */
export const SIZE_BUCKETS = ['small', 'medium', 'large'] as const
export type SizeBucket = (typeof SIZE_BUCKETS)[number]
const SMALL = 32 * 32
const LARGE = 96 * 96

export function sizeBucket(w: number, h: number): SizeBucket {
  const area = w * h
  return area < SMALL ? 'small' : area < LARGE ? 'medium' : 'large'
}

/** Counts over categories at the base and head, with their distance and the change's test. */
export interface DistributionShift {
  labels: string[]
  base: number[]
  head: number[]
  /** Head boxes in annotations the change added or relabeled, and in the others. */
  changed: number[]
  unchanged: number[]
  jensen_shannon: MetricResult
  /** The change's boxes against the unchanged ones (Pearson's homogeneity test); null without a change or with one class. */
  chi_square: ChiSquareTest | null
}

export interface BoxShift {
  /** Boxes per class. */
  classes: DistributionShift
  /** Boxes per COCO size bucket (boxes of images of unknown size left out, counted in `unknown_size`). */
  sizes: DistributionShift
  unknown_size: { base: number; head: number }
}

/**
 * How the distribution of box classes and of box sizes moved from base to
 * head, as the label shift of category datasets: the Jensen-Shannon distance
 * base → head, and a homogeneity test of the boxes in the annotations the
 * change added or relabeled (`changedRows`, head row flags from the diff)
 * against the boxes it kept (two disjoint sets; base and head are not).
 */
export function boxShift(
  base: ElementTable,
  head: ElementTable,
  changedRows?: Uint8Array
): BoxShift {
  const labels: string[] = []
  const position = new Map<string, number>()
  for (const t of [base, head])
    for (const name of t.labels.values)
      if (!position.has(name)) {
        position.set(name, labels.length)
        labels.push(name)
      }
  const count = (t: ElementTable, keep: (row: number) => boolean) => {
    const names = t.labels.values
    const byCode = new Float64Array(names.length)
    const sizes = [0, 0, 0]
    let unknown = 0
    for (let r = 0; r < t.size; r++) {
      if (t.annotator[r]! < 0 || !keep(r)) continue
      const known = t.imageSize.has(t.item[r]!)
      for (let e = t.start[r]!; e < t.start[r + 1]!; e++) {
        byCode[t.label[e]!]!++
        if (!known) unknown++
        else
          sizes[
            SIZE_BUCKETS.indexOf(
              sizeBucket(t.coords[4 * e + 2]!, t.coords[4 * e + 3]!)
            )
          ]!++
      }
    }
    const classes = new Array<number>(labels.length).fill(0)
    names.forEach((name, k) => (classes[position.get(name)!]! += byCode[k]!))
    return { classes, sizes, unknown }
  }
  const all = () => true
  const b = count(base, all)
  const h = count(head, all)
  const c =
    changedRows === undefined
      ? undefined
      : count(head, (r) => changedRows[r] === 1)
  const shift = (
    names: string[],
    bc: number[],
    hc: number[],
    cc: number[] | undefined
  ): DistributionShift => {
    const changed = cc ?? new Array<number>(names.length).fill(0)
    const unchanged = hc.map((n, k) => n - changed[k]!)
    return {
      labels: names,
      base: bc,
      head: hc,
      changed,
      unchanged,
      jensen_shannon: jensenShannonDistance(bc, hc),
      chi_square:
        cc === undefined ? null : chiSquareHomogeneity([unchanged, changed])
    }
  }
  return {
    classes: shift(labels, b.classes, h.classes, c?.classes),
    sizes: shift([...SIZE_BUCKETS], b.sizes, h.sizes, c?.sizes),
    unknown_size: { base: b.unknown, head: h.unknown }
  }
}
