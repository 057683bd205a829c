import {
  bootstrapStream,
  resampleFrequencies,
  withBootstrapInterval,
  type BootstrapOptions
} from '../../metrics/bootstrap.js'
import {
  defined,
  undefinedMetric,
  type MetricResult
} from '../../metrics/result.js'
import type { SpanIndex } from './span-index.js'
import { countLabels, overlapMatches, strictMatches } from './span-matching.js'

/** Pairwise span F1 of two annotators over the items both annotated. */
export interface SpanPairAgreement {
  a: string
  b: string
  n_items: number
  f1_strict: number | null
  f1_overlap: number | null
}

/** Pairwise span F1 of one entity type, pooled over every annotator pair. */
export interface SpanLabelAgreement {
  label: string
  /** Spans of this type in the compared annotation pairs (both sides). */
  spans: number
  f1_strict: number | null
  f1_overlap: number | null
}

export interface SpanAgreement {
  pairwise_span_f1_strict: MetricResult
  pairwise_span_f1_overlap: MetricResult
  pairs: SpanPairAgreement[]
  labels: SpanLabelAgreement[]
  /**
   * Per item code: strict F1 pooled over the item's annotator pairs (NaN
   * for an item with fewer than two annotations or no span in any of them),
   * for the adjudication queue.
   */
  itemF1Strict: Float64Array
  itemF1Overlap: Float64Array
}

/**
 * Pairwise span F1 between annotators (Hripcsak and Rothschild 2005,
 * "Agreement, the F-measure, and reliability in information retrieval",
 * JAMIA 12(3)): with one annotator as reference and the other as system,
 * F1 = 2·matched / (|A| + |B|), symmetric in the two, and the value kappa
 * tends to when the negatives (all text that nobody marked) are unbounded,
 * as they are for spans.
 *
 * For each item with two or more annotations, every pair of its
 * annotations is compared (strict or overlap matching, see
 * `span-matching.ts`). The dataset figure pools the counts over all pairs
 * and items: Σ 2·matched / Σ (|A| + |B|). That weighs each annotator pair
 * by the spans it compared, so a pair that shares one short item does not
 * count as much as one that shares a thousand (a plain mean over pairs
 * would); it is also a sum over items, so shards merge by addition and the
 * item-level bootstrap resamples it directly. `n_items` is the items with
 * two or more annotations, `n` the annotation pairs compared. Undefined
 * when no item has two annotations, or no compared annotation has a span.
 *
 * Intervals: item-level bootstrap (items are the unit; all pairs of an item
 * stay together), with per-item patterns compressed as in
 * `metrics/bootstrap.ts`.
 */
export function spanAgreement(
  ix: SpanIndex,
  bootstrap: BootstrapOptions | null
): SpanAgreement {
  const table = ix.table
  const nA = table.annotators.size
  const nL = table.labels.size
  const pairIndex = new Map<number, number>()
  const pairTp = [0, 0].map(() => [] as number[])
  const pairDen: number[] = []
  const pairItems: number[] = []
  const pairA: number[] = []
  const pairB: number[] = []
  const labelTpStrict = new Float64Array(nL)
  const labelTpOverlap = new Float64Array(nL)
  const labelSpans = new Float64Array(nL)
  const itemF1Strict = new Float64Array(ix.nItems).fill(NaN)
  const itemF1Overlap = new Float64Array(ix.nItems).fill(NaN)
  // Per item: 2·strict, 2·overlap, |A|+|B|, for the bootstrap.
  const patterns = new Map<string, number>()
  const patternValues: number[] = []
  const frequency: number[] = []
  let items = 0
  let comparisons = 0
  let tpS = 0
  let tpO = 0
  let den = 0
  for (let i = 0; i < ix.nItems; i++) {
    const from = ix.itemStart[i]!
    const to = ix.itemStart[i + 1]!
    if (to - from < 2) continue
    items++
    let iS = 0
    let iO = 0
    let iD = 0
    for (let p = from; p < to; p++) {
      const x = ix.rows[p]!
      for (let q = p + 1; q < to; q++) {
        const y = ix.rows[q]!
        let a = table.annotator[x]!
        let b = table.annotator[y]!
        if (a === b) continue
        if (a > b) [a, b] = [b, a]
        const s = strictMatches(ix, x, ix, y, labelTpStrict)
        const o = overlapMatches(ix, x, ix, y, labelTpOverlap)
        const d =
          ix.begin[x + 1]! - ix.begin[x]! + ix.begin[y + 1]! - ix.begin[y]!
        countLabels(ix, x, labelSpans)
        countLabels(ix, y, labelSpans)
        const key = a * nA + b
        let k = pairIndex.get(key)
        if (k === undefined) {
          k = pairDen.length
          pairIndex.set(key, k)
          pairA.push(a)
          pairB.push(b)
          pairTp[0]!.push(0)
          pairTp[1]!.push(0)
          pairDen.push(0)
          pairItems.push(0)
        }
        pairTp[0]![k]! += 2 * s
        pairTp[1]![k]! += 2 * o
        pairDen[k]! += d
        pairItems[k]!++
        iS += 2 * s
        iO += 2 * o
        iD += d
        comparisons++
      }
    }
    if (iD > 0) {
      itemF1Strict[i] = iS / iD
      itemF1Overlap[i] = iO / iD
    }
    tpS += iS
    tpO += iO
    den += iD
    if (bootstrap !== null) {
      const key = `${iS},${iO},${iD}`
      const at = patterns.get(key)
      if (at === undefined) {
        patterns.set(key, frequency.length)
        patternValues.push(iS, iO, iD)
        frequency.push(1)
      } else frequency[at]!++
    }
  }
  const extra = { n_items: items, n: comparisons }
  const result = (tp: number): MetricResult =>
    items === 0
      ? undefinedMetric(
          'no item has two or more annotations (nothing to compare)',
          extra
        )
      : den === 0
        ? undefinedMetric(
            'no compared annotation has a span (F1 is 0/0)',
            extra
          )
        : defined(tp / den, extra)
  let strict = result(tpS)
  let overlap = result(tpO)
  if (bootstrap !== null && den > 0) {
    const R = bootstrap.resamples
    const next = bootstrapStream(bootstrap, 'span-agreement')
    const freq = Float64Array.from(frequency)
    const w = new Float64Array(freq.length)
    const repS = new Float64Array(R)
    const repO = new Float64Array(R)
    for (let r = 0; r < R; r++) {
      resampleFrequencies(next, freq, w)
      let s = 0
      let o = 0
      let d = 0
      for (let j = 0; j < w.length; j++) {
        const m = w[j]!
        if (m === 0) continue
        s += m * patternValues[3 * j]!
        o += m * patternValues[3 * j + 1]!
        d += m * patternValues[3 * j + 2]!
      }
      repS[r] = d > 0 ? s / d : NaN
      repO[r] = d > 0 ? o / d : NaN
    }
    strict = withBootstrapInterval(strict, repS, bootstrap.level)
    overlap = withBootstrapInterval(overlap, repO, bootstrap.level)
  }
  const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null)
  const pairs: SpanPairAgreement[] = pairDen.map((d, k) => ({
    a: table.annotators.value(pairA[k]!),
    b: table.annotators.value(pairB[k]!),
    n_items: pairItems[k]!,
    f1_strict: ratio(pairTp[0]![k]!, d),
    f1_overlap: ratio(pairTp[1]![k]!, d)
  }))
  const labels: SpanLabelAgreement[] = []
  for (let l = 0; l < nL; l++) {
    if (labelSpans[l] === 0) continue
    labels.push({
      label: table.labels.value(l),
      spans: labelSpans[l]!,
      f1_strict: (2 * labelTpStrict[l]!) / labelSpans[l]!,
      f1_overlap: (2 * labelTpOverlap[l]!) / labelSpans[l]!
    })
  }
  labels.sort((x, y) => (x.label < y.label ? -1 : x.label > y.label ? 1 : 0))
  return {
    pairwise_span_f1_strict: strict,
    pairwise_span_f1_overlap: overlap,
    pairs,
    labels,
    itemF1Strict,
    itemF1Overlap
  }
}
