import type { Config } from '../config/schema.js'
import { annotationFiles } from '../source/dataset-files.js'
import { matchPaths } from '../source/path-pattern.js'

/**
 * The datasets a change touches (the action's `datasets: changed`, the CLI's
 * `--changed`): one of its annotation files (as `path` and `exclude` select
 * them), its reference or label schema file changed, or the config itself did
 * (then every dataset may be judged differently). `changed` and `configPath`
 * are relative to the repository root.
 */
export function touchedDatasets(
  config: Config,
  configPath: string,
  changed: readonly string[]
): string[] {
  if (changed.includes(configPath)) return config.datasets.map((d) => d.name)
  // A DVC-tracked file changes through its pointer, `<file>.dvc`.
  const files = [
    ...changed,
    ...changed.filter((p) => p.endsWith('.dvc')).map((p) => p.slice(0, -4))
  ]
  return config.datasets
    .filter((d) => {
      if (annotationFiles(files, d).length > 0) return true
      const others = [
        ...(d.reference ? [d.reference.path] : []),
        ...(d.schema !== undefined ? [d.schema] : [])
      ]
      return others.some((p) => matchPaths(files, p).length > 0)
    })
    .map((d) => d.name)
}
