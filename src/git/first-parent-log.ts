import { UserError } from '../errors.js'
import { runGit } from './run-git.js'

/** One commit of a branch's first-parent history, with the paths it changed. */
export interface LoggedCommit {
  sha: string
  /** Committer date, ISO 8601 (strict). */
  date: string
  author: string
  subject: string
  /** Paths changed against the first parent (every path for a root or shallow-boundary commit). */
  paths: string[]
}

/** Where the walk starts and how far back it goes. */
export interface LogRange {
  /** The commit whose first-parent history is walked (a SHA). */
  head: string
  /** Only commits after this one (a SHA, exclusive). */
  after?: string
  /** Only commits with a committer date at or after this instant. */
  since?: Date
}

/** The record separator git writes before each commit (`%x1e`). */
const SEPARATOR = '\u001e'
const SHA = /^[0-9a-f]{40,64}$/

/** The SHA a token starts a commit with (an optional newline, RS, the SHA), else undefined. */
function commitStart(token: string): string | undefined {
  const t = token.startsWith('\n') ? token.slice(1) : token
  if (!t.startsWith(SEPARATOR)) return undefined
  const sha = t.slice(1)
  return SHA.test(sha) ? sha : undefined
}

/**
 * The first-parent history of `range.head`, newest first, each commit with
 * the paths it changed against its first parent (merges included, diffed
 * against the first parent as the branch saw them). A shallow clone gives the
 * commits it has: the walk ends at the boundary, never fails there.
 */
export async function firstParentLog(
  range: LogRange,
  cwd: string
): Promise<LoggedCommit[]> {
  const args = [
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--no-renames',
    '--name-only',
    '-z',
    '--format=%x1e%H%x00%cI%x00%an%x00%s'
  ]
  if (range.since !== undefined)
    args.push(`--since=${range.since.toISOString()}`)
  args.push('--end-of-options')
  args.push(
    range.after === undefined ? range.head : `${range.after}..${range.head}`
  )
  args.push('--')
  const r = await runGit(args, { cwd })
  if (r.code !== 0) {
    throw new UserError(
      `git log ${range.head.slice(0, 12)} failed: ${r.stderr}`
    )
  }
  return parseLog(r.stdout.toString('utf8'))
}

/**
 * `-z` output: `\x1e<sha>\0<date>\0<author>\0<subject>\0` then, after a
 * newline, the changed paths each ended by `\0`. Subjects and names hold no
 * NUL (git strips it), so the fields split cleanly.
 */
export function parseLog(out: string): LoggedCommit[] {
  const tokens = out.split('\0')
  const commits: LoggedCommit[] = []
  let current: LoggedCommit | undefined
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    const sha = commitStart(token)
    if (sha !== undefined && i + 3 < tokens.length) {
      current = {
        sha,
        date: tokens[i + 1]!,
        author: tokens[i + 2]!,
        subject: tokens[i + 3]!,
        paths: []
      }
      commits.push(current)
      i += 3
      continue
    }
    const path = token.replace(/^\n/, '')
    if (current !== undefined && path !== '') current.paths.push(path)
  }
  return commits
}
