import { commentFailure, type CommentStep } from './comment-failure.js'
import { hasMarker, withMarker } from './comment-marker.js'
import { fitCommentBody } from './comment-size.js'
import { httpStatusOf } from './http-status.js'
import type { GitHubClient } from './octokit.js'
import { sameLogin, tokenLogin } from './token-login.js'

/** The action's `comment` input (docs/action.md). */
export type CommentMode = 'always' | 'on-failure' | 'never'

export interface UpsertCommentRequest {
  owner: string
  repo: string
  issueNumber: number
  /** The rendered report; its first line is set to `marker`. */
  body: string
  /** From `commentMarker(id?)`. */
  marker: string
  mode: CommentMode
  /** The report's verdict: `on-failure` creates a comment only when false. */
  passed: boolean
  /**
   * Login of the token's account, when `GET /user` cannot tell it (a GitHub
   * App's installation token: `<app-slug>[bot]`). Default: `GET /user`, or
   * `github-actions[bot]` when that is forbidden.
   */
  author?: string
}

export interface UpsertCommentResult {
  action: 'created' | 'updated' | 'skipped' | 'unchanged'
  /** The comment's web address, when there is a comment. */
  url?: string
  /** Why the comment could not be fully written; never a gate failure. */
  warning?: string
}

type IssueComment = Awaited<
  ReturnType<GitHubClient['rest']['issues']['listComments']>
>['data'][number]

/**
 * One sticky report comment per pull request (and marker): found among all
 * the PR's comments by the marker on its first line and our own author,
 * created once, then edited in place (edits notify nobody). When a past race
 * left several, the oldest is kept and the others are deleted. Never throws
 * for an API failure: a comment that cannot be written (fork PR, read-only
 * token, GitHub down after retries) comes back as a `warning`.
 */
export async function upsertComment(
  octokit: GitHubClient,
  request: UpsertCommentRequest
): Promise<UpsertCommentResult> {
  if (request.mode === 'never') return { action: 'skipped' }
  const { owner, repo, issueNumber: issue_number, marker } = request
  const where = `${owner}/${repo}#${issue_number}`
  if (!Number.isSafeInteger(issue_number) || issue_number < 1) {
    return {
      action: 'skipped',
      warning: `No pull request number for ${owner}/${repo}; no comment.`
    }
  }
  const body = fitCommentBody(withMarker(request.body, marker))

  let step: CommentStep = 'list the comments of'
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number,
      per_page: 100
    })
    const marked = comments.filter((c) => hasMarker(c.body, marker))
    let ours: IssueComment[] = []
    if (marked.length > 0) {
      // Only now: a PR without any marked comment costs no `GET /user`.
      step = 'identify the token user for'
      const login = request.author ?? (await tokenLogin(octokit))
      ours = marked.filter((c) => sameLogin(c.user?.login, login))
    }
    const [keep, ...duplicates] = ours.sort(oldestFirst)

    if (keep === undefined) {
      if (request.mode === 'on-failure' && request.passed) {
        return { action: 'skipped' }
      }
      step = 'create the comment on'
      const { data } = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number,
        body
      })
      return { action: 'created', url: data.html_url }
    }

    let action: 'updated' | 'unchanged' = 'unchanged'
    if (keep.body !== body) {
      step = 'update the comment on'
      await octokit.rest.issues.updateComment({
        owner,
        repo,
        comment_id: keep.id,
        body
      })
      action = 'updated'
    }
    const warning = await deleteAll(octokit, owner, repo, duplicates, where)
    return { action, url: keep.html_url, ...(warning ? { warning } : {}) }
  } catch (error) {
    return { action: 'skipped', warning: commentFailure(step, where, error) }
  }
}

/**
 * Deletes duplicates left by a race; one that is already gone (the other run
 * cleaned up too) is fine. Returns the first failure as a warning.
 */
async function deleteAll(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  comments: IssueComment[],
  where: string
): Promise<string | undefined> {
  let warning: string | undefined
  for (const comment of comments) {
    try {
      await octokit.rest.issues.deleteComment({
        owner,
        repo,
        comment_id: comment.id
      })
    } catch (error) {
      if (httpStatusOf(error) === 404) continue
      warning ??= commentFailure('delete a duplicate comment on', where, error)
    }
  }
  return warning
}

function oldestFirst(a: IssueComment, b: IssueComment): number {
  return Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id
}
