import type { RatingsDiff } from '../diff/diff-ratings.js'
import { sliceRatings } from '../diff/slice-ratings.js'
import { computeReference } from '../metrics/reference.js'
import { undefinedMetric, type MetricResult } from '../metrics/result.js'
import type { Ratings, ReferenceLabels } from '../model/ratings.js'
import type { IntervalOptions } from '../metrics/interval-options.js'
import { buildVersionReport } from './build-version-report.js'
import type { AnnotatorReport, VersionReport } from '../report/types.js'

/** Population of agreement and majority vote in the change's slice. */
export const TOUCHED_POPULATION = 'all head ratings of the touched items'
/** Population of accuracy, error rate, classes and per-annotator rows. */
export const CHANGED_POPULATION = 'annotations the change added or relabeled'

/** Slice metrics that rest on the added or relabeled annotations only. */
const CHANGED_ANNOTATION_METRICS = ['accuracy', 'error_rate'] as const

export interface ChangeSlice {
  report: VersionReport
  /** Head ratings of the touched items (agreement, majority vote). */
  touched: Ratings
  /** Head ratings the change added or relabeled (accuracy, per annotator). */
  changed: Ratings
}

/**
 * The change's slice, one definition for every metric: the items the change
 * touched (an annotation added, removed or relabeled). Two populations of
 * those items, each metric stating which in `population`:
 * - agreement coefficients and `majority_vote_accuracy` use all head ratings
 *   of the touched items (an item's agreement or vote is a property of the
 *   item, not of the one rating that changed);
 * - `accuracy`, `error_rate`, the per-class table, the confusion matrix and
 *   every `annotators` row use the annotations the change added or relabeled,
 *   so a new batch is judged on its own. An annotators row lists an annotator
 *   with at least one such annotation; `annotations` counts them and
 *   `accuracy.n` those of them on reference items.
 * `counts` and `distribution` describe the touched items.
 */
export function buildChangeReport(
  head: Ratings,
  reference: ReferenceLabels | null,
  diff: Pick<RatingsDiff, 'touchedItems' | 'changedRatings'>,
  intervals?: IntervalOptions
): ChangeSlice {
  // Masks over the head's ratings, not callbacks: see `sliceRatings`.
  const { touchedItems } = diff
  const item = head.item
  const inTouched = new Uint8Array(item.length)
  for (let r = 0; r < item.length; r++) inTouched[r] = touchedItems[item[r]!]!
  const touched = sliceRatings(head, inTouched)
  const changed = sliceRatings(head, diff.changedRatings)
  const base = buildVersionReport(touched, reference, touched, intervals)
  const metrics: Record<string, MetricResult> = {}
  for (const [name, metric] of Object.entries(base.metrics)) {
    metrics[name] = stated(metric, TOUCHED_POPULATION, touched.item.length)
  }
  // majority_vote_accuracy keeps its own n: the votes, one per reference item.

  const ref = reference === null ? null : computeReference(changed, reference)
  const noReference = undefinedMetric('no reference labels are configured')
  for (const name of CHANGED_ANNOTATION_METRICS) {
    const metric = ref === null ? noReference : ref.metrics[name]
    metrics[name] = stated(metric, CHANGED_POPULATION, metric.n ?? 0)
  }

  const perAnnotator = new Int32Array(head.nAnnotators)
  for (let r = 0; r < changed.annotator.length; r++) {
    perAnnotator[changed.annotator[r]!]!++
  }
  const annotators: [string, AnnotatorReport][] = []
  for (let a = 0; a < head.nAnnotators; a++) {
    if (perAnnotator[a] === 0) continue
    const accuracy = ref?.annotators[a]?.accuracy ?? noReference
    annotators.push([
      head.annotatorIds[a]!,
      {
        annotations: perAnnotator[a]!,
        accuracy: stated(accuracy, CHANGED_POPULATION, accuracy.n ?? 0)
      }
    ])
  }
  annotators.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))

  return {
    report: {
      ...base,
      metrics,
      // fromEntries defines own properties: an annotator "__proto__" is safe.
      annotators: Object.fromEntries(annotators),
      classes: ref?.classes ?? [],
      confusion: ref?.confusion ?? null
    },
    touched,
    changed
  }
}

/** The metric with its population and n (ratings it rests on) stated. */
function stated(
  metric: MetricResult,
  population: string,
  n: number
): MetricResult {
  return { ...metric, n: metric.n ?? n, population }
}
