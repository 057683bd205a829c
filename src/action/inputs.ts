import { UserError } from '../errors.js'
import { DEFAULT_API_TIMEOUT_S } from '../github/api-deadline.js'

/** A day: beyond that the input is surely a mistake (milliseconds?). */
const MAX_API_TIMEOUT_S = 86_400

/** The action's inputs, parsed once into a typed object (action.yml is the source of truth). */
export interface ActionInputs {
  config?: string
  githubToken: string
  comment: 'always' | 'on-failure' | 'never'
  base?: string
  head?: string
  datasets: 'changed' | 'all'
  failOn: 'error' | 'warning' | 'never'
  /** A folder left by a checking run: post its comment and do nothing else. */
  postComment?: string
  /** One deadline for all GitHub API work, in seconds. */
  apiTimeout: number
  /** Write the dashboard (and on pull requests upload it as a workflow artifact). */
  dashboard: boolean
  /** Threads that read large CSV, TSV and JSON Lines files; default 1 (`threadCount`). */
  threads?: number
}

export function parseActionInputs(
  getInput: (name: string) => string
): ActionInputs {
  const optional = (name: string): string | undefined => {
    const v = getInput(name).trim()
    return v === '' ? undefined : v
  }
  function pick<T extends string>(
    name: string,
    values: readonly T[],
    fallback: T
  ): T {
    const v = optional(name) ?? fallback
    if (!(values as readonly string[]).includes(v)) {
      throw new UserError(
        `input '${name}' must be one of ${values.join(', ')}, not '${v}'`
      )
    }
    return v as T
  }
  return {
    config: optional('config'),
    githubToken: getInput('github-token'),
    comment: pick('comment', ['always', 'on-failure', 'never'], 'always'),
    base: optional('base'),
    head: optional('head'),
    datasets: pick('datasets', ['changed', 'all'], 'changed'),
    failOn: pick('fail-on', ['error', 'warning', 'never'], 'error'),
    postComment: optional('post-comment'),
    apiTimeout: seconds(optional('api-timeout')),
    dashboard: pick('dashboard', ['true', 'false'], 'false') === 'true',
    ...threads(optional('threads'))
  }
}

function threads(text: string | undefined): { threads?: number } {
  if (text === undefined) return {}
  const value = Number(text)
  if (!/^\d+$/.test(text) || !(value >= 1)) {
    throw new UserError(
      `input 'threads' must be a positive whole number, not '${text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}'`
    )
  }
  return { threads: value }
}

function seconds(text: string | undefined): number {
  if (text === undefined) return DEFAULT_API_TIMEOUT_S
  const value = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : NaN
  if (!(value > 0 && value <= MAX_API_TIMEOUT_S)) {
    throw new UserError(
      `input 'api-timeout' must be a number of seconds above 0 and at most ${MAX_API_TIMEOUT_S}, not '${text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}'`
    )
  }
  return value
}
