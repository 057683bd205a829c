import type { HistoryRecord } from './types.js'

/**
 * What a dataset version's check produced that depends only on its content
 * (the key): the commit's date, author and the model metrics are read anew.
 */
export type CachedVersion = Pick<
  HistoryRecord,
  | 'counts'
  | 'metrics'
  | 'annotators'
  | 'class_shares'
  | 'gates'
  | 'passed'
  | 'problems'
  | 'problem_count'
  | 'error'
  | 'slices'
> & {
  /**
   * Per annotator and ISO week (Monday, UTC) of the lineage timestamp: reference
   * annotations and how many were right; absent without a lineage timestamp.
   */
  weeks?: Record<string, Record<string, { correct: number; n: number }>>
}

/**
 * The shape of a cached version, part of every content key: raise it when
 * `CachedVersion` gains or changes a field, so that an entry written before
 * (say, without `slices`) is never served for a version that would now have it.
 */
export const CACHED_VERSION_FORMAT = 2

/** A store of computed versions by content key; `get` gives undefined on a miss. */
export interface VersionCache {
  get(key: string): Promise<CachedVersion | undefined>
  put(key: string, value: CachedVersion): Promise<void>
}

/** No cache: every version is computed. */
export const NO_CACHE: VersionCache = {
  get: () => Promise.resolve(undefined),
  put: () => Promise.resolve()
}
