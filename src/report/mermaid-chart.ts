import { cleanText } from './clean-text.js'
import { formatFixed } from './format-number.js'
import { shorten } from './shorten.js'

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
