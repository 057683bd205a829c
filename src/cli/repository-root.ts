import { runGit } from '../git/run-git.js'

/**
 * The root of the git work tree that holds `cwd`, or `cwd` itself outside
 * git (or without git installed). Dataset paths and the config's default
 * places are relative to this root, so `labelgate check` finds the same
 * files from any subdirectory.
 */
export async function repositoryRoot(cwd: string): Promise<string> {
  const r = await runGit(['rev-parse', '--show-toplevel'], { cwd }).catch(
    () => undefined
  )
  if (r === undefined || r.code !== 0) return cwd
  const root = r.stdout.toString('utf8').trim()
  return root === '' ? cwd : root
}
