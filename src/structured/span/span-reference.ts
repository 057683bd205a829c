import {
  bootstrapStream,
  resampleFrequencies,
  withBootstrapInterval,
  type BootstrapOptions
} from '../../metrics/bootstrap.js'
import {
  defined,
  undefinedMetric,
  type MetricResult
} from '../../metrics/result.js'
import { emptyAccuracyTerms, type AccuracyTerms } from '../accuracy-terms.js'
import {
  emptyRowTerms,
  type RatioDefinition,
  type RowTerms
} from '../row-terms.js'
import type { SpanIndex } from './span-index.js'
import { countLabels, overlapMatches, strictMatches } from './span-matching.js'

export const SPAN_REFERENCE_METRICS = [
  'span_precision_strict',
  'span_recall_strict',
  'span_f1_strict',
  'span_macro_f1_strict',
  'span_precision_overlap',
  'span_recall_overlap',
  'span_f1_overlap',
  'span_macro_f1_overlap'
] as const
export type SpanReferenceMetric = (typeof SPAN_REFERENCE_METRICS)[number]

/** One entity type against the reference (both matchings). */
export interface SpanTypeReport {
  label: string
  /** Reference spans of the type, over every compared annotation. */
  support: number
  predicted: number
  precision_strict: number | null
  recall_strict: number | null
  f1_strict: number | null
  precision_overlap: number | null
  recall_overlap: number | null
  f1_overlap: number | null
}

export interface SpanReference {
  metrics: Record<SpanReferenceMetric, MetricResult>
  types: SpanTypeReport[]
  /** Annotator code -> strict micro F1 against the reference, with its counts. */
  annotators: Map<number, MetricResult>
  /** Per annotation (table row), the terms of its annotator's strict F1. */
  terms: AccuracyTerms
  /** Per annotation: strict and overlap matches, annotated and reference spans (when asked). */
  rowTerms?: RowTerms
}

/** Columns of the span row terms. */
const SPAN_TERMS = ['strict', 'overlap', 'predicted', 'reference'] as const

/** The micro span metrics as ratios of the row terms (item-level intervals in slices). */
export const SPAN_RATIO_METRICS: readonly RatioDefinition[] = [
  ['strict', 'span_precision_strict', 'span_recall_strict', 'span_f1_strict'],
  [
    'overlap',
    'span_precision_overlap',
    'span_recall_overlap',
    'span_f1_overlap'
  ]
].flatMap(([matched, precision, recall, f1]): RatioDefinition[] => [
  {
    metric: precision!,
    numerator: { [matched!]: 1 },
    denominator: { predicted: 1 }
  },
  {
    metric: recall!,
    numerator: { [matched!]: 1 },
    denominator: { reference: 1 }
  },
  {
    metric: f1!,
    numerator: { [matched!]: 2 },
    denominator: { predicted: 1, reference: 1 }
  }
])

/**
 * Annotations against the reference spans, as seqeval's
 * `classification_report(y_true, y_pred, mode='strict')` computes them when
 * every annotation of a reference item is one predicted sentence and the
 * item's reference spans its true sentence:
 *
 * - per type: precision = matched / predicted, recall = matched / reference,
 *   F1 = 2·matched / (predicted + reference);
 * - micro (`span_precision_*`, `span_recall_*`, `span_f1_*`): the same over
 *   the counts summed across types;
 * - macro (`span_macro_f1_*`): the unweighted mean of the per-type F1 over
 *   the types that occur in the reference or the annotations (seqeval's
 *   `target_names`).
 *
 * Strict matching is seqeval's (same type, start and end); overlap
 * matching (same type, one shared character, one-to-one; see
 * `span-matching.ts`) has no seqeval counterpart and uses the same formulas.
 * Where seqeval divides by zero it returns 0 with a warning; here the value
 * is null with a reason (per type: precision of a type never predicted),
 * except that the macro mean, like seqeval's, takes every type in the union,
 * whose F1 is always defined.
 *
 * Population: every annotation (annotator row) of an item that has a
 * reference row. `n_items` is those items, `n` those annotations. Per
 * annotator: strict micro F1 of the annotator's annotations on reference
 * items (`annotators[a].accuracy` in the report).
 *
 * Intervals: item-level bootstrap over reference items (all annotations of
 * an item stay together).
 */
export function spanReference(
  ix: SpanIndex,
  ref: SpanIndex,
  bootstrap: BootstrapOptions | null,
  withRowTerms = false
): SpanReference {
  const table = ix.table
  const nL = table.labels.size
  const nA = table.annotators.size
  const tpS = new Float64Array(nL)
  const tpO = new Float64Array(nL)
  const pred = new Float64Array(nL)
  const gold = new Float64Array(nL)
  const annTp = new Float64Array(nA)
  const annDen = new Float64Array(nA)
  const annN = new Float64Array(nA)
  const terms = emptyAccuracyTerms(table.size)
  const rowTerms = withRowTerms
    ? emptyRowTerms(SPAN_TERMS, table.size)
    : undefined
  // Per item: the per-type counts, for the bootstrap.
  const itS = new Float64Array(nL)
  const itO = new Float64Array(nL)
  const itP = new Float64Array(nL)
  const itG = new Float64Array(nL)
  const patterns = new Map<string, number>()
  const patternRows: Float64Array[] = []
  const frequency: number[] = []
  let items = 0
  let compared = 0
  const nItems = Math.min(ix.nItems, ref.nItems)
  for (let i = 0; i < nItems; i++) {
    if (ref.itemStart[i + 1] === ref.itemStart[i]) continue
    const from = ix.itemStart[i]!
    const to = ix.itemStart[i + 1]!
    if (to === from) continue
    const g = ref.rows[ref.itemStart[i]!]!
    items++
    itS.fill(0)
    itO.fill(0)
    itP.fill(0)
    itG.fill(0)
    for (let p = from; p < to; p++) {
      const x = ix.rows[p]!
      compared++
      const s = strictMatches(ix, x, ref, g, itS)
      const o = overlapMatches(ix, x, ref, g, itO)
      countLabels(ix, x, itP)
      countLabels(ref, g, itG)
      const a = table.annotator[x]!
      const size =
        ix.begin[x + 1]! - ix.begin[x]! + ref.begin[g + 1]! - ref.begin[g]!
      annTp[a]! += 2 * s
      annDen[a]! += size
      annN[a]!++
      terms.numerator[x] = 2 * s
      terms.denominator[x] = size
      terms.judged[x] = 1
      if (rowTerms !== undefined) {
        const at = x * SPAN_TERMS.length
        rowTerms.values[at] = s
        rowTerms.values[at + 1] = o
        rowTerms.values[at + 2] = ix.begin[x + 1]! - ix.begin[x]!
        rowTerms.values[at + 3] = ref.begin[g + 1]! - ref.begin[g]!
        rowTerms.judged[x] = 1
      }
    }
    for (let l = 0; l < nL; l++) {
      tpS[l]! += itS[l]!
      tpO[l]! += itO[l]!
      pred[l]! += itP[l]!
      gold[l]! += itG[l]!
    }
    if (bootstrap !== null) {
      // Sparse: only the types the item has, as (type, s, o, p, g).
      let key = ''
      const row: number[] = []
      for (let l = 0; l < nL; l++)
        if (itP[l]! > 0 || itG[l]! > 0) {
          key += `${l}:${itS[l]},${itO[l]},${itP[l]},${itG[l]};`
          row.push(l, itS[l]!, itO[l]!, itP[l]!, itG[l]!)
        }
      const at = patterns.get(key)
      if (at === undefined) {
        patterns.set(key, frequency.length)
        patternRows.push(Float64Array.from(row))
        frequency.push(1)
      } else frequency[at]!++
    }
  }
  const extra = { n_items: items, n: compared }
  const computed = summarize(tpS, tpO, pred, gold)
  const metrics = {} as Record<SpanReferenceMetric, MetricResult>
  for (const name of SPAN_REFERENCE_METRICS) {
    const v = computed[name]
    metrics[name] =
      items === 0
        ? undefinedMetric('no annotated item has reference spans', extra)
        : typeof v === 'string'
          ? undefinedMetric(v, extra)
          : defined(v, extra)
  }
  if (bootstrap !== null && items > 0) {
    const R = bootstrap.resamples
    const next = bootstrapStream(bootstrap, 'span-reference')
    const freq = Float64Array.from(frequency)
    const w = new Float64Array(freq.length)
    const reps = new Map<SpanReferenceMetric, Float64Array>(
      SPAN_REFERENCE_METRICS.map((m) => [m, new Float64Array(R)])
    )
    const s = new Float64Array(nL)
    const o = new Float64Array(nL)
    const p = new Float64Array(nL)
    const g = new Float64Array(nL)
    for (let r = 0; r < R; r++) {
      resampleFrequencies(next, freq, w)
      s.fill(0)
      o.fill(0)
      p.fill(0)
      g.fill(0)
      for (let j = 0; j < w.length; j++) {
        const m = w[j]!
        if (m === 0) continue
        const row = patternRows[j]!
        for (let e = 0; e < row.length; e += 5) {
          const l = row[e]!
          s[l]! += m * row[e + 1]!
          o[l]! += m * row[e + 2]!
          p[l]! += m * row[e + 3]!
          g[l]! += m * row[e + 4]!
        }
      }
      const v = summarize(s, o, p, g)
      for (const name of SPAN_REFERENCE_METRICS) {
        const x = v[name]
        reps.get(name)![r] = typeof x === 'string' ? NaN : x
      }
    }
    for (const name of SPAN_REFERENCE_METRICS)
      metrics[name] = withBootstrapInterval(
        metrics[name],
        reps.get(name)!,
        bootstrap.level
      )
  }
  const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null)
  const types: SpanTypeReport[] = []
  for (let l = 0; l < nL; l++) {
    if (pred[l] === 0 && gold[l] === 0) continue
    types.push({
      label: table.labels.value(l),
      support: gold[l]!,
      predicted: pred[l]!,
      precision_strict: ratio(tpS[l]!, pred[l]!),
      recall_strict: ratio(tpS[l]!, gold[l]!),
      f1_strict: ratio(2 * tpS[l]!, pred[l]! + gold[l]!),
      precision_overlap: ratio(tpO[l]!, pred[l]!),
      recall_overlap: ratio(tpO[l]!, gold[l]!),
      f1_overlap: ratio(2 * tpO[l]!, pred[l]! + gold[l]!)
    })
  }
  types.sort((x, y) => (x.label < y.label ? -1 : x.label > y.label ? 1 : 0))
  const annotators = new Map<number, MetricResult>()
  for (let a = 0; a < nA; a++) {
    if (annN[a] === 0) continue
    const extraA = { n: annN[a]!, n_items: annN[a]! }
    annotators.set(
      a,
      annDen[a] === 0
        ? undefinedMetric(
            'neither the annotations nor the reference have a span (F1 is 0/0)',
            extraA
          )
        : defined(annTp[a]! / annDen[a]!, extraA)
    )
  }
  return {
    metrics,
    types,
    annotators,
    terms,
    ...(rowTerms !== undefined && { rowTerms })
  }
}

/** Micro and macro figures from per-type counts; a string says why one is undefined. */
function summarize(
  tpS: Float64Array,
  tpO: Float64Array,
  pred: Float64Array,
  gold: Float64Array
): Record<SpanReferenceMetric, number | string> {
  let s = 0
  let o = 0
  let p = 0
  let g = 0
  let macroS = 0
  let macroO = 0
  let types = 0
  for (let l = 0; l < pred.length; l++) {
    s += tpS[l]!
    o += tpO[l]!
    p += pred[l]!
    g += gold[l]!
    const d = pred[l]! + gold[l]!
    if (d === 0) continue
    types++
    macroS += (2 * tpS[l]!) / d
    macroO += (2 * tpO[l]!) / d
  }
  const noPred =
    'the annotations have no span on reference items (precision is 0/0)'
  const noGold = 'the reference has no span on annotated items (recall is 0/0)'
  const none =
    'neither the annotations nor the reference have a span (F1 is 0/0)'
  return {
    span_precision_strict: p > 0 ? s / p : noPred,
    span_recall_strict: g > 0 ? s / g : noGold,
    span_f1_strict: p + g > 0 ? (2 * s) / (p + g) : none,
    span_macro_f1_strict: types > 0 ? macroS / types : none,
    span_precision_overlap: p > 0 ? o / p : noPred,
    span_recall_overlap: g > 0 ? o / g : noGold,
    span_f1_overlap: p + g > 0 ? (2 * o) / (p + g) : none,
    span_macro_f1_overlap: types > 0 ? macroO / types : none
  }
}
