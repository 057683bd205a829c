import type { LineageReport } from '../../governance/lineage.js'
import { cleanText } from '../../util/clean-text.js'
import { formatCount, formatCountOf } from './format-number.js'
import { dataText } from '../markdown/markdown-inline.js'
import { shorten } from '../../util/shorten.js'
import type { DatasetReport } from '../../report/types.js'

/** Tools named in the line; the rest are counted. */
const TOOLS_SHOWN = 5

/**
 * The one-line lineage summary of a dataset, shared by the Markdown and
 * terminal renderers: `Lineage (annotations this change added or
 * relabeled): 1,234 checked · 3 without complete lineage (tool 2,
 * labeled_at 1) · tools: label-studio 1,200, prodigy 34 · 12 annotators ·
 * 2024-05-01 09:00 → 2024-05-03 17:12 UTC`. `data` makes a string from the
 * report (a tool name, a field name, a time) safe for the target.
 */
export function lineageText(
  lineage: LineageReport,
  data: (text: string) => string,
  title: (text: string) => string = (t) => t
): string {
  const scope =
    lineage.scope === 'changed'
      ? 'annotations this change added or relabeled'
      : 'all annotations'
  const parts = [formatCount(lineage.checked) + ' checked']
  const why: string[] = []
  for (const [field, n] of Object.entries(lineage.missing ?? {})) {
    if (n > 0) why.push(`${data(field)} missing ${formatCount(n)}`)
  }
  if (lineage.invalid_timestamps > 0) {
    why.push(`${formatCount(lineage.invalid_timestamps)} invalid timestamps`)
  }
  if (lineage.future_timestamps > 0) {
    why.push(`${formatCount(lineage.future_timestamps)} in the future`)
  }
  parts.push(
    lineage.incomplete > 0
      ? `${formatCount(lineage.incomplete)} without complete lineage (${why.join(', ')})`
      : 'all with complete lineage'
  )
  if (lineage.tools !== null && lineage.tools !== undefined) {
    const tools = Object.entries(lineage.tools)
    const shown = tools
      .slice(0, TOOLS_SHOWN)
      .map(([tool, n]) => `${data(tool)} ${formatCount(n)}`)
    if (tools.length > TOOLS_SHOWN) {
      shown.push(`${formatCount(tools.length - TOOLS_SHOWN)} more`)
    }
    parts.push(`tools: ${shown.length === 0 ? 'none' : shown.join(', ')}`)
  }
  parts.push(formatCountOf(lineage.annotators, 'annotator'))
  if (lineage.first !== null && lineage.last !== null) {
    parts.push(`${data(minute(lineage.first))} → ${data(minute(lineage.last))}`)
  }
  return `${title(`Lineage (${scope}):`)} ${parts.join(' · ')}`
}

/** `2024-05-01T09:00:12.000Z` -> `2024-05-01 09:00 UTC`; other text as it is. */
function minute(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}.*Z$/.test(iso)
    ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
    : iso
}

/** The Markdown block: one line, or none when lineage is not configured. */
export function lineageMarkdown(dataset: DatasetReport): string[] {
  const lineage = dataset.lineage ?? null
  if (lineage === null) return []
  return [
    lineageText(
      lineage,
      (t) => dataText(t, 40),
      (t) => `**${t}**`
    )
  ]
}

/** The terminal lines: a blank line and the summary, or none. */
export function lineageLines(dataset: DatasetReport): string[] {
  const lineage = dataset.lineage ?? null
  if (lineage === null) return []
  return ['', `  ${lineageText(lineage, (t) => shorten(cleanText(t), 40))}`]
}
