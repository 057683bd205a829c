import { open, readFile, readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { UserError } from '../errors.js'
import type { ByteStream } from '../source/byte-stream.js'
import type { Source } from '../source/source.js'
import { globBase, isGlob, matchPaths } from '../source/path-pattern.js'

const SKIPPED_DIRS = new Set(['.git', 'node_modules'])

/**
 * A version read from a folder: the working tree, or an exported snapshot (`--base DIR`).
 *
 * The folder's files may come from a pull request, and a symbolic link in it
 * can point anywhere (`data -> /etc`, `labels.csv -> ~/.aws/credentials`):
 * every path is resolved to its real location and refused unless that is
 * inside the folder. Links that stay inside are followed; a glob does not
 * descend into linked folders (which could loop), it reads linked files.
 */
export class FolderSource implements Source {
  readonly label: string
  private readonly root: string
  private realRoot: Promise<string> | undefined

  constructor(root: string, label?: string) {
    this.root = path.resolve(root)
    this.label = label ?? root
  }

  async list(pattern: string): Promise<string[]> {
    const normalized = pattern.replace(/^\.\//, '')
    if (!isGlob(normalized)) {
      const info = await stat(this.resolve(normalized)).catch(() => undefined)
      if (!info?.isFile()) return []
      await this.inside(normalized)
      return [normalized]
    }
    const base = globBase(normalized)
    const files: string[] = []
    if (base !== '') {
      const exists = await this.inside(base).catch((error: unknown) => {
        if (error instanceof UserError) throw error
        return false
      })
      if (!exists) return []
    }
    await this.walk(base, files)
    const matched = matchPaths(files, normalized)
    for (const file of matched) await this.inside(file)
    return matched
  }

  async read(relative: string): Promise<Uint8Array | undefined> {
    try {
      await this.inside(relative)
      return await readFile(this.resolve(relative))
    } catch (error) {
      if (error instanceof UserError) throw error
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
      if (code === 'EISDIR') {
        throw new UserError('is a folder, not a label file', { file: relative })
      }
      throw new UserError(`cannot be read (${code ?? String(error)})`, {
        file: relative
      })
    }
  }

  /**
   * The file as a stream of its bytes; undefined for anything `read` would
   * refuse or not find (it then says why, as on a whole read).
   */
  async open(relative: string): Promise<ByteStream | undefined> {
    try {
      await this.inside(relative)
    } catch {
      return undefined
    }
    const handle = await open(this.resolve(relative), 'r').catch(
      () => undefined
    )
    if (handle === undefined) return undefined
    const info = await handle.stat().catch(() => undefined)
    if (!info?.isFile()) {
      await handle.close()
      return undefined
    }
    return {
      size: info.size,
      read: async (buffer, offset, length, position) =>
        (await handle.read(buffer, offset, length, position)).bytesRead,
      close: () => handle.close()
    }
  }

  private resolve(relative: string): string {
    return path.join(this.root, ...relative.split('/'))
  }

  /**
   * Resolves links and throws unless the real path is inside the folder; true
   * when it is. A path that does not exist rejects with the file system's
   * error (ENOENT), which callers treat as "no such file".
   */
  private async inside(relative: string): Promise<true> {
    this.realRoot ??= realpath(this.root)
    const root = await this.realRoot
    const real = await realpath(this.resolve(relative))
    const from = path.relative(root, real)
    if (
      from === '..' ||
      from.startsWith(`..${path.sep}`) ||
      path.isAbsolute(from)
    ) {
      // Where it points is not said: the link target may itself be private.
      throw new UserError(
        'is a symbolic link (or under one) that leads outside the repository; label files must be inside it',
        { file: relative }
      )
    }
    return true
  }

  private async walk(dir: string, out: string[]): Promise<void> {
    const entries = await readdir(this.resolve(dir), {
      withFileTypes: true
    }).catch(() => [])
    for (const entry of entries) {
      if (SKIPPED_DIRS.has(entry.name)) continue
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`
      if (entry.isDirectory()) await this.walk(rel, out)
      else if (entry.isFile()) out.push(rel)
      else if (entry.isSymbolicLink()) {
        const target = await stat(this.resolve(rel)).catch(() => undefined)
        if (target?.isFile()) out.push(rel)
      }
    }
  }
}
