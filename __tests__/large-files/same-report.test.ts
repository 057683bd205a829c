import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { createHash } from 'node:crypto'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { runCli } from '../helpers/run-cli.js'
import { fixture } from '../formats/helpers.js'
import { gitIn, hasGitLfs, lfsClone } from './repos.js'

jest.setTimeout(300_000)

// The done-means check of the input formats: one real dataset (RTE, Snow et
// al. 2008: 800 items, 164 annotators, 8,000 labels, 800 gold labels), base =
// its first 5,000 rows, head = all of them, stored four ways in four git
// repositories: plain CSV, Parquet, CSV in Git LFS, CSV tracked by DVC. The
// JSON reports must be the same. What differs is only what names the
// storage: `base` and `head` (each repository has its own commits) and the
// file names (`labels.parquet` where the others say `labels.csv`); both are
// normalised before comparing.
const text = (p: string) => new TextDecoder().decode(fixture(p))
const ANNOTATIONS = text('data/snow_rte/annotations.csv')
const GOLD = text('data/snow_rte/gold.csv')
const BASE = ANNOTATIONS.split('\n').slice(0, 5001).join('\n') + '\n'

function config(ext: string): string {
  return [
    'version: 1',
    'datasets:',
    '  - name: rte',
    `    path: data/labels.${ext}`,
    '    categories: ["0", "1"]',
    `    reference: { path: data/gold.${ext} }`,
    '    gates:',
    '      krippendorff_alpha: { min: 0.5, max_drop: 0.05 }',
    '      accuracy: { min: 0.8 }',
    '      changed.accuracy: { min: 0.8 }',
    '      annotator.accuracy: { min: 0.7, min_items: 20 }',
    ''
  ].join('\n')
}

function toParquet(csv: string): Uint8Array {
  const lines = csv.trimEnd().split('\n')
  const names = lines[0]!.split(',')
  const rows = lines.slice(1).map((l) => l.split(','))
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: names.map((name, i) => ({
        name,
        data: rows.map((r) => r[i]!),
        type: 'STRING'
      })),
      rowGroupSize: 1000
    })
  )
}

function commitAll(
  repo: string,
  versions: Record<string, string | Uint8Array>[]
) {
  mkdirSync(repo, { recursive: true })
  gitIn(repo, repo, 'init', '-q', '-b', 'main')
  versions.forEach((files, i) => {
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true })
      writeFileSync(path.join(repo, file), content)
    }
    gitIn(repo, repo, 'add', '-A')
    gitIn(repo, repo, 'commit', '-q', '-m', `v${i}`)
  })
}

function dvcPointer(content: string, name: string): string {
  const md5 = createHash('md5').update(content).digest('hex')
  return `outs:\n- md5: ${md5}\n  size: ${Buffer.byteLength(content)}\n  hash: md5\n  path: ${name}\n`
}

function dvcCache(repo: string, content: string): void {
  const md5 = createHash('md5').update(content).digest('hex')
  const dir = path.join(repo, '.dvc/cache/files/md5', md5.slice(0, 2))
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, md5.slice(2)), content)
}

async function report(repo: string): Promise<string> {
  const r = await runCli(repo, [
    'check',
    '--base',
    'HEAD~1',
    '--head',
    'HEAD',
    '--json',
    path.join(repo, '..', `${path.basename(repo)}.json`),
    '--quiet'
  ])
  // Exit 1 is a failed gate (RTE's alpha is low): still a report. --quiet
  // prints the failing gate as a plain `file:line: error: [dataset] ...` line.
  expect([r.code, /: error: \[rte\] /.test(r.stderr)]).toEqual([1, true])
  const json = JSON.parse(
    readFileSync(path.join(repo, '..', `${path.basename(repo)}.json`), 'utf8')
  )
  json.base = 'BASE'
  json.head = 'HEAD'
  return JSON.stringify(json, null, 1).replace(/\.parquet\b/g, '.csv')
}

describe('one dataset, four ways of storing it, one report', () => {
  let root: string
  const reports = new Map<string, string>()
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'labelgate-same-'))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('CSV', async () => {
    const repo = path.join(root, 'csv')
    commitAll(repo, [
      {
        'labelgate.yml': config('csv'),
        'data/labels.csv': BASE,
        'data/gold.csv': GOLD
      },
      { 'data/labels.csv': ANNOTATIONS }
    ])
    const csv = await report(repo)
    reports.set('csv', csv)
    // The report is about something: both versions, gates, the change.
    const d = JSON.parse(csv).datasets[0]
    expect(d.base.counts.annotations).toBe(5000)
    expect(d.head.counts.annotations).toBe(8000)
    expect(d.diff.annotations_added).toBe(3000)
    expect(d.gates.length).toBeGreaterThan(3)
  })

  it('Parquet', async () => {
    const repo = path.join(root, 'parquet')
    commitAll(repo, [
      {
        'labelgate.yml': config('parquet'),
        'data/labels.parquet': toParquet(BASE),
        'data/gold.parquet': toParquet(GOLD)
      },
      { 'data/labels.parquet': toParquet(ANNOTATIONS) }
    ])
    expect(await report(repo)).toBe(reports.get('csv'))
  })

  // CI installs Debian's git-lfs (.ci/run); without it this one is skipped.
  ;(hasGitLfs() || process.env.CI ? it : it.skip)(
    'Git LFS (a depth-2 clone holding only pointers)',
    async () => {
      const { clone } = lfsClone(
        [
          {
            message: 'base',
            files: {
              'labelgate.yml': config('csv'),
              'data/labels.csv': BASE,
              'data/gold.csv': GOLD
            }
          },
          { message: 'head', files: { 'data/labels.csv': ANNOTATIONS } }
        ],
        ['data/*.csv']
      )
      try {
        // eslint-disable-next-line jest/no-standalone-expect -- it or it.skip
        expect(
          readFileSync(path.join(clone, 'data/labels.csv'), 'utf8')
        ).toMatch(/^version https:\/\/git-lfs/)
        // eslint-disable-next-line jest/no-standalone-expect -- it or it.skip
        expect(await report(clone)).toBe(reports.get('csv'))
      } finally {
        rmSync(path.dirname(clone), { recursive: true, force: true })
      }
    }
  )

  it('DVC (pointers in git, content in the DVC cache)', async () => {
    const repo = path.join(root, 'dvc')
    commitAll(repo, [
      {
        'labelgate.yml': config('csv'),
        '.gitignore': '/.dvc/cache\n/data/labels.csv\n/data/gold.csv\n',
        'data/labels.csv.dvc': dvcPointer(BASE, 'labels.csv'),
        'data/gold.csv.dvc': dvcPointer(GOLD, 'gold.csv')
      },
      { 'data/labels.csv.dvc': dvcPointer(ANNOTATIONS, 'labels.csv') }
    ])
    for (const content of [BASE, ANNOTATIONS, GOLD]) dvcCache(repo, content)
    expect(await report(repo)).toBe(reports.get('csv'))
  })
})
