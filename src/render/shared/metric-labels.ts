import { metricBaseName } from '../../metrics/names.js'

/**
 * The names people know for the metrics; the JSON name (the one a config
 * gates on) stays available in a legend or a hover title.
 */
const NAMES: Record<string, string> = {
  percent_agreement: 'Percent agreement',
  cohen_kappa: "Cohen's κ",
  cohen_kappa_linear: "Cohen's κ (linear weights)",
  cohen_kappa_quadratic: "Cohen's κ (quadratic weights)",
  light_kappa: "Light's κ (mean pairwise Cohen's κ)",
  scott_pi: "Scott's π",
  fleiss_kappa: "Fleiss' κ",
  krippendorff_alpha: "Krippendorff's α",
  gwet_ac1: "Gwet's AC1",
  accuracy: 'Accuracy',
  error_rate: 'Error rate',
  majority_vote_accuracy: 'Majority-vote accuracy',
  consensus_accuracy: 'Consensus accuracy (inferred labels)',
  estimated_accuracy: 'Estimated accuracy (no gold needed)',
  spam_score: 'Spam score (MACE)',
  drift: 'Accuracy drift',
  masi_alpha: "Krippendorff's α (MASI)",
  jaccard_alpha: "Krippendorff's α (Jaccard)",
  subset_accuracy: 'Subset accuracy (exact set)',
  hamming_loss: 'Hamming loss',
  example_precision: 'Precision (per example)',
  example_recall: 'Recall (per example)',
  example_f1: 'F1 (per example)',
  micro_precision: 'Precision (micro)',
  micro_recall: 'Recall (micro)',
  micro_f1: 'F1 (micro)',
  macro_precision: 'Precision (macro)',
  macro_recall: 'Recall (macro)',
  macro_f1: 'F1 (macro)',
  pairwise_span_f1_strict: 'Pairwise span F1 (strict)',
  pairwise_span_f1_overlap: 'Pairwise span F1 (overlap)',
  token_alpha: "Token-level Krippendorff's α",
  span_precision_strict: 'Span precision (strict)',
  span_recall_strict: 'Span recall (strict)',
  span_f1_strict: 'Span F1 (strict)',
  span_macro_f1_strict: 'Span F1 (strict, macro)',
  span_precision_overlap: 'Span precision (overlap)',
  span_recall_overlap: 'Span recall (overlap)',
  span_f1_overlap: 'Span F1 (overlap)',
  span_macro_f1_overlap: 'Span F1 (overlap, macro)',
  pairwise_box_f1_50: 'Pairwise box F1 (IoU 0.5)',
  pairwise_box_f1_50_95: 'Pairwise box F1 (IoU 0.50:0.95)',
  pairwise_box_mean_iou: 'Pairwise mean IoU',
  box_precision_50: 'Box precision (IoU 0.5)',
  box_recall_50: 'Box recall (IoU 0.5)',
  box_f1_50: 'Box F1 (IoU 0.5)',
  box_f1_50_95: 'Box F1 (IoU 0.50:0.95)',
  box_mean_iou: 'Mean IoU against the reference',
  box_macro_f1_50: 'Box F1 (IoU 0.5, macro)',
  label_shift: 'Label shift (Jensen-Shannon distance)'
}

/** `krippendorff_alpha` → `Krippendorff's α`; `changed.error_rate` → `Error rate (this change)`. */
export function metricLabel(metric: string): string {
  const base = metricBaseName(metric)
  const name = NAMES[base] ?? base
  if (metric.startsWith('changed.')) return `${name} (this change)`
  if (metric.startsWith('annotator.')) return `${name} per annotator`
  if (metric.startsWith('slice.')) return `${name} per slice`
  if (metric.startsWith('slice_gap.')) return `${name} gap between slices`
  return name
}

/** Shorter forms where the full name would widen a terminal table. */
const SHORT: Record<string, string> = {
  light_kappa: "Light's κ",
  consensus_accuracy: 'Consensus accuracy',
  estimated_accuracy: 'Estimated accuracy',
  subset_accuracy: 'Subset accuracy',
  token_alpha: 'Token α',
  box_mean_iou: 'Mean IoU (reference)',
  label_shift: 'Label shift (JSD)'
}

/** `metricLabel` in a form short enough for a table column: `Light's κ`. */
export function shortMetricLabel(metric: string): string {
  const short = SHORT[metricBaseName(metric)]
  return short !== undefined && !metric.includes('.')
    ? short
    : metricLabel(metric)
}
