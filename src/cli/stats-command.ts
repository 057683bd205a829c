import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { chooseConfig } from '../check/choose-config.js'
import { readLabelSchema, readVersion } from '../check/read-version.js'
import { decodeTextFile } from '../config/decode-text-file.js'
import { findConfigPath } from '../config/find-config.js'
import { loadConfig } from '../config/load-config.js'
import type { Config, DatasetConfig } from '../config/schema.js'
import { UserError } from '../errors.js'
import { checkTarget, writeFileAtomic } from '../fs/write-file-atomic.js'
import { REPORT_SCHEMA, type Report } from '../report/types.js'
import { migratedLabelMessages } from '../schema/migrate-label.js'
import { mergeShards, type NamedShard } from '../stats/merge-shards.js'
import { datasetReportOfStatistics } from '../stats/shard-report.js'
import { parseShard, serializeShard } from '../stats/shard-format.js'
import { shardOfRatings } from '../stats/write-shard.js'
import { cleanText } from '../util/clean-text.js'
import { VERSION } from '../version.js'
import type { CheckArgs, StatsArgs } from './args.js'
import type { CliIo } from './cli-io.js'
import { formatCountOf } from '../render/shared/format-number.js'
import { emitReport, refuseClashes } from './emit-report.js'
import { inputPaths } from './input-paths.js'
import { repositoryRoot } from './repository-root.js'
import { resolveSource, withLargeFiles } from './resolve-source.js'

/** The config as `check` finds it: --config as given, else the head's. */
async function findConfig(
  explicit: string | undefined,
  headSpec: string | undefined,
  root: string
): Promise<{ config: Config; path: string; source: 'head' | 'file' }> {
  if (explicit !== undefined) {
    const configPath = findConfigPath(explicit, existsSync)
    const bytes = await readFile(configPath).catch((error: unknown) => {
      throw new UserError(
        `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        { file: configPath }
      )
    })
    return {
      config: loadConfig(decodeTextFile(bytes, configPath), configPath),
      path: configPath,
      source: 'file'
    }
  }
  const head = await resolveSource(headSpec, '--head', root)
  const chosen = await chooseConfig({ head, trustBase: false })
  return { config: chosen.config, path: chosen.path, source: 'head' }
}

/**
 * What a statistics shard cannot carry: the analyses that need the ratings
 * themselves (who gave which label on which item, file lines) or a second
 * version. A config that asks for one is refused, not half-answered.
 */
export function shardRefusal(dataset: DatasetConfig): string | null {
  const name = `dataset '${dataset.name}'`
  if (dataset.type !== undefined && dataset.type !== 'category')
    return `${name} is of type ${dataset.type}; statistics shards hold category labels only`
  const unsupported = (
    [
      ['consensus', dataset.consensus],
      ['adjudication', dataset.adjudication],
      ['qc_sample', dataset.qc_sample],
      ['lineage', dataset.lineage],
      ['slices', dataset.slices]
    ] as const
  ).find(([, v]) => v !== undefined)
  if (unsupported !== undefined)
    return `${name} configures ${unsupported[0]}, which needs the annotations themselves; statistics shards hold sums over items (check it without --stats)`
  if (dataset.intervals === 'bootstrap')
    return `${name} asks for bootstrap intervals, which resample the annotations; statistics shards give analytic intervals only`
  return null
}

/** `labelgate stats --shard --out FILE`: one dataset's statistics (or one part of them) as a shard. */
export async function statsCommand(
  args: StatsArgs,
  io: CliIo
): Promise<number> {
  const root = await repositoryRoot(process.cwd())
  const chosen = await findConfig(args.config, args.head, root)
  const categoryDatasets = chosen.config.datasets
  let dataset: DatasetConfig | undefined
  if (args.dataset !== undefined) {
    dataset = categoryDatasets.find((d) => d.name === args.dataset)
    if (dataset === undefined)
      throw new UserError(
        `no dataset named '${args.dataset}' in ${chosen.path} (datasets: ${categoryDatasets.map((d) => d.name).join(', ')})`,
        { field: '--dataset' }
      )
  } else if (categoryDatasets.length === 1) {
    dataset = categoryDatasets[0]!
  } else {
    throw new UserError(
      `${chosen.path} has ${categoryDatasets.length} datasets; name one with --dataset`,
      { field: '--dataset' }
    )
  }
  const refusal = shardRefusal(dataset)
  if (refusal !== null) throw new UserError(refusal, { field: '--shard' })
  const source = await resolveSource(args.head, '--head', root)
  const head = withLargeFiles(source, root)
  const schema = await readLabelSchema(dataset, head)
  if (dataset.schema !== undefined && schema === null)
    throw new UserError(`label schema not found at ${head.label}`, {
      file: dataset.schema,
      field: `datasets.${dataset.name}.schema`
    })
  const version = await readVersion(dataset, head, head, {
    categories: schema?.categories,
    migrated: schema === null ? undefined : migratedLabelMessages(schema)
  })
  if (version === null)
    throw new UserError(
      `dataset '${dataset.name}': path '${dataset.path}' matches no file at ${head.label}`,
      { file: chosen.path, field: `datasets.${dataset.name}.path` }
    )
  const shard = shardOfRatings(
    dataset,
    {
      ratings: version.ratings,
      reference: version.reference,
      files: version.files,
      referenceFiles: version.referenceFiles,
      problems: version.problems
    },
    args.part ?? null
  )
  // Not over a file it read.
  refuseClashes(
    [args.out],
    inputPaths(
      root,
      [
        {
          given: args.head,
          source,
          files: [...version.files, ...version.referenceFiles]
        }
      ],
      chosen
    )
  )
  await checkTarget(args.out)
  await writeFileAtomic(args.out, serializeShard(shard))
  if (!args.quiet) {
    let annotations = 0
    for (const a of shard.annotators) annotations += a.annotations
    const part =
      args.part === undefined
        ? ''
        : `, part ${args.part.index}/${args.part.count}`
    io.stdout(
      `labelgate: wrote ${cleanText(args.out)}: dataset '${cleanText(dataset.name)}'${part}, ${formatCountOf(shard.items.length, 'item')}, ${formatCountOf(annotations, 'annotation')}, ${formatCountOf(shard.pairs.length, 'annotator pair')}\n`
    )
  }
  return 0
}

/**
 * `labelgate check --stats SHARD...`: merges each dataset's shards and gates
 * on them as `check` would on the files (without a base).
 */
export async function checkShards(args: CheckArgs, io: CliIo): Promise<number> {
  const foreign = (
    [
      ['base', args.base],
      ['changed', args.changed ? true : undefined],
      ['adjudication', args.adjudication],
      ['qc-sample', args.qcSample],
      ['consensus', args.consensus]
    ] as const
  ).find(([, v]) => v !== undefined)
  if (foreign !== undefined)
    throw new UserError(
      `--${foreign[0]} needs the annotations themselves; statistics shards hold sums over items`,
      { field: '--stats' }
    )
  if (args.files.length === 0)
    throw new UserError(
      'name the shard files to merge: check --stats FILE...',
      {
        field: '--stats'
      }
    )
  const root = await repositoryRoot(process.cwd())
  const chosen = await findConfig(args.config, args.head, root)
  const byDataset = new Map<string, NamedShard[]>()
  for (const file of args.files) {
    const bytes = await readFile(file).catch((error: unknown) => {
      throw new UserError(
        `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        { file }
      )
    })
    const shard = parseShard(decodeTextFile(bytes, file), file)
    const list = byDataset.get(shard.dataset) ?? []
    list.push({ file, shard })
    byDataset.set(shard.dataset, list)
  }
  const names = chosen.config.datasets.map((d) => d.name)
  for (const [name, shards] of byDataset)
    if (!names.includes(name))
      throw new UserError(
        `is a shard of dataset '${name}', which ${chosen.path} does not configure (datasets: ${names.join(', ')})`,
        { file: shards[0]!.file, field: 'dataset' }
      )
  for (const [name, shards] of byDataset) refuseMissingParts(name, shards)
  const datasets = chosen.config.datasets.filter(
    (d) =>
      byDataset.has(d.name) &&
      (args.datasets === undefined || args.datasets.includes(d.name))
  )
  const reports = datasets.map((dataset) => {
    const shards = byDataset.get(dataset.name)!
    const refusal = shardRefusal(dataset)
    if (refusal !== null) throw new UserError(refusal, { field: '--stats' })
    const first = shards[0]!
    if (first.shard.level !== dataset.level)
      throw new UserError(
        `has level ${first.shard.level}, but ${chosen.path} gives dataset '${dataset.name}' level ${dataset.level}`,
        { file: first.file, field: 'level' }
      )
    // Shards written without the reference the config names would report
    // its metrics as "not configured"; with one the config lacks, metrics
    // the direct check does not compute.
    const reference = dataset.reference !== undefined
    if (first.shard.reference !== reference)
      throw new UserError(
        reference
          ? `has reference: false, but ${chosen.path} gives dataset '${dataset.name}' reference labels: write the shards with them`
          : `has reference: true, but ${chosen.path} gives dataset '${dataset.name}' no reference labels`,
        { file: first.file, field: 'reference' }
      )
    // Shards of an older config would gate on another category list.
    const declared =
      dataset.schema === undefined ? dataset.categories : undefined
    if (
      dataset.schema === undefined &&
      declared === undefined &&
      first.shard.declared
    )
      throw new UserError(
        `has declared: true, but ${chosen.path} declares no categories for dataset '${dataset.name}': write the shards again`,
        { file: first.file, field: 'declared' }
      )
    if (
      declared !== undefined &&
      (!first.shard.declared ||
        JSON.stringify(first.shard.categories) !== JSON.stringify(declared))
    )
      throw new UserError(
        `does not have the categories ${chosen.path} declares for dataset '${dataset.name}' (${declared.join(', ')}): write the shards again`,
        { file: first.file, field: 'categories' }
      )
    return datasetReportOfStatistics(dataset, mergeShards(shards))
  })
  const report: Report = {
    schema: REPORT_SCHEMA,
    passed: reports.every((d) => d.passed),
    base: null,
    head: `statistics shards (${args.files.length})`,
    config: { path: chosen.path, source: chosen.source },
    datasets: reports,
    notes: [],
    version: VERSION
  }
  // No output may replace a shard it merged.
  await emitReport(report, args, io, [], args.files)
  return report.passed ? 0 : 1
}

/**
 * Shards that all say they are parts of one N-part partition must be all N:
 * with part 2/2 left out, the check judged half the items and passed or
 * failed the dataset on them. Shards without a part, or of partitions of
 * different sizes, are taken as given (any partition of the items merges).
 */
function refuseMissingParts(name: string, shards: readonly NamedShard[]): void {
  const parts = shards.map((s) => s.shard.part)
  const count = parts[0]?.count
  if (count === undefined || parts.some((p) => p?.count !== count)) return
  const have = new Set(parts.map((p) => p!.index))
  const missing: string[] = []
  for (let i = 1; i <= count; i++)
    if (!have.has(i)) missing.push(`${i}/${count}`)
  if (missing.length === 0) return
  throw new UserError(
    `dataset '${name}': the shards are parts of ${count}, and part${missing.length === 1 ? '' : 's'} ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''} ${missing.length === 1 ? 'is' : 'are'} missing: a check of some of the items is not the dataset's (pass every part's shard)`,
    { field: '--stats' }
  )
}
