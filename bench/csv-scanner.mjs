// Measures CSV reading throughput and peak memory: two well-kept libraries
// against labelgate's hand-written byte scanner (src/formats/csv-scanner.ts).
// Every variant does the same work: parse every row and intern item,
// annotator and label to integer codes. See src/formats/README.md for results.
//
//   node bench/csv-scanner.mjs generate /tmp/lgbench/big.csv   # 10^6 items x 3
//   node bench/csv-scanner.mjs run /tmp/lgbench/big.csv         # every parser
//   node bench/csv-scanner.mjs run FILE PARSER                  # one parser
//
// Libraries are installed outside the repository, in CSVBENCH_DIR (default
// /tmp/csvbench: `npm init -y && npm i csv-parse papaparse`). The labelgate
// variants import the compiled TypeScript from LABELGATE_BUILD (default
// /tmp/lg-build: `npx tsc -p tsconfig.json --outDir /tmp/lg-build`).
// Each parser runs in its own process so peak RSS is its own.
import { spawnSync } from 'node:child_process'
import { createReadStream, createWriteStream, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const CSVBENCH = process.env.CSVBENCH_DIR ?? '/tmp/csvbench'
const BUILD = process.env.LABELGATE_BUILD ?? '/tmp/lg-build'
const PARSERS = [
  'csv-parse',
  'csv-parse-stream',
  'papaparse',
  'labelgate',
  'labelgate+buildRatings'
]

class Interner {
  values = []
  codes = new Map()
  intern(v) {
    let c = this.codes.get(v)
    if (c === undefined) {
      c = this.values.length
      this.codes.set(v, c)
      this.values.push(v)
    }
    return c
  }
}

/** The same typed-array table the product builds, fed from string rows. */
function tableSink() {
  const items = new Interner()
  const annotators = new Interner()
  const labels = new Interner()
  let n = 0
  let cap = 1 << 20
  let item = new Int32Array(cap)
  let annotator = new Int32Array(cap)
  let label = new Int32Array(cap)
  const grow = (a) => {
    const b = new Int32Array(cap)
    b.set(a)
    return b
  }
  return {
    add(row) {
      if (n === cap) {
        cap *= 2
        item = grow(item)
        annotator = grow(annotator)
        label = grow(label)
      }
      item[n] = items.intern(row[0])
      annotator[n] = annotators.intern(row[1])
      label[n] = labels.intern(row[2])
      n++
    },
    get size() {
      return n
    }
  }
}

async function measure(file, parser) {
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  let rows = 0
  if (parser === 'csv-parse') {
    const { parse } = createRequire(`${CSVBENCH}/`)('csv-parse/sync')
    const records = parse(readFileSync(file), { from_line: 2 })
    const sink = tableSink()
    for (const r of records) sink.add(r)
    rows = sink.size
  } else if (parser === 'csv-parse-stream') {
    const { parse } = createRequire(`${CSVBENCH}/`)('csv-parse')
    const sink = tableSink()
    const stream = createReadStream(file).pipe(parse({ from_line: 2 }))
    for await (const r of stream) sink.add(r)
    rows = sink.size
  } else if (parser === 'papaparse') {
    const Papa = createRequire(`${CSVBENCH}/`)('papaparse')
    const text = readFileSync(file, 'utf8')
    const { data } = Papa.parse(text, { skipEmptyLines: true })
    const sink = tableSink()
    for (let i = 1; i < data.length; i++) sink.add(data[i])
    rows = sink.size
  } else if (parser.startsWith('labelgate')) {
    const url = (p) => pathToFileURL(`${BUILD}/${p}`).href
    const { readAnnotationFile } = await import(
      url('formats/read-annotations.js')
    )
    const { AnnotationTableBuilder } = await import(
      url('model/annotation-table.js')
    )
    const { buildRatings } = await import(url('model/build-ratings.js'))
    const builder = new AnnotationTableBuilder()
    const problems = []
    const fields = { item: 'item_id', annotator: 'annotator', label: 'label' }
    readAnnotationFile(
      readFileSync(file),
      file,
      'csv',
      fields,
      builder,
      problems
    )
    const table = builder.finish()
    rows = table.size
    if (parser === 'labelgate+buildRatings') {
      const built = buildRatings(table, { level: 'nominal' })
      rows = built.ratings.item.length
    }
  } else {
    throw new Error(`unknown parser ${parser}`)
  }
  const seconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  const rssMB = process.resourceUsage().maxRSS / 1024
  return {
    parser,
    rows,
    seconds,
    cpuSeconds,
    rowsPerSecond: rows / seconds,
    peakRssMB: rssMB
  }
}

function generate(file, nItems = 1e6, annotators = 50, classes = 20) {
  const out = createWriteStream(file)
  let buf = 'item_id,annotator,label\n'
  let seed = 1
  const rnd = () =>
    (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  for (let i = 0; i < nItems; i++) {
    const id = 'item_' + String(i).padStart(7, '0')
    for (let k = 0; k < 3; k++) {
      const a = 'ann_' + String(Math.floor(rnd() * annotators)).padStart(2, '0')
      const l = 'label_' + String(Math.floor(rnd() * classes)).padStart(2, '0')
      buf += `${id},${a},${l}\n`
    }
    if (buf.length > 1 << 20) {
      out.write(buf)
      buf = ''
    }
  }
  out.end(buf)
}

const [command, file, parser] = process.argv.slice(2)
if (command === 'generate') {
  generate(file)
} else if (command === 'run' && parser !== undefined) {
  console.log(JSON.stringify(await measure(file, parser)))
} else if (command === 'run') {
  console.log(
    '| parser | rows | wall s | CPU s | rows/s (wall) | peak RSS MB |'
  )
  console.log('|---|---|---|---|---|---|')
  for (const p of PARSERS) {
    const child = spawnSync(
      process.execPath,
      [process.argv[1], 'run', file, p],
      {
        encoding: 'utf8'
      }
    )
    if (child.status !== 0) {
      console.log(`| ${p} | failed: ${child.stderr.split('\n')[0]} | | | | |`)
      continue
    }
    const r = JSON.parse(child.stdout)
    console.log(
      `| ${r.parser} | ${r.rows} | ${r.seconds.toFixed(2)} | ${r.cpuSeconds.toFixed(2)} | ` +
        `${Math.round(r.rowsPerSecond).toLocaleString('en-US')} | ${Math.round(r.peakRssMB)} |`
    )
  }
} else {
  console.error('usage: csv-scanner.mjs generate FILE | run FILE [PARSER]')
  process.exit(2)
}
