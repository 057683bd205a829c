import { BOX_METRICS } from '../../metrics/names.js'
import {
  defined,
  undefinedMetric,
  type MetricResult
} from '../../metrics/result.js'
import type { ElementTable } from '../element-table.js'
import type {
  ItemDisagreement,
  StructuredKind,
  StructuredMeasures
} from '../structured-kind.js'
import { itemBoxDisagreement } from './box-adjudication.js'
import {
  agreementMatches,
  BOX_AGREEMENT_METRICS,
  boxAgreement,
  type AgreementMatches
} from './box-agreement.js'
import { show } from './box-checks.js'
import {
  BOX_RATIO_METRICS,
  BOX_REFERENCE_METRICS,
  boxReference,
  referenceMatches,
  type ReferenceMatches
} from './box-reference.js'
import { BoxMatcher } from './match-boxes.js'
import { BOX_READERS } from './read-boxes.js'

/** Boxes shown in one annotation's description before "+N more". */
const DESCRIBED_BOXES = 6
/** Disagreeing boxes listed per adjudication item before "+N more". */
const LISTED_BOXES = 20

/**
 * One matcher for every item's disagreement: a matcher's scratch arrays cost
 * more to allocate than a small item costs to match (10^5 items in the
 * benchmark), and calls never overlap.
 */
const disagreementMatcher = new BoxMatcher()

/** What the box kind remembers of a measure: every match it made. */
interface BoxMemo {
  agreement: AgreementMatches
  reference: ReferenceMatches | null
}

/** `{car [100 200 80 60.25], person [...]}` (x y w h); `{}` for no box. */
function describeBoxes(table: ElementTable, row: number): string {
  const parts: string[] = []
  const from = table.start[row]!
  const to = table.start[row + 1]!
  for (let e = from; e < to && e - from < DESCRIBED_BOXES; e++) {
    const c = Array.from(table.coords.subarray(4 * e, 4 * e + 4), show)
    parts.push(`${table.labels.value(table.label[e]!)} [${c.join(' ')}]`)
  }
  if (to - from > DESCRIBED_BOXES)
    parts.push(`+${to - from - DESCRIBED_BOXES} more`)
  return `{${parts.join(', ')}}`
}

export const boxKind: StructuredKind = {
  type: 'box',
  readers: BOX_READERS,
  agreementMetrics: BOX_AGREEMENT_METRICS,
  referenceMetrics: BOX_REFERENCE_METRICS,
  ratioMetrics: BOX_RATIO_METRICS,
  accuracyMeaning:
    "box F1 at IoU 0.5: 2 x the annotator's boxes matched to the reference / (the annotator's boxes + the reference boxes), on the reference images the annotator annotated",
  auxiliaryFiles(dataset) {
    return [dataset.box?.classes, dataset.box?.sizes].filter(
      (f): f is string => f !== undefined
    )
  },
  measure(input): StructuredMeasures {
    const bootstrap =
      input.intervals.method === 'bootstrap'
        ? {
            resamples: input.intervals.resamples,
            seed: input.intervals.seed,
            ...(input.intervals.level !== undefined && {
              level: input.intervals.level
            })
          }
        : undefined
    const earlier = input.earlier as BoxMemo | undefined
    const memo: BoxMemo | undefined = input.remember
      ? {
          agreement: agreementMatches(input.agreement),
          reference:
            input.reference === null
              ? null
              : referenceMatches(input.judged, input.reference)
        }
      : undefined
    const agreement = boxAgreement(input.agreement, {
      ...(bootstrap && { bootstrap }),
      ...(memo && { record: memo.agreement }),
      ...(earlier && { earlier: earlier.agreement })
    })
    const metrics: Record<string, MetricResult> = { ...agreement.metrics }
    const annotators: StructuredMeasures['annotators'] = new Map()
    let classes: StructuredMeasures['classes'] = []
    let accuracyTerms: StructuredMeasures['accuracyTerms']
    let rowTerms: StructuredMeasures['rowTerms']
    if (input.reference === null) {
      const none = undefinedMetric('no reference labels are configured')
      for (const name of BOX_REFERENCE_METRICS) metrics[name] = none
    } else {
      const ref = boxReference(input.judged, input.reference, {
        ...(bootstrap && { bootstrap }),
        rowTerms: input.rowTerms === true,
        ...(memo?.reference && { record: memo.reference }),
        ...(earlier?.reference && { earlier: earlier.reference })
      })
      rowTerms = ref.rowTerms
      Object.assign(metrics, ref.metrics)
      accuracyTerms = ref.terms
      for (const a of ref.annotators) {
        const extra = { n_items: a.n_items, n: a.predicted + a.reference }
        const value = (v: number | null, reason: string): MetricResult =>
          v === null ? undefinedMetric(reason, extra) : defined(v, extra)
        const accuracy = value(a.f1_50, 'no box on either side')
        annotators.set(a.code, {
          accuracy,
          metrics: {
            box_precision_50: value(
              a.precision_50,
              'the annotator drew no box on reference images'
            ),
            box_recall_50: value(
              a.recall_50,
              'the reference has no box on these images'
            ),
            box_f1_50: accuracy,
            box_f1_50_95: value(a.f1_50_95, 'no box on either side'),
            box_mean_iou: value(
              a.mean_iou,
              'no box matched the reference at IoU >= 0.5'
            )
          }
        })
      }
      classes = ref.classes.map((c) => ({
        label: c.label,
        support: c.reference,
        predicted: c.predicted,
        precision: c.precision_50,
        recall: c.recall_50,
        f1: c.f1_50
      }))
    }
    for (const name of BOX_METRICS)
      metrics[name] ??= undefinedMetric('not computed')
    const pairwise = agreement.pairs
      .filter((p) => p.n_items >= 2)
      .map((p) => ({
        a: p.a,
        b: p.b,
        n_items: p.n_items,
        kappa: null,
        percent_agreement: null,
        similarity: p.f1_50
      }))
    return {
      metrics,
      annotators,
      classes,
      pairwise,
      ...(accuracyTerms !== undefined && { accuracyTerms }),
      ...(rowTerms !== undefined && { rowTerms }),
      ...(memo !== undefined && { memo })
    }
  },
  describe: describeBoxes,
  /**
   * Agreement: the smaller of the item's pooled F1 at IoU 0.5 and the mean
   * IoU of its matched pairs, so an item is queued when boxes go unmatched
   * or when matched boxes fit loosely (1 when nobody drew a box). Elements:
   * the unmatched and loosely matched boxes, with whom they disagree.
   */
  disagreement(table, rows, listElements = true, earlier): ItemDisagreement {
    const d = itemBoxDisagreement(
      table,
      rows,
      undefined,
      disagreementMatcher,
      listElements,
      (earlier as BoxMemo | undefined)?.agreement
    )
    const parts = [d.f1_50, d.mean_iou].filter((v) => Number.isFinite(v))
    const agreement = parts.length === 0 ? 1 : Math.min(...parts)
    if (!listElements) return { agreement, elements: null, consensus: null }
    const elements = d.boxes.slice(0, LISTED_BOXES).map((b) => {
      const where = `${b.annotator}: ${b.label} [${[b.x, b.y, b.w, b.h].map(show).join(' ')}]`
      return b.issue === 'unmatched'
        ? `${where} has no match at IoU 0.5 in ${b.compared_with.join(', ')}`
        : `${where} matches ${b.compared_with.join(', ')} at IoU ${show(b.iou!)}`
    })
    if (d.boxes.length > LISTED_BOXES)
      elements.push(`+${d.boxes.length - LISTED_BOXES} more boxes`)
    return {
      agreement,
      elements,
      consensus: null
    }
  }
}
