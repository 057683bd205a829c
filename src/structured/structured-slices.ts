import type { IntervalOptions } from '../metrics/interval-options.js'
import {
  capGroups,
  sliceReport,
  type GapSettings
} from '../slices/compute-slices.js'
import type { SliceGroup, SliceReport } from '../slices/slice-report.js'
import type { ElementTable } from './element-table.js'
import { withItemIntervals } from './row-terms.js'
import type { StructuredKind } from './structured-kind.js'
import { referenceRows, tableOfRows } from './table-rows.js'

export interface StructuredSliceInputs {
  kind: StructuredKind
  /** The head's annotations, with the slice columns among its `extras`. */
  table: ElementTable
  reference: ElementTable | null
  columns: readonly string[]
  intervals: (column: string, value: string) => IntervalOptions
  settings: (metric: string) => GapSettings
  categories?: readonly string[]
}

/**
 * Quality by slice for a multi_label, span or box dataset (docs/slices.md):
 * per value of each column, the head annotations whose record carries it,
 * measured by the type's own code (agreement and reference metrics), then
 * per column and metric the gap between the best and the worst value.
 *
 * The reference metrics that are ratios of sums (micro precision, recall
 * and F1, subset accuracy, Hamming loss, example-based means, box mean IoU)
 * get the item-level linearized interval and `se` (`withItemIntervals`),
 * unless the bootstrap gave them one: a group's spans, boxes or label
 * decisions are clustered in items, and so are its annotations. The gap
 * test of two groups is then the Wald z on the difference of two
 * independent ratio estimators, z = (R₁ − R₂) / √(se₁² + se₂²)
 * (`differenceTest`). An item whose annotations carry different values is
 * in both groups, each with its own annotations; the groups are treated as
 * independent, as for categories.
 */
export function computeStructuredSlices(
  inputs: StructuredSliceInputs
): SliceReport {
  const { kind, table, reference } = inputs
  const split = inputs.columns.map((column) => {
    const extra = table.extras.get(column)
    if (extra === undefined)
      throw new Error(`slice column '${column}' was not read`)
    const rows = new Map<number, number[]>()
    for (let r = 0; r < table.size; r++) {
      const code = extra.code[r]!
      let list = rows.get(code)
      if (list === undefined) rows.set(code, (list = []))
      list.push(r)
    }
    const values = [...rows].map(([code, list]) => ({
      column,
      value: extra.values.value(code),
      rows: list
    }))
    values.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    return values
  })
  const all = split.flat()
  const { kept, capped } = capGroups(all, (g) => g.rows.length)
  const refRow = reference === null ? null : referenceRows(reference)
  const groups: SliceGroup[] = kept.map((g) => {
    const group = tableOfRows(table, g.rows)
    const measures = kind.measure({
      agreement: group,
      judged: group,
      reference,
      intervals: inputs.intervals(g.column, g.value),
      ...(inputs.categories !== undefined && {
        categories: inputs.categories
      }),
      rowTerms: true
    })
    const metrics = { ...measures.metrics }
    if (measures.rowTerms !== undefined)
      withItemIntervals(group, measures.rowTerms, kind.ratioMetrics, metrics)
    const items = new Set<number>()
    const annotators = new Set<number>()
    for (let r = 0; r < group.size; r++) {
      items.add(group.item[r]!)
      annotators.add(group.annotator[r]!)
    }
    let referenceItems = 0
    if (refRow !== null)
      for (const i of items)
        if (i < refRow.length && refRow[i]! >= 0) referenceItems++
    return {
      column: g.column,
      value: g.value,
      counts: {
        items: items.size,
        annotators: annotators.size,
        annotations: group.size,
        reference_items: referenceItems
      },
      metrics
    }
  })
  return sliceReport(
    inputs,
    groups,
    [...kind.agreementMetrics, ...kind.referenceMetrics],
    capped
  )
}
