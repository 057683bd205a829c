import type { Ratings } from '../model/ratings.js'
import { digamma } from './digamma.js'
import { groupByItem } from './item-groups.js'
import {
  argmaxLabels,
  expectedAccuracy,
  type InferenceOptions,
  type TruthInference
} from './truth-inference.js'

/**
 * MACE, Hovy, Berg-Kirkpatrick, Vaswani & Hovy (2013), "Learning Whom to
 * Trust with MACE", NAACL-HLT 1120-1130. The truth T_i is uniform over the
 * k classes; annotator j is spamming on an item with probability 1 − θ_j and
 * then answers from their own distribution ξ_j, else answers the truth:
 *   P(A_ij = l | T_i = t) = (1 − θ_j) ξ_j[l] + θ_j [l = t].
 * EM (or variational Bayes with Beta(α, β) on θ_j and a symmetric
 * Dirichlet(10) on ξ_j, crowd-kit's default) over the expected spamming
 * counts. The spam score reported is 1 − θ_j, normalised where variational
 * Bayes leaves the pair unnormalised.
 *
 * Start: θ_j = 1/2 and ξ_j uniform for everyone, so the first E-step ranks
 * each item's labels by their votes (the majority vote) — deterministic,
 * where Hovy et al. and crowd-kit start from random restarts. With that start
 * put into crowd-kit, the estimates equal crowd-kit's `MACE`; the tests pin them.
 * Products over an item's ratings are summed in log space.
 */
export function mace(
  ratings: Ratings,
  options: InferenceOptions,
  priors: { alpha: number; beta: number; strategy: number } = {
    alpha: 0.5,
    beta: 0.5,
    strategy: 10
  }
): TruthInference {
  const k = ratings.categories.length
  const nA = ratings.nAnnotators
  const { annotator, category } = ratings
  const groups = groupByItem(ratings)
  const nG = groups.items.length
  const { start, order } = groups

  // spam[j] = P(spamming), know[j] = P(knowing): crowd-kit's spamming_[:, 0] and [:, 1].
  const spam = new Float64Array(nA).fill(0.5)
  const know = new Float64Array(nA).fill(0.5)
  const xi = new Float64Array(nA * k).fill(1 / k)
  const t = new Float64Array(nG * k)
  const lg = new Float64Array(k)
  const strategyCounts = new Float64Array(nA * k)
  const spamCounts = new Float64Array(nA)
  const knowCounts = new Float64Array(nA)
  const logK = Math.log(k)
  const logMiss = new Float64Array(nA * k)
  const logHit = new Float64Array(nA * k)

  const eStep = (): number => {
    strategyCounts.fill(0)
    spamCounts.fill(0)
    knowCounts.fill(0)
    // log P(label l | truth ≠ l) and log P(l | truth = l) per annotator and
    // label, once per round instead of once per rating.
    for (let a = 0; a < nA; a++) {
      for (let l = 0; l < k; l++) {
        // Floored: EM without smoothing can leave a label at 0 for someone.
        const spamming = Math.max(1e-300, spam[a]! * xi[a * k + l]!)
        logMiss[a * k + l] = Math.log(spamming)
        logHit[a * k + l] = Math.log(spamming + know[a]!)
      }
    }
    let ll = 0
    for (let g = 0; g < nG; g++) {
      lg.fill(-logK)
      for (let j = start[g]!; j < start[g + 1]!; j++) {
        const r = order[j]!
        const e = annotator[r]! * k + category[r]!
        const miss = logMiss[e]!
        for (let x = 0; x < k; x++) lg[x]! += miss
        lg[category[r]!]! += logHit[e]! - miss
      }
      let max = -Infinity
      for (let x = 0; x < k; x++) if (lg[x]! > max) max = lg[x]!
      let sum = 0
      for (let x = 0; x < k; x++) {
        const v = Math.exp(lg[x]! - max)
        t[g * k + x] = v
        sum += v
      }
      for (let x = 0; x < k; x++) t[g * k + x] = t[g * k + x]! / sum
      ll += max + Math.log(sum)
      // Expected counts: P(spamming on this rating | data) and P(knowing).
      for (let j = start[g]!; j < start[g + 1]!; j++) {
        const r = order[j]!
        const a = annotator[r]!
        const l = category[r]!
        const spamming = spam[a]! * xi[a * k + l]!
        const pl = t[g * k + l]!
        // Σ_t P(t) · spamming / (spamming + know·[t = l])
        const spamPosterior =
          (1 - pl) * 1 + (pl * spamming) / (spamming + know[a]!)
        strategyCounts[a * k + l]! += spamPosterior
        spamCounts[a]! += spamPosterior
        knowCounts[a]! += (pl * know[a]!) / (spamming + know[a]!)
      }
    }
    return ll
  }

  const mStep = (): void => {
    if (options.variational) {
      for (let a = 0; a < nA; a++) {
        const s0 = spamCounts[a]! + priors.alpha
        const s1 = knowCounts[a]! + priors.beta
        const norm = Math.exp(digamma(s0 + s1))
        spam[a] = Math.exp(digamma(s0)) / norm
        know[a] = Math.exp(digamma(s1)) / norm
        let total = 0
        for (let l = 0; l < k; l++)
          total += strategyCounts[a * k + l]! + priors.strategy
        const strategyNorm = Math.exp(digamma(total))
        for (let l = 0; l < k; l++) {
          xi[a * k + l] =
            Math.exp(digamma(strategyCounts[a * k + l]! + priors.strategy)) /
            strategyNorm
        }
      }
    } else {
      // crowd-kit (after Hovy et al.'s code) smooths by 0.01 / k.
      const s = options.smoothing / k
      for (let a = 0; a < nA; a++) {
        const norm = spamCounts[a]! + knowCounts[a]! + 2 * s
        spam[a] = norm > 0 ? (spamCounts[a]! + s) / norm : 0
        know[a] = norm > 0 ? (knowCounts[a]! + s) / norm : 0
        let total = 0
        for (let l = 0; l < k; l++) total += strategyCounts[a * k + l]! + s
        for (let l = 0; l < k; l++) {
          xi[a * k + l] =
            total > 0 ? (strategyCounts[a * k + l]! + s) / total : 0
        }
      }
    }
  }

  let logLikelihood = eStep()
  let previous = logLikelihood
  const nRatings = Math.max(1, annotator.length)
  let iterations = 0
  let converged = false
  while (iterations < options.maxIterations) {
    mStep()
    logLikelihood = eStep()
    iterations++
    if ((logLikelihood - previous) / nRatings < options.tolerance) {
      converged = true
      break
    }
    previous = logLikelihood
  }

  const spamScore = new Float64Array(nA)
  const { accuracy, ratings: count } = expectedAccuracy(
    groups,
    t,
    k,
    annotator,
    category,
    nA
  )
  for (let a = 0; a < nA; a++) {
    spamScore[a] = count[a]! > 0 ? spam[a]! / (spam[a]! + know[a]!) : NaN
  }
  return {
    method: 'mace',
    k,
    groups,
    posterior: t,
    label: argmaxLabels(t, k),
    prior: new Float64Array(k).fill(1 / k),
    iterations,
    converged,
    logLikelihood,
    confusion: null,
    estimatedAccuracy: accuracy,
    ratingsPerAnnotator: count,
    spamScore
  }
}
