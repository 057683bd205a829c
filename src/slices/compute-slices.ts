import type { DatasetConfig } from '../config/schema.js'
import { computeAgreement } from '../metrics/agreement.js'
import type { IntervalOptions } from '../metrics/interval-options.js'
import { DATASET_METRICS, REFERENCE_METRICS } from '../metrics/names.js'
import { computeReference } from '../metrics/reference.js'
import { bootstrapReference } from '../metrics/reference-bootstrap.js'
import { undefinedMetric, type MetricResult } from '../metrics/result.js'
import type { ExtraColumn } from '../model/annotation-table.js'
import type { Ratings, ReferenceLabels } from '../model/ratings.js'
import {
  bonferroni,
  differenceTest,
  holm,
  moverInterval
} from './difference-test.js'
import { compactGroup, groupByColumn, groupScratch } from './group-ratings.js'
import type { SliceGap, SliceGroup, SliceReport } from './slice-report.js'
import { higherIsBetter } from '../metrics/names.js'

/** The JSON report keeps at most this many slice groups (all columns together). */
export const MAX_SLICE_GROUPS = 1000

/** Default `min_items` of slice gates and gaps. */
export const DEFAULT_SLICE_MIN_ITEMS = 30

/** Default level of a slice gap's significance test. */
export const DEFAULT_SLICE_SIGNIFICANCE = 0.05

/** How the gaps of one metric are judged, from the dataset's slice gates. */
export interface GapSettings {
  minItems: number
  significance: number
  /** Columns whose gap a `slice_gap` gate judges (Holm's family); empty when none. */
  gated: ReadonlySet<string>
}

/**
 * Per metric: the gaps' `min_items` (the `slice_gap` gate's, else the
 * `slice` gate's, else 30), significance level, and the columns a
 * `slice_gap` gate judges.
 */
export function gapSettings(
  dataset: Pick<DatasetConfig, 'gates' | 'slices'>
): (metric: string) => GapSettings {
  return (metric) => {
    const gap = dataset.gates[`slice_gap.${metric}`]
    const bound = dataset.gates[`slice.${metric}`]
    const columns = dataset.slices ?? []
    return {
      minItems: gap?.min_items ?? bound?.min_items ?? DEFAULT_SLICE_MIN_ITEMS,
      significance: gap?.significance ?? DEFAULT_SLICE_SIGNIFICANCE,
      gated: new Set(
        gap === undefined
          ? []
          : gap.column === undefined
            ? columns
            : [gap.column]
      )
    }
  }
}

export interface SliceInputs {
  ratings: Ratings
  reference: ReferenceLabels | null
  /** The head's extra columns, by name (the annotation table's `extras`). */
  extras: ReadonlyMap<string, ExtraColumn>
  columns: readonly string[]
  /** Interval options per group (bootstrap seeds differ by group). */
  intervals: (column: string, value: string) => IntervalOptions
  settings: (metric: string) => GapSettings
}

/**
 * At most MAX_SLICE_GROUPS groups, in their order: past the cap, those with
 * the most annotations (`size`) are kept, and `capped` says so.
 */
export function capGroups<G>(
  all: G[],
  size: (group: G) => number
): { kept: G[]; capped?: SliceReport['capped'] } {
  if (all.length <= MAX_SLICE_GROUPS) return { kept: all }
  const keep = new Set(
    [...all].sort((a, b) => size(b) - size(a)).slice(0, MAX_SLICE_GROUPS)
  )
  const kept = all.filter((g) => keep.has(g))
  return {
    kept,
    capped: {
      total: all.length,
      shown: kept.length,
      kept: 'the groups with the most annotations'
    }
  }
}

/**
 * Quality by slice (docs/slices.md): every dataset metric over each value of
 * each column alone (the head ratings whose row carries the value and the
 * reference labels of their items), then per column and metric the gap
 * between the best and the worst value with enough items.
 */
export function computeSlices(inputs: SliceInputs): SliceReport {
  const { ratings, reference } = inputs
  const split = inputs.columns.map((column) => {
    const extra = inputs.extras.get(column)
    if (extra === undefined) {
      throw new Error(`slice column '${column}' was not read`)
    }
    return groupByColumn(ratings, column, extra)
  })
  // Past the cap, the groups with the most ratings are kept.
  const all = split.flatMap((c) =>
    c.values.map((v) => ({ column: c.column, ...v }))
  )
  const { kept, capped } = capGroups(all, (g) => g.ratings.length)
  const scratch = groupScratch(ratings)
  const groups: SliceGroup[] = kept.map((g) => {
    const group = compactGroup(ratings, reference, g.ratings, scratch)
    return {
      column: g.column,
      value: g.value,
      ...groupFigures(
        group.ratings,
        group.reference,
        inputs.intervals(g.column, g.value)
      )
    }
  })
  return sliceReport(inputs, groups, DATASET_METRICS, capped)
}

/**
 * The report of a dataset's slices from its groups: per column and metric
 * the gap between the best and the worst value with enough items, the
 * gated ones adjusted for their number (for every label type).
 */
export function sliceReport(
  inputs: Pick<SliceInputs, 'columns' | 'settings'>,
  groups: SliceGroup[],
  metrics: readonly string[],
  capped: SliceReport['capped']
): SliceReport {
  const gaps: SliceGap[] = []
  for (const column of inputs.columns) {
    const own = groups.filter((g) => g.column === column)
    for (const metric of metrics) {
      gaps.push(sliceGap(column, metric, own, inputs.settings(metric)))
    }
  }
  adjustGatedGaps(gaps, inputs.settings)
  return {
    columns: [...inputs.columns],
    groups,
    gaps,
    ...(capped === undefined ? {} : { capped })
  }
}

/** Counts and every metric of one group. */
function groupFigures(
  ratings: Ratings,
  reference: ReferenceLabels | null,
  intervals: IntervalOptions
): Pick<SliceGroup, 'counts' | 'metrics'> {
  const agreement = computeAgreement(ratings, intervals)
  const ref = reference === null ? null : computeReference(ratings, reference)
  const metrics: Record<string, MetricResult> = { ...agreement.metrics }
  const noReference = undefinedMetric('no reference labels are configured')
  for (const name of REFERENCE_METRICS) {
    metrics[name] = ref === null ? noReference : ref.metrics[name]
  }
  if (ref !== null && intervals.method === 'bootstrap') {
    Object.assign(metrics, bootstrapReference(ref, intervals))
  }
  const seen = new Uint8Array(ratings.nAnnotators)
  let annotators = 0
  for (let r = 0; r < ratings.annotator.length; r++) {
    const a = ratings.annotator[r]!
    if (seen[a] === 0) {
      seen[a] = 1
      annotators++
    }
  }
  return {
    counts: {
      items: ratings.nItems,
      annotators,
      annotations: ratings.item.length,
      reference_items: ref?.referenceItems ?? 0
    },
    metrics
  }
}

/** Items a group's value rests on (annotations where the metric counts no items). */
function sizeOf(result: MetricResult): number {
  return result.n_items ?? result.n ?? 0
}

/**
 * The gap of one metric in one column: best − worst among the values with a
 * defined estimate on at least `min_items` items (worst − best for
 * lower-is-better metrics), its MOVER interval, the two-sided p-value of the
 * pair and its Bonferroni correction for the k(k − 1)/2 pairs.
 */
export function sliceGap(
  column: string,
  metric: string,
  groups: readonly SliceGroup[],
  settings: GapSettings
): SliceGap {
  const minItems = settings.minItems
  const compared = groups.filter((g) => {
    const m = g.metrics[metric]
    return m !== undefined && m.value !== null && sizeOf(m) >= minItems
  })
  const base = { column, metric, groups_compared: compared.length }
  if (compared.length < 2) {
    return {
      ...base,
      worst: null,
      best: null,
      gap: null,
      min_items: minItems,
      reason:
        compared.length === 0
          ? `no ${column} value has a defined ${metric} on at least min_items ${minItems} items`
          : `only one ${column} value has a defined ${metric} on at least min_items ${minItems} items`
    }
  }
  const up = higherIsBetter(metric)
  const value = (g: SliceGroup): number => g.metrics[metric]!.value!
  // Ties keep the first value in code point order.
  let worst = compared[0]!
  let best = compared[0]!
  for (const g of compared) {
    if (up ? value(g) < value(worst) : value(g) > value(worst)) worst = g
    if (up ? value(g) > value(best) : value(g) < value(best)) best = g
  }
  const w = worst.metrics[metric]!
  const b = best.metrics[metric]!
  // The gap as a distance: the better estimate minus the worse one.
  const [hi, lo] = up ? [b, w] : [w, b]
  const gap = Math.max(0, hi.value! - lo.value!)
  const k = compared.length
  const comparisons = (k * (k - 1)) / 2
  const test = differenceTest(metric, hi, lo)
  const pAdjusted = test.p === null ? null : bonferroni(test.p, comparisons)
  return {
    ...base,
    worst: { value: worst.value, estimate: w.value!, n_items: sizeOf(w) },
    best: { value: best.value, estimate: b.value!, n_items: sizeOf(b) },
    gap,
    min_items: minItems,
    ...(hi.ci !== undefined && lo.ci !== undefined
      ? { ci: moverInterval(hi.value!, hi.ci, lo.value!, lo.ci) }
      : {}),
    p_value: test.p,
    ...(test.p === null ? { reason: test.reason } : { test: test.test }),
    comparisons,
    p_adjusted: pAdjusted,
    ...(pAdjusted === null
      ? {}
      : { significant: pAdjusted < settings.significance })
  }
}

/**
 * The gaps `slice_gap` gates judge form one family per dataset: their
 * Bonferroni-corrected p-values are adjusted again by Holm's procedure, so
 * that several gated gaps do not multiply the chance of a false failure.
 */
export function adjustGatedGaps(
  gaps: SliceGap[],
  settings: (metric: string) => GapSettings
): void {
  const family = gaps.filter(
    (g) =>
      g.p_adjusted !== undefined &&
      g.p_adjusted !== null &&
      settings(g.metric).gated.has(g.column)
  )
  if (family.length < 2) return
  const adjusted = holm(family.map((g) => g.p_adjusted!))
  family.forEach((g, i) => {
    g.p_adjusted = adjusted[i]!
    g.significant = adjusted[i]! < settings(g.metric).significance
  })
}
