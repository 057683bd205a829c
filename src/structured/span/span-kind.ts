import { ProblemLog } from '../../formats/problem-log.js'
import { checkText } from '../../formats/text-checks.js'
import type { IntervalOptions } from '../../metrics/interval-options.js'
import { SPAN_METRICS } from '../../metrics/names.js'
import type { BootstrapOptions } from '../../metrics/bootstrap.js'
import { undefinedMetric, type MetricResult } from '../../metrics/result.js'
import type { ElementTable } from '../element-table.js'
import type {
  ItemDisagreement,
  StructuredKind,
  StructuredMeasures,
  StructuredReadInput,
  StructuredReader
} from '../structured-kind.js'
import { readConll } from './read-conll.js'
import { readLabelStudioSpans } from './read-label-studio-spans.js'
import { readProdigySpans } from './read-prodigy-spans.js'
import { spanAgreement } from './span-agreement.js'
import { spanOptionsOf } from './span-config.js'
import { indexSpans } from './span-index.js'
import {
  SPAN_RATIO_METRICS,
  SPAN_REFERENCE_METRICS,
  spanReference
} from './span-reference.js'
import { formatTokens, SpanSink } from './span-sink.js'
import { tokenAlpha } from './token-alpha.js'

type SpanFileReader = (
  bytes: Uint8Array,
  start: number,
  file: string,
  sink: SpanSink
) => void

/** A span reader as the structured pipeline calls it: one file into the version's builder. */
function plug(read: SpanFileReader): StructuredReader {
  return (input: StructuredReadInput): void => {
    const start = checkText(input.bytes, input.file, 'annotations')
    const log = new ProblemLog()
    // The pipeline checks labels against the categories and keeps the
    // first of a repeated (item, annotator), naming both places.
    const sink = new SpanSink(
      input.builder,
      log,
      spanOptionsOf(input.dataset, input.fields),
      { repeats: false, reference: input.fields.annotator === undefined }
    )
    read(input.bytes, start, input.file, sink)
    input.problems.push(...log.finish())
  }
}

export const SPAN_READERS: Record<string, StructuredReader> = {
  'label-studio': plug(readLabelStudioSpans),
  prodigy: plug(readProdigySpans),
  jsonl: plug(readProdigySpans),
  conll: plug(readConll)
}

/** Spans shown in one annotation's description before "+N more". */
const DESCRIBED_SPANS = 8

/** `[0, 2) ORG 'EU'`: one span as short text (renderers escape it). */
function spanText(table: ElementTable, e: number): string {
  const s = table.coords[2 * e]!
  const end = table.coords[2 * e + 1]!
  const text = table.text.get(table.item[rowOf(table, e)]!) ?? ''
  const quoted = text.slice(s, end)
  const shown = quoted.length > 40 ? `${quoted.slice(0, 39)}…` : quoted
  return `[${s}, ${end}) ${table.labels.value(table.label[e]!)} '${shown}'`
}

// The row an element belongs to (binary search over `start`).
function rowOf(table: ElementTable, e: number): number {
  let lo = 0
  let hi = table.size - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (table.start[mid]! <= e) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Element indices of row r in (start, end, type name) order. */
function ordered(table: ElementTable, r: number): number[] {
  const out: number[] = []
  for (let e = table.start[r]!; e < table.start[r + 1]!; e++) out.push(e)
  const name = (e: number) => table.labels.value(table.label[e]!)
  return out.sort(
    (x, y) =>
      table.coords[2 * x]! - table.coords[2 * y]! ||
      table.coords[2 * x + 1]! - table.coords[2 * y + 1]! ||
      (name(x) < name(y) ? -1 : name(x) > name(y) ? 1 : 0)
  )
}

function describeSpans(table: ElementTable, elements: number[]): string {
  const seen = new Set<string>()
  const texts: string[] = []
  for (const e of elements) {
    const t = spanText(table, e)
    if (!seen.has(t)) {
      seen.add(t)
      texts.push(t)
    }
  }
  const shown = texts.slice(0, DESCRIBED_SPANS)
  if (texts.length > DESCRIBED_SPANS)
    shown.push(`+${texts.length - DESCRIBED_SPANS} more`)
  return `{${shown.join('; ')}}`
}

function bootstrapOf(intervals: IntervalOptions): BootstrapOptions | null {
  return intervals.method === 'bootstrap' ? intervals : null
}

export const spanKind: StructuredKind = {
  type: 'span',
  readers: SPAN_READERS,
  agreementMetrics: [
    'pairwise_span_f1_strict',
    'pairwise_span_f1_overlap',
    'token_alpha'
  ],
  referenceMetrics: SPAN_REFERENCE_METRICS,
  ratioMetrics: SPAN_RATIO_METRICS,
  accuracyMeaning:
    "strict span F1 against the reference: 2·matched / (the annotator's spans + the reference's spans), over the annotator's annotations of reference items",
  measure(input): StructuredMeasures {
    const bootstrap = bootstrapOf(input.intervals)
    const agreementIndex = indexSpans(input.agreement)
    const agreement = spanAgreement(agreementIndex, bootstrap)
    const metrics: Record<string, MetricResult> = {
      pairwise_span_f1_strict: agreement.pairwise_span_f1_strict,
      pairwise_span_f1_overlap: agreement.pairwise_span_f1_overlap,
      token_alpha: tokenAlpha(
        agreementIndex,
        formatTokens(input.agreement.text),
        bootstrap
      )
    }
    let annotators: StructuredMeasures['annotators'] = new Map()
    let classes: StructuredMeasures['classes'] = []
    let accuracyTerms: StructuredMeasures['accuracyTerms']
    let rowTerms: StructuredMeasures['rowTerms']
    if (input.reference === null) {
      const none = undefinedMetric('no reference labels are configured')
      for (const name of SPAN_REFERENCE_METRICS) metrics[name] = none
    } else {
      const ref = spanReference(
        indexSpans(input.judged),
        indexSpans(input.reference),
        bootstrap,
        input.rowTerms === true
      )
      rowTerms = ref.rowTerms
      Object.assign(metrics, ref.metrics)
      accuracyTerms = ref.terms
      annotators = new Map(
        [...ref.annotators].map(([a, f1]) => [
          a,
          { accuracy: f1, metrics: { span_f1_strict: f1 } }
        ])
      )
      classes = ref.types.map((t) => ({
        label: t.label,
        support: t.support,
        predicted: t.predicted,
        precision: t.precision_strict,
        recall: t.recall_strict,
        f1: t.f1_strict
      }))
    }
    for (const name of SPAN_METRICS)
      metrics[name] ??= undefinedMetric('not computed for this version')
    return {
      metrics,
      annotators,
      classes,
      ...(accuracyTerms !== undefined && { accuracyTerms }),
      ...(rowTerms !== undefined && { rowTerms }),
      pairwise: agreement.pairs
        .filter((p) => p.n_items >= 2)
        .map((p) => ({
          a: p.a,
          b: p.b,
          n_items: p.n_items,
          kappa: null,
          percent_agreement: null,
          similarity: p.f1_strict
        }))
    }
  },
  describe(table, row): string {
    return describeSpans(table, ordered(table, row))
  },
  disagreement(table, rows): ItemDisagreement {
    // Pairwise strict F1 pooled over the item's annotation pairs.
    const keysOf = rows.map((r) => {
      const keys = new Map<string, number>()
      for (const e of ordered(table, r)) {
        const key = `${table.coords[2 * e]},${table.coords[2 * e + 1]},${table.labels.value(table.label[e]!)}`
        if (!keys.has(key)) keys.set(key, e)
      }
      return keys
    })
    let matched = 0
    let total = 0
    for (let p = 0; p < keysOf.length; p++)
      for (let q = p + 1; q < keysOf.length; q++) {
        for (const k of keysOf[p]!.keys()) if (keysOf[q]!.has(k)) matched += 2
        total += keysOf[p]!.size + keysOf[q]!.size
      }
    const count = new Map<string, { e: number; n: number }>()
    for (const keys of keysOf)
      for (const [k, e] of keys) {
        const c = count.get(k)
        if (c === undefined) count.set(k, { e, n: 1 })
        else c.n++
      }
    const disagreeing: number[] = []
    const consensus: number[] = []
    for (const { e, n } of count.values()) {
      if (n < rows.length) disagreeing.push(e)
      if (2 * n > rows.length) consensus.push(e)
    }
    const byPosition = (x: number, y: number) =>
      table.coords[2 * x]! - table.coords[2 * y]! ||
      table.coords[2 * x + 1]! - table.coords[2 * y + 1]!
    return {
      agreement: total === 0 ? null : matched / total,
      elements: disagreeing.sort(byPosition).map((e) => spanText(table, e)),
      consensus: describeSpans(table, consensus.sort(byPosition))
    }
  }
}
