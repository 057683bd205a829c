import type { Config } from '../config/schema.js'
import { matchPaths } from '../source/path-pattern.js'

/**
 * The datasets a change touches: an annotation, reference or label schema
 * file matched by their paths changed, or the config itself did (then every
 * dataset may be judged differently).
 */
export function touchedDatasets(
  config: Config,
  configPath: string,
  changed: readonly string[]
): string[] {
  if (changed.includes(configPath)) return config.datasets.map((d) => d.name)
  return config.datasets
    .filter((d) => {
      const patterns = [
        d.path,
        ...(d.reference ? [d.reference.path] : []),
        ...(d.schema !== undefined ? [d.schema] : [])
      ]
      return patterns.some((p) => matchPaths(changed, p).length > 0)
    })
    .map((d) => d.name)
}
