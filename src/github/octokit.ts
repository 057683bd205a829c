import * as core from '@actions/core'
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { randomUUID } from 'node:crypto'
import type { ApiDeadline } from './api-deadline.js'

/** The REST client labelgate uses (`rest.*` endpoint methods and `paginate`). */
export type GitHubClient = ReturnType<typeof getOctokit>

/** Where Octokit reports retries, rate limits and deprecations. */
export interface OctokitLog {
  debug: (message: string) => unknown
  info: (message: string) => unknown
  warn: (message: string) => unknown
  error: (message: string) => unknown
}

export interface CreateOctokitOptions {
  /** Defaults to `GITHUB_API_URL` (set on GitHub Enterprise Server runners). */
  baseUrl?: string
  request?: { fetch?: typeof fetch }
  /**
   * Unit of every wait, in milliseconds: a 5xx is retried after 1, 4 and 9
   * units, a rate limit after the seconds GitHub asks for, each times
   * `unit / 1000`. Default 1000; tests shrink it.
   */
  retryAfterBaseMs?: number
  /** Defaults to the `@actions/core` log (warnings become annotations). */
  log?: OctokitLog
  /**
   * Every request is aborted when it passes, and a rate limit is not waited
   * out when the wait would end after it.
   */
  deadline?: ApiDeadline
}

export const DEFAULT_API_URL = 'https://api.github.com'

/** Retries of a 5xx (or other transient) response before giving up. */
const RETRIES = 3

/**
 * An authenticated REST client for the GitHub API: `@actions/github`'s
 * client (proxy-aware fetch, user agent) plus retries of transient errors and
 * GitHub's recommended pacing of writes. A primary or secondary rate limit is
 * waited out once if the wait ends before the API deadline, then the request
 * fails with a warning: a gate must not hang for an hour on a busy token. Nothing global is registered, and the
 * token goes only into the Authorization header (Octokit redacts it in
 * errors).
 */
export function createOctokit(
  token: string,
  options: CreateOctokitOptions = {}
): GitHubClient {
  const unit = options.retryAfterBaseMs ?? 1000
  const log = options.log ?? actionsLog
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number
    ): boolean => {
      const what = `${kind} for ${request.method} ${request.url}`
      const deadline = options.deadline
      if (deadline !== undefined && !deadline.allows(retryAfter * unit)) {
        log.warn(
          `GitHub API ${what}: not waiting ${retryAfter} s, past the ${deadline.seconds} s API deadline (api-timeout)`
        )
        return false
      }
      if (retryCount < 1) {
        log.warn(`GitHub API ${what}; retrying once after ${retryAfter} s`)
        return true
      }
      log.warn(`GitHub API ${what} again; giving up`)
      return false
    }
  const octokit = getOctokit(
    token,
    {
      baseUrl: options.baseUrl ?? apiBaseUrl(),
      log,
      // Only when given: the client's default request options carry the
      // proxy-aware fetch, and `request` replaces them as a whole.
      ...(options.request?.fetch
        ? { request: { fetch: options.request.fetch } }
        : {}),
      retry: {
        retries: RETRIES,
        retryAfterBaseValue: unit,
        // Rate limits (403/429) are the throttling plugin's to handle.
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451]
      },
      throttle: {
        // The pacing groups are shared per id across the process; a fresh id
        // keeps two clients (two configs, or tests) from queueing together.
        id: randomUUID(),
        retryAfterBaseValue: unit,
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit')
      }
    },
    retry,
    throttling
  )
  const signal = options.deadline?.signal
  if (signal !== undefined) {
    // Registered last, so it runs first: retries and pages reuse the options.
    octokit.hook.before('request', (request) => {
      request.request = { ...request.request, signal }
    })
  }
  return octokit
}

/** `GITHUB_API_URL` when set (GitHub Enterprise Server), else github.com. */
export function apiBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.GITHUB_API_URL?.trim()
  return url ? url.replace(/\/+$/, '') : DEFAULT_API_URL
}

const actionsLog: OctokitLog = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  error: (message) => core.error(message)
}
