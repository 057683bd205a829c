import { readFile, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { UserError } from '../errors.js'
import type { Source } from '../source/source.js'
import { globBase, isGlob, matchPaths } from '../source/path-pattern.js'

const SKIPPED_DIRS = new Set(['.git', 'node_modules'])

/** A version read from a folder: the working tree, or an exported snapshot (`--base DIR`). */
export class FolderSource implements Source {
  readonly label: string
  private readonly root: string

  constructor(root: string, label?: string) {
    this.root = path.resolve(root)
    this.label = label ?? root
  }

  async list(pattern: string): Promise<string[]> {
    const normalized = pattern.replace(/^\.\//, '')
    if (!isGlob(normalized)) {
      const info = await stat(this.resolve(normalized)).catch(() => undefined)
      return info?.isFile() ? [normalized] : []
    }
    const base = globBase(normalized)
    const files: string[] = []
    await this.walk(base, files)
    return matchPaths(files, normalized)
  }

  async read(relative: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.resolve(relative))
    } catch (error) {
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

  private resolve(relative: string): string {
    return path.join(this.root, ...relative.split('/'))
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
    }
  }
}
