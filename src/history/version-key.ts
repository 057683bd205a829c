import { createHash } from 'node:crypto'
import type { DatasetConfig } from '../config/schema.js'
import { annotationFiles } from '../source/dataset-files.js'
import { matchPaths } from '../source/path-pattern.js'
import { VERSION } from '../version.js'
import { CACHED_VERSION_FORMAT } from './version-cache.js'

/**
 * The content key of a dataset at a commit: the blob ids of its annotation,
 * reference and schema files, its config entry (every key the check reads)
 * the labelgate version and the cached result's format. Equal keys mean equal
 * check results, so a key names a cache entry; null when the dataset has no
 * annotation file there.
 */
export function versionKey(
  dataset: DatasetConfig,
  blobs: ReadonlyMap<string, string>
): string | null {
  const files = annotationFiles([...blobs.keys()], dataset)
  if (files.length === 0) return null
  const reference =
    dataset.reference === undefined
      ? []
      : matchPaths(blobs.keys(), dataset.reference.path)
  const content = {
    labelgate: VERSION,
    format: CACHED_VERSION_FORMAT,
    dataset,
    files: files.map((f) => [f, blobs.get(f)]),
    reference: reference.map((f) => [f, blobs.get(f)]),
    schema:
      dataset.schema === undefined ? null : (blobs.get(dataset.schema) ?? null)
  }
  return createHash('sha256').update(canonicalJson(content)).digest('hex')
}

/** JSON with object keys sorted: a config whose keys are only reordered gives the same key. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

/** Whether a changed path can change the dataset's key (its files, reference or schema). */
export function touchesDataset(
  dataset: DatasetConfig,
  paths: readonly string[]
): boolean {
  const patterns = [
    dataset.path,
    ...(dataset.reference === undefined ? [] : [dataset.reference.path]),
    ...(dataset.schema === undefined ? [] : [dataset.schema])
  ]
  return patterns.some((p) => matchPaths(paths, p).length > 0)
}
