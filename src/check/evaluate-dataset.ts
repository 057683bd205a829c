import type { DatasetConfig } from '../config/schema.js'
import { diffRatings, type RatingsDiff } from '../diff/diff-ratings.js'
import { labelShift } from '../diff/label-shift.js'
import { sliceRatings } from '../diff/slice-ratings.js'
import {
  evaluateGates,
  gateEffect,
  trendValue,
  type Judge
} from '../gates/evaluate-gates.js'
import {
  adjudicationQueue,
  type AdjudicationQueue
} from '../governance/adjudication.js'
import { annotatorDrift, type DriftRow } from '../governance/annotator-drift.js'
import { checkLineage, type LineageReport } from '../governance/lineage.js'
import { qcSample, type QcSample } from '../governance/qc-sample.js'
import {
  DEFAULT_RESAMPLES,
  type IntervalOptions
} from '../metrics/interval-options.js'
import {
  compareProblems,
  failsDataset,
  judgedProblems,
  type Problem
} from '../model/problem.js'
import type { Ratings } from '../model/ratings.js'
import { buildVersionReport } from './build-version-report.js'
import { applyConsensus } from './apply-consensus.js'
import type {
  DatasetReport,
  LabelShiftReport,
  TrendReport,
  VersionReport
} from '../report/types.js'
import type { TrendSeries } from '../gates/trend.js'
import type { SchemaChange } from '../schema/compare-schemas.js'
import { buildChangeReport } from './change-report.js'
import type { DatasetVersion } from './read-version.js'
import type { DatasetArtifacts, Timer } from './evaluation-types.js'
import { evaluateStructured } from '../structured/evaluate-structured.js'
import { computeSlices, gapSettings } from '../slices/compute-slices.js'
import type { StructuredVersion } from '../structured/read-structured-version.js'

export type { DatasetArtifacts, Timer }

/** The JSON report lists this many adjudication rows; the queue file has all. */
const REPORT_ADJUDICATION_ROWS = 1000

/**
 * Metrics of head, base and the change's slice, the diff, the governance
 * analyses and the gates of one dataset. `base` is undefined without a base
 * revision, null when the dataset does not exist at the base (a new dataset:
 * everything is added). `seed` (the head revision) makes the QC sample
 * reproducible for a commit. `now` is the clock for the lineage check's
 * timestamps (the core keeps none; without it no timestamp is "future").
 */
export async function evaluateDataset(
  dataset: DatasetConfig,
  head: DatasetVersion | StructuredVersion,
  base: DatasetVersion | StructuredVersion | null | undefined,
  timed: Timer,
  seed: string,
  schema: { change: SchemaChange | null; problems: Problem[] } | null,
  now?: Date,
  judge: Judge = 'state',
  trend?: TrendSeries
): Promise<{ report: DatasetReport; artifacts: DatasetArtifacts }> {
  // multi_label, span and box datasets: the structured pipeline, same report shape.
  if ('structured' in head) {
    const evaluated = await evaluateStructured(
      dataset,
      head,
      base as StructuredVersion | null | undefined,
      timed,
      seed,
      schema,
      judge,
      now,
      trend
    )
    // Trend gates judge every type: the series goes to the gates and to the
    // report (the comment's chart) as for a category dataset.
    if (trend !== undefined) {
      evaluated.report.trend = trendReport(dataset, trend)
    }
    return evaluated
  }
  if (base !== undefined && base !== null && 'structured' in base) {
    throw new Error('base and head of one dataset are read as one type')
  }
  // Bootstrap intervals are seeded by the head revision, per version.
  const intervals = (version: string): IntervalOptions =>
    dataset.intervals === 'bootstrap'
      ? {
          method: 'bootstrap',
          resamples: dataset.bootstrap?.resamples ?? DEFAULT_RESAMPLES,
          seed: `${seed}/${dataset.name}/${version}`
        }
      : { method: 'analytic' }
  const headReport = await timed('metrics', () =>
    buildVersionReport(
      head.ratings,
      head.reference,
      head.ratings,
      intervals('head')
    )
  )
  // Quality by slice (config `slices`): the head's metrics per metadata value.
  const slices =
    dataset.slices === undefined || head.lineage === null
      ? undefined
      : await timed('metrics', () =>
          computeSlices({
            ratings: head.ratings,
            reference: head.reference,
            extras: head.lineage!.extras,
            columns: dataset.slices!,
            intervals: (column, value) =>
              dataset.intervals === 'bootstrap'
                ? {
                    method: 'bootstrap',
                    resamples:
                      dataset.bootstrap?.resamples ?? DEFAULT_RESAMPLES,
                    seed: `${seed}/${dataset.name}/slice/${column}=${value}`
                  }
                : { method: 'analytic' },
            settings: gapSettings(dataset)
          })
        )
  // Truth inference (config `consensus`) at the head, and at the base below.
  const headConsensus =
    dataset.consensus === undefined
      ? null
      : await timed('metrics', () =>
          applyConsensus(
            headReport,
            head.ratings,
            head.reference,
            dataset.consensus!
          )
        )
  let baseReport: VersionReport | null = null
  let changedReport: VersionReport | null = null
  let diff: RatingsDiff | null = null
  let shift: LabelShiftReport | null = null
  const schemaChange = schema?.change ?? null
  let baseRatings: Ratings | null = null
  let addedSlice: Ratings | null = null
  const schemaProblems: Problem[] = schema?.problems ?? []
  if (base !== undefined) {
    baseRatings = base?.ratings ?? null
    const compared = baseRatings ?? sliceRatings(head.ratings, () => false)
    await timed('metrics', () => {
      if (base !== null) {
        baseReport = buildVersionReport(
          compared,
          base.reference,
          compared,
          intervals('base')
        )
        if (dataset.consensus !== undefined) {
          applyConsensus(
            baseReport,
            compared,
            base.reference,
            dataset.consensus
          )
        }
      }
      const d = diffRatings(compared, head.ratings)
      diff = d
      // The change's slice: one definition, two named populations.
      const slice = buildChangeReport(
        head.ratings,
        head.reference,
        d,
        intervals('changed')
      )
      addedSlice = slice.changed
      changedReport = slice.report
      shift = labelShift(compared, head.ratings, d.changedRatings)
    })
  }
  const d = diff as RatingsDiff | null

  const governance = await timed('metrics', () => {
    let adjudication: AdjudicationQueue | null = null
    if (dataset.adjudication !== undefined) {
      const a = dataset.adjudication
      adjudication = adjudicationQueue(head.ratings, head.reference, {
        minShare: a.min_share,
        tieBreak: a.tie_break,
        senior: a.senior,
        // Without a base there is no change: the whole head is the slice.
        items: a.scope === 'changed' && d !== null ? d.touchedItems : undefined,
        lowPosterior: headConsensus?.result.lowPosterior
      })
    }
    let qc: QcSample | null = null
    if (dataset.qc_sample !== undefined) {
      const q = dataset.qc_sample
      const keep =
        q.scope === 'changed' && d !== null
          ? (r: number) => d.changedRatings[r] === 1
          : () => true
      qc = qcSample(
        head.ratings,
        keep,
        'size' in q
          ? { size: q.size }
          : { margin: q.margin, confidence: q.confidence },
        seed
      )
    }
    let drift: DriftRow[] = []
    if (base !== undefined && addedSlice !== null) {
      drift = annotatorDrift(
        base === null || baseRatings === null
          ? null
          : { ratings: baseRatings, reference: base.reference },
        { ratings: head.ratings, reference: head.reference },
        addedSlice,
        { minItems: dataset.gates['annotator.drift']?.min_items }
      )
    }
    let lineage: { report: LineageReport; problems: Problem[] } | null = null
    if (dataset.lineage !== undefined && head.lineage !== null) {
      const l = dataset.lineage
      // Without a base there is no change: every annotation is in scope,
      // and the report says so.
      const changed = l.scope === 'changed' && d !== null
      lineage = checkLineage(
        head.ratings,
        head.lineage,
        changed ? (r) => d.changedRatings[r] === 1 : () => true,
        {
          required: l.required,
          timestamp: l.timestamp,
          scope: changed ? 'changed' : 'all',
          severity: l.severity,
          now
        }
      )
    }
    return { adjudication, qc, drift, lineage }
  })

  const gates = evaluateGates(dataset.gates, {
    head: headReport,
    base: baseReport,
    changed: changedReport,
    labelShift: shift,
    drift: base === undefined ? null : governance.drift,
    judge: base === undefined ? 'state' : judge,
    changedAnnotators: annotatorsOf(addedSlice),
    trend: trend ?? null,
    slices: slices ?? null
  })
  // On a change, an error already at the base is reported as pre-existing
  // and does not fail the dataset; on a state run every error fails.
  const headProblems = judgedProblems(head, base, judge)
  const problems = [
    ...headProblems,
    ...schemaProblems,
    ...(governance.lineage?.problems ?? [])
  ].sort(compareProblems)
  const passed =
    !gates.some((g) => gateEffect(g) === 'error') &&
    !problems.some(failsDataset)
  const queue = governance.adjudication
  return {
    report: {
      name: dataset.name,
      passed,
      level: dataset.level,
      files: head.files,
      reference_files: head.referenceFiles,
      head: headReport,
      base: baseReport,
      changed: changedReport,
      diff: d?.report ?? null,
      relabeled: d?.relabeled ?? [],
      label_shift: shift,
      schema_change: schemaChange,
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
      qc_sample: governance.qc,
      annotator_drift: governance.drift,
      lineage: governance.lineage?.report ?? null,
      gates,
      problems,
      ...(trend === undefined ? {} : { trend: trendReport(dataset, trend) }),
      ...(slices === undefined ? {} : { slices })
    },
    artifacts: {
      name: dataset.name,
      adjudication: queue,
      qcSample: governance.qc,
      consensus: headConsensus?.labels ?? null
    }
  }
}

/**
 * The trend series as the report keeps it: the dataset-level gated metrics'
 * values, null where undefined or where the value rests on fewer than the
 * gate's `min_items` items (the `max_decline` gate leaves those versions out,
 * and the chart draws what the gate judged).
 */
export function trendReport(
  dataset: DatasetConfig,
  trend: TrendSeries
): TrendReport {
  const metrics = Object.keys(dataset.gates).filter(
    (m) => !m.includes('.') && m !== 'label_shift'
  )
  return {
    points: (trend.points ?? []).map((p) => ({
      commit: p.commit,
      date: p.date,
      values: Object.fromEntries(
        metrics.map((m) => [
          m,
          trendValue(p.metrics[m], dataset.gates[m]!.min_items)
        ])
      )
    })),
    note: trend.note ?? null
  }
}

/** Annotator ids with a rating in `ratings` (the change's added or relabeled ones). */
function annotatorsOf(ratings: Ratings | null): Set<string> | null {
  if (ratings === null) return null
  const ids = new Set<string>()
  for (let r = 0; r < ratings.annotator.length; r++) {
    ids.add(ratings.annotatorIds[ratings.annotator[r]!]!)
  }
  return ids
}
