import type { Ratings } from '../model/ratings.js'
import { groupByItem } from './item-groups.js'
import {
  argmaxLabels,
  expectedAccuracy,
  PROBABILITY_FLOOR,
  voteShares,
  type InferenceOptions,
  type TruthInference
} from './truth-inference.js'

/**
 * Dawid & Skene (1979), "Maximum likelihood estimation of observer
 * error-rates using the EM algorithm", Applied Statistics 28(1) 20-28: each
 * annotator a has a confusion matrix π_a[t][l] = P(a says l | truth t), the
 * classes a prior p[t]. EM alternates
 *   E: P(truth of i = t) ∝ p[t] · Π_{ratings r of i} π_{a_r}[t][l_r]
 *   M: p[t] = mean_i P(t);  π_a[t][l] ∝ Σ_{ratings of a with label l} P(truth = t) + s
 * The E-step is computed in log space with the largest term shifted to 0
 * before exponentiating, so no product of many small numbers underflows.
 * `one_coin` replaces π_a by one skill per annotator (Zhang et al. 2016):
 * π_a[t][t] = s_a, π_a[t][l ≠ t] = (1 − s_a)/(k − 1), s_a the expected share
 * of a's ratings that are right.
 *
 * The order of steps follows crowd-kit (start posteriors, then M, then
 * E/M rounds), so with smoothing 0 the estimates equal crowd-kit's
 * `DawidSkene` and `OneCoinDawidSkene`; the tests pin them. With the
 * diagonal start, the first round is an E-step from that matrix and a
 * uniform prior (Zheng et al. 2017's protocol).
 */
export function dawidSkene(
  ratings: Ratings,
  options: InferenceOptions
): TruthInference {
  const k = ratings.categories.length
  const nA = ratings.nAnnotators
  const { annotator, category } = ratings
  const groups = groupByItem(ratings)
  const nG = groups.items.length
  const { start, order } = groups
  const oneCoin = options.method === 'one_coin'
  const s = options.smoothing

  const logPi = new Float64Array(nA * k * k)
  const pi = new Float64Array(nA * k * k)
  const prior = new Float64Array(k)
  const counts = new Float64Array(nA * k * k)
  const hits = new Float64Array(nA)
  const perAnnotator = new Int32Array(nA)
  for (let r = 0; r < annotator.length; r++) perAnnotator[annotator[r]!]!++

  /** Adds item g's posterior to the prior and to the counts of its raters. */
  const accumulate = (t: Float64Array, g: number): void => {
    for (let x = 0; x < k; x++) prior[x]! += t[g * k + x]!
    for (let j = start[g]!; j < start[g + 1]!; j++) {
      const r = order[j]!
      if (oneCoin) {
        hits[annotator[r]!]! += t[g * k + category[r]!]!
      } else {
        const base = annotator[r]! * k * k + category[r]!
        for (let x = 0; x < k; x++) counts[base + x * k]! += t[g * k + x]!
      }
    }
  }
  const clearCounts = (): void => {
    prior.fill(0)
    if (oneCoin) hits.fill(0)
    else counts.fill(0)
  }

  /** M-step from the accumulated counts: the prior, then π (and its logs). */
  const mStep = (): void => {
    for (let c = 0; c < k; c++) prior[c] = prior[c]! / nG
    if (oneCoin) {
      for (let a = 0; a < nA; a++) {
        const n = perAnnotator[a]!
        const skill = n > 0 ? (hits[a]! + s) / (n + 2 * s) : 1 / k
        const off = (1 - skill) / (k - 1)
        for (let x = 0; x < k; x++) {
          for (let l = 0; l < k; l++) {
            let v = x === l ? skill : off
            // crowd-kit clips the one-coin matrix to [1e-10, 1 - 1e-10].
            v = Math.min(1 - PROBABILITY_FLOOR, Math.max(PROBABILITY_FLOOR, v))
            pi[(a * k + x) * k + l] = v
          }
        }
      }
    } else {
      for (let a = 0; a < nA; a++) {
        for (let x = 0; x < k; x++) {
          const row = (a * k + x) * k
          let sum = 0
          for (let l = 0; l < k; l++) {
            const v = Math.max(PROBABILITY_FLOOR, counts[row + l]! + s)
            pi[row + l] = v
            sum += v
          }
          for (let l = 0; l < k; l++) pi[row + l] = pi[row + l]! / sum
        }
      }
    }
    for (let e = 0; e < pi.length; e++) logPi[e] = Math.log(pi[e]!)
  }

  const t = new Float64Array(nG * k)
  const lp = new Float64Array(k)
  const logPrior = new Float64Array(k)
  /**
   * E-step: posteriors from prior and π; returns the log-likelihood. The
   * next M-step's counts are added in the same pass over each item's ratings
   * (one pass instead of two over the largest arrays).
   */
  const eStep = (): number => {
    for (let c = 0; c < k; c++) {
      logPrior[c] = Math.log(Math.max(PROBABILITY_FLOOR, prior[c]!))
    }
    clearCounts()
    let ll = 0
    for (let g = 0; g < nG; g++) {
      lp.set(logPrior)
      for (let j = start[g]!; j < start[g + 1]!; j++) {
        const r = order[j]!
        const base = annotator[r]! * k * k + category[r]!
        for (let x = 0; x < k; x++) lp[x]! += logPi[base + x * k]!
      }
      let max = -Infinity
      for (let x = 0; x < k; x++) if (lp[x]! > max) max = lp[x]!
      let sum = 0
      for (let x = 0; x < k; x++) {
        const v = Math.exp(lp[x]! - max)
        t[g * k + x] = v
        sum += v
      }
      for (let x = 0; x < k; x++) t[g * k + x] = t[g * k + x]! / sum
      ll += max + Math.log(sum)
      accumulate(t, g)
    }
    return ll
  }

  if (options.start === 'majority') {
    t.set(voteShares(groups, category, k))
    clearCounts()
    for (let g = 0; g < nG; g++) accumulate(t, g)
    mStep()
  } else {
    const q = options.start.diagonal
    prior.fill(1 / k)
    for (let a = 0; a < nA; a++) {
      for (let x = 0; x < k; x++) {
        for (let l = 0; l < k; l++) {
          pi[(a * k + x) * k + l] = x === l ? q : (1 - q) / (k - 1)
        }
      }
    }
    for (let e = 0; e < pi.length; e++) logPi[e] = Math.log(pi[e]!)
  }

  const nRatings = Math.max(1, annotator.length)
  let previous = -Infinity
  let logLikelihood = -Infinity
  let iterations = 0
  let converged = false
  while (iterations < options.maxIterations) {
    logLikelihood = eStep()
    iterations++
    mStep()
    if ((logLikelihood - previous) / nRatings < options.tolerance) {
      converged = true
      break
    }
    previous = logLikelihood
  }

  const { accuracy, ratings: count } = expectedAccuracy(
    groups,
    t,
    k,
    annotator,
    category,
    nA
  )
  return {
    method: options.method,
    k,
    groups,
    posterior: t,
    label: argmaxLabels(t, k),
    prior,
    iterations,
    converged,
    logLikelihood,
    confusion: pi,
    estimatedAccuracy: accuracy,
    ratingsPerAnnotator: count,
    spamScore: null
  }
}
