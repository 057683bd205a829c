import {
  seededRandom,
  type Random32
} from '../../src/governance/seeded-random.js'
import { computeAgreement } from '../../src/metrics/agreement.js'
import {
  countCategories,
  groupByItem,
  summarizeItems
} from '../../src/metrics/agreement-stats.js'
import { gwetAc1 } from '../../src/metrics/gwet-ac1.js'
import { krippendorffAlpha } from '../../src/metrics/krippendorff-alpha.js'
import { uniform } from '../../src/metrics/bootstrap.js'
import type { IntervalOptions } from '../../src/metrics/interval-options.js'
import { computeReference } from '../../src/metrics/reference.js'
import { bootstrapReference } from '../../src/metrics/reference-bootstrap.js'
import type { MetricResult } from '../../src/metrics/result.js'
import type { Ratings, ReferenceLabels } from '../../src/model/ratings.js'

/**
 * The generating model of the coverage simulations. Each item has a true
 * class c ~ PREVALENCE; each annotator independently gives the true class
 * with probability `skill`, else a uniformly random class (possibly the
 * true one). For accuracy, the skill varies by item (half the items easy,
 * half hard), which makes annotations of one item correlated.
 */
export const PREVALENCE = [0.5, 0.3, 0.2]
export const SKILL = 0.7
export const EASY = 0.9
export const HARD = 0.5
const K = PREVALENCE.length

/** P(label k | true class c) for a given skill. */
function labelGivenClass(skill: number, c: number, k: number): number {
  return (k === c ? skill : 0) + (1 - skill) / K
}

/**
 * Population values: the limits of the coefficients as the number of items
 * grows, from the model's expected tables. Two exchangeable annotators agree
 * with probability p_a = Σ_c π_c Σ_k P(k|c)², and give category k with
 * probability p_k = Σ_c π_c P(k|c). Cohen's kappa, Scott's pi and
 * Krippendorff's alpha then all tend to (p_a − Σ p_k²)/(1 − Σ p_k²) (equal
 * margins; alpha's (N − 1)/N factor tends to 1), and Gwet's AC1 to
 * (p_a − p_e)/(1 − p_e) with p_e = Σ p_k(1 − p_k)/(K − 1). Accuracy's
 * population value is E[hits]/E[annotations], the mean over easy and hard
 * items of s + (1 − s)/K (a random label is right one time in K).
 */
export function populationValues(): {
  kappa: number
  alpha: number
  ac1: number
  accuracy: number
} {
  let pa = 0
  const p = new Array<number>(K).fill(0)
  PREVALENCE.forEach((pi, c) => {
    for (let k = 0; k < K; k++) {
      const q = labelGivenClass(SKILL, c, k)
      pa += pi * q * q
      p[k]! += pi * q
    }
  })
  const sumSquares = p.reduce((s, x) => s + x * x, 0)
  const kappa = (pa - sumSquares) / (1 - sumSquares)
  const pe = p.reduce((s, x) => s + x * (1 - x), 0) / (K - 1)
  return {
    kappa,
    alpha: kappa,
    ac1: (pa - pe) / (1 - pe),
    accuracy: (EASY + (1 - EASY) / K + HARD + (1 - HARD) / K) / 2
  }
}

function draw(next: Random32, weights: readonly number[]): number {
  let u = uniform(next)
  for (let k = 0; k < weights.length - 1; k++) {
    if (u < weights[k]!) return k
    u -= weights[k]!
  }
  return weights.length - 1
}

/** One simulated dataset: n items, m annotators each, complete. */
export function simulate(
  next: Random32,
  nItems: number,
  nAnnotators: number,
  varySkill: boolean
): { ratings: Ratings; reference: ReferenceLabels } {
  const size = nItems * nAnnotators
  const item = new Int32Array(size)
  const annotator = new Int32Array(size)
  const category = new Int32Array(size)
  const truth = new Int32Array(nItems)
  for (let i = 0, r = 0; i < nItems; i++) {
    const c = draw(next, PREVALENCE)
    truth[i] = c
    const skill = varySkill ? (uniform(next) < 0.5 ? EASY : HARD) : SKILL
    for (let a = 0; a < nAnnotators; a++, r++) {
      item[r] = i
      annotator[r] = a
      category[r] = uniform(next) < skill ? c : Math.floor(uniform(next) * K)
    }
  }
  const ratings: Ratings = {
    level: 'nominal',
    nItems,
    nAnnotators,
    categories: ['a', 'b', 'c'],
    declared: true,
    values: null,
    item,
    annotator,
    category,
    row: Int32Array.from({ length: size }, (_, r) => r),
    itemIds: Array.from({ length: nItems }, (_, i) => `i${i}`),
    annotatorIds: Array.from({ length: nAnnotators }, (_, a) => `a${a}`)
  }
  return { ratings, reference: { category: truth, size: nItems } }
}

/**
 * One coefficient of the ratings through the same code as the report, but
 * only that one in analytic mode (the full report of 4,000 datasets would
 * spend most of its time on coefficients the simulation does not look at).
 */
function agreementMetric(
  ratings: Ratings,
  metric: 'cohen_kappa' | 'krippendorff_alpha' | 'gwet_ac1',
  options: IntervalOptions
): MetricResult {
  if (options.method === 'bootstrap' || metric === 'cohen_kappa')
    return computeAgreement(ratings, options).metrics[metric]
  const counts = countCategories(ratings, groupByItem(ratings))
  const stats = summarizeItems(counts)
  return metric === 'krippendorff_alpha'
    ? krippendorffAlpha(stats, 'nominal', null, counts)
    : gwetAc1(stats, true, 'nominal', counts)
}

export type CoverageMetric =
  'cohen_kappa' | 'krippendorff_alpha' | 'gwet_ac1' | 'accuracy'

const covers = (m: MetricResult, truth: number): boolean =>
  m.ci !== undefined && m.ci.low <= truth && truth <= m.ci.high

/**
 * Share of `datasets` simulated datasets whose 95% interval covers the
 * population value. Kappa uses 2 annotators; alpha and AC1 use 3; accuracy
 * uses 3 annotators per item with item-level skill.
 */
export function coverage(
  metric: CoverageMetric,
  nItems: number,
  datasets: number,
  method: 'analytic' | 'bootstrap',
  resamples = 1000
): number {
  const truth = populationValues()
  const target =
    metric === 'cohen_kappa'
      ? truth.kappa
      : metric === 'krippendorff_alpha'
        ? truth.alpha
        : metric === 'gwet_ac1'
          ? truth.ac1
          : truth.accuracy
  const next = seededRandom(`coverage/${metric}/${nItems}`)
  let hits = 0
  for (let d = 0; d < datasets; d++) {
    const options: IntervalOptions =
      method === 'analytic'
        ? { method }
        : { method, resamples, seed: `coverage/${metric}/${nItems}/${d}` }
    if (metric === 'accuracy') {
      const { ratings, reference } = simulate(next, nItems, 3, true)
      const result = computeReference(ratings, reference)
      const m =
        method === 'analytic'
          ? result.metrics.accuracy
          : bootstrapReference(result, options as never).accuracy
      if (covers(m, target)) hits++
      continue
    }
    const { ratings } = simulate(
      next,
      nItems,
      metric === 'cohen_kappa' ? 2 : 3,
      false
    )
    if (covers(agreementMetric(ratings, metric, options), target)) hits++
  }
  return hits / datasets
}
