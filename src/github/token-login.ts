import type { GitHubClient } from './octokit.js'
import { httpStatusOf } from './http-status.js'

/** The author of comments made with a workflow's `GITHUB_TOKEN`. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]'

/**
 * The login whose comments are ours. `GET /user` answers for a personal or
 * user token; an installation token (the job's `GITHUB_TOKEN`) gets 403
 * "Resource not accessible by integration", and then the author is
 * `github-actions[bot]`. Another GitHub App's token also gets 403: its bot
 * login (`<slug>[bot]`) cannot be learnt from the token, so the caller passes
 * it.
 */
export async function tokenLogin(octokit: GitHubClient): Promise<string> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return data.login
  } catch (error) {
    if (httpStatusOf(error) === 403) return ACTIONS_BOT_LOGIN
    throw error
  }
}

/** GitHub logins are case-insensitive. */
export function sameLogin(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase()
}
