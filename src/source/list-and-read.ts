import { UserError } from '../errors.js'
import { checkPattern } from './path-pattern.js'
import type { Source } from './source.js'

/**
 * The files of `source` a config pattern matches; the pattern is checked
 * first (`field` names the config key in the error).
 */
export async function listFiles(
  source: Source,
  pattern: string,
  field: string
): Promise<string[]> {
  checkPattern(pattern, field)
  return source.list(pattern)
}

/** A listed file's bytes: one that vanished since the listing is a user error. */
export async function mustRead(
  source: Source,
  file: string
): Promise<Uint8Array> {
  const bytes = await source.read(file)
  if (bytes === undefined) {
    throw new UserError(`does not exist at ${source.label}`, { file })
  }
  return bytes
}
