#!/usr/bin/env node
// Span benchmark (not a test): 10^5 documents x 3 annotators x 8 spans, in
// Prodigy JSONL, with reference spans for 20% of the documents; every span
// metric. Run through `npm run bench -- --spans` (bundled CLI, end to end) or
// directly:
//
//   node bench/spans.mjs [documents]           # CLI on the generated data (dist/cli.js,
//                                              # or the file LABELGATE_CLI names)
//   node bench/spans.mjs --core DIR [documents] # the span core compiled by tsc into DIR
//
// Seeded; each annotator keeps each true span with p 0.8, else shifts its end
// by one word, relabels it or drops it, and adds a spurious span now and then.
import { spawnSync } from 'node:child_process'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  writeFileSync
} from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const coreAt = args.indexOf('--core')
const core = coreAt >= 0 ? args[coreAt + 1] : null
const docs = Number(
  args.find((a, k) => /^\d+$/.test(a) && (coreAt < 0 || k !== coreAt + 1)) ??
    100_000
)
// --bootstrap: intervals by 1,000 item-level resamples (the dataset's `intervals: bootstrap`).
const ANNOTATORS = 20
const PER_DOC = 3
const SPANS = 8
const WORDS = 32
const LABELS = ['PER', 'ORG', 'LOC', 'MISC', 'DATE', 'MONEY']
const VOCAB = Array.from({ length: 500 }, (_, k) => `w${k.toString(36)}`)

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

async function write(file, lines) {
  const out = createWriteStream(file)
  for (const line of lines)
    if (!out.write(line)) await new Promise((r) => out.once('drain', r))
  await new Promise((r) => out.end(r))
}

export async function generate(n) {
  const dir = path.join(root, 'bench', 'out', `spans-${n}`)
  const file = path.join(dir, 'annotations.jsonl')
  if (existsSync(file)) return dir
  mkdirSync(dir, { recursive: true })
  const random = rng(n ^ 0x5eed)
  const pick = (xs) => xs[Math.floor(random() * xs.length)]
  function* annotations(gold) {
    for (let d = 0; d < n; d++) {
      const words = Array.from({ length: WORDS }, () => pick(VOCAB))
      const starts = []
      let at = 0
      for (const w of words) {
        starts.push(at)
        at += w.length + 1
      }
      const text = words.join(' ')
      const wordEnd = (k) => starts[k] + words[k].length
      // 8 true spans of 1-2 words over 4-word slots.
      const truth = []
      for (let s = 0; s < SPANS; s++) {
        const first = s * 4 + Math.floor(random() * 2)
        const last = first + Math.floor(random() * 2)
        truth.push([starts[first], wordEnd(last), pick(LABELS), first, last])
      }
      const raters = new Set()
      while (raters.size < PER_DOC)
        raters.add(Math.floor(random() * ANNOTATORS))
      for (const a of raters) {
        const spans = []
        for (const [s, e, l, first, last] of truth) {
          const r = random()
          if (r < 0.8) spans.push({ start: s, end: e, label: l })
          else if (r < 0.87)
            spans.push({
              start: s,
              end: wordEnd(Math.min(last + 1, first + 3)),
              label: l
            })
          else if (r < 0.94)
            spans.push({ start: s, end: e, label: pick(LABELS) })
        }
        if (random() < 0.1)
          spans.push({
            start: starts[WORDS - 1],
            end: wordEnd(WORDS - 1),
            label: pick(LABELS)
          })
        yield `${JSON.stringify({ text, _input_hash: d, answer: 'accept', _annotator_id: `annotator-${a}`, spans })}\n`
      }
      if (random() < 0.2)
        gold.push(
          `${JSON.stringify({ text, _input_hash: d, answer: 'accept', _annotator_id: 'gold', spans: truth.map(([s, e, l]) => ({ start: s, end: e, label: l })) })}\n`
        )
    }
  }
  const gold = []
  await write(file, annotations(gold))
  await write(path.join(dir, 'reference.jsonl'), gold)
  writeFileSync(
    path.join(dir, 'labelgate.yml'),
    [
      'version: 1',
      'datasets:',
      '  - name: spans',
      '    type: span',
      '    path: annotations.jsonl',
      '    format: prodigy',
      '    reference:',
      '      path: reference.jsonl',
      '      format: prodigy',
      '    gates:',
      '      pairwise_span_f1_strict: { min: 0.5 }',
      '      span_f1_strict: { min: 0.5 }',
      ''
    ].join('\n')
  )
  return dir
}

async function runCore(dir) {
  const load = (p) => import(pathToFileURL(path.join(core, p)).href)
  const { readFileSync } = await import('node:fs')
  const { ElementTableBuilder } = await load('structured/element-table.js')
  const { ProblemLog } = await load('formats/problem-log.js')
  const { SpanSink } = await load('structured/span/span-sink.js')
  const { DEFAULT_SPAN_OPTIONS } = await load('structured/span/span-options.js')
  const { readProdigySpans } = await load(
    'structured/span/read-prodigy-spans.js'
  )
  const { spanMetrics } = await load('structured/span/span-metrics.js')
  const t0 = performance.now()
  const b = new ElementTableBuilder('span')
  const sink = new SpanSink(b, new ProblemLog(), DEFAULT_SPAN_OPTIONS)
  readProdigySpans(
    readFileSync(path.join(dir, 'annotations.jsonl')),
    0,
    'annotations.jsonl',
    sink
  )
  const rb = new ElementTableBuilder('span', b)
  readProdigySpans(
    readFileSync(path.join(dir, 'reference.jsonl')),
    0,
    'reference.jsonl',
    new SpanSink(rb, new ProblemLog(), DEFAULT_SPAN_OPTIONS)
  )
  const t1 = performance.now()
  const ref = rb.finish()
  const bootstrap = args.includes('--bootstrap')
    ? { resamples: 1000, seed: 'bench' }
    : null
  const m = spanMetrics(
    b.finish(),
    { ...ref, annotator: new Int32Array(ref.size).fill(-1) },
    sink.tokens,
    bootstrap
  )
  const t2 = performance.now()
  const rss = process.resourceUsage().maxRSS / 1024
  console.log(
    JSON.stringify({
      documents: docs,
      bootstrap: bootstrap !== null,
      cpu_s: +(
        (process.cpuUsage().user + process.cpuUsage().system) /
        1e6
      ).toFixed(2),
      read_s: +((t1 - t0) / 1000).toFixed(2),
      metrics_s: +((t2 - t1) / 1000).toFixed(2),
      total_s: +((t2 - t0) / 1000).toFixed(2),
      peak_rss_mb: Math.round(rss),
      metrics: Object.fromEntries(
        Object.entries(m.metrics).map(([k, v]) => [
          k,
          v.value === null ? null : +v.value.toFixed(4)
        ])
      )
    })
  )
}

export function runCli(dir, documents = docs) {
  const t0 = performance.now()
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M %e %U %S',
      process.execPath,
      process.env.LABELGATE_CLI ?? path.join(root, 'dist', 'cli.js'),
      'check',
      '--config',
      'labelgate.yml',
      '--head',
      dir,
      '--quiet',
      '--json',
      path.join(dir, 'report.json')
    ],
    { cwd: dir, encoding: 'utf8' }
  )
  const wall = (performance.now() - t0) / 1000
  const [maxKb, , user, sys] = r.stderr
    .trim()
    .split('\n')
    .pop()
    .split(' ')
    .map(Number)
  console.log(
    JSON.stringify({
      documents,
      exit: r.status,
      wall_s: +wall.toFixed(2),
      cpu_s: +(user + sys).toFixed(2),
      peak_rss_mb: Math.round(maxKb / 1024)
    })
  )
  if (r.status === 2) console.error(r.stdout, r.stderr)
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = await generate(docs)
  if (core !== null) await runCore(dir)
  else runCli(dir)
}
