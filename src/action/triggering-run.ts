import { readFileSync } from 'node:fs'
import { z } from 'zod'

/**
 * The run that triggered a `workflow_run` job: the checking run whose
 * artifact the poster reads. GitHub writes this payload, so it is the
 * trusted side the artifact's claims are compared with.
 */
export interface TriggeringRun {
  id: number
  /** The event of the checking run (`pull_request` for the fork pattern). */
  event: string
  headSha: string
  /** The branch the run was for (in the head repository); null when unknown. */
  headBranch: string | null
  /** `owner/name` of the head repository (the fork); null when unknown. */
  headRepository: string | null
  /** `owner/name` the run belongs to (the base repository). */
  repository: string
  /**
   * Pull requests GitHub associates with the run. Empty for a pull request
   * from a fork (a documented limitation of the payload).
   */
  pullRequests: { number: number; headSha: string }[]
}

const sha = z.string().regex(/^[0-9a-f]{40}$/i)
const repository = z.object({ full_name: z.string() })
const payload = z.object({
  workflow_run: z.object({
    id: z.number().int().positive(),
    event: z.string(),
    head_sha: sha,
    head_branch: z.string().nullable().optional(),
    head_repository: repository.nullable().optional(),
    repository,
    pull_requests: z
      .array(
        z.object({
          number: z.number().int().positive(),
          head: z.object({ sha: z.string() })
        })
      )
      .default([])
  })
})

/** The triggering run, or why there is none (a sentence for a warning). */
export function readTriggeringRun(
  env: NodeJS.ProcessEnv
): TriggeringRun | { error: string } {
  if (env.GITHUB_EVENT_NAME !== 'workflow_run') {
    return {
      error: `post-comment runs in a job triggered by workflow_run, not by ${JSON.stringify(env.GITHUB_EVENT_NAME ?? '').slice(0, 60)}`
    }
  }
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8'))
  } catch {
    return { error: 'cannot read the workflow_run event payload' }
  }
  const parsed = payload.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      error: `the workflow_run event payload lacks ${issue?.path.join('.') ?? 'a field'}`
    }
  }
  const run = parsed.data.workflow_run
  return {
    id: run.id,
    event: run.event,
    headSha: run.head_sha.toLowerCase(),
    headBranch: run.head_branch ?? null,
    headRepository: run.head_repository?.full_name ?? null,
    repository: run.repository.full_name,
    pullRequests: run.pull_requests.map((p) => ({
      number: p.number,
      headSha: p.head.sha.toLowerCase()
    }))
  }
}
