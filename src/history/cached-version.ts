import type { DatasetReport } from '../report/types.js'
import type { CachedVersion } from './version-cache.js'

/** A record lists at most this many problems (`problem_count` has all). */
export const RECORD_PROBLEMS = 20

/**
 * What the history keeps of one dataset's check at a version: the head's
 * counts, metrics and annotators, the class shares, the gates and verdict,
 * the first problems, and the slices when the check computed them. Pure, so
 * that what a record holds can be tested on a constructed report.
 */
export function cachedVersion(
  report: DatasetReport,
  weeks?: CachedVersion['weeks']
): CachedVersion {
  const total = Object.values(report.head.distribution).reduce(
    (s, n) => s + n,
    0
  )
  const errors = report.problems.filter((p) => p.severity === 'error').length
  return {
    counts: report.head.counts,
    metrics: report.head.metrics,
    annotators: report.head.annotators,
    class_shares:
      total === 0
        ? {}
        : Object.fromEntries(
            Object.entries(report.head.distribution).map(([label, n]) => [
              label,
              n / total
            ])
          ),
    gates: report.gates,
    passed: report.passed,
    problems: report.problems.slice(0, RECORD_PROBLEMS),
    problem_count: { errors, warnings: report.problems.length - errors },
    error: null,
    // Kept as the check reports them: the groups are already capped there.
    ...(report.slices === undefined ? {} : { slices: report.slices }),
    ...(weeks === undefined ? {} : { weeks })
  }
}
