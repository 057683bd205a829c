// Box benchmark (npm run bench -- --boxes [images]): 10^5 images x 3
// annotators x 10 boxes in COCO files (one per annotator, named after them),
// a reference on 10% of the images, every box metric, the adjudication queue
// and the change slice against a base where one annotator differs; runs the
// bundled CLI and prints wall time and peak RSS. Seeded: every run the same.
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  createWriteStream
} from 'node:fs'
import path from 'node:path'

const CLASSES = ['car', 'person', 'bicycle', 'truck', 'sign']
const ANNOTATORS = ['ann_a', 'ann_b', 'ann_c']

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

const r2 = (v) => Math.round(v * 100) / 100

async function writeCoco(file, images, boxesOf, listed = () => true) {
  const out = createWriteStream(file)
  const write = (s) =>
    out.write(s) ? undefined : new Promise((ok) => out.once('drain', ok))
  await write('{"images":[\n')
  let first = true
  for (let i = 0; i < images; i++) {
    if (!listed(i)) continue
    await write(
      `${first ? '' : ',\n'}{"id":${i + 1},"file_name":"img${i}.jpg","width":800,"height":600}`
    )
    first = false
  }
  await write('\n],"annotations":[\n')
  let id = 0
  let chunk = ''
  for (let i = 0; i < images; i++) {
    if (!listed(i)) continue
    for (const [c, x, y, w, h] of boxesOf(i))
      chunk += `${id ? ',\n' : ''}{"id":${++id},"image_id":${i + 1},"category_id":${c + 1},"bbox":[${x},${y},${w},${h}]}`
    if (chunk.length > 1 << 16) {
      await write(chunk)
      chunk = ''
    }
  }
  await write(chunk)
  await write(
    `\n],"categories":[${CLASSES.map((n, k) => `{"id":${k + 1},"name":"${n}"}`).join(',')}]}\n`
  )
  await new Promise((ok) => out.end(ok))
}

async function generate(dir, images, variant) {
  const marker = path.join(dir, 'labelgate.yml')
  if (existsSync(marker)) return
  mkdirSync(path.join(dir, 'boxes'), { recursive: true })
  const truthOf = (i) => {
    const random = rng(i * 7919 + 1)
    return Array.from({ length: 10 }, () => [
      Math.floor(random() * CLASSES.length),
      r2(5 + random() * 630),
      r2(5 + random() * 430),
      r2(10 + random() * 140),
      r2(10 + random() * 140)
    ])
  }
  for (const [k, a] of ANNOTATORS.entries()) {
    await writeCoco(path.join(dir, 'boxes', `${a}.json`), images, (i) => {
      const random = rng(i * 31 + k + (variant === 'head' && k === 2 ? 99 : 0))
      return truthOf(i)
        .filter(() => random() > 0.03)
        .map(([c, x, y, w, h]) => [
          random() < 0.02 ? (c + 1) % CLASSES.length : c,
          r2(Math.max(0, x + (random() - 0.5) * 6)),
          r2(Math.max(0, y + (random() - 0.5) * 6)),
          r2(w + (random() - 0.5) * 4),
          r2(h + (random() - 0.5) * 4)
        ])
    })
  }
  await writeCoco(
    path.join(dir, 'reference.json'),
    images,
    truthOf,
    (i) => i % 10 === 0
  )
  writeFileSync(
    marker,
    [
      'version: 1',
      'datasets:',
      '  - name: boxes',
      '    type: box',
      '    path: boxes/*.json',
      `    categories: [${CLASSES.join(', ')}]`,
      '    reference: { path: reference.json }',
      '    adjudication: { scope: all, min_agreement: 0.8 }',
      '    gates:',
      '      pairwise_box_f1_50: { min: 0.8 }',
      '      box_f1_50: { min: 0.8 }',
      '      annotator.accuracy: { min: 0.7 }',
      ''
    ].join('\n')
  )
}

/** A version's COCO files: the annotators' and the reference. */
function cocoFiles(dir) {
  const boxes = path.join(dir, 'boxes')
  return [
    ...readdirSync(boxes).map((f) => path.join(boxes, f)),
    path.join(dir, 'reference.json')
  ]
}

/**
 * The read floor: seconds to read the files' bytes into memory and nothing
 * else (the page cache is warm after the first run), beside which the
 * reader's time is to be read.
 */
function readFloor(files) {
  const started = process.hrtime.bigint()
  for (const f of files) readFileSync(f)
  return Number(process.hrtime.bigint() - started) / 1e9
}

export async function benchBoxes(root, cli, images = 100_000) {
  const base = path.join(root, 'bench', 'out', `boxes-${images}-base`)
  const head = path.join(root, 'bench', 'out', `boxes-${images}-head`)
  await generate(base, images, 'base')
  await generate(head, images, 'head')
  const rows = []
  for (const [label, args, dirs] of [
    ['head only', ['--head', head], [head]],
    [
      'base and head (diff, slice)',
      ['--base', base, '--head', head],
      [base, head]
    ]
  ]) {
    const files = dirs.flatMap(cocoFiles)
    const floor = readFloor(files)
    const started = process.hrtime.bigint()
    const run = spawnSync(
      process.execPath,
      [
        cli,
        'check',
        '--config',
        path.join(head, 'labelgate.yml'),
        ...args,
        '--quiet',
        '--json',
        path.join(head, 'report.json')
      ],
      {
        cwd: head,
        env: { ...process.env, LABELGATE_PROFILE: '1' },
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
    const profile = line
      ? JSON.parse(line.slice('labelgate-profile '.length))
      : null
    rows.push({
      case: `${images} images x 3 annotators x 10 boxes, ${label}`,
      'JSON MB': (
        files.reduce((n, f) => n + statSync(f).size, 0) / 1e6
      ).toFixed(0),
      'read floor s': floor.toFixed(2),
      'read s': profile ? (profile.phases.read / 1000).toFixed(2) : '',
      'metrics s': profile ? (profile.phases.metrics / 1000).toFixed(2) : '',
      'total s (wall)': wall.toFixed(2),
      'peak RSS MB': profile ? (profile.maxRssKb / 1024).toFixed(0) : ''
    })
  }
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`)
  console.table(rows)
}
