import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'

/** A folder (outside git) with one dataset's files and a config. */
export interface ShardCase {
  name: string
  cwd: string
  config: string
  /** Where reports and shards are written; default `cwd`. */
  out?: string
}

const csvField = (v: string): string =>
  /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v

export function csv(header: string[], rows: readonly string[][]): string {
  return (
    [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n'
  )
}

/** Writes a case from rows [item, annotator, label] (and reference rows [item, label]). */
export function writeCase(
  name: string,
  rows: readonly string[][],
  options: {
    level?: string
    categories?: readonly string[]
    reference?: readonly string[][]
    gates?: string
  } = {}
): ShardCase {
  const cwd = mkdtempSync(path.join(tmpdir(), 'labelgate-shards-'))
  writeFileSync(
    path.join(cwd, 'annotations.csv'),
    csv(['item_id', 'annotator', 'label'], rows)
  )
  if (options.reference !== undefined)
    writeFileSync(
      path.join(cwd, 'gold.csv'),
      csv(['item_id', 'label'], options.reference)
    )
  const lines = [
    'version: 1',
    'datasets:',
    `  - name: ${JSON.stringify(name)}`,
    '    path: annotations.csv',
    '    fields: { item: item_id, annotator: annotator, label: label }',
    `    level: ${options.level ?? 'nominal'}`,
    ...(options.categories === undefined
      ? []
      : [`    categories: ${JSON.stringify(options.categories)}`]),
    ...(options.reference === undefined
      ? []
      : ['    reference: { path: gold.csv }']),
    '    gates:',
    options.gates ??
      '      krippendorff_alpha: { min: 0.3 }\n      percent_agreement: { min: 0.5, min_items: 5 }'
  ]
  writeFileSync(path.join(cwd, 'labelgate.yml'), `${lines.join('\n')}\n`)
  return { name, cwd, config: 'labelgate.yml' }
}

/** A case over a CSV file already on disk (item_id, annotator, label; gold item_id, label). */
export function fileCase(
  name: string,
  annotations: string,
  gold: string | null,
  options: { level?: string; categories?: readonly string[] } = {}
): ShardCase {
  const rows = readFileSync(annotations, 'utf8')
  const cwd = mkdtempSync(path.join(tmpdir(), 'labelgate-shards-'))
  writeFileSync(path.join(cwd, 'annotations.csv'), rows)
  if (gold !== null)
    writeFileSync(path.join(cwd, 'gold.csv'), readFileSync(gold, 'utf8'))
  const lines = [
    'version: 1',
    'datasets:',
    `  - name: ${name}`,
    '    path: annotations.csv',
    '    fields: { item: item_id, annotator: annotator, label: label }',
    `    level: ${options.level ?? 'nominal'}`,
    ...(options.categories === undefined
      ? []
      : [`    categories: ${JSON.stringify(options.categories)}`]),
    ...(gold === null ? [] : ['    reference: { path: gold.csv }']),
    '    gates:',
    '      krippendorff_alpha: { min: 0.3 }',
    '      majority_vote_accuracy: { min: 0.5 }',
    '      annotator.accuracy: { min: 0.6, min_items: 20, severity: warning }'
  ]
  writeFileSync(path.join(cwd, 'labelgate.yml'), `${lines.join('\n')}\n`)
  return { name, cwd, config: 'labelgate.yml' }
}

export interface Run {
  code: number
  stdout: string
  stderr: string
}

/** The direct check's JSON report (full, uncapped) and exit status. */
export async function directReport(
  c: ShardCase
): Promise<{ code: number; report: Record<string, unknown> }> {
  const out = path.join(c.out ?? c.cwd, 'direct.json')
  const run = await runCli(c.cwd, [
    'check',
    '--config',
    c.config,
    '--json',
    out,
    '--full-report',
    '--quiet'
  ])
  if (run.code === 2) throw new Error(`direct check failed: ${run.stderr}`)
  return {
    code: run.code,
    report: JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>
  }
}

/** Writes `parts` shards of the case (one when parts is 0: no --part). */
export async function writeShards(
  c: ShardCase,
  parts: number,
  extra: string[] = []
): Promise<string[]> {
  const files: string[] = []
  for (let i = 1; i <= Math.max(1, parts); i++) {
    const out = path.join(c.out ?? c.cwd, `shard-${parts}-${i}.json`)
    const run = await runCli(c.cwd, [
      'stats',
      '--shard',
      '--config',
      c.config,
      '--out',
      out,
      '--quiet',
      ...(parts > 0 ? ['--part', `${i}/${parts}`] : []),
      ...extra
    ])
    if (run.code !== 0) throw new Error(`stats failed: ${run.stderr}`)
    files.push(out)
  }
  return files
}

/** The check of merged shards: JSON report and exit status. */
export async function shardReport(
  c: ShardCase,
  files: string[]
): Promise<{ code: number; report: Record<string, unknown>; run: Run }> {
  const out = path.join(c.out ?? c.cwd, 'merged.json')
  const run = await runCli(c.cwd, [
    'check',
    '--config',
    c.config,
    '--stats',
    '--json',
    out,
    '--full-report',
    '--quiet',
    ...files
  ])
  if (run.code === 2) throw new Error(`check --stats failed: ${run.stderr}`)
  return {
    code: run.code,
    report: JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>,
    run
  }
}
