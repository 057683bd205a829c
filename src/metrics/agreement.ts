import type { Ratings } from '../model/ratings.js'
import type { PairwiseAgreement } from '../report/types.js'
import {
  countCategories,
  countPairs,
  groupByItem,
  summarizeItems
} from './agreement-stats.js'
import { cohenKappa } from './cohen-kappa.js'
import { fleissKappa } from './fleiss-kappa.js'
import { gwetAc1 } from './gwet-ac1.js'
import { krippendorffAlpha } from './krippendorff-alpha.js'
import { lightKappa } from './light-kappa.js'
import type { AgreementMetric } from './names.js'
import { percentAgreement } from './percent-agreement.js'
import type { MetricResult } from './result.js'
import { scottPi } from './scott-pi.js'

export interface AgreementResult {
  metrics: Record<AgreementMetric, MetricResult>
  /** pairs sharing >= 2 items, sorted by annotator id a then b (a < b) */
  pairwise: PairwiseAgreement[]
}

/**
 * Every agreement coefficient of DESIGN section 5 from one set of sufficient
 * statistics: one counting sort by item, one pass for the per-item category
 * counts and their sums, one pass for the annotator-pair tables. A value is
 * null with a reason where the coefficient is undefined; never NaN, never a
 * thrown error.
 */
export function computeAgreement(ratings: Ratings): AgreementResult {
  const groups = groupByItem(ratings)
  const stats = summarizeItems(countCategories(ratings, groups))
  const pairs = countPairs(ratings, groups)
  const light = lightKappa(ratings, groups, pairs)
  const metrics: Record<AgreementMetric, MetricResult> = {
    percent_agreement: percentAgreement(stats),
    cohen_kappa: cohenKappa(groups, pairs, ratings.level),
    cohen_kappa_linear: cohenKappa(groups, pairs, ratings.level, 'linear'),
    cohen_kappa_quadratic: cohenKappa(
      groups,
      pairs,
      ratings.level,
      'quadratic'
    ),
    light_kappa: light.result,
    scott_pi: scottPi(groups, pairs),
    fleiss_kappa: fleissKappa(stats),
    krippendorff_alpha: krippendorffAlpha(stats, ratings.level, ratings.values),
    gwet_ac1: gwetAc1(stats, ratings.declared)
  }
  return { metrics, pairwise: light.pairwise }
}
