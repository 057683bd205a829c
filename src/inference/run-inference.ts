import type { Ratings } from '../model/ratings.js'
import { dawidSkene } from './dawid-skene.js'
import { mace } from './mace.js'
import {
  DEFAULT_INFERENCE,
  type InferenceMethod,
  type TruthInference
} from './truth-inference.js'

/** The model's settings as the config gives them (docs/truth-inference.md). */
export interface ConsensusSettings {
  method: InferenceMethod
  max_iterations?: number
  tolerance: number
  smoothing: number
}

/**
 * Parameters held at once are annotators × categories² numbers (the
 * confusion matrices): above this many the model is not fitted, and the
 * report says why, instead of exhausting memory on a label space nobody
 * rated densely (10^6 annotators × 4 categories is 1.6 × 10^7).
 */
export const MAX_PARAMETERS = 5e7

/** Fits the configured model, or says why it cannot be fitted. */
export function inferTruth(
  ratings: Ratings,
  settings: ConsensusSettings
): { inference: TruthInference } | { reason: string } {
  const k = ratings.categories.length
  if (ratings.item.length === 0) return { reason: 'no ratings' }
  if (k < 2) return { reason: 'fewer than two categories' }
  const size =
    settings.method === 'mace'
      ? ratings.nAnnotators * k
      : ratings.nAnnotators * k * k
  if (size > MAX_PARAMETERS) {
    return {
      reason: `${ratings.nAnnotators} annotators × ${k} categories need ${size.toExponential(1)} parameters, above the limit of ${MAX_PARAMETERS.toExponential(0)}`
    }
  }
  const defaults = DEFAULT_INFERENCE[settings.method]
  const options = {
    ...defaults,
    maxIterations: settings.max_iterations ?? defaults.maxIterations,
    tolerance: settings.tolerance,
    smoothing: settings.smoothing
  }
  return {
    inference:
      settings.method === 'mace'
        ? mace(ratings, options)
        : dawidSkene(ratings, options)
  }
}
