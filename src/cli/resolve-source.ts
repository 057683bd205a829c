import { stat } from 'node:fs/promises'
import { FolderSource } from '../fs/folder-source.js'
import { GitSource, resolveRevision } from '../git/git-source.js'
import { LargeFileSource } from '../large-files/large-file-source.js'
import type { Source } from '../source/source.js'

/**
 * `--head`/`--base`: absent is the working tree at `root` (the repository
 * root); an existing folder (relative to where labelgate runs) is a
 * snapshot; anything else must be a git revision of the repository at `root`.
 */
export async function resolveSource(
  spec: string | undefined,
  option: string,
  root: string
): Promise<Source> {
  if (spec === undefined) return new FolderSource(root, 'worktree')
  const info = await stat(spec).catch(() => undefined)
  if (info?.isDirectory()) return new FolderSource(spec, spec)
  const sha = await resolveRevision(spec, root, option, 'a folder')
  return new GitSource(sha, root)
}

/**
 * The label files of a version as the check reads them: Git LFS and DVC
 * pointers read as the files they stand for, from the repository's LFS store
 * and DVC cache (`root`), at the source's commit when it is one.
 */
export function withLargeFiles(source: Source, root: string): Source {
  return new LargeFileSource(
    source,
    root,
    source instanceof GitSource ? source.sha : undefined
  )
}
