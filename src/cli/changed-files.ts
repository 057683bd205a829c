import { UserError } from '../errors.js'
import { changedPaths } from '../git/commits.js'
import { runGit } from '../git/run-git.js'

/**
 * Repository-relative paths that differ between the base commit and the
 * head: another commit, or (`head` undefined) the working tree, where
 * uncommitted edits and new files that git does not ignore count too.
 */
export async function changedFiles(
  base: string,
  head: string | undefined,
  root: string
): Promise<string[]> {
  if (head !== undefined) return changedPaths(base, head, root)
  const tracked = await git(
    ['diff', '--name-only', '--no-renames', '-z', base, '--'],
    root
  )
  const untracked = await git(
    ['ls-files', '--others', '--exclude-standard', '-z'],
    root
  )
  return [...new Set([...tracked, ...untracked])].sort()
}

async function git(args: string[], cwd: string): Promise<string[]> {
  const r = await runGit(args, { cwd })
  if (r.code !== 0) {
    throw new UserError(`git ${args[0]} failed: ${r.stderr}`, {
      field: '--changed'
    })
  }
  return r.stdout
    .toString('utf8')
    .split('\0')
    .filter((p) => p !== '')
}
