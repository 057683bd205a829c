import {
  DEFAULT_DRIFT_ALPHA,
  DEFAULT_DRIFT_MIN_ITEMS,
  driftRows,
  type AccuracyById,
  type DriftRow,
  unjudged
} from '../governance/annotator-drift.js'
import { ratioDropTest } from '../governance/ratio-drop-test.js'
import { ratioEstimate } from '../metrics/ratio-estimator.js'
import { defined, undefinedMetric } from '../metrics/result.js'
import type { AccuracyTerms } from './accuracy-terms.js'
import type { ElementTable } from './element-table.js'

/** One side of the drift: the judged annotations and their accuracy terms (null without a reference). */
export interface ElementDriftSide {
  table: ElementTable
  terms: AccuracyTerms | null
}

/** One annotator's annotations of reference items: their F1 terms, one pair per item. */
interface RatioSample {
  /** Items (annotations of reference items): what `min_items` counts. */
  compared: number
  numerator: number[]
  denominator: number[]
}

/**
 * `annotator.drift` for a span or box dataset, on the type's per-annotator
 * accuracy (`annotators[a].accuracy`: strict span F1, box F1 at IoU 0.5),
 * a ratio 2·matched / (annotated + reference elements) summed over the
 * annotator's annotations of reference items. Its elements are not
 * independent within an item, so the proportion tests of the other types
 * would overstate the evidence; the test is `ratioDropTest`, item-level
 * (each annotation of an item is one cluster), with the linearized
 * variance of `ratioEstimate`. `min_items` counts items (annotations of
 * reference items), never elements. Rows carry `n` and `n_items` (items)
 * and `se`. Cohen's kappa needs one category per item: `kappa_base` and
 * `kappa_head` are null with that reason.
 */
export function elementDrift(
  type: 'span' | 'box',
  base: ElementDriftSide | null,
  head: ElementDriftSide,
  changed: ElementDriftSide,
  options: { minItems?: number } = {}
): DriftRow[] {
  const agreement =
    type === 'span' ? 'pairwise_span_f1_strict' : 'pairwise_box_f1_50'
  const noKappa = () =>
    undefinedMetric(
      `Cohen's kappa needs one category per item; for ${type === 'span' ? 'spans' : 'boxes'} see ${agreement}`
    )
  const empty =
    type === 'span'
      ? 'neither the annotations nor the reference have a span (F1 is 0/0)'
      : 'no box on either side'
  return driftRows(
    {
      head: ratioAccuracyById(head, empty),
      base: base === null ? null : ratioAccuracyById(base, empty),
      changed: ratioAccuracyById(changed, empty)
    },
    { head: noKappa, base: base === null ? null : noKappa },
    {
      alpha: DEFAULT_DRIFT_ALPHA,
      minItems: options.minItems ?? DEFAULT_DRIFT_MIN_ITEMS,
      test: (c, b) =>
        ratioDropTest(
          ratioEstimate(c.numerator, c.denominator),
          ratioEstimate(b.numerator, b.denominator)
        )
    }
  )
}

function ratioAccuracyById(
  side: ElementDriftSide,
  empty: string
): AccuracyById<RatioSample> {
  const { table, terms } = side
  // Annotators in code order, as the category rows are.
  const codes = [...new Set(table.annotator)].sort((x, y) => x - y)
  const rated = codes.map((a) => table.annotators.value(a))
  const counts = new Map<string, RatioSample>()
  if (terms !== null) {
    for (let r = 0; r < table.size; r++) {
      if (terms.judged[r] !== 1) continue
      const id = table.annotators.value(table.annotator[r]!)
      let c = counts.get(id)
      if (c === undefined) {
        c = { compared: 0, numerator: [], denominator: [] }
        counts.set(id, c)
      }
      // Items with no element on either side say nothing about F1: they do
      // not count towards min_items (one sentence with spans among 19
      // empty ones is one item of evidence, not 20).
      if (terms.denominator[r]! > 0) c.compared++
      c.numerator.push(terms.numerator[r]!)
      c.denominator.push(terms.denominator[r]!)
    }
  }
  const present = new Set(rated)
  return {
    rated,
    counts,
    result(id, where) {
      const missing = unjudged(present, id, terms !== null, where)
      if (missing !== null) return missing
      const c = counts.get(id)
      if (c === undefined)
        return undefinedMetric('annotator rated no item with a reference label')
      const r = ratioEstimate(c.numerator, c.denominator)
      const extra = { n: c.compared, n_items: c.compared, se: r.se }
      return r.value === null
        ? undefinedMetric(empty, extra)
        : defined(r.value, extra)
    }
  }
}
