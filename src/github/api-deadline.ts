/** The `api-timeout` input's default, in seconds. */
export const DEFAULT_API_TIMEOUT_S = 60

/** Thrown by `ApiDeadline.race` when the deadline passes before the work ends. */
export class ApiDeadlineExceeded extends Error {
  constructor(readonly seconds: number) {
    super(`the GitHub API did not answer within ${seconds} s (api-timeout)`)
    this.name = 'ApiDeadlineExceeded'
  }
}

/**
 * One deadline for all of a run's GitHub API work: a hanging server, a body
 * that drips a byte at a time, or a rate limit asking to wait an hour must
 * not hold the job. Every request carries `signal` (the fetch and the body
 * read are aborted when it fires), waits that would end past the deadline
 * are declined (`allows`), and `race` gives up on whatever is still pending.
 */
export class ApiDeadline {
  readonly signal: AbortSignal
  private readonly endsAt: number

  constructor(readonly seconds: number) {
    const ms = Math.max(1, Math.round(seconds * 1000))
    this.endsAt = Date.now() + ms
    // AbortSignal.timeout's timer does not keep the process alive on its own.
    this.signal = AbortSignal.timeout(ms)
  }

  /** Whether a wait of `ms` milliseconds still ends before the deadline. */
  allows(ms: number): boolean {
    return Date.now() + ms < this.endsAt
  }

  /** The result of `work`, or an `ApiDeadlineExceeded` rejection at the deadline. */
  async race<T>(work: () => Promise<T>): Promise<T> {
    if (this.signal.aborted) throw new ApiDeadlineExceeded(this.seconds)
    let onAbort: (() => void) | undefined
    const expired = new Promise<never>((_, reject) => {
      onAbort = () => reject(new ApiDeadlineExceeded(this.seconds))
      this.signal.addEventListener('abort', onAbort, { once: true })
    })
    try {
      return await Promise.race([work(), expired])
    } finally {
      if (onAbort) this.signal.removeEventListener('abort', onAbort)
    }
  }
}
