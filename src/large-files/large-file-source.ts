import type { ByteStream } from '../source/byte-stream.js'
import type { Source } from '../source/source.js'
import { globBase, isGlob, matchPaths } from '../source/path-pattern.js'
import { readDvcObject } from './dvc-cache.js'
import { parseDvcPointer } from './dvc-pointer.js'
import { smudgeLfs } from './git-lfs.js'
import { MAX_POINTER, parseLfsPointer } from './lfs-pointer.js'

const DVC = '.dvc'

/**
 * A version whose label files may live outside git: a file committed as a
 * Git LFS pointer is read through `git lfs` (at any revision), and a file
 * that git holds only as `<file>.dvc` (DVC keeps the data out of git) is
 * listed under its own name and read from the DVC cache or through dvc.
 * Everything else passes through unchanged. `root` is the repository (its
 * `.git` for LFS, its `.dvc/cache` for DVC); `revision` the commit, or
 * undefined for a folder.
 */
export class LargeFileSource implements Source {
  readonly label: string

  constructor(
    private readonly inner: Source,
    private readonly root: string,
    private readonly revision?: string
  ) {
    this.label = inner.label
  }

  async list(pattern: string): Promise<string[]> {
    const normalized = pattern.replace(/^\.\//, '')
    const files = await this.inner.list(normalized)
    const base = globBase(normalized)
    const pointers = isGlob(normalized)
      ? await this.inner.list(base === '' ? `**/*${DVC}` : `${base}/**/*${DVC}`)
      : await this.inner.list(`${normalized}${DVC}`)
    if (pointers.length === 0) return files
    const tracked = pointers.map((p) => p.slice(0, -DVC.length))
    const all = new Set([...files, ...matchPaths(tracked, normalized)])
    return [...all].sort()
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    const bytes = await this.inner.read(path)
    if (bytes === undefined) {
      if (path.endsWith(DVC)) return undefined
      const pointerBytes = await this.inner.read(`${path}${DVC}`)
      if (pointerBytes === undefined) return undefined
      const pointer = parseDvcPointer(pointerBytes, path)
      return readDvcObject(pointer, this.root, this.revision, path)
    }
    const lfs = parseLfsPointer(bytes)
    if (lfs === undefined) return bytes
    return smudgeLfs(lfs, bytes, this.root, path)
  }

  /**
   * A stream of a file that is what it is: never one a pointer stands for
   * (a file small enough to be an LFS pointer, or one git holds as `.dvc`),
   * which `read` resolves.
   */
  async open(path: string): Promise<ByteStream | undefined> {
    const stream = await this.inner.open?.(path)
    if (stream === undefined || stream.size > MAX_POINTER) return stream
    await stream.close()
    return undefined
  }
}
