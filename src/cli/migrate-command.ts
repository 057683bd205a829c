import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { findConfigPath } from '../config/find-config.js'
import { loadConfig } from '../config/load-config.js'
import { UserError } from '../errors.js'
import { FolderSource } from '../fs/folder-source.js'
import { replaceFiles } from '../fs/replace-files.js'
import { planMigration, type MigratedFile } from '../migrate/run-migrate.js'
import { cleanText } from '../util/clean-text.js'
import type { MigrateArgs } from './args.js'
import type { CliIo } from './cli-io.js'
import { repositoryRoot } from './repository-root.js'

/** Lines of a removed label listed before "...". */
const SHOW_LINES = 5

/** Skipped files listed per dataset and reason before a count. */
const SHOW_SKIPPED = 5

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
}

/** "data/a.csv: 12 labels rewritten (pos → positive 10, neg → negative 2)" */
function summary(f: MigratedFile, dryRun: boolean): string[] {
  const file = cleanText(f.file)
  const renamed = [...f.result.renamed]
  const total = renamed.reduce((sum, [, r]) => sum + r.count, 0)
  const lines: string[] = []
  if (total === 0) {
    lines.push(`${file}: no label to migrate`)
  } else {
    const what = renamed
      .map(([from, r]) => `${cleanText(from)} → ${cleanText(r.to)} ${r.count}`)
      .join(', ')
    lines.push(
      `${file}: ${dryRun ? 'would rewrite' : 'rewrote'} ${count(total, 'label')} (${what})`
    )
  }
  const removed = new Map<string, number[]>()
  for (const r of f.result.removed) {
    const at = removed.get(r.label)
    if (at === undefined) removed.set(r.label, [r.line])
    else at.push(r.line)
  }
  const merged = new Map<string, number[]>()
  for (const m of f.result.merged) {
    const at = merged.get(m.label)
    if (at === undefined) merged.set(m.label, [m.line])
    else at.push(m.line)
  }
  for (const [label, at] of merged) {
    const shown = at.slice(0, SHOW_LINES).join(', ')
    const more =
      at.length > SHOW_LINES ? `, ... ${at.length - SHOW_LINES} more` : ''
    lines.push(
      `${file}: ${count(at.length, 'label set')} held '${cleanText(label)}' twice once renamed; ${dryRun ? 'would keep' : 'kept'} it once (line${at.length === 1 ? '' : 's'} ${shown}${more})`
    )
  }
  for (const [label, at] of removed) {
    const shown = at.slice(0, SHOW_LINES).join(', ')
    const more =
      at.length > SHOW_LINES ? `, ... ${at.length - SHOW_LINES} more` : ''
    lines.push(
      `${file}: ${count(at.length, 'record')} still hold${at.length === 1 ? 's' : ''} '${cleanText(label)}', which a migration removed (line${at.length === 1 ? '' : 's'} ${shown}${more}): relabel or delete ${at.length === 1 ? 'it' : 'them'}`
    )
  }
  return lines
}

/**
 * `labelgate migrate`: rewrites the working tree's label files through the
 * label schema's migrations. Every file is read and rewritten in memory
 * first; only then are the changed files replaced (each atomically).
 * Exit 0 done, 1 when records still hold a removed label, 2 could not run.
 */
export async function migrate(args: MigrateArgs, io: CliIo): Promise<number> {
  // As for `check`: label paths are relative to the repository root, and
  // without --config the default config is looked for there, so migrate
  // works from any subdirectory. An explicit --config is read as given.
  const root = await repositoryRoot(process.cwd())
  const explicit = args.config !== undefined && args.config !== ''
  // Named as found (repository-relative for a default) in messages.
  const configPath = explicit
    ? findConfigPath(args.config, existsSync)
    : findConfigPath(undefined, (p) => existsSync(path.join(root, p)))
  const configFile = explicit ? configPath : path.join(root, configPath)
  const text = await readFile(configFile, 'utf8').catch((error: unknown) => {
    throw new UserError(
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      { file: configPath }
    )
  })
  const config = loadConfig(text, configPath)
  const source = new FolderSource(root, 'worktree')
  const plan = await planMigration(config, source, args.datasets)
  if (!args.dryRun && plan.writes.size > 0) {
    await replaceFiles(root, plan.writes)
  }
  const out: string[] = []
  for (const s of plan.skipped) {
    out.push(
      `dataset '${cleanText(s.dataset)}' ${s.reason}: nothing to migrate`
    )
  }
  // One line per skipped file, up to SHOW_SKIPPED per dataset and reason:
  // a dataset of ten thousand CoNLL files gets a count, not a flood.
  const skippedShown = new Map<string, number>()
  for (const s of plan.skippedFiles) {
    const key = `${s.dataset}\u0000${s.reason}`
    const n = (skippedShown.get(key) ?? 0) + 1
    skippedShown.set(key, n)
    if (n <= SHOW_SKIPPED)
      out.push(`${cleanText(s.file)}: skipped: ${s.reason}`)
  }
  for (const [key, n] of skippedShown) {
    if (n <= SHOW_SKIPPED) continue
    out.push(
      `... and ${count(n - SHOW_SKIPPED, 'more file')} of dataset '${cleanText(key.split('\u0000')[0]!)}' skipped for the same reason`
    )
  }
  for (const f of plan.files) out.push(...summary(f, args.dryRun))
  if (!args.quiet) io.stdout(out.map((l) => `${l}\n`).join(''))
  const left = plan.files.some((f) => f.result.removed.length > 0)
  if (left && args.quiet) {
    io.stderr(
      out
        .filter((l) => l.includes('which a migration removed'))
        .map((l) => `labelgate: ${l}\n`)
        .join('')
    )
  }
  return left ? 1 : 0
}
