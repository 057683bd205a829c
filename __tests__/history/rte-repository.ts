import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { git } from '../helpers/run-cli.js'

/**
 * A git repository with 30 versions of a slice of snow_rte (Snow et al.
 * 2008, __fixtures__/data/snow_rte): items added in batches, relabels and
 * their partial revert, two new annotators, a config change, a schema rename
 * (0/1 → no_entail/entail) at version 15, commits that touch nothing of the
 * dataset, and from version 18 on a slow decay: every version turns
 * `DECAY_FLIPS` correct annotations wrong.
 */

export const VERSIONS = 30
export const RENAME_AT = 15
export const DECAY_FROM = 18
export const DECAY_FLIPS = 22

const FIXTURE = fileURLToPath(
  new URL('../../__fixtures__/data/snow_rte/', import.meta.url)
)

interface Row {
  item: string
  annotator: string
  label: string
}

/** mulberry32: a small seeded generator, so every run builds the same repository. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function readCsv(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
}

export function config(withAccuracyGate: boolean, trend: string): string {
  return [
    'version: 1',
    'datasets:',
    '  - name: rte',
    '    path: data/rte/annotations.csv',
    '    schema: data/rte/schema.yml',
    '    reference: { path: data/rte/gold.csv }',
    '    gates:',
    `      krippendorff_alpha: { min: 0.05, max_drop: 0.01${trend} }`,
    ...(withAccuracyGate ? ['      accuracy: { min: 0.5 }'] : []),
    ''
  ].join('\n')
}

const SCHEMA_V1 = "version: 1\ncategories: ['0', '1']\n"
const SCHEMA_V2 =
  "version: 2\ncategories: [no_entail, entail]\nmigrations:\n  - { from: 1, rename: { '0': no_entail, '1': entail } }\n"

/** Builds the repository in `repo` and returns the 30 version commits, oldest first. */
export function buildRteRepository(repo: string, trend = ''): string[] {
  const rand = random(20081025)
  const annotations = readCsv(path.join(FIXTURE, 'annotations.csv'))
  const gold = new Map(
    readCsv(path.join(FIXTURE, 'gold.csv')).map(([i, l]) => [i!, l!])
  )
  const items = [...new Set(annotations.map((r) => r[0]!))]
  const byItem = new Map<string, Row[]>()
  for (const [item, annotator, label] of annotations) {
    const list = byItem.get(item!) ?? []
    list.push({ item: item!, annotator: annotator!, label: label! })
    byItem.set(item!, list)
  }
  let used = 0
  const rows: Row[] = []
  const addItems = (n: number) => {
    for (const item of items.slice(used, used + n))
      rows.push(...byItem.get(item)!.map((r) => ({ ...r })))
    used += n
  }
  let renamed = false
  const name = (label: string) =>
    renamed ? (label === '1' ? 'entail' : 'no_entail') : label
  const wrong = (label: string) => (label === '1' ? '0' : '1')
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!
  const relabeled: Row[] = []

  const dir = path.join(repo, 'data/rte')
  mkdirSync(dir, { recursive: true })
  git(repo, 'init', '-q', '-b', 'main')
  git(repo, 'config', 'commit.gpgsign', 'false')
  const write = (withAccuracyGate: boolean) => {
    const itemsNow = new Set(rows.map((r) => r.item))
    writeFileSync(
      path.join(dir, 'annotations.csv'),
      'item_id,annotator,label\n' +
        rows
          .map((r) => `${r.item},${r.annotator},${name(r.label)}`)
          .join('\n') +
        '\n'
    )
    writeFileSync(
      path.join(dir, 'gold.csv'),
      'item_id,label\n' +
        [...gold]
          .filter(([i]) => itemsNow.has(i))
          .map(([i, l]) => `${i},${name(l)}`)
          .join('\n') +
        '\n'
    )
    writeFileSync(path.join(dir, 'schema.yml'), renamed ? SCHEMA_V2 : SCHEMA_V1)
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      config(withAccuracyGate, trend)
    )
  }
  const commit = (message: string, date: string) => {
    git(repo, 'add', '-A')
    // Committer dates are what the history reports and --since reads.
    execFileSync('git', ['commit', '-q', '-m', message], {
      cwd: repo,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'annotation lead',
        GIT_AUTHOR_EMAIL: 'lead@example.com',
        GIT_COMMITTER_NAME: 'annotation lead',
        GIT_COMMITTER_EMAIL: 'lead@example.com',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date
      }
    })
    return git(repo, 'rev-parse', 'HEAD')
  }

  const shas: string[] = []
  addItems(300)
  for (let k = 0; k < VERSIONS; k++) {
    if (k >= 1 && k <= 9) addItems(20)
    if ((k >= 11 && k <= 14) || k === 16 || k === 17) addItems(10)
    if (k === 4) {
      for (let j = 0; j < 30; j++) {
        const r = pick(rows)
        r.label = wrong(r.label)
        relabeled.push(r)
      }
    }
    if (k === 7)
      for (const r of relabeled.slice(0, 15)) r.label = wrong(r.label)
    if (k === 6 || k === 12) {
      const worker = `NEWWORKER${k}`
      const present = [...new Set(rows.map((r) => r.item))]
      for (let j = 0; j < 40; j++) {
        const item = present[(j * 7 + k) % present.length]!
        if (rows.some((r) => r.item === item && r.annotator === worker))
          continue
        const truth = gold.get(item)!
        rows.push({
          item,
          annotator: worker,
          label: rand() < 0.9 ? truth : wrong(truth)
        })
      }
    }
    if (k === RENAME_AT) renamed = true
    if (k >= DECAY_FROM) {
      let flipped = 0
      while (flipped < DECAY_FLIPS) {
        const r = pick(rows)
        if (r.label !== gold.get(r.item)) continue
        r.label = wrong(r.label)
        flipped++
      }
    }
    write(k >= 10)
    const date = new Date(Date.UTC(2024, 0, 1 + k * 3, 12)).toISOString()
    shas.push(commit(`version ${k}`, date))
    if (k % 4 === 1) {
      // A commit that touches nothing of the dataset: not a version.
      writeFileSync(path.join(repo, 'NOTES.md'), `notes after version ${k}\n`)
      commit(`notes ${k}`, date)
    }
  }
  return shas
}
