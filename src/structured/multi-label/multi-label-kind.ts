import { undefinedMetric, type MetricResult } from '../../metrics/result.js'
import type { ElementTable } from '../element-table.js'
import type {
  ItemDisagreement,
  StructuredKind,
  StructuredMeasures
} from '../structured-kind.js'
import { MULTI_LABEL_READERS } from './read-multi-label.js'
import {
  jaccardAlpha,
  labelSet,
  masiAlpha,
  pairableUnits,
  perLabelAgreement
} from './set-agreement.js'
import { masiDistance } from './set-distance.js'
import {
  SET_RATIO_METRICS,
  SET_REFERENCE_METRICS,
  setReference
} from './set-reference.js'

/** Labels shown in one annotation's description before "+N more". */
const DESCRIBED_LABELS = 8

/** `{joy, sadness}`; `{}` for the empty set. */
function describeSet(table: ElementTable, codes: ArrayLike<number>): string {
  const texts: string[] = []
  for (let k = 0; k < codes.length && k < DESCRIBED_LABELS; k++) {
    texts.push(table.labels.value(codes[k]!))
  }
  texts.sort()
  if (codes.length > DESCRIBED_LABELS)
    texts.push(`+${codes.length - DESCRIBED_LABELS} more`)
  return `{${texts.join(', ')}}`
}

export const multiLabelKind: StructuredKind = {
  type: 'multi_label',
  readers: MULTI_LABEL_READERS,
  agreementMetrics: ['masi_alpha', 'jaccard_alpha'],
  referenceMetrics: SET_REFERENCE_METRICS,
  ratioMetrics: SET_RATIO_METRICS,
  accuracyMeaning:
    "subset accuracy: the share of the annotator's annotations of reference items whose label set equals the reference set",
  measure(input): StructuredMeasures {
    const units = pairableUnits(input.agreement)
    const metrics: Record<string, MetricResult> = {
      masi_alpha: masiAlpha(units, input.intervals),
      jaccard_alpha: jaccardAlpha(units, input.intervals)
    }
    const { perLabel, pairwise } = perLabelAgreement(input.agreement, units)
    const noReference = undefinedMetric('no reference labels are configured')
    let annotators: StructuredMeasures['annotators'] = new Map()
    let classes: StructuredMeasures['classes'] = []
    let rowTerms: StructuredMeasures['rowTerms']
    if (input.reference === null) {
      for (const name of SET_REFERENCE_METRICS) metrics[name] = noReference
    } else {
      const ref = setReference(
        input.judged,
        input.reference,
        input.intervals,
        input.rowTerms === true
      )
      Object.assign(metrics, ref.metrics)
      annotators = ref.annotators
      classes = ref.classes
      rowTerms = ref.rowTerms
    }
    return {
      metrics,
      annotators,
      classes,
      pairwise,
      perLabel,
      ...(rowTerms !== undefined && { rowTerms })
    }
  },
  describe(table, row) {
    return describeSet(table, labelSet(table, row))
  },
  /**
   * Agreement: the mean over pairs of 1 − MASI distance. Disagreeing
   * elements: labels some but not all annotators gave; the consensus: the
   * labels more than half gave.
   */
  disagreement(table, rows): ItemDisagreement {
    let sum = 0
    let pairs = 0
    const votes = new Map<number, number>()
    for (let i = 0; i < rows.length; i++) {
      const a = labelSet(table, rows[i]!)
      for (const l of a) votes.set(l, (votes.get(l) ?? 0) + 1)
      for (let j = i + 1; j < rows.length; j++) {
        sum += 1 - masiDistance(a, labelSet(table, rows[j]!))
        pairs++
      }
    }
    const split: number[] = []
    const consensus: number[] = []
    for (const [l, v] of votes) {
      if (v < rows.length) split.push(l)
      if (v * 2 > rows.length) consensus.push(l)
    }
    return {
      agreement: pairs === 0 ? null : sum / pairs,
      elements: split.map((l) => table.labels.value(l)).sort(),
      consensus: describeSet(table, consensus)
    }
  }
}
