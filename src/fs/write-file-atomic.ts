import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * Writes through a temporary file and a rename, so a reader never sees half a
 * report and a failed run leaves the previous file as it was.
 */
export async function writeFileAtomic(
  file: string,
  content: string
): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  try {
    await writeFile(temp, content, 'utf8')
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
