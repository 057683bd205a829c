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
  if (
    format === 'json' ||
    format === 'label-studio' ||
    format === 'parquet' ||
    bytes.length <= SAMPLE
  )
    return 0
  let lines = 0
  for (let i = 0; i < SAMPLE; i++) if (bytes[i] === 0x0a) lines++
  if (lines === 0) return 0
  return Math.ceil((bytes.length / SAMPLE) * lines * 1.02)
}
