import {
  DEFAULT_DRIFT_ALPHA,
  DEFAULT_DRIFT_MIN_ITEMS,
  countsDropTest,
  driftRows,
  type AccuracyById,
  type Counts,
  type DriftRow,
  unjudged
} from '../../governance/annotator-drift.js'
import { defined, undefinedMetric } from '../../metrics/result.js'
import { wilsonInterval } from '../../metrics/wilson.js'
import type { ElementTable } from '../element-table.js'
import { elementKeys, referenceRows } from '../table-rows.js'

/**
 * `annotator.drift` for a multi_label dataset. Its per-annotator accuracy is
 * subset accuracy (the annotation's label set equals the reference set), a
 * proportion of annotations, so the category test applies unchanged: the
 * one-sided pooled two-proportion z-test, or Fisher's exact test with an
 * expected count below 5, of "the change's annotations match the reference
 * less often than the base's". Example F1 or Hamming loss are not
 * proportions of annotations, so they could not use this test. Cohen's kappa
 * needs one category per item: `kappa_base` and `kappa_head` are null with
 * that reason (`masi_alpha` is the type's agreement).
 */
export function setDrift(
  base: { table: ElementTable; reference: ElementTable | null } | null,
  head: { table: ElementTable; reference: ElementTable | null },
  changed: ElementTable,
  options: { minItems?: number } = {}
): DriftRow[] {
  const noKappa = () =>
    undefinedMetric(
      "Cohen's kappa needs one category per item; for label sets see masi_alpha"
    )
  return driftRows(
    {
      head: subsetAccuracyById(head.table, head.reference),
      base:
        base === null ? null : subsetAccuracyById(base.table, base.reference),
      changed: subsetAccuracyById(changed, head.reference)
    },
    { head: noKappa, base: base === null ? null : noKappa },
    {
      alpha: DEFAULT_DRIFT_ALPHA,
      minItems: options.minItems ?? DEFAULT_DRIFT_MIN_ITEMS,
      test: countsDropTest
    }
  )
}

/** Per annotator id: annotations of reference items, and those whose set equals the reference set. */
function subsetAccuracyById(
  table: ElementTable,
  reference: ElementTable | null
): AccuracyById {
  // Annotators in code order, as the category rows are.
  const codes = [...new Set(table.annotator)].sort((x, y) => x - y)
  const rated = codes.map((a) => table.annotators.value(a))
  const counts = new Map<string, Counts>()
  if (reference !== null) {
    const refRow = referenceRows(reference)
    for (let r = 0; r < table.size; r++) {
      const i = table.item[r]!
      const g = i < refRow.length ? refRow[i]! : -1
      if (g < 0) continue
      const id = table.annotators.value(table.annotator[r]!)
      const c = counts.get(id) ?? { compared: 0, correct: 0 }
      c.compared++
      if (
        elementKeys(table, r).join(';') === elementKeys(reference, g).join(';')
      )
        c.correct++
      counts.set(id, c)
    }
  }
  const present = new Set(rated)
  return {
    rated,
    counts,
    result(id, where) {
      const missing = unjudged(present, id, reference !== null, where)
      if (missing !== null) return missing
      const c = counts.get(id)
      if (c === undefined)
        return undefinedMetric('annotator rated no item with a reference label')
      return defined(c.correct / c.compared, {
        n: c.compared,
        n_items: c.compared,
        ci: wilsonInterval(c.correct, c.compared)
      })
    }
  }
}
