import * as core from '@actions/core'
import { lstat, readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { Report } from '../report/types.js'
import { commentBody } from './comment-body.js'
import { connectGitHub } from './connect-github.js'
import type { ActionInputs } from './inputs.js'
import { parseReport } from './report-schema.js'
import { readTriggeringRun } from './triggering-run.js'
import { verifyCommentTarget } from './verify-comment-target.js'

/** What the checking run leaves for the poster, beside report.json. */
export const COMMENT_META = 'comment.json'
export const COMMENT_REPORT = 'report.json'

/** comment.json is a few dozen bytes. */
const META_MAX_BYTES = 4096
/** The report is bounded by its schema too; this bounds the read. */
const REPORT_MAX_BYTES = 64 * 1024 * 1024

const metaSchema = z.strictObject({
  pr: z.number().int().positive(),
  /** Written by older checking runs; the verdict now comes from the report. */
  passed: z.boolean().optional(),
  marker: z
    .string()
    .regex(/^<!-- labelgate:report(?::[A-Za-z0-9._/-]{1,100})? -->$/)
})

export type CommentMeta = z.infer<typeof metaSchema>

/**
 * The second half of the fork pattern: a `workflow_run` job in the base
 * repository (write token) posts the comment that the fork's run could not.
 * The folder is an artifact of a run whose workflow a fork can change, so
 * it is only data: the PR it names must be the one the triggering run
 * checked (head SHA, repository and branch), and the body is rebuilt from the
 * JSON report by labelgate's own renderer, which escapes every string. No
 * Markdown from the artifact is posted. Anything that does not check out is
 * a warning and no comment.
 */
export async function postCommentFrom(
  dir: string,
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv
): Promise<void> {
  core.setOutput('comment-url', '')
  const refuse = (why: string): void =>
    core.warning(`labelgate: no comment posted: ${why}`)

  const artifact = await readArtifact(dir)
  if ('error' in artifact) return refuse(artifact.error)
  const run = readTriggeringRun(env)
  if ('error' in run) return refuse(run.error)
  const github = connectGitHub(inputs, env)
  if (github === undefined) return
  const { meta, report } = artifact
  const refusal = await verifyCommentTarget(meta.pr, run, github)
  if (refusal !== undefined) return refuse(refusal)

  const runUrl = env.GITHUB_SERVER_URL
    ? `${env.GITHUB_SERVER_URL}/${github.fullName}/actions/runs/${run.id}`
    : undefined
  const result = await github.upsertComment({
    issueNumber: meta.pr,
    body: commentBody(report, {
      summaryUrl: runUrl,
      repositoryUrl: env.GITHUB_SERVER_URL
        ? `${env.GITHUB_SERVER_URL}/${github.fullName}`
        : undefined
    }),
    marker: meta.marker,
    mode: inputs.comment,
    passed: report.passed
  })
  if (result.warning !== undefined) core.warning(result.warning)
  core.setOutput('comment-url', result.url ?? '')
  core.info(
    `labelgate: PR #${meta.pr} comment ${result.action}${result.url ? ` (${result.url})` : ''}`
  )
}

type Artifact = { meta: CommentMeta; report: Report } | { error: string }

async function readArtifact(dir: string): Promise<Artifact> {
  const metaText = await readBounded(
    path.join(dir, COMMENT_META),
    META_MAX_BYTES
  )
  if (typeof metaText !== 'string') return metaText
  const meta = metaSchema.safeParse(parseJson(metaText))
  if (!meta.success) {
    const issue = meta.error.issues[0]
    return {
      error: `${COMMENT_META} is not a labelgate comment description (${clean(issue?.path.map(String).join('.') ?? '')}: ${clean(issue?.message ?? 'invalid')})`
    }
  }
  const reportText = await readBounded(
    path.join(dir, COMMENT_REPORT),
    REPORT_MAX_BYTES
  )
  if (typeof reportText !== 'string') return reportText
  const report = parseReport(parseJson(reportText))
  if ('error' in report) {
    return {
      error: `${COMMENT_REPORT} is not a labelgate report (${clean(report.error)})`
    }
  }
  return { meta: meta.data, report: report.report }
}

/** A regular file's text, or why it cannot be read (never a symlink). */
async function readBounded(
  file: string,
  maxBytes: number
): Promise<string | { error: string }> {
  const name = path.basename(file)
  const stat = await lstat(file).catch(() => undefined)
  if (stat === undefined) {
    return {
      error: `${name} is missing from the folder; upload the checking run's labelgate folder (report.json and comment.json)`
    }
  }
  if (!stat.isFile()) return { error: `${name} is not a regular file` }
  if (stat.size > maxBytes) {
    return { error: `${name} is larger than ${maxBytes} bytes` }
  }
  return readFile(file, 'utf8')
}

/** Invalid JSON parses to undefined, which every schema refuses. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** One printable line of at most 200 characters, for a warning. */
function clean(text: string): string {
  const line = text.replace(/[^\x20-\x7e]/g, '?')
  return line.length > 200 ? `${line.slice(0, 200)}…` : line
}
