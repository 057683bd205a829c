import { parseTimestamp, type LineageRows } from '../governance/lineage.js'
import type { Ratings, ReferenceLabels } from '../model/ratings.js'

/** Reference annotations and hits of one annotator in one week. */
export interface WeekCounts {
  correct: number
  n: number
}

const DAY_MS = 86_400_000

/** The Monday (UTC) starting the ISO week of an instant, as YYYY-MM-DD. */
export function weekStart(ms: number): string {
  const day = Math.floor(ms / DAY_MS)
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting Monday as 0.
  const monday = day - ((((day + 3) % 7) + 7) % 7)
  return new Date(monday * DAY_MS).toISOString().slice(0, 10)
}

/**
 * Per annotator and week of the lineage timestamp: the annotations on items
 * with a reference label and how many matched it (the accuracy's counts, as
 * the reference metrics count them). Annotations without a valid timestamp
 * are left out (the lineage check reports them).
 */
export function annotatorWeeks(
  ratings: Ratings,
  reference: ReferenceLabels,
  lineage: LineageRows,
  timestampField: string
): Record<string, Record<string, WeekCounts>> {
  const column = lineage.extras.get(timestampField)
  const weeks = new Map<string, Map<string, WeekCounts>>()
  if (column === undefined) return {}
  const weekOfCode = new Map<number, string | null>()
  const refOf = reference.category
  for (let r = 0; r < ratings.item.length; r++) {
    const i = ratings.item[r]!
    const truth = i < refOf.length ? refOf[i]! : -1
    if (truth < 0) continue
    const code = column.code[ratings.row[r]!]!
    let week = weekOfCode.get(code)
    if (week === undefined) {
      const ms =
        code < 0 ? { error: '' } : parseTimestamp(column.values.value(code))
      week = typeof ms === 'number' ? weekStart(ms) : null
      weekOfCode.set(code, week)
    }
    if (week === null) continue
    const id = ratings.annotatorIds[ratings.annotator[r]!]!
    let byWeek = weeks.get(id)
    if (byWeek === undefined) weeks.set(id, (byWeek = new Map()))
    const counts = byWeek.get(week) ?? { correct: 0, n: 0 }
    counts.n++
    if (ratings.category[r] === truth) counts.correct++
    byWeek.set(week, counts)
  }
  return Object.fromEntries(
    [...weeks].map(([id, byWeek]) => [
      id,
      Object.fromEntries([...byWeek].sort(([a], [b]) => (a < b ? -1 : 1)))
    ])
  )
}
