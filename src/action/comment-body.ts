import { renderMarkdown } from '../report/render-markdown.js'
import type { Report } from '../report/types.js'

/**
 * The PR comment's Markdown for a report: the one place the action calls the
 * comment renderer, both when the checking run comments itself and when the
 * fork pattern's poster rebuilds the body from the uploaded JSON report.
 * `summaryUrl` is the run whose job summary has the full report.
 */
export function commentBody(report: Report, summaryUrl?: string): string {
  return renderMarkdown(report, { summaryUrl })
}
