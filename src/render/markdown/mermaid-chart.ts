import { cleanText } from '../../util/clean-text.js'
import { formatFixed } from '../shared/format-number.js'
import { shorten } from '../../util/shorten.js'

/** Longest axis label, in code points; the full label is in the table. */
export const CHART_LABEL_MAX = 24

/**
 * A label from a data file made safe inside a quoted Mermaid string in a
 * fenced code block. Only letters, marks, digits, spaces and `_ . , + / ( ) '`
 * and single hyphens survive; everything else (quotes, brackets, backticks,
 * `<`, `>`, `%`, `#`, `;`, `:`, `@`, line breaks) becomes a space. So a label
 * cannot end the string (`"`), the axis list (`]`), the diagram line or the
 * code block (a backtick fence needs a backtick and a line break), start a
 * directive or comment (`%%`), an entity (`#…;`) or an arrow (`-->`).
 */
export function mermaidText(text: string, max = CHART_LABEL_MAX): string {
  const safe = cleanText(text)
    .replace(/[^\p{L}\p{M}\p{N} _.,+/()'-]+/gu, ' ')
    .replace(/-{2,}/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
  return shorten(safe, max)
}

/**
 * Axis labels for the chart: sanitised, never empty, and distinct (a band
 * axis with two equal labels would draw both bars in one place).
 */
export function chartLabels(labels: string[]): string[] {
  const seen = new Set<string>()
  return labels.map((label, k) => {
    let text = mermaidText(label)
    if (text === '') text = `label ${k + 1}`
    for (let n = 2; seen.has(text); n++) {
      text = `${mermaidText(label, 16)} (${n})`
    }
    seen.add(text)
    return text
  })
}

/**
 * A Mermaid `xychart-beta` of label shares, in percent. The head is drawn as
 * bars and the base as a line: Mermaid draws two bar series over each other
 * (or, in newer versions, stacked), which would hide or add up the shares.
 * Without a base (a new dataset) only the bars are drawn.
 */
export function shareChart(
  labels: string[],
  base: number[] | null,
  head: number[]
): string {
  const shares = (counts: number[]): number[] => {
    const total = counts.reduce((s, n) => s + n, 0)
    return labels.map((_, k) =>
      total > 0 ? ((counts[k] ?? 0) / total) * 100 : 0
    )
  }
  const headShares = shares(head)
  const baseShares = base === null ? null : shares(base)
  const highest = Math.max(...headShares, ...(baseShares ?? []))
  const top = Math.min(100, Math.max(10, Math.ceil(highest / 10) * 10))
  const numbers = (values: number[]): string =>
    `[${values.map((v) => formatFixed(v, 1)).join(', ')}]`
  const axis = chartLabels(labels)
    .map((l) => `"${l}"`)
    .join(', ')
  const title =
    baseShares === null
      ? 'Label share at the head (%)'
      : 'Label share (%): bars head, line base'
  const lines = [
    '```mermaid',
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis [${axis}]`,
    `  y-axis "Share (%)" 0 --> ${top}`,
    `  bar ${numbers(headShares)}`
  ]
  if (baseShares !== null) lines.push(`  line ${numbers(baseShares)}`)
  lines.push('```')
  return lines.join('\n')
}

/** A share must move at least this much (1 pp) for a chart to earn its place. */
export const CHART_MIN_MOVE = 0.01

/** At most this many bars: the top movers; the table has every label. */
export const CHART_MAX_BARS = 10

/**
 * A horizontal Mermaid bar chart of how far each label's share moved, head −
 * base in percentage points (the sign in the label), for the labels that moved most (at most
 * `CHART_MAX_BARS`, largest move first). Null when no share moved by
 * `CHART_MIN_MOVE` or more, or without a base: then a chart says nothing
 * the table does not. Bars of a change, not lines between categories, read
 * right for nominal labels and stay readable for many labels.
 */
export function shareChangeChart(
  labels: string[],
  base: number[],
  head: number[]
): string | null {
  const total = (xs: number[]): number => xs.reduce((s, n) => s + n, 0)
  const bt = total(base)
  const ht = total(head)
  if (bt === 0 || ht === 0) return null
  const moves = labels
    .map((_, k) => ({
      k,
      d: ((head[k] ?? 0) / ht - (base[k] ?? 0) / bt) * 100
    }))
    .filter((m) => Math.abs(m.d) >= CHART_MIN_MOVE * 100 - 1e-9)
    .sort((a, b) => Math.abs(b.d) - Math.abs(a.d) || a.k - b.k)
    .slice(0, CHART_MAX_BARS)
  if (moves.length === 0) return null
  // Mermaid draws bars up from the axis minimum, not from zero, so a
  // negative bar would mislead: each bar is the size of the move and its
  // label carries the sign ("neutral (+12.0)").
  const names = chartLabels(labels)
  const axis = moves.map((m) => {
    const sign = m.d > 0 ? '+' : m.d < 0 ? '-' : ''
    return `"${names[m.k]!} (${sign}${formatFixed(Math.abs(m.d), 1)})"`
  })
  const extent = Math.max(
    1,
    Math.ceil(Math.max(...moves.map((m) => Math.abs(m.d))))
  )
  const shown =
    moves.length < labels.length ? `, top ${moves.length} movers` : ''
  return [
    '```mermaid',
    'xychart-beta horizontal',
    `  title "Change of label share, head - base (pp${shown})"`,
    `  x-axis [${axis.join(', ')}]`,
    `  y-axis "pp moved" 0 --> ${extent}`,
    `  bar [${moves.map((m) => formatFixed(Math.abs(m.d), 1)).join(', ')}]`,
    '```'
  ].join('\n')
}
