import type { MetricResult } from '../../src/metrics/result.js'
import type {
  SliceGap,
  SliceGroup,
  SliceReport
} from '../../src/slices/slice-report.js'

/**
 * Slice reports built by hand, in the shape of the contract
 * (src/slices/slice-report.ts), for testing what the history and the
 * dashboard do with a check's `slices` before a check computes them. The
 * numbers are arbitrary but deterministic: only that they are carried
 * through unchanged is tested, not how they were computed.
 */
export interface SliceSpec {
  /** Per column, its values and each value's items. */
  columns: Record<string, { value: string; items: number }[]>
  metrics: string[]
  /** Moves every value, so that versions differ. */
  version: number
}

/** Groups with fewer items are left out of the gaps (a stand-in for `min_items`). */
export const FIXTURE_MIN_ITEMS = 5

/** A deterministic value in [0.40, 0.95] for a value, metric and version. */
function estimate(value: string, metric: string, version: number): number {
  let h = 7
  for (const ch of `${value}|${metric}`)
    h = (h * 31 + ch.codePointAt(0)!) % 9973
  return 0.4 + ((h + version * 13) % 56) / 100
}

function metricResult(value: number, items: number): MetricResult {
  return {
    value,
    n_items: items,
    n: items * 3,
    se: 0.02,
    ci: {
      low: Math.max(0, value - 0.04),
      high: Math.min(1, value + 0.04),
      level: 0.95,
      method: 'wilson'
    }
  }
}

export function makeSliceReport(spec: SliceSpec): SliceReport {
  const columns = Object.keys(spec.columns)
  const groups: SliceGroup[] = []
  const gaps: SliceGap[] = []
  for (const column of columns) {
    const values = [...spec.columns[column]!].sort((a, b) =>
      a.value < b.value ? -1 : a.value > b.value ? 1 : 0
    )
    for (const { value, items } of values) {
      groups.push({
        column,
        value,
        counts: {
          items,
          annotators: 3,
          annotations: items * 3,
          reference_items: Math.floor(items / 2)
        },
        metrics: Object.fromEntries(
          spec.metrics.map((m) => [
            m,
            metricResult(estimate(value, m, spec.version), items)
          ])
        )
      })
    }
    for (const metric of spec.metrics) {
      const compared = groups.filter(
        (g) => g.column === column && g.counts.items >= FIXTURE_MIN_ITEMS
      )
      if (compared.length < 2) {
        gaps.push({
          column,
          metric,
          groups_compared: compared.length,
          worst: null,
          best: null,
          gap: null,
          reason: `${compared.length} value with at least ${FIXTURE_MIN_ITEMS} items`
        })
        continue
      }
      const at = (g: SliceGroup) => g.metrics[metric]!.value!
      const worst = compared.reduce((a, b) => (at(b) < at(a) ? b : a))
      const best = compared.reduce((a, b) => (at(b) > at(a) ? b : a))
      const gap = at(best) - at(worst)
      gaps.push({
        column,
        metric,
        groups_compared: compared.length,
        worst: {
          value: worst.value,
          estimate: at(worst),
          n_items: worst.counts.items
        },
        best: {
          value: best.value,
          estimate: at(best),
          n_items: best.counts.items
        },
        gap,
        ci: {
          low: gap - 0.05,
          high: gap + 0.05,
          level: 0.95,
          method: 'wilson'
        },
        p_value: gap > 0.2 ? 0.001 : 0.4,
        significant: gap > 0.2
      })
    }
  }
  return { columns, groups, gaps }
}

/** Fields of an RFC 4180 document (CRLF records, double-quoted fields). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i++
    } else field += c
  }
  if (field !== '' || record.length > 0) records.push([...record, field])
  return records
}
