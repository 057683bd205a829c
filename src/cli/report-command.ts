import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { chooseConfig } from '../check/choose-config.js'
import { runCheck } from '../check/run-check.js'
import { dashboardFiles } from '../dashboard/dashboard-files.js'
import { UserError } from '../errors.js'
import { checkTarget, writeFileAtomic } from '../fs/write-file-atomic.js'
import { GitSource, resolveRevision } from '../git/git-source.js'
import { computeHistory } from '../history/compute-history.js'
import { defaultCacheDir, FileCache } from '../history/file-cache.js'
import { HISTORY_SCHEMA, type History } from '../history/types.js'
import { NO_CACHE } from '../history/version-cache.js'
import type { Report } from '../report/types.js'
import { cleanText } from '../util/clean-text.js'
import type { ReportArgs } from './args.js'
import type { CliIo } from './cli-io.js'
import { refuseClashes } from './emit-report.js'
import { revisionInputPaths } from './input-paths.js'
import { repositoryRoot } from './repository-root.js'

/**
 * `labelgate report --html DIR`: the history of --ref (computed, or read
 * from --history), the check at --ref as `labelgate check --head REF` gives
 * it, and the site drawn from both, written to DIR. The exit status says
 * whether the site was written, not whether the gates pass.
 */
export async function reportCommand(
  args: ReportArgs,
  io: CliIo
): Promise<number> {
  const root = await repositoryRoot(process.cwd())
  const warn = (message: string) =>
    io.stderr(`labelgate: warning: ${cleanText(message)}\n`)
  const targets = ['index.html', 'history.json', 'report.json'].map((f) =>
    path.join(args.html, f)
  )
  // Not over a file it reads: the history it draws, the config, a label file.
  refuseClashes(targets, [
    ...(args.history !== undefined ? [args.history] : []),
    ...(await revisionInputPaths(root, args.ref, args.config))
  ])
  for (const target of targets) await checkTarget(target)

  const history =
    args.history !== undefined
      ? await readHistory(args.history)
      : (
          await computeHistory({
            cwd: root,
            ref: args.ref,
            since: args.since,
            max: args.max,
            datasets: args.datasets,
            configPath: args.config,
            cache: args.noCache
              ? NO_CACHE
              : new FileCache(
                  args.cache !== undefined
                    ? path.resolve(args.cache)
                    : defaultCacheDir(io.env),
                  warn
                ),
            now: new Date(),
            warn
          })
        ).history
  const report = await headReport(args, root)
  const { files, charts } = dashboardFiles(
    history,
    report,
    new Date().toISOString()
  )
  for (const file of files) {
    await writeFileAtomic(path.join(args.html, file.path), file.content)
  }
  if (!args.quiet) {
    const versions = history.datasets.reduce(
      (sum, d) => sum + d.versions.length,
      0
    )
    io.stdout(
      `labelgate report: ${cleanText(path.join(args.html, 'index.html'))}: ${report.datasets.length} dataset${report.datasets.length === 1 ? '' : 's'}, ${versions} version${versions === 1 ? '' : 's'}, ${charts} chart${charts === 1 ? '' : 's'}\n`
    )
  }
  return 0
}

/** The state at --ref, checked as `labelgate check --head REF` checks it (config from that commit). */
async function headReport(args: ReportArgs, root: string): Promise<Report> {
  const sha = await resolveRevision(args.ref ?? 'HEAD', root, '--ref')
  const head = new GitSource(sha, root)
  const chosen = await chooseConfig({
    head,
    trustBase: false,
    explicit: args.config
  })
  const { report } = await runCheck({
    config: chosen.config,
    configPath: chosen.path,
    configSource: chosen.source,
    head,
    base: undefined,
    trusted: head,
    notes: chosen.notes,
    datasets: args.datasets,
    now: new Date(),
    judge: 'state'
  })
  return report
}

/** A history JSON file (`labelgate history --json`), checked for its schema. */
async function readHistory(file: string): Promise<History> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new UserError(
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      { file }
    )
  })
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new UserError(`is not JSON (${(error as Error).message})`, { file })
  }
  const history = value as Partial<History> | null
  if (
    history === null ||
    typeof history !== 'object' ||
    history.schema !== HISTORY_SCHEMA ||
    !Array.isArray(history.datasets)
  ) {
    throw new UserError(
      `is not a labelgate history (expected "schema": "${HISTORY_SCHEMA}" and a datasets list; write one with labelgate history --json)`,
      { file }
    )
  }
  return history as History
}
