import { DefaultArtifactClient } from '@actions/artifact'
import path from 'node:path'

/** The artifact's name in the run's list of artifacts. */
export const DASHBOARD_ARTIFACT = 'labelgate-dashboard'

export interface UploadedArtifact {
  id: number
  /** The artifact's page in the run (where it is downloaded), when the run is known. */
  url: string | undefined
}

/**
 * Uploads the dashboard folder as one workflow artifact (a zip of its files)
 * through the Actions artifact service (`ACTIONS_RUNTIME_TOKEN`,
 * `ACTIONS_RESULTS_URL`, set by the runner for every action step).
 */
export async function uploadDashboard(
  folder: string,
  files: readonly string[],
  env: NodeJS.ProcessEnv,
  retentionDays?: number
): Promise<UploadedArtifact> {
  const client = new DefaultArtifactClient()
  const { id } = await client.uploadArtifact(
    DASHBOARD_ARTIFACT,
    files.map((f) => path.join(folder, f)),
    folder,
    retentionDays !== undefined ? { retentionDays } : {}
  )
  if (id === undefined) throw new Error('the artifact service gave no id')
  const url =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${id}`
      : undefined
  return { id, url }
}
