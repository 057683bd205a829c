import { UserError } from '../errors.js'
import { FORMATS, type Format } from '../config/schema.js'

const BY_EXTENSION: Record<string, Format> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  json: 'json',
  // Span datasets: CoNLL-style token-per-line files.
  conll: 'conll',
  bio: 'conll',
  bioes: 'conll',
  parquet: 'parquet',
  pq: 'parquet'
}

/** The configured format, else the one the file's extension names. */
export function formatOf(path: string, configured?: Format): Format {
  if (configured !== undefined) return configured
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  const format =
    dot > 0 ? BY_EXTENSION[name.slice(dot + 1).toLowerCase()] : undefined
  if (format === undefined) {
    throw new UserError(
      `cannot tell the format from the file name; set format: to one of ${FORMATS.join(', ')}`,
      { file: path }
    )
  }
  return format
}
