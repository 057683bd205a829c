import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { UserError } from '../errors.js'
import { createOctokit } from '../github/octokit.js'
import { upsertComment } from '../github/sticky-comment.js'
import type { ActionInputs } from './inputs.js'

/** What the checking run leaves for the poster, beside comment.md. */
export const COMMENT_META = 'comment.json'

const metaSchema = z.strictObject({
  pr: z.number().int().positive(),
  passed: z.boolean(),
  marker: z
    .string()
    .regex(/^<!-- labelgate:report(?::[A-Za-z0-9._/-]{1,100})? -->$/)
})

export type CommentMeta = z.infer<typeof metaSchema>

/**
 * The second half of the fork pattern: a `workflow_run` job in the base
 * repository (write token) posts the body that the fork's run could not,
 * as the same sticky comment. The folder comes from an artifact a fork can
 * write, so it is data: the PR number and marker are validated, the body is
 * cut to GitHub's limit, and nothing in it is run.
 */
export async function postCommentFrom(
  dir: string,
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv
): Promise<void> {
  const metaPath = path.join(dir, COMMENT_META)
  const metaText = await readFile(metaPath, 'utf8').catch(() => {
    throw new UserError(
      'not found; upload the labelgate folder of the checking run',
      {
        file: metaPath
      }
    )
  })
  let raw: unknown
  try {
    raw = JSON.parse(metaText)
  } catch {
    throw new UserError('is not JSON', { file: metaPath })
  }
  const meta = metaSchema.safeParse(raw)
  if (!meta.success) {
    throw new UserError(
      `is not a labelgate comment description (${meta.error.issues[0]?.path.join('.') ?? ''}: ${meta.error.issues[0]?.message ?? 'invalid'})`,
      { file: metaPath }
    )
  }
  const bodyPath = path.join(dir, 'comment.md')
  const body = await readFile(bodyPath, 'utf8').catch(() => {
    throw new UserError('not found', { file: bodyPath })
  })
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '/').split('/')
  if (!owner || !repo) throw new UserError('GITHUB_REPOSITORY is not set')
  const result = await upsertComment(createOctokit(inputs.githubToken), {
    owner,
    repo,
    issueNumber: meta.data.pr,
    body,
    marker: meta.data.marker,
    mode: inputs.comment,
    passed: meta.data.passed
  })
  if (result.warning !== undefined) core.warning(result.warning)
  core.setOutput('comment-url', result.url ?? '')
  core.info(
    `labelgate: PR #${meta.data.pr} comment ${result.action}${result.url ? ` (${result.url})` : ''}`
  )
}
