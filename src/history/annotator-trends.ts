import { proportionDropTest } from '../governance/proportion-drop-test.js'
import type { MetricResult } from '../metrics/result.js'
import { wilsonInterval } from '../metrics/wilson.js'
import type { WeekCounts } from './annotator-weeks.js'
import type { AnnotatorTrend, HistoryRecord } from './types.js'

/** A fall is significant when its one-sided p-value is below this. */
export const DECLINE_ALPHA = 0.05

interface Sample {
  value: number
  correct: number
  n: number
}

/**
 * Each annotator's accuracy on the reference items over the versions (and,
 * from the newest version's lineage timestamps, over weeks), with the fall
 * from the first to the last sample and its one-sided test (pooled
 * two-proportion z, or Fisher's exact test for small counts). With weeks,
 * first and last week compare disjoint annotations; over versions the
 * samples overlap (a version keeps most earlier annotations), which makes
 * the independent-samples test conservative. Annotators whose fall is
 * significant come first (smallest p first), then the rest by id.
 */
export function annotatorTrends(
  versions: readonly Pick<HistoryRecord, 'annotators'>[],
  weeks: Record<string, Record<string, WeekCounts>> | undefined
): AnnotatorTrend[] {
  const ids = new Set<string>()
  for (const v of versions)
    for (const id of Object.keys(v.annotators)) ids.add(id)
  for (const id of Object.keys(weeks ?? {})) ids.add(id)
  const trends = [...ids].map((annotator): AnnotatorTrend => {
    const by_version = versions.map((v) => {
      const accuracy = v.annotators[annotator]?.accuracy
      return accuracy !== undefined &&
        accuracy.value !== null &&
        (accuracy.n ?? 0) > 0
        ? accuracy
        : null
    })
    const by_week = Object.entries(weeks?.[annotator] ?? {}).map(
      ([week, c]) => ({ week, accuracy: proportion(c) })
    )
    const samples: Sample[] =
      by_week.length >= 2
        ? Object.values(weeks![annotator]!).map((c) => ({
            value: c.correct / c.n,
            correct: c.correct,
            n: c.n
          }))
        : by_version
            .filter((a): a is MetricResult => a !== null)
            .map((a) => ({
              value: a.value!,
              n: a.n!,
              correct: Math.round(a.value! * a.n!)
            }))
    return { annotator, by_version, by_week, decline: decline(samples) }
  })
  return trends.sort(
    (a, b) =>
      Number(b.decline?.significant ?? false) -
        Number(a.decline?.significant ?? false) ||
      (a.decline?.significant && b.decline?.significant
        ? a.decline.p_value! - b.decline.p_value!
        : 0) ||
      (a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0)
  )
}

function proportion(c: WeekCounts): MetricResult {
  const ci = wilsonInterval(c.correct, c.n)
  return { value: c.correct / c.n, n: c.n, ...(ci ? { ci } : {}) }
}

function decline(samples: Sample[]): AnnotatorTrend['decline'] {
  if (samples.length < 2) return null
  const first = samples[0]!
  const last = samples[samples.length - 1]!
  const test = proportionDropTest(last.correct, last.n, first.correct, first.n)
  const p = test?.pValue ?? null
  return {
    from: first.value,
    to: last.value,
    p_value: p,
    significant: p !== null && last.value < first.value && p < DECLINE_ALPHA
  }
}
