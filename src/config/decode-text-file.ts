import { isUtf8 } from 'node:buffer'
import { UserError } from '../errors.js'
import { firstInvalidUtf8, lineAt } from '../formats/utf8.js'

/**
 * A config or label schema file's bytes as text, or a UserError saying what
 * the file is instead: UTF-16 (as some Windows editors save), a NUL byte
 * (binary), or invalid UTF-8, each at its line. A UTF-8 BOM is dropped.
 */
export function decodeTextFile(bytes: Uint8Array, file: string): string {
  const utf16 =
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) ||
      (bytes[0] === 0xfe && bytes[1] === 0xff) ||
      // Without a BOM, ASCII in UTF-16 has a NUL in every other byte.
      (bytes[0] === 0) !== (bytes[1] === 0))
  if (utf16) {
    throw new UserError('is UTF-16 text; save it as UTF-8', { file })
  }
  const nul = bytes.indexOf(0)
  if (nul >= 0) {
    throw new UserError('has a NUL byte; it is not a text file', {
      file,
      line: lineAt(bytes, nul)
    })
  }
  if (!isUtf8(bytes)) {
    throw new UserError('is not valid UTF-8 text; save it as UTF-8', {
      file,
      line: lineAt(bytes, firstInvalidUtf8(bytes))
    })
  }
  const start =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start))
}
