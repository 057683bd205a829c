import { UserError } from '../errors.js'
import { runGit } from './run-git.js'

const SHA = /^[0-9a-f]{40}$/i

async function hasCommit(sha: string, cwd: string): Promise<boolean> {
  const r = await runGit(['cat-file', '-e', `${sha}^{commit}`], { cwd })
  return r.code === 0
}

async function revParse(rev: string, cwd: string): Promise<string | undefined> {
  const r = await runGit(
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
    { cwd }
  )
  return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined
}

/**
 * The commit a revision names, fetched when it is not in the checkout:
 * actions/checkout fetches one commit by default, so the base of a pull
 * request is usually missing. A SHA is fetched as itself, a branch or tag
 * name (an input like `base: main`) as that ref, each at depth 1.
 */
export async function ensureCommit(
  revision: string,
  cwd: string,
  remote = 'origin'
): Promise<{ sha: string; note?: string }> {
  if (revision.startsWith('-')) {
    throw new UserError(`'${revision}' is not a revision`)
  }
  const present = await revParse(revision, cwd)
  if (present !== undefined) return { sha: present }
  const r = await runGit(
    ['fetch', '--no-tags', '--depth=1', '--end-of-options', remote, revision],
    { cwd }
  )
  const fetched =
    r.code !== 0
      ? undefined
      : SHA.test(revision) && (await hasCommit(revision, cwd))
        ? revision.toLowerCase()
        : await revParse('FETCH_HEAD', cwd)
  if (fetched === undefined) {
    throw new UserError(
      `'${revision}' is not in the checkout and could not be fetched from '${remote}' (${r.stderr.split('\n').pop() || 'git fetch failed'}); use actions/checkout with fetch-depth: 2 or 0`
    )
  }
  return {
    sha: fetched,
    note: `fetched ${revision.slice(0, 40)} (not in the shallow checkout)`
  }
}

/**
 * The first parent of a commit, read from the commit object itself, which a
 * depth-1 clone has even when the parent commit is not present.
 */
export async function firstParent(
  commit: string,
  cwd: string
): Promise<string | undefined> {
  const r = await runGit(['cat-file', 'commit', commit], { cwd })
  if (r.code !== 0) {
    throw new UserError(`cannot read commit '${commit}': ${r.stderr}`)
  }
  const match = /^parent ([0-9a-f]{40})$/m.exec(r.stdout.toString('utf8'))
  return match?.[1]
}

/** Paths that differ between two commits (renames as delete + add). */
export async function changedPaths(
  base: string,
  head: string,
  cwd: string
): Promise<string[]> {
  const r = await runGit(
    ['diff', '--name-only', '--no-renames', '-z', base, head, '--'],
    { cwd }
  )
  if (r.code !== 0) {
    throw new UserError(
      `git diff ${base.slice(0, 7)} ${head.slice(0, 7)} failed: ${r.stderr}`
    )
  }
  return r.stdout
    .toString('utf8')
    .split('\0')
    .filter((p) => p !== '')
}
