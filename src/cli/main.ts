import { existsSync } from 'node:fs'
import path from 'node:path'
import { workerPool } from '../formats/chunk-pool.js'
import { datasetPaths, inputPaths } from './input-paths.js'
import { threadCount } from '../formats/thread-count.js'
import { lstat, readFile } from 'node:fs/promises'
import {
  adjudicationFiles,
  consensusFiles,
  qcSampleFiles
} from '../check/artifact-files.js'
import { runCheck } from '../check/run-check.js'
import { decodeTextFile } from '../config/decode-text-file.js'
import { findConfigPath } from '../config/find-config.js'
import { loadConfig } from '../config/load-config.js'
import { isUserError, UserError } from '../errors.js'
import { excerpt } from '../util/excerpt.js'
import { VERSION } from '../version.js'
import { parseCliArgs, USAGE, type CheckArgs } from './args.js'
import { resolveSource, withLargeFiles } from './resolve-source.js'
import { chooseConfig } from '../check/choose-config.js'
import type { Config } from '../config/schema.js'
import { GitSource } from '../git/git-source.js'
import type { CliIo } from './cli-io.js'
import { migrate } from './migrate-command.js'
import { history } from './history-command.js'
import { reportCommand } from './report-command.js'
import { checkShards, statsCommand } from './stats-command.js'
import { emitReport } from './emit-report.js'
import { historyTrend } from '../history/trend-series.js'
import { gitModelEvaluation } from '../history/model-evaluation.js'
import { defaultCacheDir, FileCache } from '../history/file-cache.js'
import { NO_CACHE } from '../history/version-cache.js'
import { touchedDatasets } from '../check/select-datasets.js'
import { cleanText } from '../util/clean-text.js'
import type { Source } from '../source/source.js'
import { changedFiles } from './changed-files.js'
import { repositoryRoot } from './repository-root.js'
import { runGit } from '../git/run-git.js'
import { progressLineFor } from './progress-line.js'

export type { CliIo }

const processIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  columns: process.stdout.isTTY === true ? process.stdout.columns : undefined
})

/** Runs the CLI and returns the exit status (README): 0 pass, 1 fail, 2 could not run. */
export async function main(
  argv: string[],
  io: CliIo = processIo()
): Promise<number> {
  let debug = argv.includes('--debug')
  try {
    const args = parseCliArgs(argv)
    if (args.command === 'help') {
      io.stdout(`${USAGE}\n`)
      return 0
    }
    if (args.command === 'version') {
      io.stdout(`labelgate ${VERSION}\n`)
      return 0
    }
    debug = args.debug
    if (args.command === 'migrate') return await migrate(args, io)
    if (args.command === 'history') return await history(args, io)
    if (args.command === 'report') return await reportCommand(args, io)
    if (args.command === 'stats') return await statsCommand(args, io)
    if (args.stats) return await checkShards(args, io)
    return await check(args, io)
  } catch (error) {
    if (isUserError(error)) {
      io.stderr(`labelgate: ${error.format()}\n`)
      return 2
    }
    // Not a user error: a bug. Say so briefly; the stack only with --debug.
    // Cleaned like a UserError: the text may quote a file or a git name.
    const message = excerpt(
      error instanceof Error ? error.message : String(error),
      1000
    )
    io.stderr(
      `labelgate: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`
    )
    if (debug && error instanceof Error && error.stack) {
      io.stderr(`${error.stack}\n`)
    }
    return 2
  }
}

async function check(args: CheckArgs, io: CliIo): Promise<number> {
  // Paths in the config are relative to the repository root, wherever in
  // the repository labelgate runs.
  const root = await repositoryRoot(process.cwd())
  const head = await resolveSource(args.head, '--head', root)
  const base =
    args.base !== undefined
      ? await resolveSource(args.base, '--base', root)
      : undefined
  // An explicit --config is read as given; otherwise the trust boundary
  // applies: with a git base, the config and gold labels come from the base.
  const trustBase = base instanceof GitSource
  let chosen: {
    config: Config
    path: string
    source: 'base' | 'head' | 'file'
    notes: string[]
    headDatasets?: readonly string[]
  }
  if (args.config !== undefined) {
    const configPath = findConfigPath(args.config, existsSync)
    const bytes = await readFile(configPath).catch((error: unknown) => {
      throw new UserError(
        `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        { file: configPath }
      )
    })
    chosen = {
      config: loadConfig(decodeTextFile(bytes, configPath), configPath),
      path: configPath,
      source: 'file',
      notes: []
    }
  } else {
    chosen = await chooseConfig({ head, base, trustBase })
  }
  let datasets = args.datasets
  if (args.changed) {
    const touched = await changedDatasets(args, chosen, root, base, head)
    datasets = touched.filter((d) => datasets?.includes(d) ?? true)
    if (datasets.length === 0 && !args.quiet) {
      io.stdout(
        `labelgate: no dataset's files, reference, schema or config changed since ${cleanText(args.base!)}: nothing to check.\n`
      )
    }
  }
  if (args.files.length > 0) {
    const named = await filesDatasets(args, chosen, root, head)
    datasets = named.filter((d) => datasets?.includes(d) ?? true)
    if (datasets.length === 0 && !args.quiet) {
      io.stdout(
        'labelgate: the paths given belong to no dataset (its files, reference, schema or config): nothing to check.\n'
      )
    }
  }
  const phases: Record<string, number> = {}
  const progress = progressLineFor(io, args.quiet)
  const headFiles = withLargeFiles(head, root)
  const baseFiles = base !== undefined ? withLargeFiles(base, root) : undefined
  const pool = workerPool(threadCount(args.threads, io.env))
  const { report, artifacts } = await runCheck({
    progress,
    ...(pool !== undefined && { parallel: { pool } }),
    config: chosen.config,
    configPath: chosen.path,
    configSource: chosen.source,
    head: headFiles,
    base: baseFiles,
    trusted: trustBase ? baseFiles! : headFiles,
    notes: chosen.notes,
    datasets,
    headDatasets: chosen.headDatasets,
    now: new Date(),
    // With --base the change is judged (as on a pull request), else the state.
    judge: base === undefined ? 'state' : 'change',
    // Trend gates read the base branch's history (a git base only).
    trend:
      base instanceof GitSource
        ? historyTrend({
            cwd: root,
            base: base.sha,
            cache: args.noCache
              ? NO_CACHE
              : new FileCache(
                  args.cache !== undefined
                    ? path.resolve(args.cache)
                    : defaultCacheDir(io.env),
                  (m) => io.stderr(`labelgate: warning: ${cleanText(m)}\n`)
                ),
            now: new Date(),
            warn: (m) => io.stderr(`labelgate: warning: ${cleanText(m)}\n`)
          })
        : undefined,
    modelMetrics:
      head instanceof GitSource
        ? gitModelEvaluation(root, head.sha)
        : undefined,
    onPhase: (phase, ms) => {
      phases[phase] = (phases[phase] ?? 0) + ms
    }
  }).finally(async () => {
    progress?.finish()
    await pool?.close()
  })
  if (io.env.LABELGATE_PROFILE === '1') {
    // Read by bench/run.mjs: phase times and peak RSS of this process.
    const annotations = report.datasets.reduce(
      (sum, d) => sum + d.head.counts.annotations,
      0
    )
    io.stderr(
      `labelgate-profile ${JSON.stringify({ phases, annotations, maxRssKb: process.resourceUsage().maxRSS, workers: pool?.threads ?? 0, pieces: pool?.pieces ?? 0 })}\n`
    )
  }

  // Render everything before writing anything: no half-written outputs.
  const extra = [
    ...(args.adjudication !== undefined
      ? adjudicationFiles(artifacts, args.adjudication)
      : []),
    ...(args.qcSample !== undefined
      ? qcSampleFiles(artifacts, args.qcSample)
      : []),
    ...(args.consensus !== undefined
      ? consensusFiles(artifacts, args.consensus)
      : [])
  ]
  if (
    args.adjudication !== undefined &&
    !artifacts.some((a) => a.adjudication)
  ) {
    io.stderr(
      'labelgate: --adjudication: no dataset has an adjudication section in the config; no queue written\n'
    )
  }
  if (args.qcSample !== undefined && !artifacts.some((a) => a.qcSample)) {
    io.stderr(
      'labelgate: --qc-sample: no dataset has a qc_sample section in the config; no sample written\n'
    )
  }
  if (args.consensus !== undefined && !artifacts.some((a) => a.consensus)) {
    io.stderr(
      'labelgate: --consensus: no dataset has a fitted consensus model (config consensus); no labels written\n'
    )
  }
  // The report lists the head's files; a base folder can hold others.
  const headPaths = report.datasets.flatMap((d) => [
    ...d.files,
    ...d.reference_files
  ])
  const inputs = inputPaths(
    root,
    [
      { given: args.head, source: head, files: headPaths },
      ...(base === undefined
        ? []
        : [
            {
              given: args.base,
              source: base,
              files:
                base instanceof GitSource
                  ? headPaths
                  : await datasetPaths(
                      base,
                      chosen.config,
                      report.datasets.map((d) => d.name)
                    )
            }
          ])
    ],
    chosen
  )
  await emitReport(report, args, io, extra, inputs)
  return report.passed ? 0 : 1
}

/**
 * `check FILE...`: the datasets the named files belong to. A pre-commit hook
 * passes the committed files, relative to the repository root, where it runs;
 * a person may name them from a subdirectory, so they are taken relative to
 * the working directory. A folder stands for the files under it, each as if
 * named (DVC pointers and `exclude` as for a named file; the root: all). A
 * path that does not exist is an error (a typo would otherwise check nothing
 * and pass), unless git knows it: a script that passes `git diff
 * --name-only` names the files a change deleted, and their datasets are
 * checked. (pre-commit passes only files that exist.)
 */
async function filesDatasets(
  args: CheckArgs,
  chosen: { config: Config; path: string },
  root: string,
  head: Source
): Promise<string[]> {
  const relative = (file: string) =>
    path.relative(root, path.resolve(file)).split(path.sep).join('/')
  const configPath =
    args.config !== undefined ? relative(chosen.path) : chosen.path
  const files: string[] = []
  const folders: string[] = []
  const missing: string[] = []
  for (const file of args.files) {
    // lstat: a link to content not fetched (git-annex) still names a file.
    const stat = await lstat(file).catch(() => undefined)
    if (stat === undefined) missing.push(file)
    else if (stat.isDirectory()) folders.push(relative(file))
    else files.push(relative(file))
  }
  if (missing.length > 0) {
    const known = await knownToGit(missing.map(relative), root)
    const unknown = missing.find((file) => !known.has(relative(file)))
    if (unknown !== undefined) {
      throw new UserError(
        'no such file or folder (FILE... names files or folders whose datasets to check)',
        { file: unknown }
      )
    }
    files.push(...missing.map(relative))
  }
  // A folder: the files under it, as if each were named (the root: all).
  if (folders.includes('')) return chosen.config.datasets.map((d) => d.name)
  for (const folder of folders) {
    if (folder === '..' || folder.startsWith('../')) continue
    const literal = folder.replace(/[*?[\]{}()!+@\\]/g, '\\$&')
    files.push(...(await head.list(`${literal}/**`)))
  }
  return touchedDatasets(chosen.config, configPath, files)
}

/**
 * Which of these repository paths git knows though they are not on disk:
 * in the index (deleted, not yet staged) or in a commit of any branch (a
 * deletion staged or committed). None outside git.
 */
async function knownToGit(
  paths: readonly string[],
  root: string
): Promise<Set<string>> {
  const inside = paths.filter((p) => p !== '..' && !p.startsWith('../'))
  const known = new Set<string>()
  if (inside.length === 0) return known
  for (const command of [
    ['ls-files', '-z', '--cached'],
    ['log', '--all', '--format=', '--name-only', '-z']
  ]) {
    const r = await runGit(
      ['--literal-pathspecs', ...command, '--', ...inside],
      {
        cwd: root
      }
    ).catch(() => undefined)
    if (r === undefined || r.code !== 0) continue
    for (const p of r.stdout.toString('utf8').split(/[\0\n]/))
      if (p !== '') known.add(p)
    // The index knew them all: no need to walk the history.
    if (inside.every((p) => known.has(p))) break
  }
  return known
}

/**
 * `--changed`: the datasets whose annotation, reference or schema files or
 * whose config differ between the base revision and the head (a revision or
 * the working tree), as the action selects them on a pull request.
 */
async function changedDatasets(
  args: CheckArgs,
  chosen: { config: Config; path: string },
  root: string,
  base: Source | undefined,
  head: Source
): Promise<string[]> {
  if (!(base instanceof GitSource)) {
    throw new UserError(
      base === undefined
        ? 'needs --base REF: the datasets changed since which revision?'
        : 'needs --base to be a git revision, not a folder',
      { field: '--changed' }
    )
  }
  if (args.head !== undefined && !(head instanceof GitSource)) {
    throw new UserError(
      'needs --head to be a git revision or the working tree, not a folder',
      { field: '--changed' }
    )
  }
  const files = await changedFiles(
    base.sha,
    head instanceof GitSource ? head.sha : undefined,
    root
  )
  // An explicit --config is named from where labelgate runs.
  const configPath =
    args.config !== undefined
      ? path.relative(root, path.resolve(chosen.path)).split(path.sep).join('/')
      : chosen.path
  return touchedDatasets(chosen.config, configPath, files)
}
