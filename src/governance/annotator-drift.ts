import { mapCodes } from '../diff/map-codes.js'
import { countPairs, groupByItem } from '../metrics/agreement-stats.js'
import { compactCategories } from '../model/compact-categories.js'
import { kappaOfTable } from '../metrics/cohen-kappa.js'
import { MIN_PAIR_ITEMS } from '../metrics/light-kappa.js'
import { computeReference } from '../metrics/reference.js'
import {
  defined,
  undefinedMetric,
  type MetricResult
} from '../metrics/result.js'
import type { Ratings, ReferenceLabels } from '../model/ratings.js'
import { compareText } from './compare-text.js'
import { proportionDropTest } from './proportion-drop-test.js'

export interface DriftRow {
  annotator: string
  /** Accuracy on reference items at the base, in the change's slice, at the head. */
  base: MetricResult
  changed: MetricResult
  head: MetricResult
  /** base − changed accuracy (positive: the change is worse); null if either is. */
  drop: number | null
  /** The z statistic when the z-test was used; null with the exact test. */
  z: number | null
  /** One-sided p-value of "accuracy in the change is below the base". */
  p_value: number | null
  /**
   * Which test gave `p_value` (null without one): `z` or `fisher-exact`
   * (`proportionDropTest`, proportions of annotations), `cluster-z` (span
   * and box F1, `ratioDropTest`).
   */
  test?: 'z' | 'fisher-exact' | 'cluster-z' | null
  /** p < alpha and both counts >= minItems. */
  flagged: boolean
  /** Mean Cohen's kappa with the other annotators, at the base and at the head. */
  kappa_base: MetricResult
  kappa_head: MetricResult
}

export interface DriftVersion {
  ratings: Ratings
  reference: ReferenceLabels | null
}

export const DEFAULT_DRIFT_ALPHA = 0.05
export const DEFAULT_DRIFT_MIN_ITEMS = 20

export interface DriftOptions {
  /** Significance level of the one-sided test (default 0.05). */
  alpha?: number
  /** Reference items needed at the base and in the slice to flag (default 20). */
  minItems?: number
}

const DEFAULT_ALPHA = DEFAULT_DRIFT_ALPHA
const DEFAULT_MIN_ITEMS = DEFAULT_DRIFT_MIN_ITEMS

/**
 * Per annotator of the head: has their accuracy against the reference dropped
 * in this change? Accuracy (correct / rated reference items, with its Wilson
 * 95% interval, as `annotators.*.accuracy` in the report) at the base, in the
 * change's slice `changed` (e.g. the head ratings the change added or
 * relabeled, cut with `sliceRatings`) and at the head.
 *
 * The test (`proportionDropTest`), one-sided (H1: slice < base): the pooled
 * two-proportion z-test, as statsmodels' `proportions_ztest(alternative=
 * 'smaller')`, when every expected count of the 2×2 table is at least 5,
 * else Fisher's exact test, as SciPy's `fisher_exact(alternative='less')`,
 * so a handful of ratings never gives a tiny p-value. The two samples are
 * treated as independent; they are disjoint ratings (the slice holds only
 * added or relabeled annotations), though by the same person. A flag needs
 * p < alpha and at least `minItems` reference items on both sides.
 *
 * Kappa: the mean, over the other annotators sharing >= 2 items with this one,
 * of unweighted Cohen's kappa on the shared items (the annotator's row of the
 * `light_kappa` matrix); pairs whose kappa is undefined are left out.
 *
 * Base and head are interned independently, so annotators are matched by id.
 * `changed` is read against the head's reference; it may share the head's code
 * spaces (a slice) or have its own, matched by item id and label text.
 *
 * Rows: flagged first, then the largest drop, then no drop, then by id.
 */
export function annotatorDrift(
  base: DriftVersion | null,
  head: DriftVersion,
  changed: Ratings,
  options: DriftOptions = {}
): DriftRow[] {
  const alpha = options.alpha ?? DEFAULT_ALPHA
  const minItems = options.minItems ?? DEFAULT_MIN_ITEMS

  const headAccuracy = accuracyById(head.ratings, head.reference)
  const baseAccuracy =
    base === null ? null : accuracyById(base.ratings, base.reference)
  const changedReference =
    head.reference === null
      ? null
      : referenceFor(changed, head.ratings, head.reference)
  const changedAccuracy = accuracyById(changed, changedReference)
  const headKappa = meanKappaById(head.ratings)
  const baseKappa = base === null ? null : meanKappaById(base.ratings)
  return driftRows(
    { head: headAccuracy, base: baseAccuracy, changed: changedAccuracy },
    { head: headKappa, base: baseKappa },
    { alpha, minItems, test: countsDropTest }
  )
}

/**
 * The drift rows from per-annotator accuracy at the head, the base and in
 * the change's slice, and the annotators' agreement with the others at base
 * and head: the test, the flag and the order of `annotatorDrift`, for any
 * label type. `options.test` is the type's test: `countsDropTest` where the
 * accuracy is a proportion of annotations (categories, multi_label subset
 * accuracy), the item-level ratio test for span and box F1.
 */
export function driftRows<C extends { compared: number } = Counts>(
  accuracy: {
    head: AccuracyById<C>
    base: AccuracyById<C> | null
    changed: AccuracyById<C>
  },
  agreement: {
    head: (id: string, where: string) => MetricResult
    base: ((id: string, where: string) => MetricResult) | null
  },
  options: {
    alpha: number
    minItems: number
    /**
     * The one-sided test of "lower in the change than at the base", from the
     * two sides' counts (`countsDropTest` for proportions).
     */
    test: (changed: C, base: C) => DropTest | null
  }
): DriftRow[] {
  const { alpha, minItems } = options
  const dropTest = options.test
  const headAccuracy = accuracy.head
  const baseAccuracy = accuracy.base
  const changedAccuracy = accuracy.changed
  const headKappa = agreement.head
  const baseKappa = agreement.base
  const rows: DriftRow[] = []
  for (const id of headAccuracy.rated) {
    const baseResult =
      baseAccuracy === null
        ? undefinedMetric('no base version')
        : baseAccuracy.result(id, 'at the base')
    const changedResult = changedAccuracy.result(id, 'in the change')
    const headResult = headAccuracy.result(id, 'at the head')
    const drop =
      baseResult.value !== null && changedResult.value !== null
        ? baseResult.value - changedResult.value
        : null
    const slice = changedAccuracy.counts.get(id)
    const before = baseAccuracy?.counts.get(id)
    const test =
      slice === undefined || before === undefined
        ? null
        : dropTest(slice, before)
    const flagged =
      test !== null &&
      test.pValue < alpha &&
      slice!.compared >= minItems &&
      before!.compared >= minItems
    rows.push({
      annotator: id,
      base: baseResult,
      changed: changedResult,
      head: headResult,
      drop,
      z: test?.z ?? null,
      p_value: test?.pValue ?? null,
      test: test?.test ?? null,
      flagged,
      kappa_base:
        baseKappa === null
          ? undefinedMetric('no base version')
          : baseKappa(id, 'at the base'),
      kappa_head: headKappa(id, 'at the head')
    })
  }
  return rows.sort(
    (x, y) =>
      Number(y.flagged) - Number(x.flagged) ||
      (y.drop ?? -Infinity) - (x.drop ?? -Infinity) ||
      compareText(x.annotator, y.annotator)
  )
}

export interface Counts {
  compared: number
  correct: number
}

/** `proportionDropTest` of correct of compared, the change against the base. */
export function countsDropTest(changed: Counts, base: Counts): DropTest | null {
  return proportionDropTest(
    changed.correct,
    changed.compared,
    base.correct,
    base.compared
  )
}

/** A drift test's outcome, as `DriftRow` reports it. */
export interface DropTest {
  test: 'z' | 'fisher-exact' | 'cluster-z'
  z: number | null
  pValue: number
}

/**
 * The accuracy of an annotator who cannot be judged on one side (no
 * annotation there, or no reference labels), with the reason; null when
 * they can. Shared by every type's `AccuracyById`.
 */
export function unjudged(
  present: ReadonlySet<string>,
  id: string,
  hasReference: boolean,
  where: string
): MetricResult | null {
  if (!present.has(id))
    return undefinedMetric(`the annotator has no annotation ${where}`)
  if (!hasReference) return undefinedMetric(`no reference labels ${where}`)
  return null
}

/**
 * One version's per-annotator accuracy, by annotator id. `C` is what the
 * test needs per annotator; `compared` (the reference items the accuracy
 * rests on) is what `min_items` counts.
 */
export interface AccuracyById<C extends { compared: number } = Counts> {
  /** Annotator ids with at least one rating, in code order. */
  rated: string[]
  /** Reference counts per annotator id (absent without a reference). */
  counts: Map<string, C>
  result(id: string, where: string): MetricResult
}

/** Per-annotator accuracy of one version (`computeReference`), keyed by id. */
function accuracyById(
  ratings: Ratings,
  reference: ReferenceLabels | null
): AccuracyById {
  const groups = groupByItem(ratings)
  const rated = Array.from(groups.raters, (a) => ratings.annotatorIds[a]!)
  const counts = new Map<string, Counts>()
  const results = new Map<string, MetricResult>()
  if (reference !== null) {
    const { annotators } = computeReference(ratings, reference)
    annotators.forEach((entry, a) => {
      if (entry === undefined) return
      const id = ratings.annotatorIds[a]!
      counts.set(id, { compared: entry.compared, correct: entry.correct })
      results.set(id, entry.accuracy)
    })
  }
  const present = new Set(rated)
  return {
    rated,
    counts,
    result(id, where) {
      const missing = unjudged(present, id, reference !== null, where)
      if (missing !== null) return missing
      return (
        results.get(id) ??
        undefinedMetric('annotator rated no item with a reference label')
      )
    }
  }
}

/**
 * The reference in the code spaces of `target`: the same object when target
 * shares the source's item and category spaces (a `sliceRatings` slice),
 * else matched by item id and label text.
 */
function referenceFor(
  target: Ratings,
  source: Ratings,
  reference: ReferenceLabels
): ReferenceLabels {
  // A slice of the head shares its code spaces: compare the spaces, not the
  // id arrays, which would decode every id of the version.
  const sameItems =
    target.itemSpace !== undefined
      ? target.itemSpace === source.itemSpace
      : target.itemIds === source.itemIds
  if (sameItems && target.categories === source.categories) return reference
  const items = mapCodes(target.itemIds, source.itemIds)
  const labels = mapCodes(source.categories, target.categories)
  const category = new Int32Array(Math.max(0, target.nItems)).fill(-1)
  let size = 0
  for (let i = 0; i < category.length; i++) {
    const j = items[i] ?? -1
    const truth = j >= 0 ? (reference.category[j] ?? -1) : -1
    const k = truth >= 0 ? (labels[truth] ?? -1) : -1
    if (k < 0) continue
    category[i] = k
    size++
  }
  return { category, size }
}

/** Each annotator's mean pairwise Cohen's kappa, looked up by id. */
function meanKappaById(
  fullRatings: Ratings
): (id: string, where: string) => MetricResult {
  // Pair tables sized by the categories in use (unweighted kappa is unchanged).
  const ratings = compactCategories(fullRatings).ratings
  const groups = groupByItem(ratings)
  const pairs = countPairs(ratings, groups)
  const K = pairs.nCategories
  const nA = Math.max(0, ratings.nAnnotators)
  const sum = new Float64Array(nA)
  const withKappa = new Int32Array(nA)
  const partners = new Int32Array(nA)
  for (const table of pairs.tables) {
    if (table.n < MIN_PAIR_ITEMS) continue
    partners[table.a]!++
    partners[table.b]!++
    const kappa = kappaOfTable(table.counts, K)
    if (kappa === null) continue
    sum[table.a]! += kappa
    sum[table.b]! += kappa
    withKappa[table.a]!++
    withKappa[table.b]!++
  }
  const codeOf = new Map<string, number>()
  for (const a of groups.raters) codeOf.set(ratings.annotatorIds[a]!, a)
  return (id, where) => {
    const a = codeOf.get(id)
    if (a === undefined)
      return undefinedMetric(`the annotator has no annotation ${where}`)
    if (partners[a] === 0)
      return undefinedMetric(
        `the annotator shares ${MIN_PAIR_ITEMS} or more items with no other annotator ${where}`
      )
    if (withKappa[a] === 0)
      return undefinedMetric(
        `no pair with this annotator has a defined kappa ${where} (each pair used one and the same category)`
      )
    return defined(sum[a]! / withKappa[a]!)
  }
}
