import type { DatasetReport, GateResult } from '../../report/types.js'
import { distinctLevels, levelText } from '../../metrics/units.js'
import { formatCount } from '../../util/format-count.js'

/** The gate's value at the base, for the change head − base of a `max_drop`. */
export function gateBaseValue(
  dataset: DatasetReport,
  g: GateResult
): number | null {
  if (g.base_value !== undefined) return g.base_value
  const name = g.metric.replace(/^changed\./, '')
  return dataset.base?.metrics[name]?.value ?? null
}

/**
 * Who or what a per-annotator or per-slice gate row is about, as raw text
 * (each renderer escapes it): `ann_07`, `language=de`, `by language, worst
 * de`; null for a dataset-level row.
 */
export function gateSubject(g: GateResult): string | null {
  if (g.annotator !== undefined) return g.annotator
  if (g.slice === undefined) return null
  const value = g.slice.value === '' ? '(empty)' : g.slice.value
  if (g.metric.startsWith('slice_gap.')) {
    return value === null
      ? `by ${g.slice.column}`
      : `by ${g.slice.column}, worst ${value}`
  }
  return value === null ? g.slice.column : `${g.slice.column}=${value}`
}

/**
 * The detail beside a gate row, as raw text (each renderer escapes it): for a
 * row that was judged, what it rests on (base → head for a `max_drop`, n,
 * the interval bound used), since value and threshold have their own
 * columns; for any other row, its message (the reason it was not judged).
 */
export function gateDetail(dataset: DatasetReport, g: GateResult): string {
  if (g.annotator !== undefined) {
    // "ann_07: accuracy 91.0% at the base → …": the annotator is named
    // beside the gate already, whatever the row's status.
    const prefix = `${g.annotator}: `
    return g.message.startsWith(prefix)
      ? g.message.slice(prefix.length)
      : g.message
  }
  if (g.value === null || (g.status !== 'pass' && g.status !== 'fail')) {
    return g.message
  }
  const parts: string[] = []
  const base = gateBaseValue(dataset, g)
  if (g.bound === 'max_drop' && base !== null) {
    parts.push(`${levelText(g.metric, base)} → ${levelText(g.metric, g.value)}`)
  }
  if (g.bound === 'max_decline' && g.trend_best !== undefined) {
    parts.push(
      `best ${levelText(g.metric, g.trend_best.value)} of the last ${g.trend_best.versions} versions (${g.trend_best.commit.slice(0, 7)}) → ${levelText(g.metric, g.value)}`
    )
  }
  const worse = madeWorseClause(g)
  if (worse !== null) parts.push(worse)
  if (g.n !== undefined) parts.push(`n ${formatCount(g.n)}`)
  if (g.by === 'lower' || g.by === 'upper')
    parts.push(`judged by the ${g.by} bound of the interval`)
  return parts.join(' · ')
}

const MADE_WORSE = '; breached at the base too ('

/**
 * For a failing gate that was breached at the base already and made worse,
 * "already breached at the base: 0.1522 → 0.1520" (with the digits that show
 * the step), else null: a reviewer must see that the change did not cause
 * the breach, only deepened it. Judged on an interval bound, the levels are
 * not what was compared, so only the fact is given.
 */
export function madeWorseClause(g: GateResult): string | null {
  if (g.status !== 'fail' || !g.message.includes(MADE_WORSE)) return null
  const base = g.base_value
  if (g.by === 'lower' || g.by === 'upper' || base == null || g.value === null)
    return 'already breached at the base'
  const [from, to] = distinctLevels(g.metric, base, g.value)
  return `already breached at the base: ${from} → ${to}`
}
