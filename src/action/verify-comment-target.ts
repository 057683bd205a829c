import { ApiDeadlineExceeded } from '../github/api-deadline.js'
import type { GitHubRepo } from '../github/github-repo.js'
import { httpStatusOf } from '../github/http-status.js'
import type { TriggeringRun } from './triggering-run.js'

/**
 * Why the artifact's pull request is not the one the triggering run checked,
 * or undefined when it is. The PR number comes from a file a fork can write;
 * the run comes from GitHub. The run's `pull_requests` is empty for a fork's
 * PR, so the PR is always looked up: its head must be the commit the run
 * checked, in the repository and branch the run was for. A newer push (head
 * moved on) is refused too: that run posts its own report.
 */
export async function verifyCommentTarget(
  claimed: number,
  run: TriggeringRun,
  github: GitHubRepo
): Promise<string | undefined> {
  if (run.event !== 'pull_request') {
    return `the triggering run was for a ${quote(run.event)} event, not a pull_request`
  }
  if (!sameName(run.repository, github.fullName)) {
    return `the triggering run belongs to ${quote(run.repository)}, not ${github.fullName}`
  }
  if (
    run.pullRequests.length > 0 &&
    !run.pullRequests.some((p) => p.number === claimed)
  ) {
    const listed = run.pullRequests.map((p) => `#${p.number}`).join(', ')
    return `the artifact names PR #${claimed}, but the triggering run was for ${listed}`
  }
  let pr
  try {
    pr = await github.pullRequestHead(claimed)
  } catch (error) {
    if (error instanceof ApiDeadlineExceeded) {
      return `could not look up PR #${claimed}: ${error.message}`
    }
    const status = httpStatusOf(error)
    if (status === 404) {
      return `#${claimed} is not a pull request of ${github.fullName}`
    }
    const message = error instanceof Error ? error.message : String(error)
    return `could not look up PR #${claimed} (${status ?? 'no status'}: ${quote(message)})`
  }
  if (pr.sha.toLowerCase() !== run.headSha) {
    return `the head of PR #${claimed} is ${pr.sha.slice(0, 12)}, but the triggering run checked ${run.headSha.slice(0, 12)}`
  }
  if (
    run.headRepository !== null &&
    (pr.repository === null || !sameName(pr.repository, run.headRepository))
  ) {
    return `PR #${claimed} comes from ${quote(pr.repository ?? 'a deleted repository')}, but the triggering run was for ${quote(run.headRepository)}`
  }
  if (run.headBranch !== null && pr.ref !== run.headBranch) {
    return `PR #${claimed} is for branch ${quote(pr.ref)}, but the triggering run was for ${quote(run.headBranch)}`
  }
  return undefined
}

/** Owner and repository names are case-insensitive on GitHub. */
function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** A name from a fork (a branch, a repository), quoted on one clean line. */
function quote(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?')
  return JSON.stringify(clean.length > 80 ? `${clean.slice(0, 80)}…` : clean)
}
