import picomatch from 'picomatch'
import { repositoryPathProblem } from '../config/repository-path.js'
import { UserError } from '../errors.js'

/**
 * Dataset paths in the config are repository-relative files or globs. They may
 * not leave the repository: the config can come from a pull request's head.
 * The config loader already refuses such paths with their place in the file;
 * this guards every reader that takes a path from elsewhere.
 */
export function checkPattern(pattern: string, field: string): void {
  const problem = repositoryPathProblem(pattern)
  if (problem !== undefined) throw new UserError(problem, { field })
}

export function isGlob(pattern: string): boolean {
  return picomatch.scan(pattern).isGlob
}

/** The folder a glob starts in (`data` for `data/**\/*.csv`), '' for the root. */
export function globBase(pattern: string): string {
  const { base, isGlob: glob } = picomatch.scan(pattern)
  return glob ? base : pattern
}

/** The paths (with `/`) that a file name or glob selects, sorted for stable output. */
export function matchPaths(paths: Iterable<string>, pattern: string): string[] {
  const normalized = pattern.replace(/^\.\//, '')
  if (!isGlob(normalized)) {
    for (const p of paths) if (p === normalized) return [p]
    return []
  }
  const isMatch = picomatch(normalized, { dot: false })
  const out: string[] = []
  for (const p of paths) if (isMatch(p)) out.push(p)
  return out.sort()
}
