import path from 'node:path'
import { chooseConfig } from '../check/choose-config.js'
import type { Config } from '../config/schema.js'
import { isUserError } from '../errors.js'
import { GitSource, resolveRevision } from '../git/git-source.js'
import { annotationFiles } from '../source/dataset-files.js'
import type { Source } from '../source/source.js'

/**
 * A version as the command line named it (the `--head`/`--base` value and
 * its source) and the repository paths the run read from it.
 */
export interface NamedVersion {
  given: string | undefined
  source: Source
  files: readonly string[]
}

/**
 * Where the files a run read are on disk, for the check that no output
 * replaces one of them. A version's paths are relative to its root: a folder
 * version's folder, else the working tree (whose checkout holds the same
 * paths as a git version). Each version counts with its own files: a base
 * folder can hold files the head does not.
 */
export function inputPaths(
  root: string,
  versions: readonly NamedVersion[],
  config: { path: string; source: 'base' | 'head' | 'file' }
): string[] {
  const dir = ({ given, source }: NamedVersion): string =>
    given !== undefined && !(source instanceof GitSource)
      ? path.resolve(given)
      : root
  return [
    ...(config.source === 'file'
      ? [path.resolve(config.path)]
      : versions.map((v) => path.join(dir(v), config.path))),
    ...versions.flatMap((v) => v.files.map((f) => path.join(dir(v), f)))
  ]
}

/**
 * The files of `source` the config's datasets (those named in `only`, else
 * all) would read: their annotation files as `path` and `exclude` select
 * them, and their reference, schema, box and model files.
 */
export async function datasetPaths(
  source: Source,
  config: Config,
  only?: readonly string[]
): Promise<string[]> {
  const files: string[] = []
  for (const d of config.datasets) {
    if (only !== undefined && !only.includes(d.name)) continue
    files.push(...annotationFiles(await source.list(d.path), d))
    for (const pattern of [
      d.reference?.path,
      d.schema,
      d.box?.classes,
      d.box?.sizes,
      d.model_metrics?.path
    ])
      if (pattern !== undefined) files.push(...(await source.list(pattern)))
  }
  return files
}

/**
 * The files `history` and `report` read at `ref`, where the working tree
 * holds them: the config and the datasets' files as the config at `ref`
 * names them. They read git, not the working tree, but an output over a
 * file's checkout would still replace it. A config that cannot be read
 * protects nothing here: the run itself then stops with its own message,
 * before it writes.
 */
export async function revisionInputPaths(
  root: string,
  ref: string | undefined,
  config: string | undefined
): Promise<string[]> {
  try {
    const sha = await resolveRevision(ref ?? 'HEAD', root, '--ref')
    const source = new GitSource(sha, root)
    const chosen = await chooseConfig({
      head: source,
      trustBase: false,
      explicit: config
    })
    const files = await datasetPaths(source, chosen.config)
    return inputPaths(root, [{ given: ref, source, files }], chosen)
  } catch (error) {
    if (isUserError(error)) return []
    throw error
  }
}
