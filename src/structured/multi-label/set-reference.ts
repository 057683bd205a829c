import {
  bootstrapStream,
  poisson,
  withBootstrapInterval
} from '../../metrics/bootstrap.js'
import type { ClassReport } from '../../metrics/confusion-counts.js'
import type { IntervalOptions } from '../../metrics/interval-options.js'
import {
  defined,
  undefinedMetric,
  type MetricResult
} from '../../metrics/result.js'
import {
  emptyRowTerms,
  type RatioDefinition,
  type RowTerms
} from '../row-terms.js'
import type { ElementTable } from '../element-table.js'
import { referenceRows } from '../table-rows.js'
import { labelSet } from './set-agreement.js'
import { intersectionSize } from './set-distance.js'

/** Columns of the multi_label row terms: one annotation's `Sums`, and its label columns. */
const SET_TERMS = [
  'n',
  'exact',
  'symmetric',
  'labelSlots',
  'examplePrecision',
  'exampleRecall',
  'exampleF1',
  'tp',
  'fp',
  'fn'
] as const

/** The reference metrics but macro as ratios of the row terms (item-level intervals in slices). */
export const SET_RATIO_METRICS: readonly RatioDefinition[] = [
  { metric: 'subset_accuracy', numerator: { exact: 1 }, denominator: { n: 1 } },
  {
    metric: 'hamming_loss',
    numerator: { symmetric: 1 },
    denominator: { labelSlots: 1 }
  },
  {
    metric: 'example_precision',
    numerator: { examplePrecision: 1 },
    denominator: { n: 1 }
  },
  {
    metric: 'example_recall',
    numerator: { exampleRecall: 1 },
    denominator: { n: 1 }
  },
  { metric: 'example_f1', numerator: { exampleF1: 1 }, denominator: { n: 1 } },
  {
    metric: 'micro_precision',
    numerator: { tp: 1 },
    denominator: { tp: 1, fp: 1 }
  },
  {
    metric: 'micro_recall',
    numerator: { tp: 1 },
    denominator: { tp: 1, fn: 1 }
  },
  {
    metric: 'micro_f1',
    numerator: { tp: 2 },
    denominator: { tp: 2, fp: 1, fn: 1 }
  }
]

/** The metrics against the reference, in report order. */
export const SET_REFERENCE_METRICS = [
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

/**
 * Per compared annotation (an annotation of an item with a reference set):
 * T the reference set, P the annotation's set. Sums over annotations, so an
 * item-level bootstrap reweights per-item sums.
 */
interface Sums {
  n: number
  exact: number
  /** Σ |T Δ P| */
  symmetric: number
  examplePrecision: number
  exampleRecall: number
  exampleF1: number
  tp: number
  fp: number
  fn: number
}

function emptySums(): Sums {
  return {
    n: 0,
    exact: 0,
    symmetric: 0,
    examplePrecision: 0,
    exampleRecall: 0,
    exampleF1: 0,
    tp: 0,
    fp: 0,
    fn: 0
  }
}

/** sklearn zero_division=0: a 0/0 term counts 0. */
function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b
}

function addPair(
  s: Sums,
  t: ArrayLike<number>,
  p: ArrayLike<number>,
  w = 1
): void {
  const inter = intersectionSize(t, p)
  s.n += w
  if (inter === t.length && inter === p.length) s.exact += w
  s.symmetric += w * (t.length + p.length - 2 * inter)
  s.examplePrecision += w * ratio(inter, p.length)
  s.exampleRecall += w * ratio(inter, t.length)
  s.exampleF1 += w * ratio(2 * inter, t.length + p.length)
  s.tp += w * inter
  s.fp += w * (p.length - inter)
  s.fn += w * (t.length - inter)
}

/** The metrics but macro from sums; NaN where undefined (for the bootstrap). */
function fromSums(s: Sums, nLabels: number): Record<string, number> {
  return {
    subset_accuracy: s.exact / s.n,
    hamming_loss: s.symmetric / (s.n * nLabels),
    example_precision: s.examplePrecision / s.n,
    example_recall: s.exampleRecall / s.n,
    example_f1: s.exampleF1 / s.n,
    micro_precision: s.tp + s.fp === 0 ? NaN : s.tp / (s.tp + s.fp),
    micro_recall: s.tp + s.fn === 0 ? NaN : s.tp / (s.tp + s.fn),
    micro_f1:
      2 * s.tp + s.fp + s.fn === 0 ? NaN : (2 * s.tp) / (2 * s.tp + s.fp + s.fn)
  }
}

export interface SetReferenceResult {
  metrics: Record<string, MetricResult>
  /** Annotator code → subset accuracy, hamming loss and example F1 of its compared annotations. */
  annotators: Map<
    number,
    { accuracy: MetricResult; metrics: Record<string, MetricResult> }
  >
  classes: ClassReport[]
  /** Per annotation, the `SET_TERMS` (when asked). */
  rowTerms?: RowTerms
}

/**
 * scikit-learn's multilabel metrics (y_true the reference sets, y_pred the
 * annotations, every annotation of an item with a reference one sample):
 * `accuracy_score` (subset accuracy), `hamming_loss`, and
 * `precision_recall_fscore_support` with average samples, micro and macro,
 * zero_division=0 for a term with a zero denominator (an example with no
 * predicted label has precision 0). The label columns are the labels that
 * occur in the compared annotations or their reference sets (as
 * MultiLabelBinarizer fitted on both). An aggregate whose whole denominator
 * is zero (no compared annotation; micro precision with no label given) is
 * null with a reason, where scikit-learn returns 0 with a warning.
 */
export function setReference(
  judged: ElementTable,
  reference: ElementTable,
  intervals: IntervalOptions,
  withRowTerms = false
): SetReferenceResult {
  const refRow = referenceRows(reference)
  const nLabels = judged.labels.size
  const inColumns = new Uint8Array(nLabels)
  const tp = new Float64Array(nLabels)
  const fp = new Float64Array(nLabels)
  const fn = new Float64Array(nLabels)
  const support = new Float64Array(nLabels)
  const predicted = new Float64Array(nLabels)
  const total = emptySums()
  const perAnnotator = new Map<number, Sums>()
  const items = new Set<number>()
  const rowTerms = withRowTerms
    ? emptyRowTerms(SET_TERMS, judged.size)
    : undefined
  for (let r = 0; r < judged.size; r++) {
    const item = judged.item[r]!
    const ref = item < refRow.length ? refRow[item]! : -1
    if (ref < 0) continue
    items.add(item)
    const t = labelSet(reference, ref)
    const p = labelSet(judged, r)
    addPair(total, t, p)
    const a = judged.annotator[r]!
    let sums = perAnnotator.get(a)
    if (sums === undefined) perAnnotator.set(a, (sums = emptySums()))
    addPair(sums, t, p)
    if (rowTerms !== undefined) {
      const one = emptySums()
      addPair(one, t, p)
      const at = r * SET_TERMS.length
      SET_TERMS.forEach((c, k) => {
        if (c !== 'labelSlots') rowTerms.values[at + k] = one[c]
      })
      rowTerms.judged[r] = 1
    }
    for (const l of t) {
      inColumns[l] = 1
      support[l]!++
    }
    for (const l of p) {
      inColumns[l] = 1
      predicted[l]!++
    }
    let x = 0
    let y = 0
    while (x < t.length || y < p.length) {
      if (y >= p.length || (x < t.length && t[x]! < p[y]!)) fn[t[x++]!]!++
      else if (x >= t.length || p[y]! < t[x]!) fp[p[y++]!]!++
      else {
        tp[t[x]!]!++
        x++
        y++
      }
    }
  }
  let columns = 0
  for (const c of inColumns) columns += c
  // Hamming loss divides by annotations x label columns, known only now.
  if (rowTerms !== undefined) {
    const slot = SET_TERMS.indexOf('labelSlots')
    for (let r = 0; r < judged.size; r++)
      if (rowTerms.judged[r] === 1)
        rowTerms.values[r * SET_TERMS.length + slot] = columns
  }
  const metrics: Record<string, MetricResult> = {}
  const extra = { n_items: items.size, n: total.n }
  if (total.n === 0) {
    for (const name of SET_REFERENCE_METRICS) {
      metrics[name] = undefinedMetric(
        'no annotation of an item with a reference label set',
        extra
      )
    }
    return { metrics, annotators: new Map(), classes: [] }
  }
  const values = fromSums(total, Math.max(1, columns))
  if (columns === 0) values.hamming_loss = NaN
  const classes: ClassReport[] = []
  let macroP = 0
  let macroR = 0
  let macroF = 0
  judged.labels.values.forEach((label, l) => {
    if (inColumns[l] === 0) return
    const precision = tp[l]! + fp[l]! === 0 ? null : tp[l]! / (tp[l]! + fp[l]!)
    const recall = tp[l]! + fn[l]! === 0 ? null : tp[l]! / (tp[l]! + fn[l]!)
    const f1 = (2 * tp[l]!) / (2 * tp[l]! + fp[l]! + fn[l]!)
    macroP += precision ?? 0
    macroR += recall ?? 0
    macroF += f1
    classes.push({
      label,
      support: support[l]!,
      predicted: predicted[l]!,
      precision,
      recall,
      f1
    })
  })
  values.macro_precision = columns === 0 ? NaN : macroP / columns
  values.macro_recall = columns === 0 ? NaN : macroR / columns
  values.macro_f1 = columns === 0 ? NaN : macroF / columns
  for (const name of SET_REFERENCE_METRICS) {
    const v = values[name]!
    metrics[name] = Number.isNaN(v)
      ? undefinedMetric(undefinedReason(name), extra)
      : defined(v, extra)
  }
  if (intervals.method === 'bootstrap')
    bootstrap(
      judged,
      reference,
      refRow,
      [...items],
      inColumns,
      columns,
      metrics,
      intervals
    )
  const annotators = new Map<
    number,
    { accuracy: MetricResult; metrics: Record<string, MetricResult> }
  >()
  for (const [a, sums] of perAnnotator) {
    const v = fromSums(sums, Math.max(1, columns))
    annotators.set(a, {
      accuracy: defined(v.subset_accuracy!, { n: sums.n }),
      metrics: {
        hamming_loss: defined(v.hamming_loss!, { n: sums.n }),
        example_f1: defined(v.example_f1!, { n: sums.n })
      }
    })
  }
  return {
    metrics,
    annotators,
    classes,
    ...(rowTerms !== undefined && { rowTerms })
  }
}

function undefinedReason(name: string): string {
  if (name.endsWith('precision'))
    return 'no compared annotation gives any label (precision divides by zero)'
  if (name.endsWith('recall'))
    return 'no reference set holds any label (recall divides by zero)'
  return 'neither the annotations nor the reference hold any label'
}

/**
 * Item-level bootstrap: each item with a reference set is drawn with a
 * Poisson(1) weight per resample, its annotations counted with that weight;
 * the label columns stay those of the full sample.
 */
function bootstrap(
  judged: ElementTable,
  reference: ElementTable,
  refRow: Int32Array,
  items: number[],
  inColumns: Uint8Array,
  columns: number,
  metrics: Record<string, MetricResult>,
  intervals: Extract<IntervalOptions, { method: 'bootstrap' }>
): void {
  // Per item, its sums and per-label counts (sparse).
  const byItem = new Map<
    number,
    { sums: Sums; labels: Map<number, [number, number, number]> }
  >()
  for (const item of items)
    byItem.set(item, { sums: emptySums(), labels: new Map() })
  for (let r = 0; r < judged.size; r++) {
    const entry = byItem.get(judged.item[r]!)
    if (entry === undefined) continue
    const t = labelSet(reference, refRow[judged.item[r]!]!)
    const p = labelSet(judged, r)
    addPair(entry.sums, t, p)
    const bump = (l: number, k: 0 | 1 | 2): void => {
      let c = entry.labels.get(l)
      if (c === undefined) entry.labels.set(l, (c = [0, 0, 0]))
      c[k]++
    }
    for (const l of t) bump(l, p.includes(l) ? 0 : 2)
    for (const l of p) if (!t.includes(l)) bump(l, 1)
  }
  const next = bootstrapStream(intervals, 'multi_label_reference')
  const names = SET_REFERENCE_METRICS
  const replicates = names.map(() => new Float64Array(intervals.resamples))
  const entries = [...byItem.values()]
  const nLabels = inColumns.length
  const tp = new Float64Array(nLabels)
  const fp = new Float64Array(nLabels)
  const fn = new Float64Array(nLabels)
  for (let b = 0; b < intervals.resamples; b++) {
    const s = emptySums()
    tp.fill(0)
    fp.fill(0)
    fn.fill(0)
    for (const entry of entries) {
      const w = poisson(next, 1)
      if (w === 0) continue
      const e = entry.sums
      s.n += w * e.n
      s.exact += w * e.exact
      s.symmetric += w * e.symmetric
      s.examplePrecision += w * e.examplePrecision
      s.exampleRecall += w * e.exampleRecall
      s.exampleF1 += w * e.exampleF1
      s.tp += w * e.tp
      s.fp += w * e.fp
      s.fn += w * e.fn
      for (const [l, c] of entry.labels) {
        tp[l]! += w * c[0]
        fp[l]! += w * c[1]
        fn[l]! += w * c[2]
      }
    }
    const v = s.n === 0 ? ({} as Record<string, number>) : fromSums(s, columns)
    let mp = 0
    let mr = 0
    let mf = 0
    for (let l = 0; l < nLabels; l++) {
      if (inColumns[l] === 0) continue
      mp += ratio(tp[l]!, tp[l]! + fp[l]!)
      mr += ratio(tp[l]!, tp[l]! + fn[l]!)
      mf += ratio(2 * tp[l]!, 2 * tp[l]! + fp[l]! + fn[l]!)
    }
    v.macro_precision = mp / columns
    v.macro_recall = mr / columns
    v.macro_f1 = mf / columns
    names.forEach((name, k) => {
      replicates[k]![b] = s.n === 0 ? NaN : (v[name] ?? NaN)
    })
  }
  names.forEach((name, k) => {
    metrics[name] = withBootstrapInterval(metrics[name]!, replicates[k]!)
  })
}
