import { chooseConfig } from '../check/choose-config.js'
import { DEFAULT_CONFIG_PATHS } from '../config/find-config.js'
import type { Config, DatasetConfig } from '../config/schema.js'
import { isUserError } from '../errors.js'
import type { CatFileBatch } from '../git/cat-file-batch.js'
import type { LoggedCommit } from '../git/first-parent-log.js'
import { GitSource } from '../git/git-source.js'
import { treeBlobs } from '../git/tree-blobs.js'
import { touchesDataset, versionKey } from './version-key.js'

/** One version of a dataset: the first commit (oldest) at which its content key held. */
export interface FoundVersion {
  commit: LoggedCommit
  key: string
  /** The config at that commit (the check at this commit reads it). */
  config: Config
  configPath: string
  dataset: DatasetConfig
}

export interface FindOptions {
  cwd: string
  /** Newest first, as `firstParentLog` gives it. */
  log: readonly LoggedCommit[]
  /** Datasets by name; default those of the newest config. */
  datasets?: readonly string[]
  /** At most this many versions per dataset (the newest). */
  max?: number
  /** The config file as named (a repository path), else the default places. */
  configPath?: string
  objects: CatFileBatch
  warn: (message: string) => void
}

interface Run {
  version: FoundVersion
}

/**
 * The versions of each dataset along a first-parent log, oldest first. A
 * commit is looked at only when it changed one of the dataset's files (its
 * annotation, reference or schema patterns under the config at that commit)
 * or the config; it starts a version when the dataset's content key differs
 * from the previous such commit's. The walk goes newest first and stops when
 * every dataset has `max` versions, so `--max 10` on a long history reads
 * only the trees it needs.
 */
export async function findVersions(
  options: FindOptions
): Promise<Map<string, FoundVersion[]>> {
  const configPaths: readonly string[] =
    options.configPath !== undefined
      ? [options.configPath]
      : DEFAULT_CONFIG_PATHS
  let config: { config: Config; path: string } | null | undefined
  let names = options.datasets
  const found = new Map<string, FoundVersion[]>()
  const runs = new Map<string, Run | null>()
  const max = options.max ?? Number.POSITIVE_INFINITY
  const done = () =>
    names !== undefined &&
    names.every((n) => (found.get(n)?.length ?? 0) >= max)
  const finish = (name: string) => {
    const run = runs.get(name)
    if (run) {
      const list = found.get(name) ?? []
      if (list.length < max) list.push(run.version)
      found.set(name, list)
    }
    runs.set(name, null)
  }

  for (let i = 0; i < options.log.length && !done(); i++) {
    const commit = options.log[i]!
    config ??= await configAt(commit.sha, options)
    // The newest commit's config names the datasets when none were asked for.
    names ??= config?.config.datasets.map((d) => d.name) ?? []
    const configChanged = commit.paths.some((p) => configPaths.includes(p))
    const root = i === options.log.length - 1
    let blobs: Map<string, string> | undefined
    for (const name of names) {
      const dataset = config?.config.datasets.find((d) => d.name === name)
      const run = runs.get(name)
      if (dataset === undefined) {
        finish(name)
        continue
      }
      // Nothing of the dataset changed here, and something holds it: the
      // commit is inside the current version.
      if (
        run !== undefined &&
        !configChanged &&
        !root &&
        !touchesDataset(dataset, commit.paths)
      ) {
        continue
      }
      blobs ??= await treeBlobs(commit.sha, options.cwd)
      const key = versionKey(dataset, blobs)
      if (key === null) {
        finish(name)
        continue
      }
      const version: FoundVersion = {
        commit,
        key,
        config: config!.config,
        configPath: config!.path,
        dataset
      }
      if (run && run.version.key === key) {
        run.version = version
      } else {
        finish(name)
        if ((found.get(name)?.length ?? 0) < max) runs.set(name, { version })
      }
    }
    // Older commits may have another config: read it at the next one.
    if (configChanged) config = undefined
  }
  for (const name of names ?? []) finish(name)
  const oldestFirst = new Map<string, FoundVersion[]>()
  for (const name of names ?? []) {
    oldestFirst.set(name, (found.get(name) ?? []).slice().reverse())
  }
  return oldestFirst
}

async function configAt(
  sha: string,
  options: FindOptions
): Promise<{ config: Config; path: string } | null> {
  try {
    const chosen = await chooseConfig({
      head: new GitSource(sha, options.cwd, options.objects),
      trustBase: false,
      explicit: options.configPath
    })
    return { config: chosen.config, path: chosen.path }
  } catch (error) {
    if (!isUserError(error)) throw error
    options.warn(
      `${sha.slice(0, 7)}: no usable config (${error.format()}); its datasets are not read there`
    )
    return null
  }
}
