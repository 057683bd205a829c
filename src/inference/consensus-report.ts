import { sampleRankCorrelation } from 'simple-statistics'
import type { MetricResult } from '../metrics/result.js'
import { wilsonInterval } from '../metrics/wilson.js'
import type { Ratings, ReferenceLabels } from '../model/ratings.js'
import type { InferenceMethod, TruthInference } from './truth-inference.js'

/** The model's summary in the report (docs/report-json.md, `consensus`). */
export interface ConsensusReport {
  method: InferenceMethod
  /** Why the model was not fitted; the other fields are then empty. */
  skipped?: string
  iterations: number
  converged: boolean
  /** Log-likelihood of the ratings under the fitted model (natural log). */
  log_likelihood: number | null
  /** Items with at least one rating: the items the model labels. */
  items: number
  min_posterior: number
  /** Items whose inferred label's posterior is below `min_posterior` (ties included). */
  low_posterior_items: number
  /**
   * Estimated against gold-based accuracy, over annotators with at least
   * `MIN_GOLD_FOR_COMPARISON` reference annotations: Spearman's rank
   * correlation (null with fewer than 3 annotators or no spread) and the mean
   * absolute difference.
   */
  versus_reference: {
    annotators: number
    spearman: number | null
    mean_absolute_difference: number | null
  }
  /** Category order of the confusion matrices. */
  categories: string[]
  /**
   * Dawid-Skene and one-coin: per annotator, rows the true category, columns
   * the label given; lowest estimated accuracy first, at most `CONFUSION_CAP`.
   */
  confusion: { annotator: string; matrix: number[][] }[]
}

/**
 * Annotators compared with gold need this many reference annotations: with
 * one or two, the gold-based accuracy is 0, 0.5 or 1 and its rank is noise.
 */
export const MIN_GOLD_FOR_COMPARISON = 10

/** Confusion matrices listed in the report; the JSON stays small with many annotators. */
export const CONFUSION_CAP = 50

/** What the model adds to one version's report. */
export interface ConsensusResult {
  report: ConsensusReport
  /** `consensus_accuracy`. */
  accuracy: MetricResult
  /** Annotator id -> estimated accuracy (n: the annotator's ratings). */
  estimated: Map<string, MetricResult>
  /** Annotator id -> MACE's spam score; empty for the other models. */
  spam: Map<string, MetricResult>
  /** Item code -> 1 when the item's posterior is below `min_posterior`. */
  lowPosterior: Uint8Array
}

export function consensusResult(
  ratings: Ratings,
  reference: ReferenceLabels | null,
  fitted: { inference: TruthInference } | { reason: string },
  method: InferenceMethod,
  minPosterior: number,
  goldAccuracy: ReadonlyMap<string, MetricResult>
): ConsensusResult {
  const lowPosterior = new Uint8Array(ratings.nItems)
  if ('reason' in fitted) {
    return {
      report: {
        method,
        skipped: fitted.reason,
        iterations: 0,
        converged: false,
        log_likelihood: null,
        items: 0,
        min_posterior: minPosterior,
        low_posterior_items: 0,
        versus_reference: {
          annotators: 0,
          spearman: null,
          mean_absolute_difference: null
        },
        categories: [...ratings.categories],
        confusion: []
      },
      accuracy: { value: null, reason: `no consensus: ${fitted.reason}` },
      estimated: new Map(),
      spam: new Map(),
      lowPosterior
    }
  }
  const t = fitted.inference
  const k = t.k
  const { items } = t.groups

  let low = 0
  let compared = 0
  let correct = 0
  items.forEach((code, g) => {
    const label = t.label[g]!
    const p = label >= 0 ? t.posterior[g * k + label]! : 0
    if (p < minPosterior) {
      lowPosterior[code] = 1
      low++
    }
    const truth =
      reference !== null && code < reference.category.length
        ? reference.category[code]!
        : -1
    if (truth >= 0) {
      compared++
      // An exact tie counts as wrong, as in majority_vote_accuracy.
      if (label === truth) correct++
    }
  })
  const ci = wilsonInterval(correct, compared)
  const accuracy: MetricResult =
    compared === 0
      ? {
          value: null,
          reason: 'no rated item has a reference label',
          n_items: 0,
          n: 0
        }
      : {
          value: correct / compared,
          n_items: compared,
          n: compared,
          se: Math.sqrt(
            ((correct / compared) * (1 - correct / compared)) / compared
          ),
          ...(ci ? { ci } : {})
        }

  const estimated = new Map<string, MetricResult>()
  const spam = new Map<string, MetricResult>()
  const pairs: [number, number][] = []
  for (let a = 0; a < ratings.nAnnotators; a++) {
    const n = t.ratingsPerAnnotator[a]!
    if (n === 0) continue
    const id = ratings.annotatorIds[a]!
    const value = t.estimatedAccuracy[a]!
    estimated.set(id, { value, n })
    if (t.spamScore !== null) spam.set(id, { value: t.spamScore[a]!, n })
    const gold = goldAccuracy.get(id)
    if (
      gold?.value !== null &&
      gold?.value !== undefined &&
      (gold.n ?? 0) > 0
    ) {
      pairs.push([value, gold.value])
    }
  }
  let spearman: number | null = null
  let mad: number | null = null
  if (pairs.length > 0) {
    mad = pairs.reduce((s, [e, g]) => s + Math.abs(e - g), 0) / pairs.length
  }
  if (pairs.length >= 3) {
    const r = sampleRankCorrelation(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1])
    )
    spearman = Number.isFinite(r) ? r : null
  }

  const confusion: ConsensusReport['confusion'] = []
  if (t.confusion !== null) {
    const order = [...estimated.entries()]
      .sort(
        (x, y) =>
          (x[1].value ?? 0) - (y[1].value ?? 0) || (x[0] < y[0] ? -1 : 1)
      )
      .slice(0, CONFUSION_CAP)
    const code = new Map(ratings.annotatorIds.map((id, a) => [id, a]))
    for (const [id] of order) {
      const a = code.get(id)!
      const matrix: number[][] = []
      for (let x = 0; x < k; x++) {
        const row: number[] = []
        for (let l = 0; l < k; l++) row.push(t.confusion[(a * k + x) * k + l]!)
        matrix.push(row)
      }
      confusion.push({ annotator: id, matrix })
    }
  }

  return {
    report: {
      method,
      iterations: t.iterations,
      converged: t.converged,
      log_likelihood: t.logLikelihood,
      items: items.length,
      min_posterior: minPosterior,
      low_posterior_items: low,
      versus_reference: {
        annotators: pairs.length,
        spearman,
        mean_absolute_difference: mad
      },
      categories: [...ratings.categories],
      confusion
    },
    accuracy,
    estimated,
    spam,
    lowPosterior
  }
}
