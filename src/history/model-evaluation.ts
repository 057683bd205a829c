import type { DatasetConfig } from '../config/schema.js'
import { decodeTextFile } from '../config/decode-text-file.js'
import { isUserError } from '../errors.js'
import type { CatFileBatch } from '../git/cat-file-batch.js'
import { GitSource } from '../git/git-source.js'
import { lastChangeDate } from '../git/last-change.js'
import type { ModelMetricsReport } from '../report/types.js'
import { readModelMetrics } from './model-metrics.js'

/** The model metrics file at a commit: its values and the date of its last change. */
export async function modelMetricsAt(
  dataset: DatasetConfig,
  commit: string,
  cwd: string,
  objects?: CatFileBatch,
  warn: (message: string) => void = () => undefined
): Promise<{
  values: Record<string, number | null> | null
  date: string | null
}> {
  const config = dataset.model_metrics
  if (config === undefined) return { values: null, date: null }
  const source = new GitSource(commit, cwd, objects)
  try {
    const bytes = await source.read(config.path)
    if (bytes === undefined) return { values: null, date: null }
    const values = readModelMetrics(
      decodeTextFile(bytes, config.path),
      config.path,
      config
    )
    return { values, date: await lastChangeDate(commit, [config.path], cwd) }
  } catch (error) {
    if (!isUserError(error)) throw error
    warn(`${commit.slice(0, 7)}: ${error.format()}`)
    return {
      values: null,
      date: await lastChangeDate(commit, [config.path], cwd)
    }
  }
}

/**
 * The check's `modelMetrics` option on a git head: the model metrics file at
 * the head, and whether the change gives labels the model was not evaluated
 * on (labels changed, and the file's last change is older than the labels').
 */
export function gitModelEvaluation(
  cwd: string,
  head: string
): (
  dataset: DatasetConfig,
  labelFiles: readonly string[],
  labelsChanged: boolean
) => Promise<ModelMetricsReport | null> {
  return async (dataset, labelFiles, labelsChanged) => {
    const config = dataset.model_metrics
    if (config === undefined) return null
    const { values, date } = await modelMetricsAt(dataset, head, cwd)
    const labelsDate = await lastChangeDate(head, labelFiles, cwd)
    const stale =
      labelsChanged &&
      (date === null ||
        (labelsDate !== null && Date.parse(date) < Date.parse(labelsDate)))
    return { path: config.path, values, date, labels_date: labelsDate, stale }
  }
}
