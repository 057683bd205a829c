import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type {
  AnnotatorTrend,
  History,
  HistoryRecord
} from '../../src/history/types.js'
import type { Report } from '../../src/report/types.js'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { GIT_ENV, git, writeFiles } from '../action/git-fixture.js'
import { runCli } from '../helpers/run-cli.js'

/** An annotator id that would run script if a page used it as HTML. */
export const HOSTILE_ANNOTATOR = '<img src=x onerror=alert(1)>'

const CATEGORIES = ['neg', 'neu', 'pos']
const CONFIG = `version: 1
datasets:
  - name: reviews
    path: data/annotations.csv
    categories: [neg, neu, pos]
    reference: { path: data/gold.csv }
    adjudication: { tie_break: reference }
    gates:
      krippendorff_alpha: { min: 0.6 }
      accuracy: { min: 0.8 }
      annotator.accuracy: { min: 0.7, min_items: 5 }
`

/** The gold label of item i (deterministic). */
const gold = (i: number): string => CATEGORIES[(i * 7) % 3]!

/**
 * Annotations of version v (1-based): three steady annotators, `ann_c` whose
 * errors grow with every version (the slow decay), a hostile id joining at
 * version 4, and at the last version one label outside the categories.
 */
function annotations(v: number, versions: number): string {
  const rows = ['item_id,annotator,label']
  for (let i = 0; i < 40; i++) {
    const truth = gold(i)
    const wrong = CATEGORIES[(((i * 7) % 3) + 1) % 3]!
    rows.push(`item${i},ann_a,${i % 13 === 0 ? wrong : truth}`)
    rows.push(`item${i},ann_b,${i % 9 === v % 9 ? wrong : truth}`)
    rows.push(`item${i},ann_c,${i < v * 4 ? wrong : truth}`)
    if (v >= 4 && i % 2 === 0) {
      rows.push(
        `item${i},"${HOSTILE_ANNOTATOR}",${i % 5 === 0 ? wrong : truth}`
      )
    }
  }
  if (v === versions) rows.push('item0,ann_d,postive')
  return `${rows.join('\n')}\n`
}

function goldFile(): string {
  const rows = ['item_id,label']
  for (let i = 0; i < 30; i++) rows.push(`item${i},${gold(i)}`)
  return `${rows.join('\n')}\n`
}

export interface HistoryFixture {
  repo: string
  commits: string[]
  /** The check's JSON report at each commit (no base), oldest first. */
  reports: Report[]
  history: History
}

/**
 * A real git repository with `versions` label versions (and a model
 * evaluation file committed at every other version), `labelgate check --json`
 * run at each commit, and the history a `labelgate history` run would give,
 * assembled from those reports (records as the history command writes them).
 */
export async function makeHistoryFixture(
  versions = 6
): Promise<HistoryFixture> {
  const repo = await mkdtemp(path.join(tmpdir(), 'labelgate-dash-'))
  await git(repo, 'init', '--quiet', '--initial-branch=main')
  const commits: string[] = []
  const reports: Report[] = []
  const modelDates: (string | null)[] = []
  const modelValues: (number | null)[] = []
  let lastModel: { date: string; f1: number } | null = null
  for (let v = 1; v <= versions; v++) {
    const files: Record<string, string> = {
      'labelgate.yml': CONFIG,
      'data/annotations.csv': annotations(v, versions),
      'data/gold.csv': goldFile()
    }
    const evaluated = v % 2 === 1
    const f1 = 0.9 - v * 0.01
    if (evaluated) files['model/eval.json'] = `${JSON.stringify({ f1 })}\n`
    await writeFiles(repo, files)
    const date = `2026-0${1 + Math.floor(v / 4)}-${String(10 + v).padStart(2, '0')}T12:00:00Z`
    const sha = await commitAt(repo, `labels v${v}`, date)
    commits.push(sha)
    if (evaluated) lastModel = { date: await commitDate(repo, sha), f1 }
    modelDates.push(lastModel?.date ?? null)
    modelValues.push(lastModel?.f1 ?? null)
    const out = path.join(repo, '.git', `report-${v}.json`)
    const run = await runCli(repo, [
      'check',
      '--head',
      sha,
      '--json',
      out,
      '--quiet'
    ])
    if (run.code === 2) throw new Error(`check failed: ${run.stderr}`)
    reports.push(JSON.parse(await readFile(out, 'utf8')) as Report)
  }
  const records: HistoryRecord[] = []
  for (let k = 0; k < commits.length; k++) {
    const d = reports[k]!.datasets[0]!
    const total = Object.values(d.head.distribution).reduce((s, n) => s + n, 0)
    records.push({
      commit: commits[k]!,
      date: await commitDate(repo, commits[k]!),
      author: 'Fixture Author',
      subject: `labels v${k + 1}`,
      key: `fixture-${k}`,
      counts: d.head.counts,
      metrics: d.head.metrics,
      annotators: d.head.annotators,
      class_shares: Object.fromEntries(
        Object.entries(d.head.distribution).map(([l, n]) => [l, n / total])
      ),
      gates: d.gates,
      passed: d.passed,
      problems: d.problems.slice(0, 20),
      problem_count: {
        errors: d.problems.filter((p) => p.severity === 'error').length,
        warnings: d.problems.filter((p) => p.severity === 'warning').length
      },
      error: null,
      model_metrics: { f1: modelValues[k]! },
      model_metrics_date: modelDates[k]!
    })
  }
  const names = [
    ...new Set(records.flatMap((r) => Object.keys(r.annotators)))
  ].sort()
  const trends: AnnotatorTrend[] = names.map((annotator) => {
    const byVersion = records.map(
      (r) => r.annotators[annotator]?.accuracy ?? null
    )
    const defined = byVersion.filter((m) => m !== null && m.value !== null)
    const from = defined[0]?.value ?? null
    const to = defined.at(-1)?.value ?? null
    return {
      annotator,
      by_version: byVersion.map((m) =>
        m === null || m.value === null ? null : m
      ),
      by_week: [],
      decline:
        from !== null && to !== null && defined.length >= 2
          ? { from, to, p_value: null, significant: from - to > 0.2 }
          : null
    }
  })
  const history: History = {
    schema: 'labelgate-history/1',
    ref: 'main',
    version: reports.at(-1)!.version,
    datasets: [
      {
        name: 'reviews',
        versions: records,
        annotators: trends,
        correlations: []
      }
    ]
  }
  await writeFile(
    path.join(repo, '.git', 'history.json'),
    JSON.stringify(history)
  )
  return { repo, commits, reports, history }
}

/** Commits everything with the given author and committer date; returns the SHA. */
async function commitAt(
  repo: string,
  message: string,
  date: string
): Promise<string> {
  const env = { ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
  const run = promisify(execFile)
  await run('git', ['add', '--all'], { cwd: repo, env })
  await run('git', ['commit', '--quiet', '--no-verify', '-m', message], {
    cwd: repo,
    env
  })
  return git(repo, 'rev-parse', 'HEAD')
}

async function commitDate(repo: string, sha: string): Promise<string> {
  return git(repo, 'show', '-s', '--format=%cI', sha)
}
