#!/usr/bin/env node
// Benchmark (not a test): generates label data of 10^4, 10^5 and 10^6 items and
// runs the bundled CLI (dist/cli.js) on it end to end, as a user would, printing
// wall time, per-phase time, throughput and peak RSS.
//
//   npm run bench                 # all sizes
//   npm run bench -- 100000       # one size
//   npm run bench -- --diff       # base and head versions: diff, base, head and slice
//   npm run bench -- --consensus  # also fit Dawid-Skene (config consensus) on each size
//   npm run bench -- --spans      # span datasets: 10^5 documents x 3 annotators x 8 spans
//                                 # (bench/spans.mjs), every span metric
//   npm run bench -- --parquet    # the same data as Parquet (snappy, dictionary-encoded,
//                                 # row groups of 122,880 rows as DuckDB writes them)
//                                 # beside the CSV: one row each
//   npm run bench -- --jsonl      # the same data as JSON Lines ({"item_id": ..., "annotator": ...,
//                                 # "label": ...} per line) beside the CSV: one row each
//   npm run bench -- --multi-label  # a multi_label dataset: 10^5 items x 3 annotators
//                                 # x ~3 of 20 labels, gold sets for 10% of items
//   npm run bench -- --history    # labelgate history of 50 versions of a 10^5-item
//                                 # dataset in a git repository, cold and warm cache
//   npm run bench -- --scale      # shapes that stress the report, not the parser:
//                                 # 10^5 declared categories with 4 annotations,
//                                 # 10^6 annotators rating once, 2,000 items x 1,000 raters
//   npm run bench -- --boxes      # box datasets: 10^5 images x 3 annotators x 10 boxes (bench/boxes.mjs)
//   npm run bench -- --runs 5     # each case 5 times: medians of time, the largest peak RSS
//   npm run bench -- --threads 1,2,4
//                                 # each case at each --threads (default: 1 and
//                                 # every core), side by side
//   npm run bench -- 10000000 34400000 --clean
//                                 # 10^7 items (~950 MB) and 10^8 annotations (~3.1 GB),
//                                 # each case's files deleted after it (LABELGATE_BENCH_OUT=/tmp/...)
//
// Every case prints the read-and-split floor beside labelgate's time: a fresh
// Node process that only reads the same files in pieces and splits them into
// lines (bench/read-floor.mjs), measured in the same run.
//
// Data: 3 ratings per item drawn from 50 annotators, 20 classes, about 3% of
// ratings missing, gold labels for 10% of items; seeded, so every run is the same.
// With --diff the head is the base with 2% of ratings relabeled and 1% new items.
import { spawnSync } from 'node:child_process'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { measureFirstTouch, measureFloor } from './read-floor.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// LABELGATE_BENCH_OUT: where generated data goes (large: 3 GB for 10^8 rows).
const out = process.env.LABELGATE_BENCH_OUT ?? path.join(root, 'bench', 'out')
const DIFF = process.argv.includes('--diff')
const CONSENSUS = process.argv.includes('--consensus')
const PARQUET = process.argv.includes('--parquet')
const JSONL = process.argv.includes('--jsonl')
const CLEAN = process.argv.includes('--clean')
/** `--name=value` or `--name value`. */
function option(name) {
  const at = process.argv.indexOf(`--${name}`)
  if (at >= 0) return process.argv[at + 1]
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
}
const RUNS = Number(option('runs') ?? 1)
// Each case at each of these --threads values (default 1 and every core).
const THREADS = (
  option('threads') ?? [...new Set([1, availableParallelism()])].join(',')
).split(',')
const valued = new Set(
  ['--runs', '--threads'].map((o) => process.argv.indexOf(o) + 1)
)
const sizes = process.argv
  .slice(2)
  .filter((_, i) => !valued.has(i + 2))
  .map(Number)
  .filter((n) => n > 0)
const SIZES = sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000]
const ANNOTATORS = 50
const CLASSES = 20
const RATINGS = 3
const MISSING = 0.03
const GOLD = 0.1

// mulberry32: small, fast, deterministic.
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function generate(n, variant = 'base') {
  const head = variant === 'head'
  const dir = path.join(out, head ? `n${n}-head` : `n${n}`)
  const annotations = path.join(dir, 'annotations.csv')
  if (existsSync(annotations)) return dir
  mkdirSync(dir, { recursive: true })
  const random = rng(n)
  // The head's own stream decides relabels and new items, so that the base's
  // stream, and so every base row, is the same in both versions.
  const change = rng(n + 1)
  const skill = Array.from({ length: ANNOTATORS }, () => 0.6 + 0.35 * random())
  const a = createWriteStream(annotations)
  const g = createWriteStream(path.join(dir, 'gold.csv'))
  a.write('item_id,annotator,label\n')
  g.write('item_id,label\n')
  let chunk = ''
  let gold = ''
  const total = head ? Math.round(n * 1.01) : n
  for (let i = 0; i < total; i++) {
    const item = `item-${i.toString(36).padStart(5, '0')}`
    const truth = Math.floor(random() * CLASSES)
    if (random() < GOLD) gold += `${item},class_${truth}\n`
    const first = Math.floor(random() * ANNOTATORS)
    for (let r = 0; r < RATINGS; r++) {
      if (random() < MISSING) continue
      const who = (first + r * 7) % ANNOTATORS
      let label = random() < skill[who] ? truth : Math.floor(random() * CLASSES)
      if (head && i < n && change() < 0.02) label = (label + 1) % CLASSES
      chunk += `${item},annotator_${who},class_${label}\n`
    }
    if (chunk.length > 1 << 20) {
      if (!a.write(chunk)) await new Promise((res) => a.once('drain', res))
      chunk = ''
    }
    if (gold.length > 1 << 20) {
      g.write(gold)
      gold = ''
    }
  }
  a.end(chunk)
  g.end(gold)
  await Promise.all([
    new Promise((r) => a.on('close', r)),
    new Promise((r) => g.on('close', r))
  ])
  const categories = Array.from({ length: CLASSES }, (_, k) => `class_${k}`)
  writeFileSync(
    path.join(dir, 'labelgate.yml'),
    [
      'version: 1',
      'datasets:',
      `  - name: bench${n}`,
      `    path: annotations.csv`,
      `    categories: [${categories.join(', ')}]`,
      '    reference: { path: gold.csv }',
      '    gates:',
      '      krippendorff_alpha: { min: 0.5 }',
      '      error_rate: { max: 0.3 }',
      ''
    ].join('\n')
  )
  return dir
}

/**
 * The case's annotations again as JSON Lines, one object per row, and a
 * config that reads them (gold stays CSV): the same rows as the CSV run.
 */
async function toJsonl(dir) {
  const config = path.join(dir, 'labelgate-jsonl.yml')
  if (existsSync(config)) return config
  const lines = readFileSync(path.join(dir, 'annotations.csv'), 'utf8')
    .trimEnd()
    .split('\n')
  const out = createWriteStream(path.join(dir, 'annotations.jsonl'))
  let chunk = ''
  for (let i = 1; i < lines.length; i++) {
    const [item, annotator, label] = lines[i].split(',')
    chunk += `${JSON.stringify({ item_id: item, annotator, label })}\n`
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r))
      chunk = ''
    }
  }
  out.end(chunk)
  await new Promise((r) => out.on('close', r))
  writeFileSync(
    config,
    readFileSync(path.join(dir, 'labelgate.yml'), 'utf8').replace(
      'path: annotations.csv',
      'path: annotations.jsonl'
    )
  )
  return config
}

/**
 * The case's CSV files again as Parquet, and a config that reads them: the
 * same rows, so the two runs do the same work after reading.
 */
async function toParquet(dir) {
  const config = path.join(dir, 'labelgate-parquet.yml')
  if (existsSync(config)) return config
  const { parquetWriteBuffer } = await import('hyparquet-writer')
  for (const name of ['annotations', 'gold']) {
    const lines = readFileSync(path.join(dir, `${name}.csv`), 'utf8')
      .trimEnd()
      .split('\n')
    const header = lines[0].split(',')
    const columns = header.map(() => [])
    for (let i = 1; i < lines.length; i++) {
      const fields = lines[i].split(',')
      for (let k = 0; k < header.length; k++) columns[k].push(fields[k])
    }
    const buffer = parquetWriteBuffer({
      columnData: header.map((name, k) => ({
        name,
        data: columns[k],
        type: 'STRING'
      })),
      codec: 'SNAPPY',
      rowGroupSize: 122_880
    })
    writeFileSync(path.join(dir, `${name}.parquet`), new Uint8Array(buffer))
  }
  const csvConfig = readFileSync(path.join(dir, 'labelgate.yml'), 'utf8')
  writeFileSync(
    config,
    csvConfig
      .replace('path: annotations.csv', 'path: annotations.parquet')
      .replace('{ path: gold.csv }', '{ path: gold.parquet }')
  )
  return config
}

// LABELGATE_BENCH_CLI: another build of the CLI (a tsc output) to measure.
// Resolved here: the cases run with their own directory as the working one.
const cli = path.resolve(
  process.env.LABELGATE_BENCH_CLI ?? path.join(root, 'dist', 'cli.js')
)
const rows = []

/** Writes a generated case once: rows of `item,annotator,label`, optional gold. */
async function writeCase(name, config, emit) {
  const dir = path.join(out, name)
  const annotations = path.join(dir, 'annotations.csv')
  if (existsSync(annotations)) return dir
  mkdirSync(dir, { recursive: true })
  const a = createWriteStream(annotations)
  const g = createWriteStream(path.join(dir, 'gold.csv'))
  a.write('item_id,annotator,label\n')
  g.write('item_id,label\n')
  let chunk = ''
  let gold = ''
  for (const [row, truth] of emit()) {
    chunk += row
    if (truth) gold += truth
    if (chunk.length > 1 << 20) {
      if (!a.write(chunk)) await new Promise((res) => a.once('drain', res))
      chunk = ''
    }
  }
  a.end(chunk)
  g.end(gold)
  await Promise.all([
    new Promise((r) => a.on('close', r)),
    new Promise((r) => g.on('close', r))
  ])
  writeFileSync(path.join(dir, 'labelgate.yml'), config)
  return dir
}

function scaleConfig(name, extra = []) {
  return [
    'version: 1',
    'datasets:',
    `  - name: ${name}`,
    '    path: annotations.csv',
    ...extra,
    '    reference: { path: gold.csv }',
    ''
  ].join('\n')
}

/** Runs the CLI on one case; the row has the read floor beside the total. */
function runScaleCase(label, dir, extra = []) {
  const started = process.hrtime.bigint()
  const run = spawnSync(
    process.execPath,
    [
      cli,
      'check',
      '--config',
      'labelgate.yml',
      '--quiet',
      '--json',
      'report.json',
      ...extra
    ],
    {
      cwd: dir,
      // The generated data sits inside this repository (bench/out): stop git
      // there, or labelgate would take this repository's root as the root.
      env: {
        ...process.env,
        LABELGATE_PROFILE: '1',
        GIT_CEILING_DIRECTORIES: out
      },
      encoding: 'utf8',
      maxBuffer: 1 << 26
    }
  )
  const wall = Number(process.hrtime.bigint() - started) / 1e9
  if (run.status !== 0 && run.status !== 1) {
    console.error(run.stderr)
    process.exit(1)
  }
  const line = run.stderr
    .split('\n')
    .find((l) => l.startsWith('labelgate-profile '))
  const profile = JSON.parse(line.slice('labelgate-profile '.length))
  return {
    case: label,
    rows: profile.annotations,
    'CSV MB': (statSync(path.join(dir, 'annotations.csv')).size / 1e6).toFixed(
      1
    ),
    'read+parse s': (profile.phases.read / 1000).toFixed(2),
    'metrics s': (profile.phases.metrics / 1000).toFixed(2),
    'total s (wall)': wall.toFixed(2),
    'peak RSS MB': (profile.maxRssKb / 1024).toFixed(0),
    'report MB': (statSync(path.join(dir, 'report.json')).size / 1e6).toFixed(2)
  }
}

if (process.argv.includes('--spans')) {
  const spans = await import('./spans.mjs')
  for (const n of sizes.length > 0 ? sizes : [100_000]) {
    const dir = await spans.generate(n)
    spans.runCli(dir, n)
  }
  process.exit(0)
}

if (process.argv.includes('--multi-label')) {
  const N = 100_000
  const L = 20
  const random = rng(11)
  /** 1 to 5 labels (about 3), each drawn once, joined by '|'. */
  const labelSet = (around) => {
    const k = 1 + Math.floor(random() * 5)
    const set = new Set()
    for (let j = 0; j < k; j++)
      set.add(
        `l${random() < 0.7 ? (around + j) % L : Math.floor(random() * L)}`
      )
    return [...set].join('|')
  }
  const dir = await writeCase(
    'multi-label-1e5',
    [
      'version: 1',
      'datasets:',
      '  - name: tags',
      '    type: multi_label',
      '    path: annotations.csv',
      '    reference: { path: gold.csv }',
      '    adjudication: { scope: all }',
      '    gates:',
      '      masi_alpha: { min: 0.5 }',
      '      hamming_loss: { max: 0.2 }',
      ''
    ].join('\n'),
    function* () {
      for (let i = 0; i < N; i++) {
        const around = Math.floor(random() * L)
        const gold = random() < 0.1 ? `i${i},${labelSet(around)}\n` : ''
        yield [`i${i},a${i % 7},${labelSet(around)}\n`, gold]
        yield [`i${i},b${i % 5},${labelSet(around)}\n`]
        yield [`i${i},c${i % 3},${labelSet(around)}\n`]
      }
    }
  )
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`)
  // --head .: the case lives in bench/out/, which git ignores.
  console.table([
    runScaleCase(
      'multi_label: 10^5 items x 3 annotators x ~3 of 20 labels',
      dir,
      ['--head', '.']
    )
  ])
  process.exit(0)
}

if (process.argv.includes('--boxes')) {
  const { benchBoxes } = await import('./boxes.mjs')
  await benchBoxes(root, cli, sizes[0] ?? 100_000)
  process.exit(0)
}

/**
 * A git repository with `versions` commits of the 10^5-item dataset, each
 * relabeling 0.5% of the rows of the one before; built once.
 */
async function historyRepository(n, versions) {
  const dir = path.join(out, `history-n${n}-v${versions}`)
  if (existsSync(path.join(dir, '.git', 'labelgate-bench-done'))) return dir
  const source = await generate(n)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const git = (...args) => {
    const r = spawnSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'bench',
        GIT_AUTHOR_EMAIL: 'bench@example.com',
        GIT_COMMITTER_NAME: 'bench',
        GIT_COMMITTER_EMAIL: 'bench@example.com'
      }
    })
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`)
  }
  git('init', '-q', '-b', 'main')
  git('config', 'gc.auto', '0')
  const lines = readFileSync(path.join(source, 'annotations.csv'), 'utf8')
    .trimEnd()
    .split('\n')
  writeFileSync(
    path.join(dir, 'gold.csv'),
    readFileSync(path.join(source, 'gold.csv'))
  )
  writeFileSync(
    path.join(dir, 'labelgate.yml'),
    readFileSync(path.join(source, 'labelgate.yml'))
  )
  const random = rng(versions)
  for (let v = 0; v < versions; v++) {
    if (v > 0) {
      for (let k = 0; k < Math.round(lines.length * 0.005); k++) {
        const r = 1 + Math.floor(random() * (lines.length - 1))
        const [item, annotator] = lines[r].split(',')
        lines[r] =
          `${item},${annotator},class_${Math.floor(random() * CLASSES)}`
      }
    }
    writeFileSync(path.join(dir, 'annotations.csv'), lines.join('\n') + '\n')
    git('add', '-A')
    git('commit', '-q', '-m', `version ${v}`)
  }
  writeFileSync(path.join(dir, '.git', 'labelgate-bench-done'), '')
  return dir
}

if (process.argv.includes('--history')) {
  const n = sizes[0] ?? 100_000
  const versions = 50
  const dir = await historyRepository(n, versions)
  const cache = path.join(out, `history-cache-${process.pid}`)
  rmSync(cache, { recursive: true, force: true })
  const table = []
  for (const run of ['cold', 'warm']) {
    const started = process.hrtime.bigint()
    const r = spawnSync(
      process.execPath,
      [
        cli,
        'history',
        '--cache',
        cache,
        '--json',
        path.join(out, 'history.json')
      ],
      { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 }
    )
    const wall = Number(process.hrtime.bigint() - started) / 1e9
    if (r.status !== 0) {
      console.error(r.stderr)
      process.exit(1)
    }
    const counts = /(\d+) versions, (\d+) checked, (\d+) from the cache/.exec(
      r.stdout
    )
    table.push({
      run,
      items: n,
      versions: Number(counts[1]),
      checked: Number(counts[2]),
      cached: Number(counts[3]),
      'total s (wall)': wall.toFixed(2),
      's per checked version':
        Number(counts[2]) > 0 ? (wall / Number(counts[2])).toFixed(2) : '-'
    })
  }
  rmSync(cache, { recursive: true, force: true })
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`)
  console.table(table)
  process.exit(0)
}

if (process.argv.includes('--scale')) {
  const K = 100_000
  const categories = Array.from({ length: K }, (_, k) => `c${k}`)
  const manyCategories = await writeCase(
    'categories-1e5',
    scaleConfig('categories', [`    categories: [${categories.join(', ')}]`]),
    function* () {
      yield ['i1,a,c1\n', 'i1,c1\n']
      yield ['i1,b,c2\n']
      yield ['i2,a,c3\n', 'i2,c3\n']
      yield ['i2,b,c3\n']
    }
  )
  const random = rng(7)
  const manyAnnotators = await writeCase(
    'annotators-1e6',
    scaleConfig('annotators'),
    function* () {
      for (let a = 0; a < 1_000_000; a++) {
        const item = `i${a >> 1}`
        const gold = a % 10 === 0 ? `${item},x\n` : ''
        yield [`${item},a${a},${random() < 0.8 ? 'x' : 'y'}\n`, gold]
      }
    }
  )
  const manyRaters = await writeCase(
    'raters-2000x1000',
    scaleConfig('raters'),
    function* () {
      for (let i = 0; i < 2000; i++)
        for (let r = 0; r < 1000; r++)
          yield [
            `i${i},r${r},${['x', 'y', 'z'][Math.floor(random() * 3)]}\n`,
            r === 0 ? `i${i},x\n` : ''
          ]
    }
  )
  const table = [
    runScaleCase('10^5 declared categories, 4 annotations', manyCategories),
    runScaleCase('10^6 annotators rating once', manyAnnotators),
    runScaleCase('2,000 items x 1,000 raters', manyRaters)
  ]
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`)
  console.table(table)
  process.exit(0)
}

const cases = []
for (const n of SIZES) {
  cases.push({ n, format: 'csv' })
  if (PARQUET) cases.push({ n, format: 'parquet' })
  if (JSONL) cases.push({ n, format: 'jsonl' })
}
for (const { n, format } of cases) {
  const dir = await generate(n)
  const headDir = DIFF ? await generate(n, 'head') : dir
  if (format === 'parquet') {
    await toParquet(dir)
    if (DIFF) await toParquet(headDir)
  }
  if (format === 'jsonl') {
    await toJsonl(dir)
    if (DIFF) await toJsonl(headDir)
  }
  let config = path.join(
    dir,
    format === 'csv' ? 'labelgate.yml' : `labelgate-${format}.yml`
  )
  if (CONSENSUS) {
    // The same dataset with the truth-inference model fitted (Dawid-Skene).
    const plain = readFileSync(config, 'utf8')
    config = config.replace(/\.yml$/, '-consensus.yml')
    writeFileSync(
      config,
      plain.replace(
        '    gates:',
        '    consensus: { method: dawid_skene }\n    gates:'
      )
    )
  }
  const bytes = statSync(path.join(headDir, `annotations.${format}`)).size
  // A folder as --head: dataset paths are relative to it, not to the git
  // repository bench/out sits in.
  const versions = DIFF ? ['--base', dir, '--head', headDir] : ['--head', dir]
  const read = DIFF
    ? [dir, headDir].map((d) => path.join(d, `annotations.${format}`))
    : [path.join(dir, `annotations.${format}`)]
  for (const threads of THREADS) {
    const flag = ['--threads', threads]
    const measured = []
    for (let k = 0; k < RUNS; k++) {
      const floor = measureFloor(read).seconds
      measured.push({
        floor,
        ...runCli(config, [...versions, ...flag], headDir, format, dir)
      })
    }
    const median = (f) => {
      const sorted = measured.map(f).sort((x, y) => x - y)
      return sorted[(sorted.length - 1) >> 1]
    }
    const wall = median((m) => m.wall)
    const floor = median((m) => m.floor)
    const profile = measured[0].profile
    const records = profile.annotations
    const readSeconds = median((m) => m.profile.phases.read / 1000)
    rows.push({
      mode: (DIFF ? 'base+head' : 'head') + (CONSENSUS ? ' +consensus' : ''),
      threads: threads,
      items: n,
      rows: records,
      'file MB': (bytes / 1e6).toFixed(1),
      'floor s': floor.toFixed(2),
      'total s (wall)': wall.toFixed(2),
      '× floor': (wall / floor).toFixed(2),
      'read+parse s': readSeconds.toFixed(2),
      'parse rows/s': Math.round(records / readSeconds).toLocaleString('en-US'),
      'metrics s': median((m) => m.profile.phases.metrics / 1000).toFixed(2),
      'peak RSS MB': (
        Math.max(...measured.map((m) => m.profile.maxRssKb)) / 1024
      ).toFixed(0),
      runs: RUNS
    })
    console.log(JSON.stringify(rows.at(-1)))
  }
  if (CLEAN) {
    rmSync(dir, { recursive: true, force: true })
    rmSync(headDir, { recursive: true, force: true })
  }
}

/** One run of the CLI on a case: wall time and the profile line it prints. */
function runCli(config, versions, headDir, format, dir) {
  const started = process.hrtime.bigint()
  const run = spawnSync(
    process.execPath,
    [
      cli,
      'check',
      '--config',
      config,
      ...versions,
      '--quiet',
      '--json',
      path.join(headDir, `report-${format}.json`)
    ],
    {
      cwd: DIFF ? out : dir,
      // The generated data sits inside this repository (bench/out): stop git
      // there, or labelgate would take this repository's root as the root.
      env: {
        ...process.env,
        LABELGATE_PROFILE: '1',
        GIT_CEILING_DIRECTORIES: out
      },
      encoding: 'utf8',
      maxBuffer: 1 << 26
    }
  )
  const wall = Number(process.hrtime.bigint() - started) / 1e9
  if (run.status !== 0 && run.status !== 1) {
    console.error(run.stderr)
    process.exit(1)
  }
  const profileLine = run.stderr
    .split('\n')
    .find((l) => l.startsWith('labelgate-profile '))
  return {
    wall,
    profile: JSON.parse(profileLine.slice('labelgate-profile '.length))
  }
}
console.log(
  `node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(
      ' '
    )}, first touch of 256 MiB ${measureFirstTouch().toFixed(0)} ms (median of 3)`
)
console.table(rows)
