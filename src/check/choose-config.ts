import type { Config } from '../config/schema.js'
import { DEFAULT_CONFIG_PATHS } from '../config/find-config.js'
import { decodeTextFile } from '../config/decode-text-file.js'
import { loadConfig } from '../config/load-config.js'
import { UserError } from '../errors.js'
import type { Source } from '../source/source.js'

export interface ChosenConfig {
  config: Config
  path: string
  source: 'base' | 'head'
  notes: string[]
  /**
   * With the config from the base: the names of the datasets the head's own
   * config lists (none when the head has no config). A dataset it no longer
   * lists whose files the change deleted is removed by the change, not broken.
   */
  headDatasets?: readonly string[]
}

async function readFirst(
  source: Source,
  candidates: readonly string[]
): Promise<{ path: string; bytes: Uint8Array } | undefined> {
  for (const path of candidates) {
    const bytes = await source.read(path)
    if (bytes !== undefined) {
      return { path, bytes }
    }
  }
  return undefined
}

/**
 * The trust boundary (README, docs/security.md): when the base is trusted (pull
 * requests, merge queues), the config comes from the base, so a change cannot
 * lower its own bar; the head's is used only where the base has none yet.
 */
export async function chooseConfig(options: {
  head: Source
  base?: Source
  trustBase: boolean
  explicit?: string
}): Promise<ChosenConfig> {
  const candidates =
    options.explicit !== undefined ? [options.explicit] : DEFAULT_CONFIG_PATHS
  const fromHead = await readFirst(options.head, candidates)
  const fromBase =
    options.trustBase && options.base !== undefined
      ? await readFirst(options.base, candidates)
      : undefined
  const notes: string[] = []
  if (fromBase !== undefined) {
    const config = loadConfig(
      decodeTextFile(fromBase.bytes, fromBase.path),
      fromBase.path
    )
    let headDatasets: string[] = []
    if (
      fromHead === undefined ||
      !Buffer.from(fromHead.bytes).equals(fromBase.bytes)
    ) {
      notes.push(
        `This change edits ${fromBase.path}: the check uses the base's config; the new one applies after merge.`
      )
      if (fromHead !== undefined) {
        // The new config is not what judges, but it is what every check
        // after the merge reads: a change that breaks it must not pass.
        const headConfig = headConfigOf(fromHead)
        headDatasets = headConfig.datasets.map((d) => d.name)
        const known = new Set(config.datasets.map((d) => d.name))
        const added = headDatasets.filter((name) => !known.has(name))
        if (added.length > 0) {
          notes.push(
            `Not checked here: ${added.map((n) => `'${n}'`).join(', ')}, ${added.length === 1 ? 'a dataset' : 'datasets'} this change adds to ${fromHead.path}; the base's config does not list ${added.length === 1 ? 'it' : 'them'}, so ${added.length === 1 ? 'it is' : 'they are'} checked from the first change after the merge.`
          )
        }
      }
    } else {
      headDatasets = config.datasets.map((d) => d.name)
    }
    return {
      config,
      path: fromBase.path,
      source: 'base',
      notes,
      headDatasets
    }
  }
  if (fromHead === undefined) {
    // Say where: with --head DIR the defaults are looked for in that folder,
    // not where labelgate runs, which surprises a config kept beside it.
    const where =
      options.head.label === 'worktree' ? '' : ` in '${options.head.label}'`
    throw new UserError(
      `no labelgate config found${where} (looked for ${candidates.join(', ')})`
    )
  }
  if (options.trustBase && options.base !== undefined) {
    notes.push(
      `The base has no labelgate config yet, so the check uses the one this change adds (${fromHead.path}).`
    )
  }
  return {
    config: loadConfig(
      decodeTextFile(fromHead.bytes, fromHead.path),
      fromHead.path
    ),
    path: fromHead.path,
    source: 'head',
    notes
  }
}

/** The head's config, parsed; an error in it says that it is this change's version. */
function headConfigOf(fromHead: { path: string; bytes: Uint8Array }): Config {
  try {
    return loadConfig(
      decodeTextFile(fromHead.bytes, fromHead.path),
      fromHead.path
    )
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    throw new UserError(
      `${error.message} (in the config as this change leaves it: the base's judges this check, but this one would be read after the merge)`,
      error.where
    )
  }
}
