import type { Ratings } from '../model/ratings.js'
import { allocateSample } from './allocate-sample.js'
import { cochranSampleSize } from './cochran.js'
import { compareText } from './compare-text.js'
import { csvDocument } from './csv.js'
import { randomBelow, seededRandom } from './seeded-random.js'

/** A fixed sample size, or Cochran's size for a margin at a confidence level. */
export type QcSizing = { size: number } | { margin: number; confidence: number }

export interface QcStratum {
  label: string
  annotator: string
  population: number
  sampled: number
}

export interface QcSampleRow {
  item: string
  annotator: string
  label: string
}

export interface QcSample {
  /** Annotations sampled. */
  size: number
  /** Annotations to sample from. */
  population: number
  /** Cochran's numbers when the size came from a margin; null for a fixed size. */
  formula: {
    n0: number
    z: number
    margin: number
    confidence: number
    p: number
  } | null
  /** Non-empty strata, by label then annotator id (code-unit order). */
  strata: QcStratum[]
  /** The sample, by item id then annotator id (code-unit order). */
  rows: QcSampleRow[]
}

/** Cochran's p: 0.5 maximises p(1 − p), so the size suits any error rate. */
const CONSERVATIVE_P = 0.5

/**
 * A reproducible sample of annotations for human review (a QC audit of the
 * change): the population is the ratings that `keep` accepts (e.g. the
 * change's added and relabeled annotations), stratified by (label, annotator)
 * so every annotator's use of every label is looked at, with proportional
 * allocation and at least one per stratum (`allocateSample`).
 *
 * Within a stratum, a simple random sample without replacement: a partial
 * Fisher-Yates shuffle (Knuth, TAOCP vol. 2, Algorithm 3.4.2P) of the
 * stratum's ratings sorted by item id, driven by xoshiro128** seeded from
 * `seed` (the head revision SHA), the stratum's label and its annotator. So
 * the sample depends only on the seed and the population as a set: not on
 * rating order, nor on the interning of ids; and a stratum's draw does not
 * change when other strata change, only when its own allocation does.
 *
 * Sizing errors (a negative size, a margin or confidence outside (0, 1)) are
 * programming errors, since the config schema checks them: RangeError.
 */
export function qcSample(
  ratings: Ratings,
  keep: (ratingIndex: number) => boolean,
  sizing: QcSizing,
  seed: string
): QcSample {
  const { item, annotator, category } = ratings
  const nA = Math.max(0, ratings.nAnnotators)
  const K = ratings.categories.length
  const size = Math.min(item.length, annotator.length, category.length)

  // Stratum key category·nA + annotator -> the stratum's rating indices.
  const byKey = new Map<number, number[]>()
  let population = 0
  for (let r = 0; r < size; r++) {
    const i = item[r]!
    const a = annotator[r]!
    const k = category[r]!
    if (i < 0 || i >= ratings.nItems || a < 0 || a >= nA || k < 0 || k >= K)
      continue
    if (!keep(r)) continue
    const key = k * nA + a
    let members = byKey.get(key)
    if (members === undefined) byKey.set(key, (members = []))
    members.push(r)
    population++
  }

  let n: number
  let formula: QcSample['formula'] = null
  if ('size' in sizing) {
    if (!(sizing.size >= 0))
      throw new RangeError(`sample size must be >= 0, got ${sizing.size}`)
    n = Math.min(population, Math.floor(sizing.size))
  } else {
    const cochran = cochranSampleSize(
      population,
      sizing.margin,
      sizing.confidence,
      CONSERVATIVE_P
    )
    n = cochran.n
    formula = {
      n0: cochran.n0,
      z: cochran.z,
      margin: sizing.margin,
      confidence: sizing.confidence,
      p: CONSERVATIVE_P
    }
  }

  const strata = [...byKey.values()].map((members) => ({
    label: ratings.categories[category[members[0]!]!]!,
    annotator: ratings.annotatorIds[annotator[members[0]!]!]!,
    members
  }))
  strata.sort(
    (x, y) =>
      compareText(x.label, y.label) || compareText(x.annotator, y.annotator)
  )
  const allocation = allocateSample(
    strata.map((s) => s.members.length),
    n
  )

  const rows: QcSampleRow[] = []
  const report: QcStratum[] = strata.map((stratum, h) => {
    const take = allocation[h]!
    const members = stratum.members
      .map((r) => ({ r, id: ratings.itemIds[item[r]!]! }))
      .sort((x, y) => compareText(x.id, y.id))
    const next = seededRandom(
      `${seed}\u0000${stratum.label}\u0000${stratum.annotator}`
    )
    for (let j = 0; j < take; j++) {
      const pick = j + randomBelow(next, members.length - j)
      const chosen = members[pick]!
      members[pick] = members[j]!
      members[j] = chosen
      rows.push({
        item: chosen.id,
        annotator: stratum.annotator,
        label: stratum.label
      })
    }
    return {
      label: stratum.label,
      annotator: stratum.annotator,
      population: stratum.members.length,
      sampled: take
    }
  })
  rows.sort(
    (x, y) =>
      compareText(x.item, y.item) || compareText(x.annotator, y.annotator)
  )
  return { size: rows.length, population, formula, strata: report, rows }
}

/**
 * The sample as CSV for reviewers: item, annotator, label, and two empty
 * columns for the reviewer's verdict (`review_label`) and a note.
 */
export function qcSampleCsv(sample: QcSample): string {
  return csvDocument(
    ['item', 'annotator', 'label', 'review_label', 'review_note'],
    sample.rows.map((row) => [row.item, row.annotator, row.label, '', ''])
  )
}
