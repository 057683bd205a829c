import { ApiDeadline, ApiDeadlineExceeded } from './api-deadline.js'
import {
  createOctokit,
  type CreateOctokitOptions,
  type GitHubClient
} from './octokit.js'
import {
  upsertComment,
  type UpsertCommentRequest,
  type UpsertCommentResult
} from './sticky-comment.js'

/** What the poster compares with the triggering run: the PR's head now. */
export interface PullRequestHead {
  number: number
  state: string
  sha: string
  ref: string
  /** `owner/name` of the head repository; null when the fork was deleted. */
  repository: string | null
}

export interface ConnectOptions {
  /** `owner/name`, as in GITHUB_REPOSITORY. */
  repository: string | undefined
  token: string
  /** One deadline for all the API work of this connection, in seconds. */
  timeoutSeconds: number
  /** Client options for tests (base URL, fetch, log, retry unit). */
  client?: Omit<CreateOctokitOptions, 'deadline'>
}

/** The `repository` segment rules GitHub allows for owners and names. */
const REPOSITORY = /^([A-Za-z0-9_.-]{1,100})\/([A-Za-z0-9_.-]{1,100})$/

/**
 * The repository a run writes to, resolved once: owner, name, an
 * authenticated client and the API deadline every call shares. Missing
 * pieces (no token, no GITHUB_REPOSITORY) are a warning, never a thrown
 * error: a comment is best-effort and never changes a gate result.
 */
export class GitHubRepo {
  private constructor(
    readonly owner: string,
    readonly repo: string,
    private readonly client: GitHubClient,
    readonly deadline: ApiDeadline
  ) {}

  static connect(options: ConnectOptions): GitHubRepo | { warning: string } {
    const match = REPOSITORY.exec(options.repository ?? '')
    if (!match) {
      return {
        warning:
          'GITHUB_REPOSITORY is not set to owner/name, so no PR comment. The gate result is unaffected.'
      }
    }
    if (options.token.trim() === '') {
      return {
        warning:
          'The github-token input is empty, so no PR comment (the job summary has the report). The gate result is unaffected.'
      }
    }
    const deadline = new ApiDeadline(options.timeoutSeconds)
    const client = createOctokit(options.token, {
      ...options.client,
      deadline
    })
    return new GitHubRepo(match[1]!, match[2]!, client, deadline)
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`
  }

  /** The sticky comment on `issueNumber`; a deadline passed is a warning. */
  async upsertComment(
    request: Omit<UpsertCommentRequest, 'owner' | 'repo'>
  ): Promise<UpsertCommentResult> {
    if (request.mode === 'never') return { action: 'skipped' }
    try {
      return await this.deadline.race(() =>
        upsertComment(this.client, {
          ...request,
          owner: this.owner,
          repo: this.repo
        })
      )
    } catch (error) {
      if (!(error instanceof ApiDeadlineExceeded)) throw error
      return {
        action: 'skipped',
        warning: `Could not write the comment on ${this.fullName}#${request.issueNumber}: ${error.message}. The gate result is unaffected.`
      }
    }
  }

  /**
   * The pull request's head as GitHub has it now. Throws an Octokit error
   * (404 for an issue or a missing PR) or `ApiDeadlineExceeded`.
   */
  async pullRequestHead(number: number): Promise<PullRequestHead> {
    const { data } = await this.deadline.race(() =>
      this.client.rest.pulls.get({
        owner: this.owner,
        repo: this.repo,
        pull_number: number
      })
    )
    return {
      number: data.number,
      state: data.state,
      sha: data.head.sha,
      ref: data.head.ref,
      repository: data.head.repo?.full_name ?? null
    }
  }
}
