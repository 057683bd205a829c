import { details } from './markdown-details.js'
import { dataText } from './markdown-inline.js'
import { markdownTable } from './markdown-table.js'
import { formatCount } from '../shared/format-number.js'
import {
  blobUrl,
  type GroupedProblems,
  type Location
} from '../shared/problem-groups.js'

/** Where a link may point: a repository's web address and the head commit. */
export interface LinkTarget {
  repositoryUrl?: string
  sha: string | null
}

/** `file:line`, linked to the line at the head commit when possible. */
export function locationLink(location: Location, target: LinkTarget): string {
  const text =
    location.line > 0
      ? `${dataText(location.file, 60)}:${location.line}`
      : dataText(location.file, 60)
  const url = blobUrl(target.repositoryUrl, target.sha, location)
  // Parentheses would end the link's address early.
  return url === undefined
    ? text
    : `[${text}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})`
}

/**
 * The data problems grouped by kind, with true counts and a few example
 * locations each, open when there are errors (also those already at the
 * base of the change, which are marked so and do not fail).
 */
export function problemsBlock(
  grouped: GroupedProblems,
  limits: { groups: number; examples: number },
  target: LinkTarget
): string | null {
  const { errors, preExisting, warnings, groups } = grouped
  if (groups.length === 0) return null
  const old =
    preExisting > 0 ? `, ${formatCount(preExisting)} already at the base` : ''
  const summary = `Data problems: ${formatCount(errors)} ${errors === 1 ? 'error' : 'errors'}${old}, ${formatCount(warnings)} ${warnings === 1 ? 'warning' : 'warnings'} in ${formatCount(groups.length)} ${groups.length === 1 ? 'kind' : 'kinds'}`
  const shown = groups.slice(0, limits.groups)
  const rows = shown.map((g) => [
    g.severity === 'warning'
      ? '⚠️ warning'
      : g.preExisting
        ? '⏸️ error, already at the base'
        : '❌ error',
    dataText(g.count === 1 ? g.message : g.kind, 160),
    formatCount(g.count),
    g.examples
      .slice(0, Math.max(1, limits.examples))
      .map((e) => locationLink(e, target))
      .join(', ')
  ])
  const table = markdownTable(
    ['Severity', 'Problem', 'Count', 'Where (first)'],
    rows,
    ['left', 'left', 'right', 'left']
  )
  const hidden = groups.length - shown.length
  let hiddenErrors = 0
  for (const g of groups.slice(shown.length))
    if (g.severity === 'error' && !g.preExisting) hiddenErrors += g.count
  const rest =
    hidden > 0
      ? `\n\n_and ${formatCount(hidden)} more kinds of problem${hiddenErrors > 0 ? ` (${formatCount(hiddenErrors)} errors among them)` : ''}; every problem is in the JSON report._`
      : ''
  return details(summary, table + rest, errors + preExisting > 0)
}
