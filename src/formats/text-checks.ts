import { isUtf8 } from 'node:buffer'
import { UserError } from '../errors.js'
import { firstInvalidUtf8, lineAt } from './utf8.js'

const LFS_POINTER = new TextEncoder().encode(
  'version https://git-lfs.github.com/spec/v1'
)
const BINARY_PROBE = 8192

/** Whether the bytes are a Git LFS pointer file (the text LFS commits in place of the content). */
export function startsWithLfsPointer(bytes: Uint8Array): boolean {
  return startsWith(bytes, LFS_POINTER)
}

/** The run-stopping error for an LFS pointer that reached a reader unresolved. */
export function lfsPointerError(file: string): UserError {
  return new UserError(
    'is a Git LFS pointer, not the labels; the LFS content was not checked out (actions/checkout: lfs: true)',
    { file, line: 1 }
  )
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false
  for (let i = 0; i < prefix.length; i++)
    if (bytes[i] !== prefix[i]) return false
  return true
}

/**
 * Stops the run on bytes that are not a UTF-8 text label file (a Git LFS
 * pointer, UTF-16, binary, invalid UTF-8, nothing but blank space), so that no
 * metric is ever computed on the wrong content. Returns the offset after a BOM.
 * `records` names what the file should hold, for the empty-file message.
 */
export function checkText(
  bytes: Uint8Array,
  file: string,
  records: string
): number {
  if (startsWithLfsPointer(bytes)) throw lfsPointerError(file)
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) ||
      (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    throw new UserError('is UTF-16 text; save it as UTF-8', { file })
  }
  const probe = Math.min(bytes.length, BINARY_PROBE)
  for (let i = 0; i < probe; i++) {
    if (bytes[i] === 0) {
      throw new UserError(
        'is a binary file (it has a NUL byte in the first 8 KiB), not a text label file',
        { file, line: lineAt(bytes, i) }
      )
    }
  }
  // Past the probe, a NUL would go into a label or an id as text.
  const nul = bytes.indexOf(0, probe)
  if (nul >= 0) {
    throw new UserError('has a NUL byte, which a text label file never holds', {
      file,
      line: lineAt(bytes, nul)
    })
  }
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes)
    throw new UserError('is not valid UTF-8 text (first invalid byte here)', {
      file,
      line: lineAt(bytes, at)
    })
  }
  const start =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  let blank = true
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i]
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
      blank = false
      break
    }
  }
  if (blank) throw new UserError(`is empty; it has no ${records}`, { file })
  return start
}
