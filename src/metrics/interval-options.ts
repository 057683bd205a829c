import type { BootstrapOptions } from './bootstrap.js'

/**
 * How intervals are made: `analytic` (Gwet's variance and a t interval for
 * agreement coefficients; Wilson with the clustering design effect for
 * accuracy) or `bootstrap` (seeded item-level percentile bootstrap for every
 * metric that has one). The dataset key `intervals` chooses.
 */
export type IntervalOptions =
  { method: 'analytic' } | ({ method: 'bootstrap' } & BootstrapOptions)

export const ANALYTIC: IntervalOptions = { method: 'analytic' }

/** Default number of bootstrap resamples. */
export const DEFAULT_RESAMPLES = 1000
