import { isGlob, matchPaths } from './path-pattern.js'

/** What of a dataset's config decides which files are its annotation files. */
export interface AnnotationFileRules {
  path: string
  exclude?: readonly string[]
  /** With `ground_truth`, the reference is inside the annotation files: not left out. */
  reference?: { path: string; ground_truth?: true }
  schema?: string
}

/**
 * The dataset's annotation files among `paths` (sorted): those its `path`
 * selects, minus those its `exclude` globs select, minus its own reference
 * and label schema files. A glob like `data/sentiment/*.csv` next to
 * `data/sentiment/gold.csv` must not read the gold file as annotations.
 * A `path` naming one file exactly is kept even if excluded: the config said
 * so in as many words.
 */
export function annotationFiles(
  paths: readonly string[],
  dataset: AnnotationFileRules
): string[] {
  const selected = matchPaths(paths, dataset.path)
  if (!isGlob(dataset.path.replace(/^\.\//, ''))) return selected
  const skip = new Set<string>()
  const notAnnotations = [
    ...(dataset.exclude ?? []),
    ...(dataset.reference !== undefined &&
    dataset.reference.ground_truth !== true
      ? [dataset.reference.path]
      : []),
    ...(dataset.schema !== undefined ? [dataset.schema] : [])
  ]
  for (const pattern of notAnnotations) {
    for (const p of matchPaths(selected, pattern)) skip.add(p)
  }
  return selected.filter((p) => !skip.has(p))
}
