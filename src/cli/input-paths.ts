import path from 'node:path'
import { chooseConfig } from '../check/choose-config.js'
import { isUserError } from '../errors.js'
import { GitSource, resolveRevision } from '../git/git-source.js'
import type { Source } from '../source/source.js'

/** A version as the command line named it: the `--head`/`--base` value and its source. */
export interface NamedVersion {
  given: string | undefined
  source: Source
}

/**
 * Where the files a run read are on disk, for the check that no output
 * replaces one of them. A report's paths are relative to a version's root:
 * a folder version's folder, else the working tree (whose checkout holds the
 * same paths as a git version). Every version holds the same paths (a report
 * lists the head's), so each one's copy counts as read.
 */
export function inputPaths(
  root: string,
  versions: readonly NamedVersion[],
  config: { path: string; source: 'base' | 'head' | 'file' },
  files: readonly string[]
): string[] {
  const dirs = new Set(
    versions.map(({ given, source }) =>
      given !== undefined && !(source instanceof GitSource)
        ? path.resolve(given)
        : root
    )
  )
  const at = (f: string): string[] => [...dirs].map((d) => path.join(d, f))
  return [
    ...(config.source === 'file'
      ? [path.resolve(config.path)]
      : at(config.path)),
    ...files.flatMap(at)
  ]
}

/**
 * The files `history` and `report` read at `ref`, where the working tree
 * holds them: the config and each dataset's annotation, reference, schema,
 * box and model files as the config at `ref` names them. They read git, not
 * the working tree, but an output over a file's checkout would still replace
 * it. A config that cannot be read protects nothing here: the run itself then
 * stops with its own message, before it writes.
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
    const files: string[] = []
    for (const d of chosen.config.datasets) {
      const patterns = [
        d.path,
        d.reference?.path,
        d.schema,
        d.box?.classes,
        d.box?.sizes,
        d.model_metrics?.path
      ]
      for (const pattern of patterns)
        if (pattern !== undefined) files.push(...(await source.list(pattern)))
    }
    return inputPaths(root, [{ given: ref, source }], chosen, files)
  } catch (error) {
    if (isUserError(error)) return []
    throw error
  }
}
