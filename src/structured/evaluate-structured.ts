import type { DatasetConfig } from '../config/schema.js'
import { chiSquareHomogeneity } from '../diff/chi-square-homogeneity.js'
import { jensenShannonDistance } from '../diff/jensen-shannon.js'
import {
  evaluateGates,
  gateEffect,
  type Judge
} from '../gates/evaluate-gates.js'
import type { AdjudicationQueue } from '../governance/adjudication.js'
import type { QcSample } from '../governance/qc-sample.js'
import { checkLineage, type LineageReport } from '../governance/lineage.js'
import type { DriftRow } from '../governance/annotator-drift.js'
import { setDrift } from './multi-label/set-drift.js'
import { elementDrift } from './element-drift.js'
import { computeStructuredSlices } from './structured-slices.js'
import { gapSettings } from '../slices/compute-slices.js'
import type { SliceReport } from '../slices/slice-report.js'
import type { AccuracyTerms } from './accuracy-terms.js'
import type { IntervalOptions } from '../metrics/interval-options.js'
import { undefinedMetric, type MetricResult } from '../metrics/result.js'
import {
  compareProblems,
  failsDataset,
  judgedProblems,
  type Problem
} from '../model/problem.js'
import type {
  AnnotatorReport,
  BoxSizeShiftReport,
  DatasetReport,
  LabelShiftReport,
  VersionReport
} from '../report/types.js'
import type { SchemaChange } from '../schema/compare-schemas.js'
import type { DatasetArtifacts, Timer } from '../check/evaluation-types.js'
import type { TrendSeries } from '../gates/trend.js'
import {
  CHANGED_POPULATION,
  TOUCHED_POPULATION
} from '../check/change-report.js'
import { boxShift } from './box/box-shift.js'
import { diffElements, type ElementDiff } from './diff-elements.js'
import type { ElementTable } from './element-table.js'
import { kindOf } from './kinds.js'
import type { StructuredVersion } from './read-structured-version.js'
import { structuredAdjudication } from './structured-adjudication.js'
import { structuredQcSample } from './structured-qc-sample.js'
import type { StructuredKind } from './structured-kind.js'
import { referenceRows, sliceTable } from './table-rows.js'

/** The JSON report lists this many adjudication rows; the queue file has all. */
const REPORT_ADJUDICATION_ROWS = 1000

/**
 * Head, base and the change's slice of a multi_label, span or box dataset,
 * in the report shape category datasets have: the type's metrics, the diff
 * of element sets, the label shift over element labels, the gates and the
 * adjudication queue. The change's slice follows docs/change-slice.md:
 * agreement metrics over all head annotations of the touched items,
 * reference metrics and per-annotator rows over the annotations the change
 * added or relabeled.
 */
export async function evaluateStructured(
  dataset: DatasetConfig,
  head: StructuredVersion,
  base: StructuredVersion | null | undefined,
  timed: Timer,
  seed: string,
  schema: { change: SchemaChange | null; problems: Problem[] } | null,
  judge: Judge = 'state',
  /** The clock for the lineage check's "not in the future". */
  now?: Date,
  /** The base branch's latest versions, for `max_decline` gates. */
  trend?: TrendSeries
): Promise<{ report: DatasetReport; artifacts: DatasetArtifacts }> {
  const kind = kindOf(head.structured)
  const categories = head.categories
  const intervals = (version: string): IntervalOptions =>
    dataset.intervals === 'bootstrap'
      ? {
          method: 'bootstrap',
          resamples: dataset.bootstrap?.resamples ?? 1000,
          seed: `${seed}/${dataset.name}/${version}`
        }
      : { method: 'analytic' }
  const reference = head.reference
  const headMeasured = await timed('metrics', () =>
    versionReport(
      kind,
      head.table,
      head.table,
      reference,
      intervals('head'),
      categories,
      // The base, the change's slice and the adjudication queue reuse the
      // head's work where their annotations are the head's (box: the matches).
      { remember: base !== undefined || dataset.adjudication !== undefined }
    )
  )
  const headReport = headMeasured.report
  // Quality by slice (config `slices`): the head's metrics per metadata value.
  let slices: SliceReport | undefined
  if (dataset.slices !== undefined && head.lineage !== null) {
    const columns = dataset.slices
    slices = await timed('metrics', () =>
      computeStructuredSlices({
        kind,
        table: head.table,
        reference,
        columns,
        intervals: (column, value) =>
          dataset.intervals === 'bootstrap'
            ? {
                method: 'bootstrap',
                resamples: dataset.bootstrap?.resamples ?? 1000,
                seed: `${seed}/${dataset.name}/slice/${column}=${value}`
              }
            : { method: 'analytic' },
        settings: gapSettings(dataset),
        ...(categories !== undefined && { categories })
      })
    )
  }
  let baseReport: VersionReport | null = null
  let baseTerms: AccuracyTerms | null = null
  let changedReport: VersionReport | null = null
  let diff: ElementDiff | null = null
  let shift: LabelShiftReport | null = null
  let sizeShift: BoxSizeShiftReport | null = null
  let changedAnnotators: Set<string> | null = null
  let drift: DriftRow[] | null = null
  if (base !== undefined) {
    await timed('metrics', () => {
      const compared = base?.table ?? sliceTable(head.table, () => false)
      if (base !== null) {
        const measured = versionReport(
          kind,
          base.table,
          base.table,
          base.reference,
          intervals('base'),
          categories,
          { earlier: headMeasured.memo }
        )
        baseReport = measured.report
        baseTerms = measured.terms
      }
      const d = diffElements(compared, head.table)
      diff = d
      const touched = sliceTable(
        head.table,
        (r) => d.touchedItems[head.table.item[r]!] === 1
      )
      const changed = sliceTable(head.table, (r) => d.changedRows[r] === 1)
      const changedMeasured = sliceReport(
        kind,
        touched,
        changed,
        reference,
        intervals('changed'),
        categories,
        headMeasured.memo
      )
      changedReport = changedMeasured.report
      changedAnnotators = new Set<string>()
      for (let r = 0; r < changed.size; r++)
        changedAnnotators.add(changed.annotators.value(changed.annotator[r]!))
      shift = labelShift(compared, head.table, d.changedRows)
      if (head.structured === 'multi_label') {
        drift = setDrift(
          base === null
            ? null
            : { table: base.table, reference: base.reference },
          { table: head.table, reference },
          changed,
          { minItems: dataset.gates['annotator.drift']?.min_items }
        )
      } else {
        drift = elementDrift(
          head.structured,
          base === null ? null : { table: base.table, terms: baseTerms },
          { table: head.table, terms: headMeasured.terms },
          { table: changed, terms: changedMeasured.terms },
          { minItems: dataset.gates['annotator.drift']?.min_items }
        )
      }
      if (head.structured === 'box') {
        const boxes = boxShift(compared, head.table, d.changedRows)
        sizeShift = { ...boxes.sizes, unknown_size: boxes.unknown_size }
      }
    })
  }
  const d = diff as ElementDiff | null

  let queue: AdjudicationQueue | null = null
  if (dataset.adjudication !== undefined) {
    const a = dataset.adjudication
    queue = await timed('metrics', () =>
      structuredAdjudication(
        head.table,
        reference,
        a,
        a.scope === 'changed' && d !== null ? d.touchedItems : undefined,
        headMeasured.memo
      )
    )
  }
  let qc: QcSample | null = null
  if (dataset.qc_sample !== undefined) {
    const q = dataset.qc_sample
    const changedRows = d?.changedRows
    qc = await timed('metrics', () =>
      structuredQcSample(
        kind,
        head.table,
        q.scope === 'changed' && changedRows !== undefined
          ? (r) => changedRows[r] === 1
          : () => true,
        'size' in q
          ? { size: q.size }
          : { margin: q.margin, confidence: q.confidence },
        seed
      )
    )
  }
  // Lineage: the same check as for categories, over the rows (annotations)
  // the change added or relabeled, or all of them.
  let lineage: { report: LineageReport; problems: Problem[] } | null = null
  if (dataset.lineage !== undefined && head.lineage !== null) {
    const l = dataset.lineage
    const changedRows = d?.changedRows
    const inScope = l.scope === 'changed' && changedRows !== undefined
    lineage = checkLineage(
      {
        row: Int32Array.from({ length: head.table.size }, (_, r) => r),
        annotator: head.table.annotator,
        nAnnotators: head.table.annotators.size
      },
      head.lineage,
      inScope ? (r) => changedRows[r] === 1 : () => true,
      {
        required: l.required,
        timestamp: l.timestamp,
        scope: inScope ? 'changed' : 'all',
        severity: l.severity,
        now
      }
    )
  }
  const gates = evaluateGates(dataset.gates, {
    head: headReport,
    base: baseReport,
    changed: changedReport,
    labelShift: shift,
    drift,
    ...(head.structured !== 'multi_label' && {
      driftMeasure:
        head.structured === 'span' ? 'strict span F1' : 'box F1 at IoU 0.5'
    }),
    judge: base === undefined ? 'state' : judge,
    changedAnnotators,
    trend: trend ?? null,
    slices: slices ?? null
  })
  // On a change, an error already at the base is reported as pre-existing
  // and does not fail the dataset; on a state run every error fails.
  const headProblems = judgedProblems(head, base, judge)
  const problems = [
    ...headProblems,
    ...(schema?.problems ?? []),
    ...(lineage?.problems ?? [])
  ].sort(compareProblems)
  const passed =
    !gates.some((g) => gateEffect(g) === 'error') &&
    !problems.some(failsDataset)
  return {
    report: {
      name: dataset.name,
      passed,
      type: dataset.type,
      annotator_accuracy: kind.accuracyMeaning,
      level: dataset.level,
      files: head.files,
      reference_files: head.referenceFiles,
      head: headReport,
      base: baseReport,
      changed: changedReport,
      diff: d?.report ?? null,
      relabeled: d?.relabeled ?? [],
      label_shift: shift,
      ...(head.structured === 'box' && { box_size_shift: sizeShift }),
      schema_change: schema?.change ?? null,
      adjudication:
        queue === null
          ? null
          : {
              scope: dataset.adjudication!.scope,
              total: queue.rows.length,
              counts: queue.counts,
              annotators: queue.annotators,
              rows: queue.rows.slice(0, REPORT_ADJUDICATION_ROWS)
            },
      qc_sample: qc,
      annotator_drift: drift ?? [],
      lineage: lineage?.report ?? null,
      gates,
      problems,
      ...(slices === undefined ? {} : { slices })
    },
    artifacts: {
      name: dataset.name,
      adjudication: queue,
      qcSample: qc,
      consensus: null
    }
  }
}

/**
 * One version's (or slice's) report: `agreement` for agreement, `judged`
 * against the reference; with the judged annotations' accuracy terms (span
 * and box with a reference, else null) for the drift.
 */
function versionReport(
  kind: StructuredKind,
  agreement: ElementTable,
  judged: ElementTable,
  reference: ElementTable | null,
  intervals: IntervalOptions,
  categories: readonly string[] | undefined,
  reuse: { remember?: boolean; earlier?: unknown } = {}
): { report: VersionReport; terms: AccuracyTerms | null; memo?: unknown } {
  const measures = kind.measure({
    agreement,
    judged,
    reference,
    intervals,
    categories,
    ...reuse
  })
  const perAnnotator = new Map<number, number>()
  for (let r = 0; r < judged.size; r++) {
    const a = judged.annotator[r]!
    perAnnotator.set(a, (perAnnotator.get(a) ?? 0) + 1)
  }
  const noReference = undefinedMetric(
    reference === null
      ? 'no reference labels are configured'
      : 'no annotation of an item with a reference'
  )
  const annotators: [string, AnnotatorReport][] = [...perAnnotator]
    .map(([a, n]): [string, AnnotatorReport] => {
      const m = measures.annotators.get(a)
      return [
        judged.annotators.value(a),
        {
          annotations: n,
          accuracy: m?.accuracy ?? noReference,
          ...(m !== undefined && { metrics: m.metrics })
        }
      ]
    })
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
  const items = new Set<number>()
  const raters = new Set<number>()
  for (let r = 0; r < agreement.size; r++) {
    items.add(agreement.item[r]!)
    raters.add(agreement.annotator[r]!)
  }
  let referenceItems = 0
  if (reference !== null) {
    const refRow = referenceRows(reference)
    for (const i of items)
      if (i < refRow.length && refRow[i]! >= 0) referenceItems++
  }
  const report: VersionReport = {
    counts: {
      items: items.size,
      annotators: raters.size,
      annotations: agreement.size,
      reference_items: referenceItems,
      elements: agreement.label.length
    },
    metrics: measures.metrics,
    annotators: Object.fromEntries(annotators),
    distribution: distribution(agreement, categories),
    classes: measures.classes,
    confusion: null,
    pairwise: measures.pairwise,
    ...(measures.perLabel !== undefined && { per_label: measures.perLabel })
  }
  return {
    report,
    terms: measures.accuracyTerms ?? null,
    ...(measures.memo !== undefined && { memo: measures.memo })
  }
}

/** The change's slice: each metric states its population (docs/change-slice.md). */
function sliceReport(
  kind: StructuredKind,
  touched: ElementTable,
  changed: ElementTable,
  reference: ElementTable | null,
  intervals: IntervalOptions,
  categories: readonly string[] | undefined,
  earlier: unknown
): { report: VersionReport; terms: AccuracyTerms | null } {
  const { report, terms } = versionReport(
    kind,
    touched,
    changed,
    reference,
    intervals,
    categories,
    { earlier }
  )
  const metrics: Record<string, MetricResult> = {}
  for (const [name, metric] of Object.entries(report.metrics)) {
    const population = kind.referenceMetrics.includes(name)
      ? CHANGED_POPULATION
      : TOUCHED_POPULATION
    metrics[name] = { ...metric, n: metric.n ?? 0, population }
  }
  const annotators: Record<string, AnnotatorReport> = {}
  for (const [id, row] of Object.entries(report.annotators)) {
    annotators[id] = {
      ...row,
      accuracy: {
        ...row.accuracy,
        n: row.accuracy.n ?? 0,
        population: CHANGED_POPULATION
      }
    }
  }
  return {
    report: {
      ...report,
      metrics,
      annotators: Object.fromEntries(Object.entries(annotators))
    },
    terms
  }
}

/** Elements per label: declared categories first, in their order, then others by text. */
function distribution(
  table: ElementTable,
  categories: readonly string[] | undefined
): Record<string, number> {
  const perCode = new Float64Array(table.labels.size)
  for (let e = 0; e < table.label.length; e++) perCode[table.label[e]!]!++
  const counts = new Map<string, number>()
  for (const c of categories ?? []) counts.set(c, 0)
  const rest: [string, number][] = []
  table.labels.values.forEach((text, code) => {
    if (perCode[code] === 0 && !counts.has(text)) return
    if (counts.has(text)) counts.set(text, perCode[code]!)
    else rest.push([text, perCode[code]!])
  })
  rest.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
  return Object.fromEntries([...counts, ...rest])
}

/**
 * Element labels base vs head; the test compares the elements of the
 * annotations the change added or relabeled with those of the unchanged ones.
 */
function labelShift(
  base: ElementTable,
  head: ElementTable,
  changedRows: Uint8Array
): LabelShiftReport {
  const n = head.labels.size
  const b = new Float64Array(n)
  const h = new Float64Array(n)
  const c = new Float64Array(n)
  for (let e = 0; e < base.label.length; e++) b[base.label[e]!]!++
  for (let r = 0; r < head.size; r++) {
    for (let e = head.start[r]!; e < head.start[r + 1]!; e++) {
      h[head.label[e]!]!++
      if (changedRows[r] === 1) c[head.label[e]!]!++
    }
  }
  const used: number[] = []
  for (let k = 0; k < n; k++) if (b[k]! > 0 || h[k]! > 0) used.push(k)
  const pick = (a: Float64Array): number[] => used.map((k) => a[k]!)
  const changed = pick(c)
  const headCounts = pick(h)
  const unchanged = headCounts.map((x, k) => x - changed[k]!)
  return {
    labels: used.map((k) => head.labels.value(k)),
    base: pick(b),
    head: headCounts,
    changed,
    unchanged,
    jensen_shannon: jensenShannonDistance(pick(b), headCounts),
    chi_square: chiSquareHomogeneity([unchanged, changed])
  }
}
