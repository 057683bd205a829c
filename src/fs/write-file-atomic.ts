import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { UserError } from '../errors.js'

/** More folders than any report path needs; a bound, not a walk to the root. */
const MAX_NEW_FOLDERS = 32

/**
 * Writes through a temporary file and a rename, so a reader never sees half a
 * report and a failed run leaves the previous file as it was.
 *
 * The target must be a regular file or absent: a rename would replace a
 * symbolic link, a device or a folder placed there. Missing parent folders are
 * made one at a time (a recursive mkdir under /proc never returns). Anything
 * that cannot be done is a UserError naming the file.
 */
export async function writeFileAtomic(
  file: string,
  content: string
): Promise<void> {
  await checkTarget(file)
  await makeParents(path.dirname(path.resolve(file)), file)
  const temp = `${file}.${process.pid}.tmp`
  try {
    // Left over from a killed run, or planted: removed (a link, not its
    // target), then created anew so nothing else is written through.
    await rm(temp, { force: true })
    await writeFile(temp, content, { encoding: 'utf8', flag: 'wx' })
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined)
    throw new UserError(`cannot be written (${codeOf(error)})`, { file })
  }
}

/**
 * Throws unless `file` is absent or a regular file: called for every output
 * before the first is written, so a bad target leaves nothing half-written.
 */
export async function checkTarget(file: string): Promise<void> {
  const existing = await lstat(file).catch(() => undefined)
  if (existing !== undefined && !existing.isFile()) {
    throw new UserError(
      `is ${existing.isSymbolicLink() ? 'a symbolic link' : existing.isDirectory() ? 'a folder' : 'not a regular file'}; not replaced (name a new or regular file)`,
      { file }
    )
  }
}

async function makeParents(dir: string, file: string): Promise<void> {
  const missing: string[] = []
  let at = dir
  for (;;) {
    const info = await lstat(at).catch((error: unknown) => codeOf(error))
    if (typeof info !== 'string') {
      if (!info.isDirectory() && !info.isSymbolicLink()) {
        throw new UserError(`cannot be written ('${at}' is not a folder)`, {
          file
        })
      }
      break
    }
    if (info !== 'ENOENT' || missing.length >= MAX_NEW_FOLDERS) {
      throw new UserError(`cannot be written (${info} at '${at}')`, { file })
    }
    missing.push(at)
    const up = path.dirname(at)
    if (up === at) break
    at = up
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder).catch((error: unknown) => {
      if (codeOf(error) !== 'EEXIST') {
        throw new UserError(
          `cannot be written (cannot make '${folder}': ${codeOf(error)})`,
          { file }
        )
      }
    })
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error)
}
