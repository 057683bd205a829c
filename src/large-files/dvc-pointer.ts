import { parse } from 'yaml'
import { UserError } from '../errors.js'
import { excerpt } from '../util/excerpt.js'

/** What a `.dvc` file says about the one file it tracks. */
export interface DvcPointer {
  md5: string
  /** DVC 3 (`hash: md5`): the md5 of the bytes as they are. */
  dvc3: boolean
  size?: number
}

/** A `.dvc` file is a few lines; a larger one is not a pointer. */
const MAX_POINTER = 64 * 1024

/**
 * Parses the `.dvc` file that tracks `file` (`dvc add data/labels.csv`
 * writes `data/labels.csv.dvc`): YAML with one entry in `outs`, whose `path`
 * is the file's own name (the pointer sits beside it) and whose `md5` names
 * the content in the DVC cache. The path is only compared, never opened: the
 * pointer comes from the commit being checked and could name any file.
 */
export function parseDvcPointer(bytes: Uint8Array, file: string): DvcPointer {
  const where = { file: `${file}.dvc` }
  if (bytes.length > MAX_POINTER) {
    throw new UserError(
      `is ${bytes.length} bytes, too large for a DVC pointer`,
      where
    )
  }
  let doc: unknown
  try {
    doc = parse(new TextDecoder().decode(bytes), {
      maxAliasCount: 0,
      uniqueKeys: true
    })
  } catch (error) {
    throw new UserError(
      `is not a readable DVC pointer (YAML): ${excerpt(error instanceof Error ? error.message.split('\n')[0]! : String(error), 200)}`,
      where
    )
  }
  const outs = (doc as { outs?: unknown } | null)?.outs
  if (!Array.isArray(outs) || outs.length !== 1) {
    throw new UserError(
      'is not a DVC pointer to one file (it needs outs: with one entry)',
      { ...where, field: 'outs' }
    )
  }
  const out = outs[0] as Record<string, unknown>
  const name = file.slice(file.lastIndexOf('/') + 1)
  if (out.path !== name) {
    throw new UserError(
      `tracks '${excerpt(String(out.path), 100)}', not '${name}' beside it; labelgate reads a pointer only for the file of its own name`,
      { ...where, field: 'outs[0].path' }
    )
  }
  const md5 = typeof out.md5 === 'string' ? out.md5 : undefined
  if (md5 === undefined || !/^[0-9a-f]{32}(\.dir)?$/.test(md5)) {
    throw new UserError('has no md5 for its output', {
      ...where,
      field: 'outs[0].md5'
    })
  }
  if (md5.endsWith('.dir')) {
    throw new UserError(
      'tracks a folder; labelgate reads DVC pointers to single files (dvc add each label file)',
      { ...where, field: 'outs[0].md5' }
    )
  }
  const size =
    typeof out.size === 'number' && Number.isSafeInteger(out.size)
      ? out.size
      : undefined
  return { md5, dvc3: out.hash === 'md5', size }
}
