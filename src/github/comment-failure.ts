import { httpStatusOf } from './http-status.js'

/** What we were doing with the PR comment when a request failed. */
export type CommentStep =
  | 'list the comments of'
  | 'identify the token user for'
  | 'create the comment on'
  | 'update the comment on'
  | 'delete a duplicate comment on'

export const TWO_WORKFLOW_HINT =
  'To comment on pull requests from forks, use the two-workflow pattern: ' +
  'upload the folder of the `report` output (report.json, comment.json) as ' +
  'an artifact in the pull_request workflow and post it from a workflow_run ' +
  'workflow that has `pull-requests: write`, with the `post-comment` input.'

/**
 * The warning for a failed comment request. A comment is best-effort: this
 * string is reported, never thrown, so the gate result stays the report's.
 * 403/404 is the usual read-only token of a fork PR and gets the hint.
 */
export function commentFailure(
  step: CommentStep,
  where: string,
  error: unknown
): string {
  const status = httpStatusOf(error)
  const message = messageOf(error)
  const prefix = `Could not ${step} ${where}`
  const unaffected = 'The gate result is unaffected.'
  if ((status === 403 || status === 429) && /rate limit/i.test(message)) {
    return `${prefix}: GitHub API rate limit (${status}: ${message}). ${unaffected}`
  }
  if (status === 403 || status === 404) {
    return (
      `${prefix} (${status}: ${message}): the token cannot write to this ` +
      `pull request, as with a pull request from a fork or a read-only ` +
      `token. ${unaffected} ${TWO_WORKFLOW_HINT}`
    )
  }
  const what = status === undefined ? message : `${status}: ${message}`
  return `${prefix} (${what}). ${unaffected}`
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  // One line: the warning becomes a workflow annotation.
  return text.replace(/\s+/g, ' ').trim() || 'unknown error'
}
