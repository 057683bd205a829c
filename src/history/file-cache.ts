import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { CachedVersion, VersionCache } from './version-cache.js'

/** The format of one cache entry; a change here makes old entries misses. */
const ENTRY_SCHEMA = 'labelgate-history-cache/1'

/**
 * The default cache folder: `$XDG_CACHE_HOME/labelgate/history`, else
 * `~/.cache/labelgate/history`. Outside the repository, so that it never shows
 * up as untracked files; keys are content hashes, so repositories can share it.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  const base =
    env.XDG_CACHE_HOME !== undefined && path.isAbsolute(env.XDG_CACHE_HOME)
      ? env.XDG_CACHE_HOME
      : path.join(os.homedir(), '.cache')
  return path.join(base, 'labelgate', 'history')
}

/**
 * Versions stored as one JSON file per key under `dir` (`ab/abcdef….json`).
 * Writes go through a temporary file and a rename, so a reader never sees half
 * an entry; an entry that cannot be read or does not parse is a warning and a
 * miss (it is recomputed and written anew), never a failure.
 */
export class FileCache implements VersionCache {
  constructor(
    readonly dir: string,
    private readonly warn: (message: string) => void = () => undefined
  ) {}

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`)
  }

  async get(key: string): Promise<CachedVersion | undefined> {
    const file = this.file(key)
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOENT')
        this.warn(
          `cache entry ${file} cannot be read (${code ?? 'error'}); recomputing`
        )
      return undefined
    }
    try {
      const entry = JSON.parse(text) as {
        schema?: unknown
        key?: unknown
        value?: unknown
      }
      if (
        entry.schema !== ENTRY_SCHEMA ||
        entry.key !== key ||
        !isCachedVersion(entry.value)
      ) {
        throw new Error('not an entry for this key')
      }
      return entry.value
    } catch {
      this.warn(`cache entry ${file} is corrupt; ignored and recomputed`)
      return undefined
    }
  }

  async put(key: string, value: CachedVersion): Promise<void> {
    const file = this.file(key)
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    try {
      await mkdir(path.dirname(file), { recursive: true })
      await writeFile(
        temp,
        JSON.stringify({ schema: ENTRY_SCHEMA, key, value }),
        { encoding: 'utf8', flag: 'wx' }
      )
      await rename(temp, file)
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined)
      // A cache that cannot be written only costs time.
      this.warn(
        `cache entry ${file} cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); continuing without it`
      )
    }
  }
}

function isCachedVersion(value: unknown): value is CachedVersion {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.counts === 'object' &&
    v.counts !== null &&
    typeof v.metrics === 'object' &&
    v.metrics !== null &&
    typeof v.annotators === 'object' &&
    v.annotators !== null &&
    typeof v.class_shares === 'object' &&
    Array.isArray(v.gates) &&
    typeof v.passed === 'boolean' &&
    (v.slices === undefined || isSliceReport(v.slices))
  )
}

function isSliceReport(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const s = value as Record<string, unknown>
  return (
    Array.isArray(s.columns) && Array.isArray(s.groups) && Array.isArray(s.gaps)
  )
}
