import type { BootstrapOptions } from '../../metrics/bootstrap.js'
import {
  defined,
  undefinedMetric,
  type MetricResult
} from '../../metrics/result.js'
import { emptyAccuracyTerms, type AccuracyTerms } from '../accuracy-terms.js'
import type { ElementTable } from '../element-table.js'
import {
  emptyRowTerms,
  type RatioDefinition,
  type RowTerms
} from '../row-terms.js'
import {
  BoxTally,
  emptyTotals,
  f1,
  tallyMatch,
  THRESHOLD_COUNT
} from './box-tally.js'
import { bootstrapItemRatios } from './item-bootstrap.js'
import { BoxMatcher, boxOrder } from './match-boxes.js'
import { MatchLog, sameBoxes, sameRows, type MatchPairs } from './match-log.js'
import { firstRowOfItem, rowsByItem } from './rows-by-item.js'

export const BOX_REFERENCE_METRICS = [
  'box_precision_50',
  'box_recall_50',
  'box_f1_50',
  'box_f1_50_95',
  'box_mean_iou',
  'box_macro_f1_50'
] as const
export type BoxReferenceMetric = (typeof BOX_REFERENCE_METRICS)[number]

/** Precision, recall and F1 of some annotations against the reference. */
export interface BoxScores {
  /** Annotator boxes and reference boxes compared (each reference box once per annotation of its item). */
  predicted: number
  reference: number
  matches_50: number
  precision_50: number | null
  recall_50: number | null
  f1_50: number | null
  f1_50_95: number | null
  mean_iou: number | null
}

export interface BoxClassScores extends BoxScores {
  label: string
}

export interface BoxAnnotatorScores extends BoxScores {
  annotator: string
  /** The annotator's code in the table's interner. */
  code: number
  /** Reference items this annotator annotated. */
  n_items: number
}

export interface BoxReferenceResult {
  metrics: Record<BoxReferenceMetric, MetricResult>
  classes: BoxClassScores[]
  annotators: BoxAnnotatorScores[]
  /** Per annotation (table row), the terms of its annotator's F1 at IoU 0.5. */
  terms: AccuracyTerms
  /** Per annotation, the `BOX_TERMS` (when asked). */
  rowTerms?: RowTerms
}

export interface BoxReferenceOptions {
  include?: Uint8Array
  bootstrap?: BootstrapOptions
  /** Also return each judged row's terms (`rowTerms`). */
  rowTerms?: boolean
  /** Log every match here (for `earlier` of a later call). */
  record?: ReferenceMatches
  /** An earlier call's matches, replayed where a row and its item's reference hold the same boxes. */
  earlier?: ReferenceMatches
}

/** The matches of one reference call: table row → comparison in `log` (-1: none). */
export interface ReferenceMatches {
  table: ElementTable
  reference: ElementTable
  log: MatchLog
  rows: Int32Array
}

export function referenceMatches(
  table: ElementTable,
  reference: ElementTable
): ReferenceMatches {
  return {
    table,
    reference,
    log: new MatchLog(),
    rows: new Int32Array(table.size).fill(-1)
  }
}

/** Columns of the box row terms: matches at 0.5, matches over the ten thresholds, boxes on each side, IoU sum. */
const BOX_TERMS = [
  'matches50',
  'matchesOverThresholds',
  'predicted',
  'reference',
  'iouSum'
] as const

/** The micro box metrics as ratios of the row terms (item-level intervals in slices). */
export const BOX_RATIO_METRICS: readonly RatioDefinition[] = [
  {
    metric: 'box_precision_50',
    numerator: { matches50: 1 },
    denominator: { predicted: 1 }
  },
  {
    metric: 'box_recall_50',
    numerator: { matches50: 1 },
    denominator: { reference: 1 }
  },
  {
    metric: 'box_f1_50',
    numerator: { matches50: 2 },
    denominator: { predicted: 1, reference: 1 }
  },
  {
    metric: 'box_f1_50_95',
    numerator: { matchesOverThresholds: 2 / THRESHOLD_COUNT },
    denominator: { predicted: 1, reference: 1 }
  },
  {
    metric: 'box_mean_iou',
    numerator: { iouSum: 1 },
    denominator: { matches50: 1 }
  }
]

// Per-item columns: matches at 0.5, matches over thresholds, predicted, reference, IoU sum.
const COLUMNS = 5

/**
 * Every annotation (an annotator's box set on an item) of an item that has a
 * reference box set is matched to it per class by the optimal one-to-one
 * assignment; a match at threshold t is an assigned pair with IoU >= t.
 * Micro scores pool the counts over annotations, classes and items:
 * precision = TP / annotator boxes, recall = TP / reference boxes (a
 * reference box counts once per annotator compared with it), F1 = 2 TP /
 * (annotator + reference boxes). `_50_95` averages F1 over IoU 0.50:0.05:0.95.
 * The macro F1 is the unweighted mean of the per-class F1 at 0.5 over the
 * classes with at least one box on either side. There are no confidence
 * scores in label files, so this is F1 at a point, not COCO's AP.
 */
export function boxReference(
  table: ElementTable,
  reference: ElementTable,
  options: BoxReferenceOptions = {}
): BoxReferenceResult {
  const groups = rowsByItem(table)
  const refRow = firstRowOfItem(reference)
  const classes = Math.max(table.labels.size, reference.labels.size)
  const tally = new BoxTally(classes)
  const matcher = new BoxMatcher()
  const totals = emptyTotals()
  const annotatorCount = table.annotators.size
  // Per annotator: items, matches50, matchesOverThresholds, predicted, reference, iouSum.
  const perAnnotator = new Float64Array(annotatorCount * 6)
  const stats: number[] = []
  const terms = emptyAccuracyTerms(table.size)
  const rowTerms = options.rowTerms
    ? emptyRowTerms(BOX_TERMS, table.size)
    : undefined
  const { label, coords, start, annotator } = table
  // Sorted when first needed: a replayed slice matches nothing.
  let order: Int32Array | undefined
  const referenceOrder = boxOrder(reference)
  const { record, earlier } = options
  const earlierRow = earlier && sameRows(earlier.table, table)
  const earlierRef = earlier && firstRowOfItem(earlier.reference)
  const earlierRefOrder = earlier && boxOrder(earlier.reference)
  for (let g = 0; g < groups.items.length; g++) {
    const code = groups.items[g]!
    if (options.include !== undefined && options.include[code] !== 1) continue
    const ref = code < refRow.length ? refRow[code]! : -1
    if (ref < 0) continue
    const rf = reference.start[ref]!
    const rt = reference.start[ref + 1]!
    // The earlier matches hold for this item when its reference is the same.
    let replay = false
    if (earlier !== undefined) {
      const er = code < earlierRef!.length ? earlierRef![code]! : -1
      replay =
        er >= 0 &&
        (earlier.reference === reference ||
          sameBoxes(
            earlier.reference,
            er,
            earlierRefOrder!,
            reference,
            ref,
            referenceOrder
          ))
    }
    const row = new Float64Array(COLUMNS)
    let compared = 0
    for (let p = groups.offset[g]!; p < groups.offset[g + 1]!; p++) {
      const r = groups.rows[p]!
      const a = annotator[r]!
      if (a < 0) continue
      let done: MatchPairs | undefined
      if (replay) {
        const e = earlierRow![r]!
        const c = e >= 0 ? earlier!.rows[e]! : -1
        if (c >= 0) done = earlier!.log.replay(c)
      }
      if (done === undefined) {
        order ??= boxOrder(table)
        matcher.match(
          { label, coords, from: start[r]!, to: start[r + 1]!, order },
          {
            label: reference.label,
            coords: reference.coords,
            from: rf,
            to: rt,
            order: referenceOrder
          }
        )
        done = matcher
      }
      if (record !== undefined) record.rows[r] = record.log.add(done)
      tallyMatch(
        done,
        label,
        start[r]!,
        start[r + 1]!,
        reference.label,
        rf,
        rt,
        tally,
        totals
      )
      compared++
      row[0]! += totals.matches50
      row[1]! += totals.matchesOverThresholds
      row[2]! += totals.left
      row[3]! += totals.right
      row[4]! += totals.iouSum
      terms.numerator[r] = 2 * totals.matches50
      terms.denominator[r] = totals.left + totals.right
      terms.judged[r] = 1
      if (rowTerms !== undefined) {
        const at = r * BOX_TERMS.length
        rowTerms.values[at] = totals.matches50
        rowTerms.values[at + 1] = totals.matchesOverThresholds
        rowTerms.values[at + 2] = totals.left
        rowTerms.values[at + 3] = totals.right
        rowTerms.values[at + 4] = totals.iouSum
        rowTerms.judged[r] = 1
      }
      const b = a * 6
      perAnnotator[b]!++
      perAnnotator[b + 1]! += totals.matches50
      perAnnotator[b + 2]! += totals.matchesOverThresholds
      perAnnotator[b + 3]! += totals.left
      perAnnotator[b + 4]! += totals.right
      perAnnotator[b + 5]! += totals.iouSum
    }
    if (compared > 0) for (let c = 0; c < COLUMNS; c++) stats.push(row[c]!)
  }

  const values = Float64Array.from(stats)
  const n = values.length / COLUMNS
  const sums = new Float64Array(COLUMNS)
  for (let i = 0; i < n; i++)
    for (let c = 0; c < COLUMNS; c++) sums[c]! += values[i * COLUMNS + c]!
  const statistics = [
    (s: Float64Array) => (s[2]! > 0 ? s[0]! / s[2]! : NaN),
    (s: Float64Array) => (s[3]! > 0 ? s[0]! / s[3]! : NaN),
    (s: Float64Array) => f1(s[0]!, s[2]!, s[3]!),
    (s: Float64Array) => f1(s[1]! / THRESHOLD_COUNT, s[2]!, s[3]!),
    (s: Float64Array) => (s[0]! > 0 ? s[4]! / s[0]! : NaN)
  ]
  const noItems = 'no annotated item has a reference box set'
  const boxes = { n_items: n, n: sums[2]! + sums[3]! }
  const metric = (
    value: number,
    reason: string,
    extra: { n_items: number; n: number }
  ): MetricResult =>
    n === 0
      ? undefinedMetric(noItems, extra)
      : Number.isFinite(value)
        ? defined(value, extra)
        : undefinedMetric(reason, extra)
  let micro: MetricResult[] = [
    metric(
      statistics[0]!(sums),
      'annotators drew no box on the reference items',
      {
        n_items: n,
        n: sums[2]!
      }
    ),
    metric(
      statistics[1]!(sums),
      'the reference has no box on the annotated items',
      {
        n_items: n,
        n: sums[3]!
      }
    ),
    metric(statistics[2]!(sums), 'no box on either side', boxes),
    metric(statistics[3]!(sums), 'no box on either side', boxes),
    metric(statistics[4]!(sums), 'no box matched the reference at IoU >= 0.5', {
      n_items: n,
      n: sums[0]!
    })
  ]
  if (options.bootstrap !== undefined && n > 0)
    micro = bootstrapItemRatios(
      { columns: COLUMNS, values, items: n },
      statistics,
      micro,
      options.bootstrap,
      'box-reference'
    )

  const names = [...table.labels.values]
  const refNames = reference.labels.values
  const classScores: BoxClassScores[] = []
  for (let c = 0; c < classes; c++) {
    const predicted = tally.left[c]!
    const ref = tally.right[c]!
    if (predicted + ref === 0) continue
    classScores.push({
      label: names[c] ?? refNames[c]!,
      ...scores(
        tally.matches50[c]!,
        tally.matchesOverThresholds[c]!,
        predicted,
        ref,
        tally.iouSum[c]!
      )
    })
  }
  classScores.sort((x, y) =>
    x.label < y.label ? -1 : x.label > y.label ? 1 : 0
  )
  let macroSum = 0
  for (const c of classScores) macroSum += c.f1_50!
  const macro =
    n === 0
      ? undefinedMetric(noItems, { n_items: 0, n: 0 })
      : classScores.length === 0
        ? undefinedMetric('no box on either side', { n_items: n, n: 0 })
        : defined(macroSum / classScores.length, {
            n_items: n,
            n: classScores.length
          })

  const annotatorNames = table.annotators.values
  const annotators: BoxAnnotatorScores[] = []
  for (let a = 0; a < annotatorCount; a++) {
    const b = a * 6
    if (perAnnotator[b] === 0) continue
    annotators.push({
      annotator: annotatorNames[a]!,
      code: a,
      n_items: perAnnotator[b]!,
      ...scores(
        perAnnotator[b + 1]!,
        perAnnotator[b + 2]!,
        perAnnotator[b + 3]!,
        perAnnotator[b + 4]!,
        perAnnotator[b + 5]!
      )
    })
  }
  annotators.sort((x, y) =>
    x.annotator < y.annotator ? -1 : x.annotator > y.annotator ? 1 : 0
  )

  return {
    metrics: {
      box_precision_50: micro[0]!,
      box_recall_50: micro[1]!,
      box_f1_50: micro[2]!,
      box_f1_50_95: micro[3]!,
      box_mean_iou: micro[4]!,
      box_macro_f1_50: macro
    },
    classes: classScores,
    annotators,
    terms,
    ...(rowTerms !== undefined && { rowTerms })
  }
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null
}

function scores(
  matches50: number,
  matchesOverThresholds: number,
  predicted: number,
  reference: number,
  iouSum: number
): BoxScores {
  return {
    predicted,
    reference,
    matches_50: matches50,
    precision_50: predicted > 0 ? matches50 / predicted : null,
    recall_50: reference > 0 ? matches50 / reference : null,
    f1_50: finite(f1(matches50, predicted, reference)),
    f1_50_95: finite(
      f1(matchesOverThresholds / THRESHOLD_COUNT, predicted, reference)
    ),
    mean_iou: matches50 > 0 ? iouSum / matches50 : null
  }
}
