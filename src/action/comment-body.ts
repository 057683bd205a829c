import { renderMarkdown } from '../render/markdown/render-markdown.js'
import type { Report } from '../report/types.js'

/**
 * The PR comment's Markdown for a report: the one place the action calls the
 * comment renderer, both when the checking run comments itself and when the
 * fork pattern's poster rebuilds the body from the uploaded JSON report.
 * `summaryUrl` is the run whose job summary has the full report;
 * `repositoryUrl` lets problem locations link to the file at the head commit.
 */
export function commentBody(
  report: Report,
  links: { summaryUrl?: string; repositoryUrl?: string }
): string {
  return renderMarkdown(report, links)
}
