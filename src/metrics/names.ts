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

/**
 * Multi-label datasets (docs/label-types.md): agreement among annotators
 * (Krippendorff's alpha with the MASI and Jaccard set distances), then
 * scikit-learn's multilabel metrics against the reference label sets.
 */
export const MULTI_LABEL_METRICS = [
  'masi_alpha',
  'jaccard_alpha',
  'subset_accuracy',
  'hamming_loss',
  'example_precision',
  'example_recall',
  'example_f1',
  'micro_precision',
  'micro_recall',
  'micro_f1',
  'macro_precision',
  'macro_recall',
  'macro_f1'
] as const

/** Span datasets: pairwise span F1 and token alpha among annotators, then span P/R/F1 against the reference. */
export const SPAN_METRICS = [
  'pairwise_span_f1_strict',
  'pairwise_span_f1_overlap',
  'token_alpha',
  'span_precision_strict',
  'span_recall_strict',
  'span_f1_strict',
  'span_macro_f1_strict',
  'span_precision_overlap',
  'span_recall_overlap',
  'span_f1_overlap',
  'span_macro_f1_overlap'
] as const

/** Box datasets: pairwise box F1 and IoU among annotators, then box P/R/F1 against the reference. */
export const BOX_METRICS = [
  'pairwise_box_f1_50',
  'pairwise_box_f1_50_95',
  'pairwise_box_mean_iou',
  'box_precision_50',
  'box_recall_50',
  'box_f1_50',
  'box_f1_50_95',
  'box_mean_iou',
  'box_macro_f1_50'
] as const

export type DatasetType = 'category' | 'multi_label' | 'span' | 'box'

/**
 * The dataset metrics of each dataset type: a gate may name only its own
 * type's (and their `changed.` slice), plus `annotator.accuracy` and
 * `label_shift`, which every type has.
 */
export const METRICS_BY_TYPE: Record<DatasetType, readonly string[]> = {
  category: DATASET_METRICS,
  multi_label: MULTI_LABEL_METRICS,
  span: SPAN_METRICS,
  box: BOX_METRICS
}

/** Per-annotator gates of each type (`annotator.<name>`). */
export const ANNOTATOR_METRICS_BY_TYPE: Record<DatasetType, readonly string[]> =
  {
    category: ANNOTATOR_METRICS,
    // drift: multi_label on subset accuracy (a proportion), span and box on
    // their F1 with an item-level test (src/structured/element-drift.ts).
    multi_label: ['accuracy', 'drift'],
    span: ['accuracy', 'drift'],
    box: ['accuracy', 'drift']
  }

/** The dataset type whose metric this is (`changed.` and `annotator.` stripped); undefined when none. */
export function typeOfMetric(metric: string): DatasetType | undefined {
  const name = metricBaseName(metric)
  for (const type of ['category', 'multi_label', 'span', 'box'] as const) {
    if (METRICS_BY_TYPE[type].includes(name)) return type
  }
  return undefined
}

/** The metrics where a smaller value is better; every other one is larger-is-better. */
const LOWER_IS_BETTER: ReadonlySet<string> = new Set([
  'error_rate',
  'spam_score',
  'hamming_loss'
])

/** Metrics where a larger value is better (all but those in LOWER_IS_BETTER). */
export function higherIsBetter(metric: string): boolean {
  return !LOWER_IS_BETTER.has(metricBaseName(metric))
}

/** `changed.error_rate`, `annotator.accuracy`: the metric itself. */
export function metricBaseName(metric: string): string {
  return metric.replace(/^(changed|annotator|slice|slice_gap)\./, '')
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

/**
 * Chance-corrected coefficients: at most 1 (perfect agreement). Their lower
 * limit depends on the data (the number of raters, the marginals, small
 * samples), so no lower limit is assumed for them.
 */
const COEFFICIENTS: ReadonlySet<string> = new Set([
  'cohen_kappa',
  'cohen_kappa_linear',
  'cohen_kappa_quadratic',
  'light_kappa',
  'scott_pi',
  'fleiss_kappa',
  'krippendorff_alpha',
  'gwet_ac1',
  'masi_alpha',
  'jaccard_alpha',
  'token_alpha'
])

/**
 * Fractions from 0 to 1 (shares, rates, precision, recall, F1, mean IoU and
 * MACE's spam probability): every other metric a dataset or annotator has,
 * drift aside (a change of accuracy, not a level).
 */
const FRACTIONS: ReadonlySet<string> = new Set(
  [
    ...Object.values(METRICS_BY_TYPE).flat(),
    ...CONSENSUS_METRICS,
    ...ANNOTATOR_METRICS
  ].filter((name) => !COEFFICIENTS.has(name) && name !== 'drift')
)

/**
 * The values a metric can provably take (`changed.`, `annotator.` and
 * `slice.` prefixes stripped): `low` null where the lower limit depends on
 * the data; undefined for a name with no declared range. `fraction`: the
 * values run from 0 to 1, so a bound above 1 reads as a percentage.
 */
export function metricRange(
  metric: string
): { low: number | null; high: number; fraction: boolean } | undefined {
  const name = metricBaseName(metric)
  if (FRACTIONS.has(name)) return { low: 0, high: 1, fraction: true }
  if (COEFFICIENTS.has(name)) return { low: null, high: 1, fraction: false }
  return undefined
}
