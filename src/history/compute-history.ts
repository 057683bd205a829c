import { runCheck } from '../check/run-check.js'
import { isUserError, UserError } from '../errors.js'
import { CatFileBatch } from '../git/cat-file-batch.js'
import { firstParentLog, type LogRange } from '../git/first-parent-log.js'
import { GitSource, resolveRevision } from '../git/git-source.js'
import type { DatasetReport } from '../report/types.js'
import { VERSION } from '../version.js'
import { annotatorTrends } from './annotator-trends.js'
import { annotatorWeeks } from './annotator-weeks.js'
import { cachedVersion } from './cached-version.js'
import { modelMetricsAt } from './model-evaluation.js'
import { rankCorrelations } from './rank-correlations.js'
import { findVersions, type FoundVersion } from './find-versions.js'
import {
  NO_CACHE,
  type CachedVersion,
  type VersionCache
} from './version-cache.js'
import {
  HISTORY_SCHEMA,
  type DatasetHistory,
  type History,
  type HistoryRecord
} from './types.js'

export interface HistoryOptions {
  /** The repository's root folder. */
  cwd: string
  /** The branch or revision whose first-parent history is walked; default HEAD. */
  ref?: string
  /** Only versions after this revision, or at or after this date (ISO 8601 or YYYY-MM-DD). */
  since?: string
  /** At most this many versions per dataset (the newest). */
  max?: number
  /** Only these datasets; default those in the config at `ref`. */
  datasets?: readonly string[]
  /** The config file's repository path, read at each commit; default the check's places. */
  configPath?: string
  /** Where computed versions are kept; default none. */
  cache?: VersionCache
  /** The clock for the lineage check (the check's "not in the future"). */
  now?: Date
  warn?: (message: string) => void
}

export interface HistoryStats {
  /** Versions found, over all datasets. */
  versions: number
  /** Versions checked in this run (cache misses). */
  computed: number
  /** Versions taken from the cache. */
  cached: number
}

/**
 * The report of every version of each dataset along the first-parent history
 * of `ref`: each version checked exactly as `labelgate check --head <commit>`
 * checks it (the config, reference and schema as at that commit), cached by
 * content. Pure over git: reads commits, never the working tree.
 */
export async function computeHistory(
  options: HistoryOptions
): Promise<{ history: History; stats: HistoryStats }> {
  const warn = options.warn ?? (() => undefined)
  const cache = options.cache ?? NO_CACHE
  const ref = options.ref ?? 'HEAD'
  const head = await resolveRevision(ref, options.cwd, 'ref')
  const range: LogRange = { head, ...(await sinceBound(options)) }
  const log = await firstParentLog(range, options.cwd)
  const objects = new CatFileBatch(options.cwd)
  const stats: HistoryStats = { versions: 0, computed: 0, cached: 0 }
  try {
    const found = await findVersions({
      cwd: options.cwd,
      log,
      datasets: options.datasets,
      max: options.max,
      configPath: options.configPath,
      objects,
      warn
    })
    const datasets: DatasetHistory[] = []
    for (const [name, versions] of found) {
      const records: HistoryRecord[] = []
      let newestWeeks: CachedVersion['weeks']
      const position = new Map(log.map((c, i) => [c.sha, i]))
      for (const [index, version] of versions.entries()) {
        let value = await cache.get(version.key)
        if (value === undefined) {
          value = await checkVersion(version, options, objects)
          await cache.put(version.key, value)
          stats.computed++
        } else {
          stats.cached++
        }
        newestWeeks = value.weeks
        const record = toRecord(version, value)
        if (version.dataset.model_metrics !== undefined) {
          // The model is evaluated after the labels it was trained on are
          // committed: read the file at this version's last commit, just
          // before the next version (the walked head for the newest).
          const next = versions[index + 1]
          const last =
            next === undefined
              ? log[0]!.sha
              : (log[position.get(next.commit.sha)! + 1]?.sha ??
                version.commit.sha)
          const model = await modelMetricsAt(
            version.dataset,
            last,
            options.cwd,
            objects,
            warn
          )
          record.model_metrics = model.values
          record.model_metrics_date = model.date
        }
        records.push(record)
      }
      stats.versions += records.length
      datasets.push({
        name,
        versions: records,
        annotators: annotatorTrends(records, newestWeeks),
        correlations: rankCorrelations(records)
      })
    }
    return {
      history: { schema: HISTORY_SCHEMA, ref, version: VERSION, datasets },
      stats
    }
  } finally {
    objects.close()
  }
}

/** `--since`: a date (YYYY-MM-DD or an ISO 8601 date-time) or a revision. */
async function sinceBound(
  options: HistoryOptions
): Promise<Pick<LogRange, 'after' | 'since'>> {
  const since = options.since
  if (since === undefined) return {}
  if (/^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(since)) {
    const ms = Date.parse(since.length === 10 ? `${since}T00:00:00Z` : since)
    if (Number.isNaN(ms)) {
      throw new UserError(`'${since}' is not a date`, { field: '--since' })
    }
    return { since: new Date(ms) }
  }
  return {
    after: await resolveRevision(
      since,
      options.cwd,
      '--since',
      'a date (YYYY-MM-DD or an ISO 8601 date-time)'
    )
  }
}

/** One version checked as `labelgate check --head <commit>` would. */
async function checkVersion(
  version: FoundVersion,
  options: HistoryOptions,
  objects: CatFileBatch
): Promise<CachedVersion> {
  let weeks: CachedVersion['weeks']
  const timestamp = version.dataset.lineage?.timestamp
  let report: DatasetReport
  try {
    const { report: r } = await runCheck({
      config: version.config,
      configPath: version.configPath,
      configSource: 'head',
      head: new GitSource(version.commit.sha, options.cwd, objects),
      datasets: [version.dataset.name],
      now: options.now,
      judge: 'state',
      onHead: (_dataset, head) => {
        if (
          timestamp !== undefined &&
          head.lineage !== null &&
          head.reference !== null
        ) {
          weeks = annotatorWeeks(
            head.ratings,
            head.reference,
            head.lineage,
            timestamp
          )
        }
      }
    })
    report = r.datasets[0]!
  } catch (error) {
    if (!isUserError(error)) throw error
    return {
      counts: { items: 0, annotators: 0, annotations: 0, reference_items: 0 },
      metrics: {},
      annotators: {},
      class_shares: {},
      gates: [],
      passed: false,
      problems: [],
      problem_count: { errors: 0, warnings: 0 },
      error: error.format()
    }
  }
  return cachedVersion(report, weeks)
}

function toRecord(version: FoundVersion, value: CachedVersion): HistoryRecord {
  return {
    commit: version.commit.sha,
    date: version.commit.date,
    author: version.commit.author,
    subject: version.commit.subject,
    key: version.key,
    // From the config, not the cache: the config entry is part of the key.
    type: version.dataset.type,
    counts: value.counts,
    metrics: value.metrics,
    annotators: value.annotators,
    class_shares: value.class_shares,
    gates: value.gates,
    passed: value.passed,
    problems: value.problems,
    problem_count: value.problem_count,
    error: value.error,
    model_metrics: null,
    model_metrics_date: null,
    ...(value.slices === undefined ? {} : { slices: value.slices })
  }
}
