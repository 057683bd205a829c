import { capReport } from '../report/cap-report.js'
import * as core from '@actions/core'
import path from 'node:path'
import { chooseConfig } from '../check/choose-config.js'
import type { Config } from '../config/schema.js'
import { adjudicationFiles, qcSampleFiles } from '../check/artifact-files.js'
import type { DatasetArtifacts } from '../check/evaluate-dataset.js'
import { runCheck } from '../check/run-check.js'
import { isUserError } from '../errors.js'
import { writeFileAtomic } from '../fs/write-file-atomic.js'
import { changedPaths, ensureCommit, firstParent } from '../git/commits.js'
import { GitSource } from '../git/git-source.js'
import { LargeFileSource } from '../large-files/large-file-source.js'
import type { Source } from '../source/source.js'
import { commentMarker } from '../github/comment-marker.js'
import { gateEffect } from '../gates/evaluate-gates.js'
import { renderMarkdown } from '../render/markdown/render-markdown.js'
import { matchPaths } from '../source/path-pattern.js'
import type { Report } from '../report/types.js'
import { annotateProblems } from './annotate-problems.js'
import { raisedWarnings } from './report-warnings.js'
import { ActionHistoryCache } from './history-cache.js'
import { historyTrend } from '../history/trend-series.js'
import { FileCache } from '../history/file-cache.js'
import { gitModelEvaluation } from '../history/model-evaluation.js'
import { commentBody } from './comment-body.js'
import { connectGitHub } from './connect-github.js'
import {
  COMMENT_META,
  COMMENT_REPORT,
  postCommentFrom,
  type CommentMeta
} from './post-comment.js'
import { readRunEvent } from './event.js'
import { parseActionInputs, type ActionInputs } from './inputs.js'
import { workerPool } from '../formats/chunk-pool.js'
import { threadCount } from '../formats/thread-count.js'
import { touchedDatasets } from '../check/select-datasets.js'
import { cleanText } from '../util/clean-text.js'
import { excerpt } from '../util/excerpt.js'

/** Job summaries are capped at 1 MiB per step; keep a margin. */
const SUMMARY_LIMIT = 1_000_000

/**
 * The action: resolves base and head from the event, reads the trusted config,
 * evaluates the datasets the change touches, then publishes the report (job
 * summary, annotations, sticky comment, outputs). The exit status is the gate.
 */
export async function runAction(
  env: NodeJS.ProcessEnv = process.env
): Promise<void> {
  try {
    // Masked before anything else can fail and print.
    const token = core.getInput('github-token')
    if (token !== '') core.setSecret(token)
    const inputs = parseActionInputs(core.getInput)
    if (inputs.postComment !== undefined) {
      await postCommentFrom(inputs.postComment, inputs, env)
      return
    }
    await check(inputs, env)
  } catch (error) {
    if (isUserError(error)) core.setFailed(`labelgate: ${error.format()}`)
    else {
      core.setFailed(
        `labelgate: internal error: ${excerpt(error instanceof Error ? error.message : String(error), 1000)}`
      )
      if (error instanceof Error && error.stack) core.debug(error.stack)
    }
  }
}

async function check(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv
): Promise<void> {
  const cwd = env.GITHUB_WORKSPACE ?? process.cwd()
  const event = readRunEvent(env)
  const notes: string[] = []

  const headCommit = await ensureCommit(inputs.head ?? event.head, cwd)
  if (headCommit.note !== undefined) core.info(`labelgate: ${headCommit.note}`)
  const headSha = headCommit.sha
  let baseSha: string | undefined
  const baseRevision =
    inputs.base ??
    event.base ??
    (event.baseIsFirstParentOf !== undefined
      ? await firstParent(headSha, cwd)
      : undefined)
  if (baseRevision !== undefined) {
    const baseCommit = await ensureCommit(baseRevision, cwd)
    if (baseCommit.note !== undefined) {
      core.info(`labelgate: ${baseCommit.note}`)
    }
    baseSha = baseCommit.sha
  }
  const head = new GitSource(headSha, cwd)
  const base = baseSha !== undefined ? new GitSource(baseSha, cwd) : undefined
  const chosen = await chooseConfig({
    head,
    base,
    trustBase: event.trustBase,
    explicit: inputs.config
  })
  notes.push(...chosen.notes)
  // The reference labels are trusted from the same side as the config: from
  // the base, unless the base has no config yet (the change that introduces
  // labelgate brings its own gold files, which the base does not have).
  const trustBase = chosen.source === 'base' && base !== undefined

  const changed =
    base !== undefined ? await changedPaths(base.sha, head.sha, cwd) : undefined
  let datasets: string[] | undefined
  if (inputs.datasets === 'changed' && base !== undefined && changed) {
    datasets = touchedDatasets(chosen.config, chosen.path, changed)
    if (datasets.length === 0) {
      const message = `No label file is touched by ${base.sha.slice(0, 7)}..${head.sha.slice(0, 7)}: nothing to check.`
      core.info(`labelgate: ${message}`)
      await core.summary.addRaw(`### labelgate\n\n✅ ${message}\n`).write()
      core.setOutput('passed', 'true')
      core.setOutput('report', '')
      core.setOutput('comment-body', '')
      // A comment from an earlier push that did touch labels would go stale:
      // update it (never create one) to say there is nothing to check now.
      let url = ''
      const github =
        event.canComment &&
        event.pullRequest !== undefined &&
        inputs.comment !== 'never'
          ? connectGitHub(inputs, env)
          : undefined
      if (github !== undefined && event.pullRequest !== undefined) {
        const marker = commentMarker(
          chosen.path === '.github/labelgate.yml' ? undefined : chosen.path
        )
        const result = await github.upsertComment({
          issueNumber: event.pullRequest.number,
          body: `${marker}\n### labelgate\n\n✅ ${message}\n`,
          marker,
          mode: 'on-failure',
          passed: true
        })
        if (result.warning !== undefined) core.warning(result.warning)
        url = result.url ?? ''
      }
      core.setOutput('comment-url', url)
      return
    }
  }
  if (trustBase) {
    notes.push(
      'Config and reference labels are read from the base commit, so a change cannot lower its own bar or rewrite its own gold set.'
    )
    // The trust boundary (README): the report says so when the change edits either.
    const edited = editedReferenceFiles(chosen.config, datasets, changed ?? [])
    if (edited.length > 0) {
      notes.push(
        `This change edits reference labels (${edited.join(', ')}): the check uses the base's; the new ones apply after merge.`
      )
    }
  }
  if (event.pullRequest !== undefined && event.name === 'pull_request') {
    notes.push(
      `Head files are read from the merge commit ${headSha.slice(0, 7)} (PR head ${event.pullRequest.headSha.slice(0, 7)} merged into the base).`
    )
  }

  const headFiles = withLargeFiles(head, cwd)
  const baseFiles = base !== undefined ? withLargeFiles(base, cwd) : undefined
  // Trend gates read the base branch's history; its cache persists across runs.
  const trendGates = chosen.config.datasets.some((d) =>
    Object.values(d.gates).some((g) => g.max_decline !== undefined)
  )
  const historyCache =
    trendGates && base !== undefined
      ? new ActionHistoryCache(env, base.sha)
      : undefined
  await historyCache?.restore()
  const pool = workerPool(threadCount(inputs.threads, env))
  const { report, artifacts } = await runCheck({
    ...(pool !== undefined && { parallel: { pool } }),
    trend:
      historyCache === undefined
        ? undefined
        : historyTrend({
            cwd,
            base: base!.sha,
            cache: new FileCache(historyCache.dir, (m) => core.warning(m)),
            now: new Date(),
            warn: (m) => core.warning(`labelgate: ${cleanText(m)}`)
          }),
    modelMetrics: gitModelEvaluation(cwd, head.sha),
    config: chosen.config,
    configPath: chosen.path,
    configSource: chosen.source,
    head: headFiles,
    base: baseFiles,
    trusted: trustBase ? baseFiles! : headFiles,
    datasets,
    headDatasets: chosen.headDatasets,
    notes,
    now: new Date(),
    // Pull requests and merge groups judge the change; pushes the state.
    judge: event.trustBase ? 'change' : 'state'
  }).finally(() => pool?.close())
  await historyCache?.save()
  await publish(report, artifacts, {
    inputs,
    env,
    prNumber: event.pullRequest?.number,
    canComment: event.canComment,
    configPath: chosen.path,
    cwd,
    // The dashboard draws the branch the change goes into, with this run as the head.
    historyRef: event.trustBase && base !== undefined ? base.sha : head.sha
  })
}

/** Reference files of the evaluated datasets that the change touches. */
function editedReferenceFiles(
  config: Config,
  datasets: readonly string[] | undefined,
  changed: readonly string[]
): string[] {
  const edited = new Set<string>()
  for (const d of config.datasets) {
    if (d.reference === undefined) continue
    if (datasets !== undefined && !datasets.includes(d.name)) continue
    for (const p of matchPaths(changed, d.reference.path)) edited.add(p)
  }
  return [...edited]
}

interface PublishContext {
  inputs: ActionInputs
  env: NodeJS.ProcessEnv
  /** The pull request the event is about, if any. */
  prNumber: number | undefined
  /** Comments make sense for the event. */
  canComment: boolean
  configPath: string
  /** The repository root. */
  cwd: string
  /** Whose history the dashboard draws. */
  historyRef: string
}

async function publish(
  report: Report,
  artifacts: DatasetArtifacts[],
  {
    inputs,
    env,
    prNumber,
    canComment,
    configPath,
    cwd,
    historyRef
  }: PublishContext
): Promise<void> {
  const dir = path.join(
    env.RUNNER_TEMP ?? path.resolve('.labelgate'),
    'labelgate'
  )
  const reportPath = path.join(dir, COMMENT_REPORT)
  // The adjudication queue and QC sample, for the people who review labels
  // (upload them with actions/upload-artifact).
  const adjudication = adjudicationFiles(
    artifacts,
    path.join(dir, 'adjudication.csv')
  )
  const qc = qcSampleFiles(artifacts, path.join(dir, 'qc-sample.csv'))
  for (const file of [...adjudication, ...qc]) {
    await writeFileAtomic(file.path, file.content)
  }
  core.setOutput('adjudication', adjudication.map((f) => f.path).join('\n'))
  core.setOutput('qc-sample', qc.map((f) => f.path).join('\n'))
  const bodyPath = path.join(dir, 'comment.md')
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined
  const repositoryUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}`
      : undefined
  const body = commentBody(report, { summaryUrl: runUrl, repositoryUrl })
  // The JSON report keeps its sections bounded (see capReport).
  await writeFileAtomic(
    reportPath,
    `${JSON.stringify(capReport(report), null, 2)}\n`
  )
  await writeFileAtomic(bodyPath, body)
  const marker = commentMarker(
    configPath === '.github/labelgate.yml' ? undefined : configPath
  )
  if (prNumber !== undefined) {
    // For the two-workflow (fork) pattern: what the poster needs besides
    // report.json (it rebuilds the body from the report, never from comment.md).
    await writeFileAtomic(path.join(dir, 'pr-number'), `${prNumber}\n`)
    const meta: CommentMeta = { pr: prNumber, passed: report.passed, marker }
    await writeFileAtomic(path.join(dir, COMMENT_META), JSON.stringify(meta))
  }

  // The job summary needs no token, so it works on forks too.
  const summary = renderMarkdown(report, {
    maxLength: SUMMARY_LIMIT,
    target: 'summary',
    repositoryUrl
  })
  await core.summary.addRaw(summary).write()

  // GitHub's annotation limits are per step: one budget across datasets.
  annotateProblems(
    report.datasets.flatMap((d) => d.problems),
    core
  )

  core.setOutput('passed', String(report.passed))
  core.setOutput('report', reportPath)
  core.setOutput('comment-body', bodyPath)

  let commentUrl = ''
  const github =
    canComment && prNumber !== undefined && inputs.comment !== 'never'
      ? connectGitHub(inputs, env)
      : undefined
  if (github !== undefined && prNumber !== undefined) {
    const result = await github.upsertComment({
      issueNumber: prNumber,
      body,
      marker,
      mode: inputs.comment,
      passed: report.passed
    })
    if (result.warning !== undefined) core.warning(result.warning)
    commentUrl = result.url ?? ''
    core.info(
      `labelgate: PR comment ${result.action}${commentUrl ? ` (${commentUrl})` : ''}`
    )
  }
  core.setOutput('comment-url', commentUrl)

  if (inputs.dashboard) {
    // Loaded only when asked for: the artifact client is most of the bundle,
    // and every other run would pay for parsing it at start.
    const { publishDashboard } = await import('./publish-dashboard.js')
    await publishDashboard(report, {
      dir,
      cwd,
      historyRef,
      configPath,
      upload: prNumber !== undefined,
      env
    })
  }

  const warned = raisedWarnings(report)
  if (inputs.failOn !== 'never' && !report.passed) {
    const failed = report.datasets.flatMap((d) =>
      d.gates
        .filter((g) => gateEffect(g) === 'error')
        .map((g) => `${d.name}: ${g.metric} ${g.message}`)
    )
    core.setFailed(
      // Dataset names and messages can hold text from the change: cleaned.
      cleanText(
        `labelgate: the label gate failed${failed.length > 0 ? ` — ${failed.slice(0, 3).join('; ')}` : ' (data problems of severity error)'}`
      )
    )
  } else if (inputs.failOn === 'warning' && warned) {
    core.setFailed('labelgate: warnings were raised and fail-on is warning')
  }
}

/** A commit's files, with Git LFS and DVC pointers read as the files they stand for. */
function withLargeFiles(source: GitSource, cwd: string): Source {
  return new LargeFileSource(source, cwd, source.sha)
}
