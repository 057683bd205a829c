import type { MetricResult } from '../metrics/result.js'

/** One version of the base branch, as the history checked it. */
export interface TrendPoint {
  commit: string
  /** Committer date, ISO 8601. */
  date: string
  metrics: Record<string, MetricResult>
}

/**
 * The base branch's latest versions of a dataset, oldest first (the base's
 * own version last), for `max_decline` gates and the trend chart; or why
 * there are none (no git base, a shallow clone, an error reading them).
 */
export type TrendSeries =
  { points: TrendPoint[]; note?: string } | { points: null; note: string }

/** Default `window` of a `max_decline` gate. */
export const DEFAULT_TREND_WINDOW = 10

/** A trend is judged against at least this many versions with a value. */
export const MIN_TREND_VERSIONS = 2
