import * as cache from '@actions/cache'
import * as core from '@actions/core'
import os from 'node:os'
import path from 'node:path'
import { VERSION } from '../version.js'

/**
 * The trend gates' history cache, kept across workflow runs with
 * `@actions/cache`: restored before the check, saved after it under a key
 * per base commit (cache entries are immutable, so each base adds one and
 * restores the newest by prefix). Everything here only costs or saves time:
 * a cache service that is missing or fails is a debug line, never a failure.
 */
export class ActionHistoryCache {
  readonly dir: string
  private restoredKey: string | undefined

  constructor(
    env: NodeJS.ProcessEnv,
    private readonly baseSha: string
  ) {
    this.dir = path.join(env.RUNNER_TEMP ?? os.tmpdir(), 'labelgate-history')
  }

  private get key(): string {
    return `labelgate-history-${VERSION}-${this.baseSha}`
  }

  async restore(): Promise<void> {
    if (!cache.isFeatureAvailable()) {
      core.debug(
        'labelgate: no cache service here; the history is computed anew'
      )
      return
    }
    try {
      this.restoredKey = await cache.restoreCache([this.dir], this.key, [
        `labelgate-history-${VERSION}-`
      ])
      core.debug(`labelgate: history cache ${this.restoredKey ?? 'missed'}`)
    } catch (error) {
      core.debug(`labelgate: history cache not restored: ${String(error)}`)
    }
  }

  /** Saves the folder unless this very key was restored (nothing new then). */
  async save(): Promise<void> {
    if (!cache.isFeatureAvailable() || this.restoredKey === this.key) return
    try {
      await cache.saveCache([this.dir], this.key)
    } catch (error) {
      core.debug(`labelgate: history cache not saved: ${String(error)}`)
    }
  }
}
