/** Metric names are public (docs/metrics.md): reports and gates use them; never rename one. */
export const AGREEMENT_METRICS = [
  'percent_agreement',
  'cohen_kappa',
  'cohen_kappa_linear',
  'cohen_kappa_quadratic',
  'light_kappa',
  'scott_pi',
  'fleiss_kappa',
  'krippendorff_alpha',
  'gwet_ac1'
] as const

export const REFERENCE_METRICS = [
  'accuracy',
  'error_rate',
  'majority_vote_accuracy'
] as const

export type AgreementMetric = (typeof AGREEMENT_METRICS)[number]
export type ReferenceMetric = (typeof REFERENCE_METRICS)[number]
export type MetricName = AgreementMetric | ReferenceMetric

export const DATASET_METRICS: readonly MetricName[] = [
  ...AGREEMENT_METRICS,
  ...REFERENCE_METRICS
]

/**
 * Metrics of the truth-inference model (config `consensus`): the inferred
 * labels against the reference. Present only where the model is configured.
 */
export const CONSENSUS_METRICS = ['consensus_accuracy'] as const

/** Metrics gated per annotator (`annotator.<name>`). */
export const ANNOTATOR_METRICS = [
  'accuracy',
  'drift',
  'estimated_accuracy',
  'spam_score'
] as const

/** The metrics where a smaller value is better; every other one is larger-is-better. */
const LOWER_IS_BETTER: ReadonlySet<string> = new Set([
  'error_rate',
  'spam_score'
])

/** Metrics where a larger value is better (all but those in LOWER_IS_BETTER). */
export function higherIsBetter(metric: string): boolean {
  return !LOWER_IS_BETTER.has(metricBaseName(metric))
}

/** `changed.error_rate`, `annotator.accuracy`: the metric itself. */
export function metricBaseName(metric: string): string {
  return metric.replace(/^(changed|annotator)\./, '')
}

/**
 * Proportions people read as percents: the reference metrics and percent
 * agreement. Chance-corrected coefficients (kappa, alpha, AC1) stay decimals.
 * Reports and gate messages both ask here, so they always agree.
 */
export function isPercentMetric(metric: string): boolean {
  const name = metricBaseName(metric)
  return (
    name === 'accuracy' ||
    name === 'error_rate' ||
    name.endsWith('_accuracy') ||
    name === 'percent_agreement'
  )
}
