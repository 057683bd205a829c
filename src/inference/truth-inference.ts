import type { ItemGroups } from './item-groups.js'

/** The truth-inference models (docs/truth-inference.md). */
export const INFERENCE_METHODS = ['dawid_skene', 'one_coin', 'mace'] as const
export type InferenceMethod = (typeof INFERENCE_METHODS)[number]

export interface InferenceOptions {
  method: InferenceMethod
  /** EM rounds (E-steps) at most. */
  maxIterations: number
  /**
   * Stop when the log-likelihood per rating grows by less than this between
   * two E-steps (EM never lowers it). -Infinity runs every round.
   */
  tolerance: number
  /**
   * Pseudo-count added to every cell of a Dawid-Skene confusion-matrix row
   * before it is normalised (a symmetric Dirichlet prior), and to the hits
   * and misses of a one-coin skill; MACE's EM M-step adds it to its counts.
   * 0 gives crowd-kit's estimates (probabilities floored at 1e-10).
   */
  smoothing: number
  /**
   * Dawid-Skene's start: 'majority' (class posteriors = vote shares, as
   * crowd-kit starts) or a confusion matrix with `diagonal` on the diagonal
   * and a uniform class prior (the protocol of Zheng et al. 2017).
   */
  start: 'majority' | { diagonal: number }
  /** MACE: variational Bayes with Beta(alpha, beta) and Dirichlet(strategy) priors (Hovy et al. 2013 §3.2). */
  variational: boolean
}

export const DEFAULT_INFERENCE: Record<InferenceMethod, InferenceOptions> = {
  dawid_skene: {
    method: 'dawid_skene',
    maxIterations: 100,
    tolerance: 1e-5,
    smoothing: 0.01,
    start: 'majority',
    variational: false
  },
  one_coin: {
    method: 'one_coin',
    maxIterations: 100,
    tolerance: 1e-5,
    smoothing: 0.01,
    start: 'majority',
    variational: false
  },
  mace: {
    method: 'mace',
    maxIterations: 50,
    tolerance: 1e-5,
    smoothing: 0.01,
    start: 'majority',
    variational: true
  }
}

/** What a model infers from the annotations alone. */
export interface TruthInference {
  method: InferenceMethod
  /** Number of categories (the Ratings' category space). */
  k: number
  groups: ItemGroups
  /** groups × k: P(true category | all ratings of the item). */
  posterior: Float64Array
  /** Per group: the most probable category, -1 when the top two tie exactly. */
  label: Int32Array
  /** Class prior (Dawid-Skene); uniform for MACE, which assumes one. */
  prior: Float64Array
  iterations: number
  converged: boolean
  /** Log-likelihood of the ratings under the final parameters (natural log). */
  logLikelihood: number
  /** Per annotator code: k × k, row the true category, column the label given; null for MACE. */
  confusion: Float64Array | null
  /**
   * Per annotator code: expected accuracy on the items the annotator rated,
   * the mean over their ratings of P(true category = their label). NaN for
   * an annotator without ratings.
   */
  estimatedAccuracy: Float64Array
  ratingsPerAnnotator: Int32Array
  /** MACE: P(spamming) per annotator code (NaN without ratings); null otherwise. */
  spamScore: Float64Array | null
}

/** Floor of every probability, as in crowd-kit, so that no log is -Infinity. */
export const PROBABILITY_FLOOR = 1e-10

/** The most probable category of each group; -1 on an exact tie for the top. */
export function argmaxLabels(posterior: Float64Array, k: number): Int32Array {
  const groups = posterior.length / k
  const label = new Int32Array(groups)
  for (let g = 0; g < groups; g++) {
    let best = -1
    let bestP = -Infinity
    let tie = false
    for (let c = 0; c < k; c++) {
      const p = posterior[g * k + c]!
      if (p > bestP) {
        bestP = p
        best = c
        tie = false
      } else if (p === bestP) tie = true
    }
    label[g] = tie ? -1 : best
  }
  return label
}

/** Mean over each annotator's ratings of the posterior of the label they gave. */
export function expectedAccuracy(
  groups: ItemGroups,
  posterior: Float64Array,
  k: number,
  annotator: Int32Array,
  category: Int32Array,
  nAnnotators: number
): { accuracy: Float64Array; ratings: Int32Array } {
  const sum = new Float64Array(nAnnotators)
  const ratings = new Int32Array(nAnnotators)
  const { start, order } = groups
  for (let g = 0; g + 1 < start.length; g++) {
    for (let j = start[g]!; j < start[g + 1]!; j++) {
      const r = order[j]!
      const a = annotator[r]!
      sum[a]! += posterior[g * k + category[r]!]!
      ratings[a]!++
    }
  }
  const accuracy = new Float64Array(nAnnotators)
  for (let a = 0; a < nAnnotators; a++) {
    accuracy[a] = ratings[a]! > 0 ? sum[a]! / ratings[a]! : NaN
  }
  return { accuracy, ratings }
}

/** Vote shares per rated item: the majority-vote posterior crowd-kit starts from. */
export function voteShares(
  groups: ItemGroups,
  category: Int32Array,
  k: number
): Float64Array {
  const { start, order } = groups
  const groupsN = start.length - 1
  const t = new Float64Array(groupsN * k)
  for (let g = 0; g < groupsN; g++) {
    const n = start[g + 1]! - start[g]!
    for (let j = start[g]!; j < start[g + 1]!; j++) {
      t[g * k + category[order[j]!]!]!++
    }
    // count / n, as crowd-kit divides, so the start agrees to the last bit.
    for (let c = 0; c < k; c++) t[g * k + c]! /= n
  }
  return t
}
