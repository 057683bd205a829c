import { runGit } from './run-git.js'

/**
 * The committer date (ISO 8601) of the last commit at or before `commit`
 * that changed any of `paths`, along the first-parent history; null when
 * none did (or the history is cut off before it, in a shallow clone).
 */
export async function lastChangeDate(
  commit: string,
  paths: readonly string[],
  cwd: string
): Promise<string | null> {
  if (paths.length === 0) return null
  const r = await runGit(
    [
      'log',
      '-1',
      '--first-parent',
      '--format=%cI',
      '--end-of-options',
      commit,
      '--',
      ...paths.map((p) => `:(literal)${p}`)
    ],
    { cwd }
  )
  const date = r.code === 0 ? r.stdout.toString('utf8').trim() : ''
  return date === '' ? null : date
}
