import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { UserError } from '../errors.js'

/**
 * What the triggering event means for the check: which commits to compare,
 * whether the base is the trusted side, and where a comment would go.
 * Parsed once, at the edge, from GITHUB_EVENT_NAME and GITHUB_EVENT_PATH.
 */
export interface RunEvent {
  name: string
  /** Base revision to compare with; undefined = head only. */
  base?: string
  /** How to find the base when it is "the first parent of the checked-out merge commit". */
  baseIsFirstParentOf?: string
  /** Head revision: the commit whose files are checked. */
  head: string
  /** Read config and reference labels from the base (pull requests, merge queues). */
  trustBase: boolean
  /** The pull request to comment on, when there is one. */
  pullRequest?: { number: number; headSha: string }
  /** Comments make sense for this event (not for merge groups, pushes, schedules). */
  canComment: boolean
}

const ZERO_SHA = /^0{40}$/
const sha = z.string().regex(/^[0-9a-f]{40}$/i)

const pullRequestPayload = z.object({
  pull_request: z.object({
    number: z.number().int().positive(),
    head: z.object({ sha }),
    base: z.object({ sha })
  })
})
const mergeGroupPayload = z.object({
  merge_group: z.object({ base_sha: sha, head_sha: sha })
})
const pushPayload = z.object({ before: z.string(), after: sha })

function readPayload(path: string | undefined): unknown {
  if (!path) return {}
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown
  } catch (error) {
    throw new UserError(
      `cannot read the event payload (${(error as Error).message})`,
      { file: path }
    )
  }
}

function parse<T>(schema: z.ZodType<T>, payload: unknown, event: string): T {
  const r = schema.safeParse(payload)
  if (!r.success) {
    const issue = r.error.issues[0]
    throw new UserError(
      `the ${event} event payload lacks ${issue?.path.join('.') ?? 'a field'} (${issue?.message ?? 'invalid'})`
    )
  }
  return r.data
}

export function readRunEvent(env: NodeJS.ProcessEnv): RunEvent {
  const name = env.GITHUB_EVENT_NAME ?? 'workflow_dispatch'
  const checkedOut = env.GITHUB_SHA ?? 'HEAD'
  const payload = readPayload(env.GITHUB_EVENT_PATH)
  switch (name) {
    case 'pull_request':
    case 'pull_request_target': {
      const pr = parse(pullRequestPayload, payload, name).pull_request
      if (name === 'pull_request_target') {
        // The checkout is the base branch, not the PR: compare the payload SHAs.
        return {
          name,
          base: pr.base.sha,
          head: pr.head.sha,
          trustBase: true,
          pullRequest: { number: pr.number, headSha: pr.head.sha },
          canComment: true
        }
      }
      // GitHub checks out the merge commit refs/pull/N/merge. Its first parent is
      // the base tip GitHub merged against (fresher than pull_request.base.sha),
      // and its tree is exactly what merging would produce.
      return {
        name,
        baseIsFirstParentOf: checkedOut,
        head: checkedOut,
        trustBase: true,
        pullRequest: { number: pr.number, headSha: pr.head.sha },
        canComment: true
      }
    }
    case 'merge_group': {
      const mg = parse(mergeGroupPayload, payload, name).merge_group
      return {
        name,
        base: mg.base_sha,
        head: mg.head_sha,
        trustBase: true,
        canComment: false
      }
    }
    case 'push': {
      const push = parse(pushPayload, payload, name)
      return {
        name,
        // A new branch has an all-zero `before`: nothing to compare with.
        base: ZERO_SHA.test(push.before) ? undefined : push.before,
        head: push.after,
        trustBase: false,
        canComment: false
      }
    }
    default:
      return { name, head: checkedOut, trustBase: false, canComment: false }
  }
}
