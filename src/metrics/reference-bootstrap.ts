import {
  bootstrapStream,
  resampleFrequencies,
  withBootstrapInterval,
  type BootstrapOptions
} from './bootstrap.js'
import type { ReferenceMetric } from './names.js'
import type { ReferenceResult } from './reference.js'
import type { MetricResult } from './result.js'

/**
 * The reference metrics with item-level bootstrap intervals in place of the
 * analytic ones. Items are compressed to their (compared, correct) pattern,
 * so a resample costs the number of distinct patterns (see `bootstrap.ts`);
 * majority-vote accuracy resamples its hit and miss items. Per-annotator
 * accuracy keeps its Wilson interval: an annotator rates an item once, so
 * its annotations are already one per item.
 */
export function bootstrapReference(
  result: ReferenceResult,
  options: BootstrapOptions
): Record<ReferenceMetric, MetricResult> {
  const { compared, correct } = result.clusters
  const index = new Map<number, number>()
  const patternCompared: number[] = []
  const patternCorrect: number[] = []
  const frequency: number[] = []
  for (let s = 0; s < compared.length; s++) {
    if (compared[s] === 0) continue
    // compared < 2^26 annotations per item in any real data set.
    const key = compared[s]! * 67108864 + correct[s]!
    const p = index.get(key)
    if (p === undefined) {
      index.set(key, frequency.length)
      patternCompared.push(compared[s]!)
      patternCorrect.push(correct[s]!)
      frequency.push(1)
    } else frequency[p]!++
  }
  const R = options.resamples
  const accuracy = new Float64Array(R)
  const errorRate = new Float64Array(R)
  const majority = new Float64Array(R)
  const next = bootstrapStream(options, 'reference')
  const freq = Float64Array.from(frequency)
  const w = new Float64Array(freq.length)
  const votes = Float64Array.of(
    result.majorityCorrect,
    result.referenceItems - result.majorityCorrect
  )
  const voteDraw = new Float64Array(2)
  for (let r = 0; r < R; r++) {
    resampleFrequencies(next, freq, w)
    let total = 0
    let hits = 0
    for (let j = 0; j < w.length; j++) {
      total += w[j]! * patternCompared[j]!
      hits += w[j]! * patternCorrect[j]!
    }
    accuracy[r] = total > 0 ? hits / total : NaN
    errorRate[r] = total > 0 ? 1 - hits / total : NaN
    resampleFrequencies(next, votes, voteDraw)
    const items = voteDraw[0]! + voteDraw[1]!
    majority[r] = items > 0 ? voteDraw[0]! / items : NaN
  }
  const strip = (m: MetricResult): MetricResult => {
    const { ci: _ci, se: _se, ...rest } = m
    return rest
  }
  const level = options.level
  return {
    accuracy: withBootstrapInterval(
      strip(result.metrics.accuracy),
      accuracy,
      level
    ),
    error_rate: withBootstrapInterval(
      strip(result.metrics.error_rate),
      errorRate,
      level
    ),
    majority_vote_accuracy: withBootstrapInterval(
      strip(result.metrics.majority_vote_accuracy),
      majority,
      level
    )
  }
}
