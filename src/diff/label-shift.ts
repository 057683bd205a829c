import type { MetricResult } from '../metrics/result.js'
import type { Ratings } from '../model/ratings.js'
import {
  chiSquareHomogeneity,
  type ChiSquareTest
} from './chi-square-homogeneity.js'
import { diffRatings } from './diff-ratings.js'
import { jensenShannonDistance } from './jensen-shannon.js'

/** How the class distribution moved from base to head. */
export interface LabelShift {
  /** Union of category texts: the base's in order, then the head's new ones. */
  labels: string[]
  /** Annotations per label at the base and at the head. */
  base: number[]
  head: number[]
  /** Head annotations per label that the change added or relabeled (the new labels). */
  changed: number[]
  /** Head annotations per label that the change kept as they were at the base. */
  unchanged: number[]
  /** Jensen-Shannon distance base → head (bits, in [0, 1]); null when either side is empty. */
  jensen_shannon: MetricResult
  /**
   * Homogeneity test of the new labels against the unchanged ones (the 2 × K
   * table `[unchanged, changed]`); null with < 2 used labels or an empty side.
   */
  chi_square: ChiSquareTest | null
}

/**
 * Compares label frequencies across versions by category text, since base
 * and head intern their categories independently. Counts valid ratings
 * (every code in range), as `VersionReport.distribution` does.
 *
 * The test: the head holds most of the base's annotations, so base and head
 * are not two independent samples and a test between them has no valid
 * p-value. The change's own labels are: the annotations it added or
 * relabeled (`changedRatings`, head rating indices, from the diff; computed
 * here when not given) are tested against the annotations it kept, two
 * disjoint sets. Null hypothesis: the new labels come from the same label
 * distribution as the labels the change did not touch.
 */
export function labelShift(
  base: Ratings,
  head: Ratings,
  changedRatings: Uint8Array = diffRatings(base, head, { relabeledLimit: 0 })
    .changedRatings
): LabelShift {
  const labels = [...base.categories]
  const position = new Map(labels.map((label, k) => [label, k]))
  for (const label of head.categories) {
    if (!position.has(label)) {
      position.set(label, labels.length)
      labels.push(label)
    }
  }
  const baseCounts = countLabels(base, position, labels.length).all
  const { all: headCounts, marked: changed } = countLabels(
    head,
    position,
    labels.length,
    changedRatings
  )
  const unchanged = headCounts.map((n, k) => n - changed[k]!)
  return {
    labels,
    base: baseCounts,
    head: headCounts,
    changed,
    unchanged,
    jensen_shannon: jensenShannonDistance(baseCounts, headCounts),
    chi_square: chiSquareHomogeneity([unchanged, changed])
  }
}

/**
 * Valid ratings per label (`all`), and of them those whose index `mark`
 * flags with 1 (`marked`, all 0 without `mark`). One pass for both, and a
 * mask rather than a callback: this runs over millions of ratings.
 */
function countLabels(
  ratings: Ratings,
  position: ReadonlyMap<string, number>,
  nLabels: number,
  mark?: Uint8Array
): { all: number[]; marked: number[] } {
  const byCategory = new Float64Array(ratings.categories.length)
  const markedByCategory = new Float64Array(ratings.categories.length)
  // Locals, not property reads, in the loop: it runs over millions of ratings.
  const { item, annotator, category, nItems, nAnnotators } = ratings
  const size = Math.min(item.length, annotator.length, category.length)
  const K = byCategory.length
  for (let r = 0; r < size; r++) {
    const i = item[r]!
    const a = annotator[r]!
    const k = category[r]!
    if (i < 0 || i >= nItems || a < 0 || a >= nAnnotators) continue
    if (k < 0 || k >= K) continue
    byCategory[k]!++
    if (mark !== undefined && mark[r] === 1) markedByCategory[k]!++
  }
  const all = new Array<number>(nLabels).fill(0)
  const marked = new Array<number>(nLabels).fill(0)
  ratings.categories.forEach((label, k) => {
    all[position.get(label)!]! += byCategory[k]!
    marked[position.get(label)!]! += markedByCategory[k]!
  })
  return { all, marked }
}
