import { createHash } from 'node:crypto'
import { UserError } from '../errors.js'
import { excerpt } from '../util/excerpt.js'
import type { LfsPointer } from './lfs-pointer.js'
import { runTool } from './run-tool.js'

/** The largest LFS object labelgate reads into memory (a label file, not a video). */
export const MAX_LFS_BYTES = 2 ** 31 - 1

/**
 * The content an LFS pointer stands for, through `git lfs smudge` in the
 * repository at `cwd`: the pointer goes in on stdin, the content comes out
 * on stdout, from `.git/lfs/objects` or downloaded from the repository's LFS
 * remote with its configured credentials (actions/checkout leaves them in
 * the repository's config). Works at any revision, since only the pointer's
 * text is needed. The content is checked against the pointer's size and
 * SHA-256.
 */
export async function smudgeLfs(
  pointer: LfsPointer,
  pointerBytes: Uint8Array,
  cwd: string,
  file: string
): Promise<Uint8Array> {
  if (pointer.size > MAX_LFS_BYTES) {
    throw new UserError(
      `is a Git LFS pointer to ${pointer.size} bytes; labelgate reads label files of at most ${MAX_LFS_BYTES} bytes`,
      { file }
    )
  }
  const r = await runTool('git', ['lfs', 'smudge'], {
    cwd,
    input: pointerBytes,
    // On a failed download smudge writes the pointer back: room for it, so
    // that its exit status and message are seen.
    maxOutput: pointer.size + 1024,
    // A user's GIT_LFS_SKIP_SMUDGE=1 would make smudge echo the pointer.
    env: { GIT_LFS_SKIP_SMUDGE: '0' }
  })
  if (!r.found) {
    throw new UserError(
      'is a Git LFS pointer, and git is not installed here to read it',
      { file }
    )
  }
  if (r.code !== 0 && !r.overflow) {
    if (/'lfs' is not a git command/.test(r.stderr)) {
      throw new UserError(
        'is a Git LFS pointer and git-lfs is not installed here; install git-lfs (GitHub-hosted runners have it) to read it',
        { file }
      )
    }
    throw new UserError(
      `is a Git LFS pointer to ${pointer.oid.slice(0, 12)} that git lfs could not fetch: ${excerpt(
        r.stderr
          .split('\n')
          .filter((l) => l.trim() !== '')
          .pop() ?? `exit ${r.code}`,
        300
      )}`,
      { file }
    )
  }
  const content = r.stdout
  const digest = createHash('sha256').update(content).digest('hex')
  if (r.overflow || content.length !== pointer.size || digest !== pointer.oid) {
    throw new UserError(
      `is a Git LFS pointer to ${pointer.oid.slice(0, 12)} (${pointer.size} bytes), but git lfs gave ${r.overflow ? 'more bytes than that' : `${content.length} bytes with SHA-256 ${digest.slice(0, 12)}`}`,
      { file }
    )
  }
  return content
}
