import * as core from '@actions/core'
import path from 'node:path'
import { dashboardFiles } from '../dashboard/dashboard-files.js'
import { isUserError } from '../errors.js'
import { writeFileAtomic } from '../fs/write-file-atomic.js'
import { computeHistory } from '../history/compute-history.js'
import { defaultCacheDir, FileCache } from '../history/file-cache.js'
import type { Report } from '../report/types.js'
import { cleanText } from '../util/clean-text.js'
import { excerpt } from '../util/excerpt.js'
import { uploadDashboard } from './upload-dashboard.js'

/** Versions of each dataset the action's dashboard draws (the newest). */
export const DASHBOARD_VERSIONS = 50

export interface DashboardContext {
  /** The action's output folder; the site goes to its `dashboard/`. */
  dir: string
  /** The repository root. */
  cwd: string
  /** Whose first-parent history is drawn: the base on pull requests, else the head. */
  historyRef: string
  /** The config's repository path, read at each commit of the history. */
  configPath: string
  /** Upload the site as a workflow artifact (pull requests). */
  upload: boolean
  env: NodeJS.ProcessEnv
}

/**
 * Input `dashboard: true`: the history of `historyRef` with this run's report
 * as the head, written as the static site; on pull requests uploaded as the
 * `labelgate-dashboard` artifact. Whatever fails here is a warning: the
 * dashboard never changes the gate's result.
 */
export async function publishDashboard(
  report: Report,
  context: DashboardContext
): Promise<void> {
  let folder = ''
  let artifactId = ''
  let artifactUrl = ''
  try {
    const { history, stats } = await computeHistory({
      cwd: context.cwd,
      ref: context.historyRef,
      max: DASHBOARD_VERSIONS,
      configPath: context.configPath,
      cache: new FileCache(defaultCacheDir(context.env), (m) =>
        core.warning(cleanText(m))
      ),
      now: new Date(),
      warn: (m) => core.warning(`labelgate: ${cleanText(m)}`)
    })
    core.info(
      `labelgate: dashboard history: ${stats.versions} versions, ${stats.computed} checked, ${stats.cached} from the cache`
    )
    const { files } = dashboardFiles(history, report, new Date().toISOString())
    const site = path.join(context.dir, 'dashboard')
    for (const file of files) {
      await writeFileAtomic(path.join(site, file.path), file.content)
    }
    folder = site
    if (context.upload) {
      const uploaded = await uploadDashboard(
        site,
        files.map((f) => f.path),
        context.env
      )
      artifactId = String(uploaded.id)
      artifactUrl = uploaded.url ?? ''
      core.info(
        `labelgate: dashboard uploaded as artifact ${artifactId}${artifactUrl ? ` (${artifactUrl})` : ''}`
      )
    }
  } catch (error) {
    const message = isUserError(error)
      ? error.format()
      : excerpt(error instanceof Error ? error.message : String(error), 500)
    core.warning(
      `labelgate: the dashboard ${folder === '' ? 'was not written' : 'was written but not uploaded'}: ${cleanText(message)}`
    )
  }
  core.setOutput('dashboard', folder)
  core.setOutput('dashboard-artifact-id', artifactId)
  core.setOutput('dashboard-artifact-url', artifactUrl)
}
