/**
 * The HTTP status of an Octokit request error, or undefined for anything
 * else (a network failure, a bug). Duck-typed, so no dependency on
 * `@octokit/request-error`'s class identity across bundles.
 */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' ? status : undefined
}
