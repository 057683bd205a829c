import type { MetricResult } from '../metrics/result.js'
import type { Ratings } from '../model/ratings.js'
import {
  chiSquareHomogeneity,
  type ChiSquareTest
} from './chi-square-homogeneity.js'
import { jensenShannonDistance } from './jensen-shannon.js'

/** How the class distribution moved from base to head. */
export interface LabelShift {
  /** Union of category texts: the base's in order, then the head's new ones. */
  labels: string[]
  /** Annotations per label at the base and at the head. */
  base: number[]
  head: number[]
  /** Jensen-Shannon distance (bits, in [0, 1]); null when either side is empty. */
  jensen_shannon: MetricResult
  /** Homogeneity test on the 2 × K table; null with < 2 used labels or an empty side. */
  chi_square: ChiSquareTest | null
}

/**
 * Compares label frequencies across versions by category text, since base
 * and head intern their categories independently. Counts valid ratings
 * (every code in range), as `VersionReport.distribution` does.
 */
export function labelShift(base: Ratings, head: Ratings): LabelShift {
  const labels = [...base.categories]
  const position = new Map(labels.map((label, k) => [label, k]))
  for (const label of head.categories) {
    if (!position.has(label)) {
      position.set(label, labels.length)
      labels.push(label)
    }
  }
  const baseCounts = countLabels(base, position, labels.length)
  const headCounts = countLabels(head, position, labels.length)
  return {
    labels,
    base: baseCounts,
    head: headCounts,
    jensen_shannon: jensenShannonDistance(baseCounts, headCounts),
    chi_square: chiSquareHomogeneity([baseCounts, headCounts])
  }
}

function countLabels(
  ratings: Ratings,
  position: ReadonlyMap<string, number>,
  nLabels: number
): number[] {
  const byCategory = new Float64Array(ratings.categories.length)
  // Locals, not property reads, in the loop: it runs over millions of ratings.
  const { item, annotator, category, nItems, nAnnotators } = ratings
  const size = Math.min(item.length, annotator.length, category.length)
  const K = byCategory.length
  for (let r = 0; r < size; r++) {
    const i = item[r]!
    const a = annotator[r]!
    const k = category[r]!
    if (i < 0 || i >= nItems || a < 0 || a >= nAnnotators) continue
    if (k >= 0 && k < K) byCategory[k]!++
  }
  const counts = new Array<number>(nLabels).fill(0)
  ratings.categories.forEach((label, k) => {
    counts[position.get(label)!]! += byCategory[k]!
  })
  return counts
}
