import { isNumericLevel } from '../model/level.js'
import { compactCategories } from '../model/compact-categories.js'
import type { Ratings } from '../model/ratings.js'
import type { PairwiseAgreement } from './result.js'
import type { Level } from '../model/level.js'
import {
  countCategories,
  countPairs,
  groupByItem,
  summarizeItems,
  type AgreementStats,
  type ItemCategoryCounts,
  type ItemGroups,
  type PairTables
} from './agreement-stats.js'
import {
  bootstrapStream,
  compressItems,
  resampleFrequencies,
  withBootstrapInterval,
  type BootstrapOptions
} from './bootstrap.js'
import {
  cohenKappa,
  nominalOnly,
  soleAnnotatorPair,
  tableCoefficient
} from './cohen-kappa.js'
import { fleissKappa } from './fleiss-kappa.js'
import { gwetAc1 } from './gwet-ac1.js'
import {
  categoryScale,
  identityWeights,
  kappaWeights,
  type CategoryScale,
  type KappaWeighting
} from './kappa-weights.js'
import { krippendorffAlpha } from './krippendorff-alpha.js'
import { lightKappa, type LightKappa } from './light-kappa.js'
import type { AgreementMetric } from './names.js'
import { percentAgreement } from './percent-agreement.js'
import { ANALYTIC, type IntervalOptions } from './interval-options.js'
import { undefinedMetric, type MetricResult } from './result.js'
import { scottPi } from './scott-pi.js'

export interface AgreementResult {
  metrics: Record<AgreementMetric, MetricResult>
  /** pairs sharing >= 2 items, sorted by annotator id a then b (a < b) */
  pairwise: PairwiseAgreement[]
}

const WEIGHTINGS: readonly KappaWeighting[] = [
  'unweighted',
  'linear',
  'quadratic'
]

/**
 * Every agreement coefficient of docs/metrics.md from one set of sufficient
 * statistics: one counting sort by item, one pass for the per-item category
 * counts and their sums, one pass for the annotator-pair tables. A value is
 * null with a reason where the coefficient is undefined; never NaN, never a
 * thrown error. Each value carries its standard error and 95% interval:
 * analytic (Gwet) by default, or the seeded item-level bootstrap.
 * Light's kappa has no interval (no analytic estimator in irrCAC, and its
 * bootstrap would resample items across every annotator pair).
 */
export function computeAgreement(
  fullRatings: Ratings,
  intervals: IntervalOptions = ANALYTIC
): AgreementResult {
  // Every structure below is sized by the categories in use, not declared.
  const compact = compactCategories(fullRatings)
  const ratings = compact.ratings
  const groups = groupByItem(ratings)
  const counts = countCategories(ratings, groups)
  const stats = summarizeItems(counts)
  const pairs = countPairs(ratings, groups)
  const result = agreementOfStatistics({
    level: ratings.level,
    declared: fullRatings.declared,
    fullValues: fullRatings.values,
    original: compact.original,
    fullCount: compact.fullCount,
    values: ratings.values,
    raters: groups,
    counts,
    stats,
    pairs,
    light: lightKappa(ratings, groups, pairs)
  })
  if (intervals.method === 'bootstrap') {
    const table = soleAnnotatorPair(groups, pairs, '', '')
    const weights = WEIGHTINGS.map((w) =>
      kappaWeights(
        w,
        scaleOf(
          fullRatings.level,
          fullRatings.declared,
          fullRatings.values,
          stats,
          compact.original,
          compact.fullCount
        )
      )
    )
    bootstrapItemMetrics(
      result.metrics,
      ratings,
      counts,
      intervals,
      compact.fullCount
    )
    if (typeof table !== 'string')
      bootstrapPairMetrics(
        result.metrics,
        pairs,
        table.counts,
        weights,
        intervals
      )
  }
  return result
}

/**
 * What the coefficients are computed from, in the categories in use (see
 * `compactCategories`): the direct path builds it from the ratings, a merge
 * of statistics shards from the shards. The same inputs in the same order
 * give the same values to the last bit.
 */
export interface AgreementInputs {
  readonly level: Level
  readonly declared: boolean
  /** Numeric values of the full category space (interval, ratio), else null. */
  readonly fullValues: Float64Array | null
  /** Compact code -> full category code, and the full space's size. */
  readonly original: Int32Array
  readonly fullCount: number
  /** Numeric values of the compact space, else null. */
  readonly values: Float64Array | null
  /** Only `raters` is read: annotator codes with a rating, ascending. */
  readonly raters: ItemGroups
  readonly counts: ItemCategoryCounts
  readonly stats: AgreementStats
  readonly pairs: PairTables
  readonly light: LightKappa
}

/** Every analytic coefficient from its sufficient statistics. */
export function agreementOfStatistics(input: AgreementInputs): AgreementResult {
  const { level, counts, stats, pairs, light, raters: groups } = input
  // Inter-annotator coefficients see only the annotators' labels: the scale
  // of weighted kappa ignores labels that occur only in the reference.
  const scale = scaleOf(
    level,
    input.declared,
    input.fullValues,
    stats,
    input.original,
    input.fullCount
  )
  const weights = WEIGHTINGS.map((w) => kappaWeights(w, scale))
  const metrics: Record<AgreementMetric, MetricResult> = {
    percent_agreement: percentAgreement(stats, counts),
    cohen_kappa: cohenKappa(groups, pairs, level, 'unweighted', weights[0]!),
    cohen_kappa_linear: cohenKappa(groups, pairs, level, 'linear', weights[1]!),
    cohen_kappa_quadratic: cohenKappa(
      groups,
      pairs,
      level,
      'quadratic',
      weights[2]!
    ),
    light_kappa: isNumericLevel(level)
      ? undefinedMetric(nominalOnly(level))
      : light.result,
    scott_pi: scottPi(groups, pairs, level),
    fleiss_kappa: fleissKappa(stats, level, counts),
    krippendorff_alpha: krippendorffAlpha(stats, level, input.values, counts),
    gwet_ac1: gwetAc1(stats, input.declared, level, counts, input.fullCount)
  }
  return { metrics, pairwise: light.pairwise }
}

function scaleOf(
  level: Level,
  declared: boolean,
  fullValues: Float64Array | null,
  stats: AgreementStats,
  original: Int32Array,
  fullCount: number
): CategoryScale {
  return compactScale(
    categoryScale(
      level,
      fullCount,
      declared,
      fullValues,
      fullTotals(stats.categoryTotals, original, fullCount)
    ),
    original
  )
}

/** Category totals of the compact space spread back over the full space. */
function fullTotals(
  totals: Float64Array,
  original: Int32Array,
  fullCount: number
): Float64Array {
  const full = new Float64Array(fullCount)
  original.forEach((k, c) => (full[k] = totals[c]!))
  return full
}

/** The full space's scale read at the categories in use (same span). */
function compactScale(
  scale: CategoryScale,
  original: Int32Array
): CategoryScale {
  return {
    position: Float64Array.from(original, (k) => scale.position[k]!),
    span: scale.span
  }
}

/** Replaces analytic intervals by bootstrap ones (analytic `se` too). */
function bootstrapItemMetrics(
  metrics: Record<AgreementMetric, MetricResult>,
  ratings: Ratings,
  counts: ItemCategoryCounts,
  options: BootstrapOptions,
  declaredCount: number
): void {
  const { patterns, frequency } = compressItems(counts)
  const R = options.resamples
  const names = [
    'percent_agreement',
    'fleiss_kappa',
    'krippendorff_alpha',
    'gwet_ac1'
  ] as const
  const replicates = names.map(() => new Float64Array(R))
  const next = bootstrapStream(options, 'items')
  const w = new Float64Array(frequency.length)
  for (let r = 0; r < R; r++) {
    const stats = summarizeItems(
      patterns,
      resampleFrequencies(next, frequency, w)
    )
    const values = [
      percentAgreement(stats),
      fleissKappa(stats, ratings.level),
      krippendorffAlpha(stats, ratings.level, ratings.values),
      gwetAc1(stats, ratings.declared, ratings.level, undefined, declaredCount)
    ]
    values.forEach((m, i) => (replicates[i]![r] = m.value ?? NaN))
  }
  names.forEach((name, i) => {
    metrics[name] = withBootstrapInterval(
      stripInterval(metrics[name]),
      replicates[i]!,
      options.level
    )
  })
}

/** Cohen's and Scott's coefficients: resample the cells of the pair's table. */
function bootstrapPairMetrics(
  metrics: Record<AgreementMetric, MetricResult>,
  pairs: PairTables,
  table: Int32Array,
  weights: Float64Array[],
  options: BootstrapOptions
): void {
  const K = pairs.nCategories
  const R = options.resamples
  const names = [
    'cohen_kappa',
    'cohen_kappa_linear',
    'cohen_kappa_quadratic',
    'scott_pi'
  ] as const
  const replicates = names.map(() => new Float64Array(R))
  const next = bootstrapStream(options, 'pair')
  const cells = Float64Array.from(table)
  const resampled = new Float64Array(cells.length)
  const identity = identityWeights(K)
  for (let r = 0; r < R; r++) {
    resampleFrequencies(next, cells, resampled)
    for (let i = 0; i < 3; i++)
      replicates[i]![r] =
        tableCoefficient(resampled, K, weights[i]!)?.value ?? NaN
    replicates[3]![r] =
      tableCoefficient(resampled, K, identity, true)?.value ?? NaN
  }
  names.forEach((name, i) => {
    metrics[name] = withBootstrapInterval(
      stripInterval(metrics[name]),
      replicates[i]!,
      options.level
    )
  })
}

function stripInterval(metric: MetricResult): MetricResult {
  const { ci: _ci, se: _se, ...rest } = metric
  return rest
}
