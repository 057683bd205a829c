import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { directReport, shardReport } from './shard-helpers.js'

/**
 * The example that writes shards with SQL (examples/stats-shards/shard.sql,
 * run in DuckDB over Parquet files, one query per part) against the direct
 * check of the same Parquet files: the same datasets in the report, to the
 * last bit, because the SQL's order keys are the rows' positions in the files.
 */
const repo = process.cwd()
const script = path.join(repo, 'examples/stats-shards/write-shards.mjs')

function config(dir: string, name: string, annotations: string): void {
  writeFileSync(
    path.join(dir, 'labelgate.yml'),
    [
      'version: 1',
      'datasets:',
      `  - name: ${name}`,
      `    path: '${annotations}'`,
      '    fields: { item: item_id, annotator: annotator, label: label }',
      '    level: nominal',
      '    reference: { path: gold.parquet }',
      '    gates:',
      '      krippendorff_alpha: { min: 0.2 }',
      '      majority_vote_accuracy: { min: 0.8 }',
      '      annotator.accuracy: { min: 0.6, min_items: 20, severity: warning }',
      ''
    ].join('\n')
  )
}

/** Runs the example's driver: one DuckDB query per part, one shard file each. */
function sqlShards(
  dir: string,
  name: string,
  glob: string,
  parts: number
): string[] {
  // Not made here: the driver makes its output folder, as the doc's
  // command (`... 4 out/`) needs.
  const out = path.join(dir, `sql-${parts}`)
  execFileSync(
    process.execPath,
    [script, name, glob, 'gold.parquet', String(parts), out],
    { cwd: dir, encoding: 'utf8' }
  )
  return readdirSync(out)
    .sort()
    .map((f) => path.join(out, f))
}

async function expectSameAsDirect(dir: string, name: string, glob: string) {
  const c = { name, cwd: dir, config: 'labelgate.yml' }
  const direct = await directReport(c)
  for (const parts of [1, 4]) {
    const files = sqlShards(dir, name, glob, parts)
    expect(files).toHaveLength(parts)
    const merged = await shardReport(c, files)
    expect(merged.report.datasets).toEqual(direct.report.datasets)
    expect(merged.code).toBe(direct.code)
  }
}

describe('shards written by SQL in DuckDB over Parquet', () => {
  it('equal the direct check of the RTE Parquet file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'labelgate-duckdb-'))
    copyFileSync(
      path.join(repo, '__fixtures__/parquet/snow_rte-snappy.parquet'),
      path.join(dir, 'annotations.parquet')
    )
    copyFileSync(
      path.join(repo, '__fixtures__/parquet/snow_rte-gold.parquet'),
      path.join(dir, 'gold.parquet')
    )
    config(dir, 'rte', 'annotations.parquet')
    await expectSameAsDirect(dir, 'rte', 'annotations.parquet')
  }, 120_000)

  it('equal the direct check of the product set split over three Parquet files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'labelgate-duckdb-'))
    mkdirSync(path.join(dir, 'labels'))
    const data = path.join(repo, '__fixtures__/data/zheng_product')
    const db = await DuckDBInstance.create(':memory:')
    const sql = await db.connect()
    await sql.run(
      `CREATE TABLE t AS SELECT row_number() OVER () AS r, * FROM read_csv('${data}/annotations.csv', all_varchar = true)`
    )
    // Three files in row order, so the files' order is the CSV's.
    for (const [i, from, to] of [
      [0, 0, 9000],
      [1, 9000, 17000],
      [2, 17000, 1e9]
    ] as const)
      await sql.run(
        `COPY (SELECT item_id, annotator, label FROM t WHERE r > ${from} AND r <= ${to} ORDER BY r) TO '${dir}/labels/part-${i}.parquet' (FORMAT parquet)`
      )
    await sql.run(
      `COPY (SELECT * FROM read_csv('${data}/gold.csv', all_varchar = true)) TO '${dir}/gold.parquet' (FORMAT parquet)`
    )
    sql.closeSync()
    config(dir, 'product', 'labels/*.parquet')
    await expectSameAsDirect(dir, 'product', 'labels/*.parquet')
  }, 180_000)
})
