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
  // Git LFS and DVC pointers are read as the files they stand for, from the
  // repository's LFS store and DVC cache.
  if (spec === undefined) {
    return new LargeFileSource(new FolderSource(root, 'worktree'), root)
  }
  const info = await stat(spec).catch(() => undefined)
  if (info?.isDirectory()) {
    return new LargeFileSource(new FolderSource(spec, spec), root)
  }
  const sha = await resolveRevision(spec, root, option)
  return new LargeFileSource(new GitSource(sha, root), root, sha)
}
