import * as core from '@actions/core'
import { GitHubRepo } from '../github/github-repo.js'
import type { ActionInputs } from './inputs.js'

/**
 * The repository to comment on, or undefined with a warning (no token, no
 * GITHUB_REPOSITORY): a missing comment never changes the gate result.
 */
export function connectGitHub(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv
): GitHubRepo | undefined {
  const github = GitHubRepo.connect({
    repository: env.GITHUB_REPOSITORY,
    token: inputs.githubToken,
    timeoutSeconds: inputs.apiTimeout
  })
  if (github instanceof GitHubRepo) return github
  core.warning(github.warning)
  return undefined
}
