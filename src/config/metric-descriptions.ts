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

/**
 * The metrics of multi_label, span and box datasets (docs/label-types.md
 * has the definitions).
 */
export const STRUCTURED_METRIC_DESCRIPTIONS: Readonly<Record<string, string>> =
  {
    masi_alpha:
      "multi_label: Krippendorff's alpha with the MASI set distance (Passonneau 2006) among annotators.",
    jaccard_alpha:
      "multi_label: Krippendorff's alpha with the Jaccard set distance among annotators.",
    subset_accuracy:
      'multi_label: share of annotations whose label set equals the reference set.',
    hamming_loss:
      'multi_label: share of wrong (annotation, label) decisions against the reference; lower is better.',
    example_precision:
      'multi_label: precision per annotation against its reference set, averaged (scikit-learn samples).',
    example_recall:
      'multi_label: recall per annotation against its reference set, averaged (scikit-learn samples).',
    example_f1:
      'multi_label: F1 per annotation against its reference set, averaged (scikit-learn samples).',
    micro_precision:
      'multi_label: precision over all (annotation, label) decisions against the reference.',
    micro_recall:
      'multi_label: recall over all (annotation, label) decisions against the reference.',
    micro_f1:
      'multi_label: F1 over all (annotation, label) decisions against the reference.',
    macro_precision:
      'multi_label: precision per label against the reference, averaged over labels.',
    macro_recall:
      'multi_label: recall per label against the reference, averaged over labels.',
    macro_f1:
      'multi_label: F1 per label against the reference, averaged over labels.',
    pairwise_span_f1_strict:
      'span: F1 between annotators (same start, end and label), counts pooled over every pair of annotations of an item.',
    pairwise_span_f1_overlap:
      'span: F1 between annotators (overlapping spans, same label, one to one), counts pooled over every pair of annotations of an item.',
    token_alpha:
      "span: Krippendorff's alpha over the items' tokens, each token's label from the spans covering it.",
    span_precision_strict:
      'span: precision of spans against the reference (same start, end and label).',
    span_recall_strict:
      'span: recall of reference spans (same start, end and label).',
    span_f1_strict:
      'span: F1 against the reference (same start, end and label).',
    span_macro_f1_strict:
      'span: strict F1 per entity type against the reference, averaged over types.',
    span_precision_overlap:
      'span: precision of spans against the reference (any overlap, same label).',
    span_recall_overlap:
      'span: recall of reference spans (any overlap, same label).',
    span_f1_overlap:
      'span: F1 against the reference (any overlap, same label).',
    span_macro_f1_overlap:
      'span: overlap F1 per entity type against the reference, averaged over types.',
    pairwise_box_f1_50:
      'box: F1 between annotators at IoU ≥ 0.5 (optimal one-to-one matching), counts pooled over every pair of annotators of an image.',
    pairwise_box_f1_50_95:
      'box: F1 between annotators averaged over IoU 0.50:0.05:0.95, counts pooled over every pair of annotators of an image.',
    pairwise_box_mean_iou:
      'box: mean IoU of the box pairs matched at IoU ≥ 0.5 between annotators, over every pair of annotators of an image.',
    box_precision_50:
      'box: precision of boxes against the reference at IoU ≥ 0.5.',
    box_recall_50: 'box: recall of reference boxes at IoU ≥ 0.5.',
    box_f1_50: 'box: F1 against the reference at IoU ≥ 0.5.',
    box_f1_50_95:
      'box: F1 against the reference averaged over IoU 0.50:0.05:0.95.',
    box_mean_iou:
      'box: mean IoU of the boxes matched to the reference at IoU ≥ 0.5.',
    box_macro_f1_50:
      'box: F1 at IoU ≥ 0.5 per class against the reference, averaged over classes.'
  }

/** Metrics among annotators (the others compare with the reference). */
const AGREEMENT_NAMES =
  /^(masi_alpha|jaccard_alpha|token_alpha|pairwise_)|agreement|kappa|pi$|alpha$|ac1$/

/** For a gate key: a dataset metric, its `changed.` slice, or `annotator.<metric>`. */
export function describeGateMetric(name: string): string {
  if (name.startsWith('changed.')) {
    const metric = name.slice('changed.'.length)
    const population =
      metric === 'accuracy' ||
      metric === 'error_rate' ||
      (Object.hasOwn(STRUCTURED_METRIC_DESCRIPTIONS, metric) &&
        !AGREEMENT_NAMES.test(metric))
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
  if (name.startsWith('slice_gap.')) {
    const metric = name.slice('slice_gap.'.length)
    return `The largest difference of ${metric} between two values of a slice column with at least min_items items (default 30); give max. Fails only when the gap is also significant (significance, default 0.05, corrected for the comparisons). See docs/slices.md.`
  }
  if (name.startsWith('slice.')) {
    const metric = name.slice('slice.'.length)
    return `Per slice: ${describeMetric(metric)} Judged for every value of each slice column (or of column) with at least min_items items (default 30).`
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
    STRUCTURED_METRIC_DESCRIPTIONS[name] ??
    GATE_ONLY_DESCRIPTIONS[name] ??
    ''
  )
}
