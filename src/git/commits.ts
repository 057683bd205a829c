import { UserError } from '../errors.js'
import { runGit } from './run-git.js'

const SHA = /^[0-9a-f]{40}$/i

async function hasCommit(sha: string, cwd: string): Promise<boolean> {
  const r = await runGit(['cat-file', '-e', `${sha}^{commit}`], { cwd })
  return r.code === 0
}

/**
 * Makes sure a commit is present. actions/checkout fetches one commit by
 * default, so the base of a pull request is usually missing: fetch just it.
 * Returns a note for the report when a fetch was needed.
 */
export async function ensureCommit(
  sha: string,
  cwd: string,
  remote = 'origin'
): Promise<string | undefined> {
  if (await hasCommit(sha, cwd)) return undefined
  if (!SHA.test(sha)) {
    throw new UserError(`'${sha}' is not a commit in this repository`)
  }
  const r = await runGit(
    ['fetch', '--no-tags', '--depth=1', '--end-of-options', remote, sha],
    { cwd }
  )
  if (r.code !== 0 || !(await hasCommit(sha, cwd))) {
    throw new UserError(
      `commit ${sha} is not in the checkout and could not be fetched from '${remote}' (${r.stderr.split('\n').pop() ?? 'git fetch failed'}); use actions/checkout with fetch-depth: 2 or 0`
    )
  }
  return `fetched ${sha.slice(0, 7)} (not in the shallow checkout)`
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
