import { parquetMetadata } from 'hyparquet'
import type { Format } from '../config/schema.js'

const SAMPLE = 1 << 16

/**
 * About how many records a big line-based file holds, from the line length in
 * its first 64 KiB, so the table can be sized once instead of doubling (which
 * copies every column and briefly holds two of each). 0 for small files and
 * for JSON arrays (and Label Studio exports), whose records span an unknown
 * number of lines.
 */
export function estimateRecords(bytes: Uint8Array, format: Format): number {
  if (format === 'parquet') return parquetRows(bytes)
  return estimateFromStart(bytes, bytes.length, format)
}

/**
 * `estimateRecords` from a file's first bytes (at most 64 KiB are looked
 * at) and its size, for a file read as a stream.
 */
export function estimateFromStart(
  start: Uint8Array,
  size: number,
  format: Format
): number {
  if (
    format === 'json' ||
    format === 'label-studio' ||
    format === 'label-studio-min' ||
    format === 'parquet' ||
    size <= SAMPLE
  )
    return 0
  const sample = Math.min(start.length, SAMPLE)
  let lines = 0
  for (let i = 0; i < sample; i++) if (start[i] === 0x0a) lines++
  if (lines === 0) return 0
  return Math.ceil((size / sample) * lines * 1.02)
}

/**
 * The rows a Parquet file's footer declares, when that is at most the
 * Parquet reader's limit (which refuses more), else 0: the reader reports
 * a broken file.
 */
function parquetRows(bytes: Uint8Array): number {
  if (bytes.length <= SAMPLE) return 0
  try {
    const own =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? (bytes.buffer as ArrayBuffer)
        : bytes.slice().buffer
    const rows = Number(parquetMetadata(own).num_rows)
    return Number.isSafeInteger(rows) && rows > 0 && rows <= 100_000_000
      ? rows
      : 0
  } catch {
    return 0
  }
}
