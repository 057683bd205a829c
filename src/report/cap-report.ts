import type {
  AnnotatorReport,
  CappedSection,
  ClassReport,
  Report,
  SectionCap,
  VersionReport
} from './types.js'

/**
 * Entries per section of each version in the JSON report. A million
 * annotators or a hundred thousand classes would make a report of hundreds of
 * megabytes that nobody reads; the kept entries are the ones worth a look
 * (worst first) and `capped` gives the totals. `--full-report` writes all.
 * Gates are judged before this, on every entry.
 */
export const REPORT_SECTION_LIMIT = 1000

/** The report as written to JSON: every section within `limit` entries. */
export function capReport(
  report: Report,
  limit: number = REPORT_SECTION_LIMIT
): Report {
  return {
    ...report,
    datasets: report.datasets.map((d) => ({
      ...d,
      head: capVersion(d.head, limit),
      base: d.base === null ? null : capVersion(d.base, limit),
      changed: d.changed === null ? null : capVersion(d.changed, limit)
    }))
  }
}

export function capVersion(v: VersionReport, limit: number): VersionReport {
  const capped: Partial<Record<CappedSection, SectionCap>> = { ...v.capped }
  let annotators = v.annotators
  const ids = Object.keys(v.annotators)
  if (ids.length > limit) {
    // Lowest accuracy first, annotators without one after, then by id.
    const kept = keepFirst(
      [...ids].sort(compare),
      limit,
      (id) => v.annotators[id]!.accuracy.value ?? Infinity
    )
    annotators = Object.fromEntries(
      kept.map((id): [string, AnnotatorReport] => [id, v.annotators[id]!])
    )
    capped.annotators = {
      total: ids.length,
      shown: limit,
      kept: 'lowest accuracy first (annotators without one last), listed by id'
    }
  }
  let pairwise = v.pairwise
  if (pairwise.length > limit) {
    pairwise = keepFirst(pairwise, limit, (p) => p.kappa ?? Infinity)
    capped.pairwise = {
      total: v.pairwise.length,
      shown: limit,
      kept: 'lowest kappa first (pairs without one last), in the original order'
    }
  }
  let classes = v.classes
  if (classes.length > limit) {
    classes = keepFirst(
      classes,
      limit,
      (c: ClassReport) => -(c.support + c.predicted)
    )
    capped.classes = {
      total: v.classes.length,
      shown: limit,
      kept: 'most annotations (support + predicted) first, in category order'
    }
  }
  let distribution = v.distribution
  const labels = Object.keys(distribution)
  if (labels.length > limit) {
    const kept = new Set(
      keepFirst(labels, limit, (label) => -distribution[label]!)
    )
    distribution = Object.fromEntries(
      labels.filter((l) => kept.has(l)).map((l) => [l, v.distribution[l]!])
    )
    capped.distribution = {
      total: labels.length,
      shown: limit,
      kept: 'most annotations first, in category order'
    }
  }
  if (Object.keys(capped).length === 0) return v
  return { ...v, annotators, pairwise, classes, distribution, capped }
}

/**
 * The `limit` entries with the smallest `key` (ties by position), in their
 * original order. A native sort of the keys finds the cut-off: a comparator
 * sort of 500,000 pairs took seconds.
 */
function keepFirst<T>(
  entries: readonly T[],
  limit: number,
  key: (entry: T) => number
): T[] {
  const keys = Float64Array.from(entries, key)
  const cut = Float64Array.from(keys).sort()[limit - 1]!
  let below = 0
  for (const k of keys) if (k < cut) below++
  let atCut = limit - below
  return entries.filter(
    (_, i) => keys[i]! < cut || (keys[i] === cut && atCut-- > 0)
  )
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0
}
