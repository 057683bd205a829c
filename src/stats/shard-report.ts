import { trendReport } from '../check/evaluate-dataset.js'
import { NO_BASE_TREND } from '../check/run-check.js'
import type { DatasetConfig } from '../config/schema.js'
import type { TrendSeries } from '../gates/trend.js'
import { evaluateGates, gateEffect } from '../gates/evaluate-gates.js'
import {
  PairTables,
  summarizeItems,
  type ItemCategoryCounts,
  type ItemGroups
} from '../metrics/agreement-stats.js'
import { agreementOfStatistics } from '../metrics/agreement.js'
import { ConfusionCounts } from '../metrics/confusion-counts.js'
import { itemsInPairs, lightKappaOf } from '../metrics/light-kappa.js'
import { REFERENCE_METRICS } from '../metrics/names.js'
import { isPluralityWinner, referenceOfTallies } from '../metrics/reference.js'
import { undefinedMetric, type MetricResult } from '../metrics/result.js'
import type {
  AnnotatorReport,
  DatasetReport,
  VersionReport
} from '../report/types.js'
import type { MergedStatistics } from './merge-shards.js'

/**
 * The version report of merged statistics: the same functions as the direct
 * path (`buildVersionReport`) on the same sufficient statistics, in the same
 * order, so the values are the same to the last bit.
 */
export function versionReportOfStatistics(m: MergedStatistics): VersionReport {
  const K = m.categories.length
  const nItems = m.itemIds.length
  const nA = m.annotatorIds.length

  // The categories some rating uses, renumbered in order (compactCategories).
  const totals = new Float64Array(K)
  for (let e = 0; e < m.category.length; e++)
    totals[m.category[e]!]! += m.count[e]!
  const compactCode = new Int32Array(K).fill(-1)
  const originalList: number[] = []
  for (let k = 0; k < K; k++)
    if (totals[k]! > 0) {
      compactCode[k] = originalList.length
      originalList.push(k)
    }
  const original = Int32Array.from(originalList)
  const U = original.length
  const counts: ItemCategoryCounts = {
    nCategories: U,
    item: Int32Array.from({ length: nItems }, (_, j) => j),
    offset: m.offset,
    category: m.category.map((k) => compactCode[k]!),
    count: m.count
  }
  const stats = summarizeItems(counts)
  const pairs = new PairTables(nA, U)
  for (const { a, b, cells } of m.pairs)
    for (let c = 0; c < cells.length; c += 3)
      pairs.add(
        a,
        compactCode[cells[c]!]!,
        b,
        compactCode[cells[c + 1]!]!,
        cells[c + 2]!
      )
  const rated: number[] = []
  for (let a = 0; a < nA; a++) if (m.annotations[a]! > 0) rated.push(a)
  const raters: ItemGroups = {
    start: new Int32Array(1),
    order: new Int32Array(0),
    raters: Int32Array.from(rated),
    skipped: 0
  }
  const identity = Int32Array.from({ length: m.raters.length }, (_, p) => p)
  const light = lightKappaOf(m.annotatorIds, rated.length, pairs, (counted) =>
    itemsInPairs(m.raters, m.raterStart, identity, pairs, counted)
  )
  const agreement = agreementOfStatistics({
    level: m.level,
    declared: m.declared,
    fullValues: m.values,
    original,
    fullCount: K,
    values:
      m.values === null
        ? null
        : Float64Array.from(original, (k) => m.values![k]!),
    raters,
    counts,
    stats,
    pairs,
    light
  })

  const ref = m.reference ? referenceOfStatistics(m) : null
  const noReference = undefinedMetric('no reference labels are configured')
  const referenceMetrics: Record<string, MetricResult> = {}
  for (const name of REFERENCE_METRICS)
    referenceMetrics[name] = ref === null ? noReference : ref.metrics[name]

  const annotators: [string, AnnotatorReport][] = []
  for (const a of rated)
    annotators.push([
      m.annotatorIds[a]!,
      {
        annotations: m.annotations[a]!,
        accuracy: ref?.annotators[a]?.accuracy ?? noReference
      }
    ])
  annotators.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
  let annotations = 0
  for (const n of m.count) annotations += n

  return {
    counts: {
      items: nItems,
      annotators: rated.length,
      annotations,
      reference_items: ref?.referenceItems ?? 0
    },
    metrics: { ...agreement.metrics, ...referenceMetrics },
    annotators: Object.fromEntries(annotators),
    distribution: Object.fromEntries(
      m.categories.map((c, k): [string, number] => [c, totals[k]!])
    ),
    classes: ref?.classes ?? [],
    confusion: ref?.confusion ?? null,
    pairwise: agreement.pairwise
  }
}

/** The reference tallies of the merged items (each item's counts against its reference label). */
function referenceOfStatistics(m: MergedStatistics) {
  const K = m.categories.length
  const nItems = m.itemIds.length
  const confusion = new ConfusionCounts(K)
  const itemCompared = new Int32Array(nItems)
  const itemCorrect = new Int32Array(nItems)
  const votes = new Int32Array(K)
  let referenceItems = 0
  let majorityCorrect = 0
  for (let j = 0; j < nItems; j++) {
    const truth = m.truth[j]!
    if (truth < 0) continue
    referenceItems++
    for (let e = m.offset[j]!; e < m.offset[j + 1]!; e++) {
      const k = m.category[e]!
      const n = m.count[e]!
      confusion.addTimes(truth, k, n)
      itemCompared[j]! += n
      if (k === truth) itemCorrect[j]! += n
      votes[k] = n
    }
    if (isPluralityWinner(votes, 0, K, truth)) majorityCorrect++
    for (let e = m.offset[j]!; e < m.offset[j + 1]!; e++)
      votes[m.category[e]!] = 0
  }
  return referenceOfTallies(m.categories, {
    annotations: m.annotations,
    compared: m.compared,
    correct: m.correct,
    confusion,
    clusters: { compared: itemCompared, correct: itemCorrect },
    majorityCorrect,
    referenceItems
  })
}

/**
 * The dataset report of merged shards, as a check of the head alone would
 * make it: no base, so no diff, slice, drift or label shift; the gates judge
 * the state. `trend` is the note a check without a base gives trend gates.
 */
export function datasetReportOfStatistics(
  dataset: DatasetConfig,
  m: MergedStatistics
): DatasetReport {
  const head = versionReportOfStatistics(m)
  const trend: TrendSeries | undefined = Object.values(dataset.gates).some(
    (g) => g.max_decline !== undefined
  )
    ? { points: null, note: NO_BASE_TREND }
    : undefined
  const gates = evaluateGates(dataset.gates, {
    head,
    base: null,
    changed: null,
    labelShift: null,
    drift: null,
    judge: 'state',
    changedAnnotators: null,
    trend: trend ?? null
  })
  const problems = m.problems
  const passed =
    !gates.some((g) => gateEffect(g) === 'error') &&
    !problems.some((p) => p.severity === 'error')
  return {
    name: dataset.name,
    passed,
    level: dataset.level,
    files: m.files,
    reference_files: m.referenceFiles,
    head,
    base: null,
    changed: null,
    diff: null,
    relabeled: [],
    label_shift: null,
    schema_change: null,
    adjudication: null,
    qc_sample: null,
    annotator_drift: [],
    lineage: null,
    gates,
    problems,
    ...(trend === undefined ? {} : { trend: trendReport(dataset, trend) })
  }
}
