import { computeAgreement } from '../metrics/agreement.js'
import { REFERENCE_METRICS } from '../metrics/names.js'
import { ANALYTIC, type IntervalOptions } from '../metrics/interval-options.js'
import { computeReference } from '../metrics/reference.js'
import { bootstrapReference } from '../metrics/reference-bootstrap.js'
import { undefinedMetric, type MetricResult } from '../metrics/result.js'
import type { Ratings, ReferenceLabels } from '../model/ratings.js'
import type { AnnotatorReport, VersionReport } from '../report/types.js'

/**
 * Every metric of one version (head, base or the change's slice) in report
 * shape. Reference metrics use `referenceRatings` when given: the change's
 * slice judges only the annotations the change added or relabeled.
 * `intervals` chooses analytic or bootstrap intervals.
 */
export function buildVersionReport(
  ratings: Ratings,
  reference: ReferenceLabels | null,
  referenceRatings: Ratings = ratings,
  intervals: IntervalOptions = ANALYTIC
): VersionReport {
  const agreement = computeAgreement(ratings, intervals)
  const ref =
    reference === null ? null : computeReference(referenceRatings, reference)

  const perAnnotator = new Int32Array(ratings.nAnnotators)
  const itemSeen = new Uint8Array(ratings.nItems)
  const perCategory = new Float64Array(ratings.categories.length)
  let items = 0
  for (let r = 0; r < ratings.item.length; r++) {
    perAnnotator[ratings.annotator[r]!]!++
    perCategory[ratings.category[r]!]!++
    if (itemSeen[ratings.item[r]!] === 0) {
      itemSeen[ratings.item[r]!] = 1
      items++
    }
  }

  const noReference = undefinedMetric('no reference labels are configured')
  const referenceMetrics: Record<string, MetricResult> = {}
  for (const name of REFERENCE_METRICS) {
    referenceMetrics[name] = ref === null ? noReference : ref.metrics[name]
  }
  if (ref !== null && intervals.method === 'bootstrap')
    Object.assign(referenceMetrics, bootstrapReference(ref, intervals))

  const annotators: [string, AnnotatorReport][] = []
  let nAnnotators = 0
  for (let a = 0; a < ratings.nAnnotators; a++) {
    if (perAnnotator[a] === 0) continue
    nAnnotators++
    annotators.push([
      ratings.annotatorIds[a]!,
      {
        annotations: perAnnotator[a]!,
        accuracy: ref?.annotators[a]?.accuracy ?? noReference
      }
    ])
  }
  annotators.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))

  const distribution: [string, number][] = ratings.categories.map((c, i) => [
    c,
    perCategory[i]!
  ])

  return {
    counts: {
      items,
      annotators: nAnnotators,
      annotations: ratings.item.length,
      reference_items: ref?.referenceItems ?? 0
    },
    metrics: { ...agreement.metrics, ...referenceMetrics },
    // fromEntries defines own properties, so an annotator called "__proto__" is safe.
    annotators: Object.fromEntries(annotators),
    distribution: Object.fromEntries(distribution),
    classes: ref?.classes ?? [],
    confusion: ref?.confusion ?? null,
    pairwise: agreement.pairwise
  }
}
