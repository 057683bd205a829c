import { UserError } from '../errors.js'

/** Where a config is looked for when none is named (README, `--config`), in order. */
export const DEFAULT_CONFIG_PATHS = [
  '.github/labelgate.yml',
  'labelgate.yml'
] as const

/**
 * The config file to read: the one named (`--config`, the action's `config`
 * input), else the first default that exists. Pure: `exists` is injected.
 * An empty name counts as none, as an unset action input reads ''.
 */
export function findConfigPath(
  explicit: string | undefined,
  exists: (path: string) => boolean
): string {
  if (explicit !== undefined && explicit !== '') {
    if (exists(explicit)) return explicit
    throw new UserError('config file not found', {
      file: explicit
    })
  }
  const found = DEFAULT_CONFIG_PATHS.find((p) => exists(p))
  if (found !== undefined) return found
  throw new UserError(
    `no config file: looked for ${DEFAULT_CONFIG_PATHS.join(' and ')}; ` +
      "create one, or name another with --config (the action's 'config' input)"
  )
}
