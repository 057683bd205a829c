import { isPercentMetric } from '../../metrics/names.js'
import { formatFixed } from '../../metrics/units.js'
import type { DatasetReport, GateResult } from '../../report/types.js'

/** A trend is drawn only from this many base-branch versions with a value. */
export const TREND_MIN_VERSIONS = 3

/** At most this many trend charts per dataset (one per trend-gated metric). */
const MAX_CHARTS = 3

/**
 * Mermaid `xychart-beta` lines of each trend-gated metric (`max_decline`)
 * over the base branch's latest versions, this change's value as the last
 * point, with a flat second line at the lowest value the gate allows (the
 * highest, for error_rate). Only with at least `TREND_MIN_VERSIONS` versions
 * with a value: fewer points show no trend. Axis labels are short SHAs and
 * "this PR" (hex and fixed words: nothing from a data file reaches the chart).
 */
export function trendCharts(dataset: DatasetReport): string[] {
  const trend = dataset.trend
  if (trend === undefined) return []
  const gates = dataset.gates.filter(
    (
      g
    ): g is GateResult & {
      trend_best: NonNullable<GateResult['trend_best']>
    } =>
      g.bound === 'max_decline' &&
      g.trend_best !== undefined &&
      g.value !== null
  )
  const charts: string[] = []
  for (const gate of gates.slice(0, MAX_CHARTS)) {
    const points = trend.points
      .slice(-gate.trend_best.window)
      .filter((p) => typeof p.values[gate.metric] === 'number')
    if (points.length < TREND_MIN_VERSIONS) continue
    const percent = isPercentMetric(gate.metric)
    const scale = (x: number) => (percent ? x * 100 : x)
    const values = [
      ...points.map((p) => scale(p.values[gate.metric]!)),
      scale(gate.value!)
    ]
    const higher = !gate.metric.endsWith('error_rate')
    const limit = scale(
      higher
        ? gate.trend_best.value - gate.threshold
        : gate.trend_best.value + gate.threshold
    )
    const low = Math.min(...values, limit)
    const high = Math.max(...values, limit)
    const pad = Math.max((high - low) * 0.1, percent ? 0.5 : 0.005)
    const decimals = percent ? 1 : 3
    const axis = [
      ...points.map(
        (p) => `"${p.commit.slice(0, 7).replace(/[^0-9a-f]/g, '')}"`
      ),
      '"this PR"'
    ]
    const numbers = (xs: number[]) =>
      `[${xs.map((x) => formatFixed(x, decimals + 1)).join(', ')}]`
    charts.push(
      [
        '```mermaid',
        // The value's line in a strong blue, the limit's in red: the default
        // palette draws the first line too pale to read.
        '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#0969da, #cf222e"}}}}%%',
        'xychart-beta',
        `  title "${gate.metric}${percent ? ' (%)' : ''}: base branch, then this PR (red: ${higher ? 'lowest' : 'highest'} allowed)"`,
        `  x-axis [${axis.join(', ')}]`,
        `  y-axis "${gate.metric}" ${formatFixed(low - pad, decimals)} --> ${formatFixed(high + pad, decimals)}`,
        `  line ${numbers(values)}`,
        `  line ${numbers(values.map(() => limit))}`,
        '```'
      ].join('\n')
    )
  }
  return charts
}
