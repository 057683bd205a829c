import type { Config, DatasetConfig } from '../config/schema.js'
import { UserError } from '../errors.js'
import {
  REPORT_SCHEMA,
  type DatasetReport,
  type ModelMetricsReport,
  type Report
} from '../report/types.js'
import type { Source } from '../source/source.js'
import { VERSION } from '../version.js'
import type { Judge } from '../gates/evaluate-gates.js'
import {
  evaluateDataset,
  type DatasetArtifacts,
  type Timer
} from './evaluate-dataset.js'
import {
  countLabels,
  migratedReferenceLabels,
  needsExtraColumns,
  newCodeSpace,
  readLabelSchema,
  readVersion,
  type CodeSpace,
  type DatasetVersion
} from './read-version.js'
import {
  countRows,
  migratedStructuredReferenceLabels,
  readStructuredVersion
} from '../structured/read-structured-version.js'
import { PrefetchingSource } from '../source/prefetching-source.js'
import { annotationFiles } from '../source/dataset-files.js'
import { listFiles } from '../source/list-and-read.js'
import { formatOf } from '../formats/format-of.js'
import { isStreamable } from '../formats/read-records.js'
import type { ReadProgress } from '../formats/read-annotations.js'
import type { ParallelRead } from '../formats/read-stream.js'
import {
  compareSchemas,
  type SchemaComparison
} from '../schema/compare-schemas.js'
import type { LabelSchema } from '../schema/label-schema.js'
import { migratedLabelMessages } from '../schema/migrate-label.js'
import {
  splitRenames,
  trustBoundaryProblems,
  type TrustedRenames
} from '../schema/trust-boundary.js'
import type { Problem } from '../model/problem.js'
import { DEFAULT_TREND_WINDOW, type TrendSeries } from '../gates/trend.js'

export interface CheckOptions {
  config: Config
  configPath: string
  configSource: Report['config']['source']
  /** The version under test. */
  head: Source
  /** The version to compare with; absent = head metrics only. */
  base?: Source
  /** Where the reference labels are read from (the trusted side); default head. */
  trusted?: Source
  /** Only these datasets (by name); default all. */
  datasets?: string[]
  /**
   * With the config from the base: the datasets the head's config lists. A
   * dataset it no longer lists, whose files were at the base and are gone at
   * the head, is removed by the change: a note, not a run that cannot be done.
   */
  headDatasets?: readonly string[]
  notes?: string[]
  /**
   * The time of the check, for the lineage check's "not in the future"; the
   * core keeps no clock, so the CLI and the action pass it. Absent: no
   * timestamp is judged to be in the future.
   */
  now?: Date
  /**
   * What the gates judge: `change` (pull requests, merge groups: a breach
   * already at the base and not made worse is pre-existing) or `state`
   * (default: the absolute state of the head).
   */
  judge?: Judge
  /** Told how the reading of streamed label files goes (the CLI's progress line). */
  progress?: ReadProgress
  /**
   * Worker threads that read large CSV and TSV label files; absent: the main
   * thread reads everything. The report is the same either way.
   */
  parallel?: ParallelRead
  /** Told how long each phase took (for the benchmark); the core keeps no clock. */
  onPhase?: (phase: 'read' | 'metrics', ms: number) => void
  /**
   * The base branch's latest versions of a dataset, asked for each dataset
   * with a `max_decline` gate (the history reads them from git); absent: no
   * history, so those gates are not applicable.
   */
  trend?: (dataset: DatasetConfig, window: number) => Promise<TrendSeries>
  /**
   * The config's `model_metrics` file at the head and whether the change's
   * labels are newer than it (git heads only); absent: not read.
   */
  modelMetrics?: (
    dataset: DatasetConfig,
    labelFiles: readonly string[],
    labelsChanged: boolean
  ) => Promise<ModelMetricsReport | null>
  /** Given each dataset's head as read (the history counts lineage weeks from it). */
  onHead?: (dataset: DatasetConfig, head: DatasetVersion) => void
}

export interface CheckResult {
  report: Report
  /** Per dataset: the adjudication queue and QC sample, for the files people work from. */
  artifacts: DatasetArtifacts[]
}

/** The whole check, pure over its sources: config → read → metrics → gates → report. */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const { config } = options
  const wanted = options.datasets
  if (wanted !== undefined) {
    const names = new Set(config.datasets.map((d) => d.name))
    for (const name of wanted) {
      if (!names.has(name)) {
        throw new UserError(
          `no dataset named '${name}' in ${options.configPath} (datasets: ${[...names].join(', ')})`,
          { field: '--dataset' }
        )
      }
    }
  }
  const selected = config.datasets.filter(
    (d) => wanted === undefined || wanted.includes(d.name)
  )
  const timed: Timer = async (phase, work) => {
    const started = performance.now()
    const result = await work()
    options.onPhase?.(phase, performance.now() - started)
    return result
  }
  const trusted = options.trusted ?? options.head
  const notes = [...(options.notes ?? [])]

  const datasets: DatasetReport[] = []
  const artifacts: DatasetArtifacts[] = []
  const headDatasets =
    options.headDatasets === undefined
      ? undefined
      : new Set(options.headDatasets)
  for (const dataset of selected) {
    if (
      options.base !== undefined &&
      headDatasets !== undefined &&
      !headDatasets.has(dataset.name) &&
      (await removedByChange(dataset, options.head, options.base))
    ) {
      notes.push(
        `dataset '${dataset.name}' is removed by this change (its files and its entry in the config are gone): not checked`
      )
      continue
    }
    if (
      options.base !== undefined &&
      trusted === options.base &&
      dataset.reference !== undefined &&
      dataset.reference.ground_truth !== true
    ) {
      const edited = await editedFiles(
        dataset.reference.path,
        options.head,
        options.base
      )
      if (edited.length > 0) {
        const shown = edited.slice(0, 3).join(', ')
        const more = edited.length > 3 ? ` and ${edited.length - 3} more` : ''
        notes.push(
          `dataset '${dataset.name}': this change edits its reference labels (${shown}${more}); the check uses the base's, and the edit applies after merge`
        )
      }
    }
    // The label schema first: a migration changes how the base (and gold
    // labels read from the base) are read.
    const headSchema = await readLabelSchema(dataset, options.head)
    if (dataset.schema !== undefined && headSchema === null) {
      throw new UserError(`label schema not found at ${options.head.label}`, {
        file: dataset.schema,
        field: `datasets.${dataset.name}.schema`
      })
    }
    const baseSchema =
      options.base === undefined
        ? null
        : await readLabelSchema(dataset, options.base)
    const schema =
      baseSchema !== null && headSchema !== null
        ? compareSchemas(baseSchema, headSchema)
        : null
    // The trust boundary: when the base is the trusted side (a pull request),
    // the head's migrations are applied to what is read from the base only
    // where they keep every distinction; the rest are withheld (and are an
    // error below when base data uses them).
    const trustBase = options.base !== undefined && trusted === options.base
    const split =
      schema !== null && baseSchema !== null && trustBase
        ? splitRenames(baseSchema, schema)
        : undefined
    const renames = split?.applied ?? schema?.renames
    const referenceRenames = trustBase ? renames : undefined

    // The base is read in the head's words: renamed labels become the new
    // names; removed ones, and withheld renames, stay as they were (their
    // change is a real one).
    const keptFromBase =
      schema !== null && headSchema !== null && baseSchema !== null
        ? baseSchema.categories.filter(
            (c) => !headSchema.categories.includes(c) && !renames!.has(c)
          )
        : []
    const baseCategories =
      schema !== null && headSchema !== null
        ? [...headSchema.categories, ...keptFromBase]
        : (baseSchema?.categories ?? undefined)
    const migrated =
      headSchema === null ? undefined : migratedLabelMessages(headSchema)
    const withheldLabels = new Set(split?.withheld.map((w) => w.from))
    // The base's files are read while the head is parsed; both are coded in
    // one code space, so the diff matches codes, not strings.
    const baseSource =
      options.base === undefined
        ? undefined
        : new PrefetchingSource(options.base)
    const prefetched = baseSource?.prefetch(
      dataset.path,
      (file) =>
        dataset.type === 'category' &&
        isStreamable(formatOf(file, dataset.format))
    )
    const space = newCodeSpace()
    const [head, base] = await timed('read', async () => {
      const headVocabulary = {
        categories: headSchema?.categories,
        referenceRenames,
        // The trusted gold keeps the categories the change may not rewrite.
        referenceOnly: trustBase ? keptFromBase : undefined,
        migrated
      }
      const h =
        dataset.type === 'category'
          ? await readVersion(
              dataset,
              options.head,
              trusted,
              headVocabulary,
              needsExtraColumns(dataset),
              space,
              options.progress,
              options.parallel
            )
          : await readStructuredVersion(
              dataset,
              options.head,
              trusted,
              headVocabulary,
              space,
              needsExtraColumns(dataset)
            )
      await prefetched
      const baseVocabulary = {
        categories: baseCategories,
        renames,
        referenceRenames,
        count: withheldLabels
      }
      const b =
        baseSource === undefined
          ? undefined
          : await inBase(options.base!.label, async () =>
              dataset.type === 'category'
                ? await readVersion(
                    dataset,
                    baseSource,
                    trusted,
                    baseVocabulary,
                    false,
                    space,
                    options.progress,
                    options.parallel
                  )
                : await readStructuredVersion(
                    dataset,
                    baseSource,
                    trusted,
                    baseVocabulary,
                    space
                  )
            )
      return [h, b] as const
    })
    if (head === null) {
      // Files deleted while the config still lists the dataset: every later
      // check would stop here, so say how a dataset is removed.
      const deleted =
        base === null || base === undefined
          ? ''
          : `, though it did at the base: to remove the dataset, delete its entry in ${options.configPath} in the same change`
      throw new UserError(
        `dataset '${dataset.name}': path '${dataset.path}' matches no file at ${options.head.label}${deleted}`,
        { file: options.configPath, field: `datasets.${dataset.name}.path` }
      )
    }
    // The history's weekly buckets need the category ratings and lineage.
    if (!('structured' in head)) options.onHead?.(dataset, head)
    if (base === null) {
      notes.push(
        `dataset '${dataset.name}' is new: no file matches '${dataset.path}' at the base`
      )
    }
    const evaluated = await evaluateDataset(
      dataset,
      head,
      base,
      timed,
      options.head.label,
      schema === null
        ? null
        : {
            change:
              schema.change === null
                ? null
                : {
                    ...schema.change,
                    affected_annotations: base?.renamed ?? 0
                  },
            problems: [
              ...schema.problems,
              ...(await schemaTrustProblems(
                dataset,
                options.head,
                trustBase,
                headSchema!,
                schema,
                split,
                migrated,
                space,
                base?.counted
              ))
            ]
          },
      options.now,
      options.judge,
      await trendOf(dataset, options)
    )
    if (dataset.model_metrics !== undefined && options.modelMetrics) {
      const d = evaluated.report.diff
      const changed =
        d !== null &&
        d.annotations_added + d.annotations_removed + d.labels_changed > 0
      const model = await options.modelMetrics(
        dataset,
        evaluated.report.files,
        changed
      )
      if (model !== null) {
        evaluated.report.model_metrics = model
        if (model.stale) {
          notes.push(
            `dataset '${dataset.name}': the model has not been evaluated on these labels yet (${model.path} ${model.date === null ? 'is not in the history' : `last changed ${model.date}`}; the labels ${model.labels_date === null ? 'change here' : `last changed ${model.labels_date}`})`
          )
        }
      }
    }
    datasets.push(evaluated.report)
    artifacts.push(evaluated.artifacts)
  }

  const report: Report = {
    schema: REPORT_SCHEMA,
    passed: datasets.every((d) => d.passed),
    base: options.base?.label ?? null,
    head: options.head.label,
    config: { path: options.configPath, source: options.configSource },
    datasets,
    notes,
    version: VERSION
  }
  return { report, artifacts }
}

/** The dataset has annotation files at the base and none at the head. */
async function removedByChange(
  dataset: DatasetConfig,
  head: Source,
  base: Source
): Promise<boolean> {
  const at = async (source: Source) =>
    annotationFiles(await listFiles(source, dataset.path, 'path'), dataset)
      .length
  return (await at(head)) === 0 && (await at(base)) > 0
}

/**
 * The files a pattern selects that differ between the base and the head
 * (added, deleted or edited), sorted. A file that cannot be read on one side
 * (large-file storage without its object) is left out: this only informs.
 */
async function editedFiles(
  pattern: string,
  head: Source,
  base: Source
): Promise<string[]> {
  const [atHead, atBase] = await Promise.all([
    listFiles(head, pattern, 'reference.path'),
    listFiles(base, pattern, 'reference.path')
  ])
  const edited: string[] = []
  for (const file of [...new Set([...atHead, ...atBase])].sort()) {
    try {
      const [h, b] = await Promise.all([head.read(file), base.read(file)])
      const same =
        h !== undefined && b !== undefined && Buffer.from(h).equals(b)
      if (!same) edited.push(file)
    } catch (error) {
      if (!(error instanceof UserError)) throw error
    }
  }
  return edited
}

/** Why a trend gate has no series without a base (also in statistics-shard checks). */
export const NO_BASE_TREND =
  "no base: a trend gate compares with the base branch's history"

/** The trend series of a dataset with a `max_decline` gate; undefined without one. */
async function trendOf(
  dataset: DatasetConfig,
  options: CheckOptions
): Promise<TrendSeries | undefined> {
  const windows = Object.values(dataset.gates)
    .filter((g) => g.max_decline !== undefined)
    .map((g) => g.window ?? DEFAULT_TREND_WINDOW)
  if (windows.length === 0) return undefined
  if (options.trend === undefined) {
    return {
      points: null,
      note:
        options.base === undefined
          ? NO_BASE_TREND
          : 'no history of the base branch was read (a trend needs a git base)'
    }
  }
  return options.trend(dataset, Math.max(...windows))
}

/**
 * On a pull request (the base trusted): the migrations the head may not
 * apply to base data that uses them, and the labels its own reference files
 * still hold that a migration renamed or removed (those files are not read
 * for the metrics, but will be after the merge).
 */
async function schemaTrustProblems(
  dataset: Config['datasets'][number],
  headSource: Source,
  trustBase: boolean,
  head: LabelSchema,
  schema: SchemaComparison,
  split: TrustedRenames | undefined,
  migrated: ReadonlyMap<string, string> | undefined,
  space: CodeSpace,
  baseCounts: ReadonlyMap<string, number> | undefined
): Promise<Problem[]> {
  if (!trustBase) return []
  const problems: Problem[] = []
  if (split !== undefined) {
    const reference = await space.reference
    const structured = await space.structuredReference
    const watched = new Set([
      ...split.withheld.map((w) => w.from),
      ...(schema.change?.removed ?? [])
    ])
    problems.push(
      ...trustBoundaryProblems(
        head,
        schema,
        split.withheld,
        reference !== undefined
          ? countLabels(reference.table, watched)
          : structured !== undefined
            ? countRows(structured.table, watched)
            : new Map(),
        baseCounts ?? new Map()
      )
    )
  }
  if (migrated !== undefined) {
    problems.push(
      ...(await (dataset.type === 'category'
        ? migratedReferenceLabels(dataset, headSource, migrated)
        : migratedStructuredReferenceLabels(dataset, headSource, migrated)))
    )
  }
  return problems
}

/**
 * A file of the base that cannot be read says so: its path is the same as the
 * head's, which may be fine, and 'data/a.csv:1: missing column' alone sends
 * the reader to the wrong file. (The head read comes first, so a reference
 * file both read has already passed.)
 */
async function inBase<T>(label: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    const at = /^[0-9a-f]{40}$/.test(label) ? label.slice(0, 7) : label
    throw new UserError(
      `${error.message} (in the base version, ${at})`,
      error.where
    )
  }
}
