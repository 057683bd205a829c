import { UserError } from '../errors.js'
import { runGit } from './run-git.js'

/**
 * Every blob of a commit's tree: path → object id, from one `git ls-tree`.
 * The ids name the content, so two commits with the same ids for a dataset's
 * files hold the same data.
 */
export async function treeBlobs(
  sha: string,
  cwd: string
): Promise<Map<string, string>> {
  const r = await runGit(['ls-tree', '-r', '-z', '--full-tree', sha], { cwd })
  if (r.code !== 0) {
    throw new UserError(`git ls-tree ${sha.slice(0, 12)} failed: ${r.stderr}`)
  }
  const blobs = new Map<string, string>()
  for (const entry of r.stdout.toString('utf8').split('\0')) {
    // `<mode> SP <type> SP <id> TAB <path>`
    const tab = entry.indexOf('\t')
    if (tab < 0) continue
    const [, type, id] = entry.slice(0, tab).split(' ')
    blobs.set(entry.slice(tab + 1), type === 'blob' ? id! : `${type}:${id}`)
  }
  return blobs
}
