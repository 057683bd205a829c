import path from 'node:path'
import { GitSource } from '../git/git-source.js'
import type { Source } from '../source/source.js'

/** A version as the command line named it: the `--head`/`--base` value and its source. */
export interface NamedVersion {
  given: string | undefined
  source: Source
}

/**
 * Where the files a run read are on disk, for the check that no output
 * replaces one of them. A report's paths are relative to a version's root:
 * a folder version's folder, else the working tree (whose checkout holds the
 * same paths as a git version). Every version holds the same paths (a report
 * lists the head's), so each one's copy counts as read.
 */
export function inputPaths(
  root: string,
  versions: readonly NamedVersion[],
  config: { path: string; source: 'base' | 'head' | 'file' },
  files: readonly string[]
): string[] {
  const dirs = new Set(
    versions.map(({ given, source }) =>
      given !== undefined && !(source instanceof GitSource)
        ? path.resolve(given)
        : root
    )
  )
  const at = (f: string): string[] => [...dirs].map((d) => path.join(d, f))
  return [
    ...(config.source === 'file'
      ? [path.resolve(config.path)]
      : at(config.path)),
    ...files.flatMap(at)
  ]
}
