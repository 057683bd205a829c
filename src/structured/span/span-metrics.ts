import type { BootstrapOptions } from '../../metrics/bootstrap.js'
import type { MetricResult } from '../../metrics/result.js'
import type { ElementTable } from '../element-table.js'
import { spanAgreement, type SpanAgreement } from './span-agreement.js'
import { indexSpans, type SpanIndex } from './span-index.js'
import {
  SPAN_REFERENCE_METRICS,
  spanReference,
  type SpanReference,
  type SpanReferenceMetric
} from './span-reference.js'
import { tokenAlpha } from './token-alpha.js'

export const SPAN_AGREEMENT_METRICS = [
  'pairwise_span_f1_strict',
  'pairwise_span_f1_overlap',
  'token_alpha'
] as const
export type SpanAgreementMetric = (typeof SPAN_AGREEMENT_METRICS)[number]
export type SpanMetric = SpanAgreementMetric | SpanReferenceMetric

export interface SpanMetrics {
  metrics: Record<SpanMetric, MetricResult>
  agreement: SpanAgreement
  reference: SpanReference | null
  index: SpanIndex
}

/**
 * Every span metric of one dataset version: agreement among annotators
 * (pairwise span F1 strict and overlap, token-level alpha) and, with
 * reference spans, precision/recall/F1 against them. `reference` rows have
 * annotator -1 and share the table's code space. `bootstrap` null: no
 * bootstrap intervals (the F1s then have none; see docs).
 */
export function spanMetrics(
  table: ElementTable,
  reference: ElementTable | null,
  tokens: ReadonlyMap<number, Int32Array>,
  bootstrap: BootstrapOptions | null
): SpanMetrics {
  const index = indexSpans(table, (r) => table.annotator[r]! >= 0)
  const agreement = spanAgreement(index, bootstrap)
  const alpha = tokenAlpha(index, tokens, bootstrap)
  const ref =
    reference === null
      ? null
      : spanReference(index, indexSpans(reference), bootstrap)
  const noReference: MetricResult = {
    value: null,
    reason: 'the dataset has no reference spans'
  }
  const metrics = {
    pairwise_span_f1_strict: agreement.pairwise_span_f1_strict,
    pairwise_span_f1_overlap: agreement.pairwise_span_f1_overlap,
    token_alpha: alpha
  } as Record<SpanMetric, MetricResult>
  for (const name of SPAN_REFERENCE_METRICS)
    metrics[name] = ref === null ? noReference : ref.metrics[name]
  return { metrics, agreement, reference: ref, index }
}
