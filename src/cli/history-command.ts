import path from 'node:path'
import { checkTarget, writeFileAtomic } from '../fs/write-file-atomic.js'
import { computeHistory } from '../history/compute-history.js'
import { defaultCacheDir, FileCache } from '../history/file-cache.js'
import { historyCsv } from '../history/history-csv.js'
import { NO_CACHE } from '../history/version-cache.js'
import { formatCount, formatCountOf } from '../render/shared/format-number.js'
import { cleanText } from '../util/clean-text.js'
import type { HistoryArgs } from './args.js'
import type { CliIo } from './cli-io.js'
import { refuseClashes } from './emit-report.js'
import { revisionInputPaths } from './input-paths.js'
import { repositoryRoot } from './repository-root.js'

/** `labelgate history`: every version's check along a branch, as JSON and CSV. */
export async function history(args: HistoryArgs, io: CliIo): Promise<number> {
  const root = await repositoryRoot(process.cwd())
  const warn = (message: string) =>
    io.stderr(`labelgate: warning: ${cleanText(message)}\n`)
  const cache = args.noCache
    ? NO_CACHE
    : new FileCache(
        args.cache !== undefined
          ? path.resolve(args.cache)
          : defaultCacheDir(io.env),
        warn
      )
  // Not over a file it reads, nor both outputs in one file.
  const targets = [args.json, args.csv]
  refuseClashes(targets, await revisionInputPaths(root, args.ref, args.config))
  for (const target of targets) {
    if (target !== undefined) await checkTarget(target)
  }
  const { history, stats } = await computeHistory({
    cwd: root,
    ref: args.ref,
    since: args.since,
    max: args.max,
    datasets: args.datasets,
    configPath: args.config,
    cache,
    now: new Date(),
    warn
  })
  const json = `${JSON.stringify(history, null, 2)}\n`
  const csv = args.csv !== undefined ? historyCsv(history) : undefined
  if (args.json !== undefined) await writeFileAtomic(args.json, json)
  if (args.csv !== undefined) await writeFileAtomic(args.csv, csv!)
  if (!args.quiet) {
    for (const d of history.datasets) {
      const last = d.versions[d.versions.length - 1]
      io.stdout(
        `${cleanText(d.name)}: ${formatCountOf(d.versions.length, 'version')}` +
          (last === undefined
            ? ''
            : `, newest ${last.commit.slice(0, 7)} (${last.date})`) +
          '\n'
      )
    }
    // The counter tells a warm run from a cold one (and tests read it).
    io.stdout(
      `labelgate history: ${formatCountOf(stats.versions, 'version')}, ${formatCount(stats.computed)} checked, ${formatCount(stats.cached)} from the cache\n`
    )
  }
  return 0
}
