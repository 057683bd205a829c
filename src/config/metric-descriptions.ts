import type { MetricName } from '../metrics/names.js'

/** One line per metric (docs/metrics.md has the definitions), shown by editors on a gate's key. */
export const METRIC_DESCRIPTIONS: Readonly<Record<MetricName, string>> = {
  percent_agreement:
    'Mean share of agreeing rating pairs per item, over items with two or more ratings.',
  cohen_kappa:
    "Cohen's kappa; exactly two annotators, on the items both rated.",
  cohen_kappa_linear:
    "Cohen's kappa with linear weights (ordinal or interval labels).",
  cohen_kappa_quadratic:
    "Cohen's kappa with quadratic weights (ordinal or interval labels).",
  light_kappa: "Light's kappa: the mean of Cohen's kappa over annotator pairs.",
  scott_pi: "Scott's pi; two annotators.",
  fleiss_kappa:
    "Fleiss' kappa; every item must have the same number of ratings.",
  krippendorff_alpha:
    "Krippendorff's alpha at the dataset's level; any number of annotators, missing ratings allowed.",
  gwet_ac1: "Gwet's AC1 (nominal); multi-rater, missing ratings allowed.",
  accuracy:
    'Share of annotations that match the reference label (items with a reference label).',
  error_rate: '1 − accuracy against the reference labels.',
  majority_vote_accuracy:
    'Share of reference items whose plurality label matches the reference; a tie counts as wrong.'
}

/** For a gate key: a dataset metric, its `changed.` slice, or `annotator.<metric>`. */
export function describeGateMetric(name: string): string {
  if (name.startsWith('changed.')) {
    const metric = name.slice('changed.'.length)
    const population =
      metric === 'accuracy' || metric === 'error_rate'
        ? 'the annotations the change added or relabeled'
        : 'all head ratings of the items the change touched'
    return `${describeMetric(metric)} Over the change's slice: ${population}.`
  }
  if (name.startsWith('annotator.')) {
    const metric = name.slice('annotator.'.length)
    const unit =
      metric === 'estimated_accuracy' || metric === 'spam_score'
        ? 'ratings'
        : 'reference items'
    return `Per annotator: ${describeMetric(metric)} Judged for every annotator with at least min_items ${unit}.`
  }
  return describeMetric(name)
}

/** Gate keys that are not among the report's metrics: they need a line too. */
const GATE_ONLY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  drift:
    "The fall in the annotator's accuracy from the base to the change's slice (give max_drop).",
  label_shift:
    'Jensen-Shannon distance (log base 2, 0 to 1) between the base and head label distributions (give max_jsd).',
  consensus_accuracy:
    'Share of reference items whose label inferred by the consensus model (Dawid-Skene, one-coin or MACE) matches the reference; a tie counts as wrong. Needs a consensus section.',
  estimated_accuracy:
    "The consensus model's estimate of the annotator's accuracy, without gold: the mean posterior of the labels they gave. Needs a consensus section.",
  spam_score:
    "MACE's probability that the annotator answers without looking (lower is better). Needs consensus method 'mace'."
}

function describeMetric(name: string): string {
  return (
    (METRIC_DESCRIPTIONS as Record<string, string | undefined>)[name] ??
    GATE_ONLY_DESCRIPTIONS[name] ??
    ''
  )
}
