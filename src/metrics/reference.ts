import type { ReferenceMetric } from './names.js'
import { defined, undefinedMetric, type MetricResult } from './result.js'
import { clusteredWilsonInterval, wilsonInterval } from './wilson.js'
import type { Ratings, ReferenceLabels } from '../model/ratings.js'
import {
  classReportsOf,
  type ClassReport,
  type ConfusionMatrix,
  ConfusionCounts,
  confusionMatrixOf
} from './confusion-counts.js'

export interface AnnotatorReference {
  /** All ratings the annotator gave, with or without a reference label. */
  annotations: number
  /** Ratings of items that have a reference label. */
  compared: number
  /** Of those, ratings equal to the reference label. */
  correct: number
  accuracy: MetricResult
}

export interface ReferenceResult {
  metrics: Record<ReferenceMetric, MetricResult>
  /** indexed by annotator code; every annotator with >= 1 rating has an entry, others undefined */
  annotators: (AnnotatorReference | undefined)[]
  classes: ClassReport[]
  confusion: ConfusionMatrix
  /** items with a reference label and >= 1 rating */
  referenceItems: number
  /** Per item code: compared annotations and hits (0 for items without a reference label). */
  clusters: ItemClusters
  /** Items whose plurality label is the reference label. */
  majorityCorrect: number
}

export interface ItemClusters {
  readonly compared: Int32Array
  readonly correct: Int32Array
}

const NO_REFERENCE_ITEM = 'no rated item has a reference label'

/**
 * Per-item category counts for the plurality vote are kept densely (one row of
 * K counters per rated reference item) up to this many cells (64 MB); beyond
 * it, for example interval data with thousands of distinct values, ratings are
 * grouped by item instead, which costs O(ratings) memory whatever K is.
 */
const DENSE_VOTE_CELLS = 1 << 24

/**
 * Metrics against trusted reference labels (docs/metrics.md), from additive
 * counts gathered in one pass over the ratings: the reference-by-annotator
 * confusion matrix, per-annotator compared/correct counts and, for the
 * plurality vote, per-item category counts.
 */
// The report and the drift analysis ask for the same version's figures;
// inputs are never mutated, so results are kept per (ratings, reference).
const computed = new WeakMap<
  Ratings,
  WeakMap<ReferenceLabels, ReferenceResult>
>()

export function computeReference(
  ratings: Ratings,
  reference: ReferenceLabels
): ReferenceResult {
  let byReference = computed.get(ratings)
  if (byReference === undefined) {
    byReference = new WeakMap()
    computed.set(ratings, byReference)
  }
  let result = byReference.get(reference)
  if (result === undefined) {
    result = referenceFigures(ratings, reference)
    byReference.set(reference, result)
  }
  return result
}

function referenceFigures(
  ratings: Ratings,
  reference: ReferenceLabels
): ReferenceResult {
  const k = ratings.categories.length
  const nAnnotators = ratings.nAnnotators
  const refOf = reference.category
  const nRatings = ratings.item.length

  let referenceSize = 0
  for (let i = 0; i < refOf.length; i++) if (refOf[i] >= 0) referenceSize++
  const dense = referenceSize * k <= DENSE_VOTE_CELLS

  const confusion = new ConfusionCounts(k)
  const annotations = new Int32Array(nAnnotators)
  const compared = new Int32Array(nAnnotators)
  const correct = new Int32Array(nAnnotators)
  // Item code -> row in `votes` (-1 until the item's first rating is seen).
  const slot = new Int32Array(refOf.length).fill(-1)
  // Per item code: compared annotations and hits, for the intervals that
  // account for clustering by item (by code, so record order never matters).
  const itemCompared = new Int32Array(refOf.length)
  const itemCorrect = new Int32Array(refOf.length)
  const votes = new Int32Array(dense ? referenceSize * k : 0)
  let referenceItems = 0

  const { item, annotator, category } = ratings
  for (let r = 0; r < nRatings; r++) {
    const a = annotator[r]
    annotations[a]++
    const i = item[r]
    const truth = i < refOf.length ? refOf[i] : -1
    if (truth < 0) continue
    const c = category[r]
    confusion.add(truth, c)
    compared[a]++
    if (c === truth) correct[a]++
    let s = slot[i]
    if (s < 0) s = slot[i] = referenceItems++
    itemCompared[i]++
    if (c === truth) itemCorrect[i]++
    if (dense) votes[s * k + c]++
  }

  const majorityCorrect = dense
    ? pluralityHitsDense(votes, k, slot, refOf)
    : pluralityHitsGrouped(ratings, refOf, slot, referenceItems)

  return referenceOfTallies(ratings.categories, {
    annotations,
    compared,
    correct,
    confusion,
    clusters: { compared: itemCompared, correct: itemCorrect },
    majorityCorrect,
    referenceItems
  })
}

/**
 * The additive counts every reference metric is computed from: per
 * annotator (by code) all ratings, compared ratings and hits; the
 * reference-by-annotator confusion counts; per item (in item order) compared
 * ratings and hits; items whose plurality label is the reference, and rated
 * reference items.
 */
export interface ReferenceTallies {
  annotations: Int32Array
  compared: Int32Array
  correct: Int32Array
  confusion: ConfusionCounts
  clusters: ItemClusters
  majorityCorrect: number
  referenceItems: number
}

/** The reference metrics of their tallies (the direct path, or merged statistics shards). */
export function referenceOfTallies(
  categories: readonly string[],
  tallies: ReferenceTallies
): ReferenceResult {
  const {
    annotations,
    compared,
    correct,
    confusion,
    clusters,
    majorityCorrect,
    referenceItems
  } = tallies
  const nAnnotators = annotations.length
  const annotatorResults: (AnnotatorReference | undefined)[] = new Array<
    AnnotatorReference | undefined
  >(nAnnotators).fill(undefined)
  for (let a = 0; a < nAnnotators; a++) {
    if (annotations[a] === 0) continue
    annotatorResults[a] = {
      annotations: annotations[a],
      compared: compared[a],
      correct: correct[a],
      accuracy: proportion(correct[a], compared[a], compared[a], {
        reason: 'annotator rated no item with a reference label'
      })
    }
  }

  const metrics: Record<ReferenceMetric, MetricResult> = {
    ...clusteredProportions(clusters),
    // One vote per item: items are independent, plain Wilson applies.
    majority_vote_accuracy: proportion(
      majorityCorrect,
      referenceItems,
      referenceItems
    )
  }

  return {
    metrics,
    annotators: annotatorResults,
    classes: classReportsOf(categories, confusion),
    confusion: confusionMatrixOf(categories, confusion),
    referenceItems,
    clusters,
    majorityCorrect
  }
}

/**
 * Accuracy and the error rate over all compared annotations, each with the
 * Wilson interval widened by the design effect of clustering by item
 * (`clusteredWilsonInterval`). `n_items` reference items, `n` annotations.
 *
 * Two passes over the items for both metrics (the totals, then both sums of
 * squares): the per-item arrays span every item code (10^6), and six passes
 * measured ~30 ms. Items with no compared annotation are skipped: their term
 * is an exact 0, which leaves a sum unchanged.
 */
function clusteredProportions(
  clusters: ItemClusters
): Pick<Record<ReferenceMetric, MetricResult>, 'accuracy' | 'error_rate'> {
  const { compared, correct } = clusters
  let total = 0
  let hits = 0
  let n = 0
  for (let s = 0; s < compared.length; s++) {
    const c = compared[s]!
    if (c === 0) continue
    total += c
    hits += correct[s]!
    n++
  }
  if (total === 0) {
    return {
      accuracy: undefinedMetric(NO_REFERENCE_ITEM, { n_items: n, n: 0 }),
      error_rate: undefinedMetric(NO_REFERENCE_ITEM, { n_items: n, n: 0 })
    }
  }
  const pHit = hits / total
  const pError = (total - hits) / total
  let hitSquares = 0
  let errorSquares = 0
  for (let s = 0; s < compared.length; s++) {
    const c = compared[s]!
    if (c === 0) continue
    const y = correct[s]!
    hitSquares += (y - pHit * c) ** 2
    errorSquares += (c - y - pError * c) ** 2
  }
  const metric = (successes: number, sumSquares: number): MetricResult => {
    const interval = clusteredWilsonInterval(successes, total, n, sumSquares)
    return defined(successes / total, {
      n_items: n,
      n: total,
      ...(interval === undefined ? {} : { se: interval.se, ci: interval.ci })
    })
  }
  return {
    accuracy: metric(hits, hitSquares),
    error_rate: metric(total - hits, errorSquares)
  }
}

/** `hits / n` with its Wilson 95% interval; null with a reason when n is 0. */
function proportion(
  hits: number,
  n: number,
  nItems: number,
  { reason = NO_REFERENCE_ITEM }: { reason?: string } = {}
): MetricResult {
  if (n === 0) return undefinedMetric(reason, { n_items: nItems, n: 0 })
  return defined(hits / n, {
    n_items: nItems,
    n,
    ci: wilsonInterval(hits, n)
  })
}

/**
 * Counts reference items whose plurality label is the reference label. A tie
 * for the top count is a miss even when the reference is among the tied
 * labels (docs/metrics.md, majority_vote_accuracy): the vote did not decide.
 */
function pluralityHitsDense(
  votes: Int32Array,
  k: number,
  slot: Int32Array,
  refOf: Int32Array
): number {
  let hits = 0
  for (let i = 0; i < slot.length; i++) {
    const s = slot[i]
    if (s < 0) continue
    if (isPluralityWinner(votes, s * k, k, refOf[i])) hits++
  }
  return hits
}

/** The same count without K counters per item: ratings grouped by item. */
function pluralityHitsGrouped(
  ratings: Ratings,
  refOf: Int32Array,
  slot: Int32Array,
  nSlots: number
): number {
  const { item, category } = ratings
  // Counting sort of the compared ratings by slot: start[s]..start[s + 1].
  const start = new Int32Array(nSlots + 1)
  for (let r = 0; r < item.length; r++) {
    const i = item[r]
    if (i < slot.length && slot[i] >= 0) start[slot[i] + 1]++
  }
  for (let s = 0; s < nSlots; s++) start[s + 1] += start[s]
  const fill = start.slice(0, nSlots)
  const grouped = new Int32Array(start[nSlots])
  const itemOfSlot = new Int32Array(nSlots)
  for (let r = 0; r < item.length; r++) {
    const i = item[r]
    const s = i < slot.length ? slot[i] : -1
    if (s < 0) continue
    grouped[fill[s]++] = category[r]
    itemOfSlot[s] = i
  }
  const counts = new Int32Array(ratings.categories.length)
  let hits = 0
  for (let s = 0; s < nSlots; s++) {
    const truth = refOf[itemOfSlot[s]]
    let best = 0
    let tied = false
    for (let j = start[s]; j < start[s + 1]; j++) {
      const n = ++counts[grouped[j]]
      if (n > best) {
        best = n
        tied = false
      } else if (n === best) tied = true
    }
    // `tied` tracks the running maximum: a later label that overtakes clears it.
    if (!tied && counts[truth] === best) hits++
    for (let j = start[s]; j < start[s + 1]; j++) counts[grouped[j]] = 0
  }
  return hits
}

export function isPluralityWinner(
  votes: Int32Array,
  offset: number,
  k: number,
  truth: number
): boolean {
  const target = votes[offset + truth]
  if (target === 0) return false
  for (let c = 0; c < k; c++) {
    if (c !== truth && votes[offset + c] >= target) return false
  }
  return true
}

export type {
  ClassReport,
  ConfusionCap,
  ConfusionMatrix
} from './confusion-counts.js'
