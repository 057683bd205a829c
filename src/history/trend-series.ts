import type { DatasetConfig } from '../config/schema.js'
import { isUserError } from '../errors.js'
import type { TrendSeries } from '../gates/trend.js'
import { runGit } from '../git/run-git.js'
import { computeHistory } from './compute-history.js'
import type { VersionCache } from './version-cache.js'

export interface TrendSource {
  /** The repository's root folder. */
  cwd: string
  /** The base commit (SHA): its first-parent history is the base branch's. */
  base: string
  cache?: VersionCache
  now?: Date
  warn?: (message: string) => void
}

/**
 * The check's `trend` option backed by the history: the base branch's
 * latest `window` versions of a dataset, each as the check saw it at its
 * commit (cached by content, so a warm cache reads only new versions). A
 * shallow clone gives what it holds, with a note saying how to get more.
 */
export function historyTrend(
  source: TrendSource
): (dataset: DatasetConfig, window: number) => Promise<TrendSeries> {
  let shallow: Promise<boolean> | undefined
  return async (dataset, window) => {
    try {
      const { history } = await computeHistory({
        cwd: source.cwd,
        ref: source.base,
        max: window,
        datasets: [dataset.name],
        cache: source.cache,
        now: source.now,
        warn: source.warn
      })
      const versions = history.datasets[0]?.versions ?? []
      const points = versions
        .filter((v) => v.error === null)
        .map((v) => ({ commit: v.commit, date: v.date, metrics: v.metrics }))
      shallow ??= isShallow(source.cwd)
      const note =
        points.length < window && (await shallow)
          ? `the clone is shallow: ${points.length} version${points.length === 1 ? '' : 's'} of the base branch ${points.length === 1 ? 'is' : 'are'} in it (fetch its history: actions/checkout with fetch-depth: 0)`
          : undefined
      return note === undefined ? { points } : { points, note }
    } catch (error) {
      if (!isUserError(error)) throw error
      return {
        points: null,
        note: `the base branch's history could not be read: ${error.message}`
      }
    }
  }
}

async function isShallow(cwd: string): Promise<boolean> {
  const r = await runGit(['rev-parse', '--is-shallow-repository'], { cwd })
  return r.code === 0 && r.stdout.toString('utf8').trim() === 'true'
}
