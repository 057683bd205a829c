import type { ConsensusConfig } from '../config/schema.js'
import {
  consensusResult,
  type ConsensusResult
} from '../inference/consensus-report.js'
import type { ConsensusLabels } from '../inference/consensus-file.js'
import { inferTruth } from '../inference/run-inference.js'
import type { MetricResult } from '../metrics/result.js'
import type { Ratings, ReferenceLabels } from '../model/ratings.js'
import type { VersionReport } from '../report/types.js'

/**
 * Fits the truth-inference model to one version's ratings and adds what it
 * gives to that version's report: `consensus_accuracy`, each annotator's
 * `estimated_accuracy` (and MACE's `spam_score`) and the `consensus` summary.
 * Returns the model's result for the adjudication queue and the labels file.
 */
export function applyConsensus(
  report: VersionReport,
  ratings: Ratings,
  reference: ReferenceLabels | null,
  config: ConsensusConfig
): { result: ConsensusResult; labels: ConsensusLabels | null } {
  const fitted = inferTruth(ratings, config)
  const gold = new Map<string, MetricResult>(
    Object.entries(report.annotators).map(([id, a]) => [id, a.accuracy])
  )
  const result = consensusResult(
    ratings,
    reference,
    fitted,
    config.method,
    config.min_posterior,
    gold
  )
  report.metrics.consensus_accuracy = result.accuracy
  for (const [id, row] of Object.entries(report.annotators)) {
    const estimated = result.estimated.get(id)
    if (estimated !== undefined) row.estimated_accuracy = estimated
    const spam = result.spam.get(id)
    if (spam !== undefined) row.spam_score = spam
  }
  report.consensus = result.report
  return {
    result,
    labels:
      'inference' in fitted ? { ratings, inference: fitted.inference } : null
  }
}
