import { chmod, lstat, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { UserError } from '../errors.js'

/**
 * Replaces several existing files, each through a temporary file in its own
 * folder and a rename: every new content is written in full before the first
 * file is replaced, so a failed write (a full disk, a read-only folder)
 * leaves every file as it was. Each file keeps its permission bits.
 * `root` is the folder the relative paths are in.
 */
export async function replaceFiles(
  root: string,
  files: ReadonlyMap<string, Uint8Array>
): Promise<void> {
  const staged: { temp: string; target: string }[] = []
  try {
    for (const [relative, bytes] of files) {
      const target = path.join(root, ...relative.split('/'))
      const info = await lstat(target)
      if (!info.isFile()) {
        throw new UserError(
          'is not a regular file (a symbolic link?); it is left as it is',
          { file: relative }
        )
      }
      const mode = info.mode
      const temp = path.join(
        path.dirname(target),
        `.${path.basename(target)}.${process.pid}.labelgate.tmp`
      )
      staged.push({ temp, target })
      await writeFile(temp, bytes, { flag: 'wx' })
      await chmod(temp, mode & 0o7777)
    }
  } catch (error) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })))
    if (error instanceof UserError) throw error
    throw new UserError(
      `cannot write the new files (${errorCode(error)}); no file was changed`
    )
  }
  let done = 0
  try {
    for (const s of staged) {
      await rename(s.temp, s.target)
      done++
    }
  } catch (error) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })))
    throw new UserError(
      `cannot replace ${staged[done]!.target} (${errorCode(error)}) after replacing ${done} of ${staged.length} files`
    )
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error)
}
