// Writes the statistics shards of a dataset stored as Parquet files, one
// DuckDB query per part (shard.sql), then `labelgate check --stats` merges
// them. Needs `npm install @duckdb/node-api`. Usage:
//   node examples/stats-shards/write-shards.mjs DATASET 'labels/*.parquet' gold.parquet PARTS OUTDIR
// The annotation and gold paths are relative to the repository root, as in
// labelgate.yml; each part could as well run on another machine.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DuckDBInstance } from '@duckdb/node-api'

const here = path.dirname(fileURLToPath(import.meta.url))
const sql = readFileSync(path.join(here, 'shard.sql'), 'utf8')
const quote = (text) => `'${text.replace(/'/g, "''")}'`

/** The shards' JSON texts, part 1..parts. */
export async function writeShards({
  dataset,
  annotations,
  gold,
  parts,
  files,
  referenceFiles
}) {
  const db = await DuckDBInstance.create(':memory:')
  const connection = await db.connect()
  await connection.run(
    `CREATE VIEW annotations AS SELECT * FROM read_parquet(${quote(annotations)}, filename = true, file_row_number = true)`
  )
  await connection.run(
    `CREATE VIEW gold AS SELECT * FROM read_parquet(${quote(gold)})`
  )
  await connection.run(`SET VARIABLE dataset = ${quote(dataset)}`)
  await connection.run(`SET VARIABLE parts = ${Number(parts)}`)
  await connection.run(
    `SET VARIABLE files = [${files.map(quote).join(', ')}]::VARCHAR[]`
  )
  await connection.run(
    `SET VARIABLE reference_files = [${referenceFiles.map(quote).join(', ')}]::VARCHAR[]`
  )
  const shards = []
  for (let part = 1; part <= parts; part++) {
    await connection.run(`SET VARIABLE part = ${part}`)
    const result = await connection.runAndReadAll(sql)
    shards.push(String(result.getRows()[0][0]))
  }
  connection.closeSync()
  return shards
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dataset, annotations, gold, parts, outDir] = process.argv.slice(2)
  if (outDir === undefined) {
    console.error(
      'usage: write-shards.mjs DATASET ANNOTATIONS_GLOB GOLD PARTS OUTDIR'
    )
    process.exit(2)
  }
  const db = await DuckDBInstance.create(':memory:')
  const c = await db.connect()
  const listed = await c.runAndReadAll(
    `SELECT file FROM glob(${quote(annotations)}) ORDER BY file`
  )
  const files = listed.getRows().map((r) => String(r[0]))
  const shards = await writeShards({
    dataset,
    annotations,
    gold,
    parts: Number(parts),
    files,
    referenceFiles: [gold]
  })
  mkdirSync(outDir, { recursive: true })
  shards.forEach((text, i) => {
    const file = path.join(
      outDir,
      `${dataset}-${i + 1}-of-${shards.length}.json`
    )
    writeFileSync(file, `${text}\n`)
    console.log(`wrote ${file}`)
  })
}
