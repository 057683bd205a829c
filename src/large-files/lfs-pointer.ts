/** What a Git LFS pointer file says: the content's SHA-256 and size. */
export interface LfsPointer {
  oid: string
  size: number
}

/** Pointer files are small by specification (under 1024 bytes). */
export const MAX_POINTER = 1024
const VERSION = 'version https://git-lfs.github.com/spec/v1'

/**
 * Parses a Git LFS pointer (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md):
 * `version`, `oid sha256:<64 hex>`, `size <bytes>`, one key a line. Returns
 * undefined for anything else, so a file that merely starts like one is read
 * as what it is.
 */
export function parseLfsPointer(bytes: Uint8Array): LfsPointer | undefined {
  if (bytes.length > MAX_POINTER) return undefined
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  const lines = text.split('\n')
  if (lines[0] !== VERSION) return undefined
  let oid: string | undefined
  let size: number | undefined
  for (const line of lines.slice(1)) {
    const o = /^oid sha256:([0-9a-f]{64})$/.exec(line)
    if (o !== null) oid = o[1]
    const s = /^size (\d{1,15})$/.exec(line)
    if (s !== null) size = Number(s[1])
  }
  if (oid === undefined || size === undefined) return undefined
  return { oid, size }
}
