import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { commentBody } from '../../src/action/comment-body.js'
import { parseReport } from '../../src/action/report-schema.js'
import type { Report } from '../../src/report/types.js'
import { ACTIONS_TOKEN, FakeGitHub } from '../github/fake-github.js'
import {
  commitAll,
  createOrigin,
  git,
  mergeCommit,
  pushRefs,
  shallowCheckout,
  writeFiles,
  type Origin
} from './git-fixture.js'
import {
  ACTION_MAIN,
  readActionYml,
  runBundledAction,
  type ActionRun
} from './run-bundled-action.js'

/*
 * End to end: the bundled action (dist/index.js) in a child process, on real
 * git repositories (a bare "origin" with GitHub-like refs/pull/N/merge refs,
 * and depth-1 checkouts as actions/checkout makes them), with the runner's
 * environment and a loopback fake of the GitHub REST API.
 */

// Each run spawns node and a few git processes: seconds on a busy 2-core box.
jest.setTimeout(30_000)

const MARKER = '<!-- labelgate:report -->'
const CATEGORIES = ['negative', 'neutral', 'positive']
const ANNOTATIONS = 'data/sentiment/annotations.csv'
const GOLD = 'data/sentiment/gold.csv'
const CONFIG_PATH = '.github/labelgate.yml'

function goldOf(n: number): string {
  return CATEGORIES[(n - 1) % 3]
}
const id = (n: number): string => `i${String(n).padStart(2, '0')}`

function config(changedErrorMax: number, maxDrop: number): string {
  return `version: 1
datasets:
  - name: sentiment
    path: ${ANNOTATIONS}
    level: nominal
    categories: [${CATEGORIES.join(', ')}]
    reference:
      path: ${GOLD}
    gates:
      krippendorff_alpha: { min: 0.5, max_drop: ${maxDrop}, on_undefined: pass }
      error_rate: { max: 0.25 }
      changed.error_rate: { max: ${changedErrorMax}, on_undefined: pass }
      percent_agreement: { min: 0.99, severity: warning }
`
}

/** Rows of (item, annotator, label) as CSV, one annotation a line. */
function csv(rows: [string, string, string][]): string {
  return `item_id,annotator,label\n${rows.map((r) => r.join(',')).join('\n')}\n`
}

/** Main: items 1-12 rated by a1-a3, all as the gold, except a3 on i05. */
function mainRows(): [string, string, string][] {
  const rows: [string, string, string][] = []
  for (let n = 1; n <= 12; n++) {
    for (const a of ['a1', 'a2', 'a3']) {
      const label = n === 5 && a === 'a3' ? 'positive' : goldOf(n)
      rows.push([id(n), a, label])
    }
  }
  return rows
}

/** The bad change: a1 relabels i01-i03 wrongly; i13 and i14 are added, mostly wrong. */
function badRows(typo: boolean): [string, string, string][] {
  const rows = mainRows().map(([item, a, label]): [string, string, string] => {
    if (a !== 'a1') return [item, a, label]
    if (item === 'i01') return [item, a, 'positive']
    if (item === 'i02') return [item, a, 'negative']
    if (item === 'i03') return [item, a, 'neutral']
    return [item, a, label]
  })
  rows.push(
    ['i13', 'a1', 'positive'],
    ['i13', 'a2', 'positive'],
    ['i13', 'a3', 'negative'],
    ['i14', 'a1', 'neutral'],
    ['i14', 'a2', typo ? 'postive' : 'positive'],
    ['i14', 'a3', 'neutral']
  )
  return rows
}

/** The good change: i15 and i16 added, all three annotators right. */
function goodRows(): [string, string, string][] {
  const rows = mainRows()
  for (const n of [15, 16]) {
    for (const a of ['a1', 'a2', 'a3']) rows.push([id(n), a, goldOf(n)])
  }
  return rows
}

const GOLD_CSV = `item_id,label\n${Array.from(
  { length: 16 },
  (_, i) => `${id(i + 1)},${goldOf(i + 1)}`
).join('\n')}\n`

const MAIN_FILES = {
  [CONFIG_PATH]: config(0.1, 0.05),
  [ANNOTATIONS]: csv(mainRows()),
  [GOLD]: GOLD_CSV
}

interface Shas {
  root: string
  main: string
  bad1: string
  bad2: string
  docs: string
  lower: string
  good: string
  intro: string
  gov: string
  lineage: string
  schemaV1: string
  schemaV2: string
  mergeBad1: string
  mergeBad2: string
  mergeDocs: string
  mergeLower: string
  mergeGood: string
  mergeIntro: string
}

let tmp: string
let origin: Origin
let fake: FakeGitHub
let sha: Shas
/** The runner temp folder of the fork PR's run, for the poster. */
let forkRun: string | undefined
let runs = 0
/** Every run, for the checks that hold for all of them. */
const allRuns: ActionRun[] = []
/** Runs given an empty github-token. */
const tokenless = new Set<ActionRun>()

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'labelgate-action-'))
  fake = await FakeGitHub.start()
  origin = await createOrigin(tmp)
  const w = origin.work

  await writeFiles(w, { 'README.md': '# labels\n' })
  const root = await commitAll(w, 'readme')
  await writeFiles(w, MAIN_FILES)
  const main = await commitAll(w, 'labelgate and the sentiment labels')

  const branch = async (
    name: string,
    from: string,
    files: Record<string, string>
  ): Promise<string> => {
    await git(w, 'checkout', '--quiet', '-B', name, from)
    await writeFiles(w, files)
    return commitAll(w, name)
  }
  const bad1 = await branch('bad', main, { [ANNOTATIONS]: csv(badRows(true)) })
  await writeFiles(w, { [ANNOTATIONS]: csv(badRows(false)) })
  const bad2 = await commitAll(w, 'fix the typo')
  const docs = await branch('docs', main, {
    'README.md': '# labels\n\nMore.\n'
  })
  // Lowers the bar and rewrites the gold set to agree with the bad labels.
  const lower = await branch('lower', main, {
    [CONFIG_PATH]: config(0.9, 1),
    [ANNOTATIONS]: csv(badRows(false)),
    [GOLD]: GOLD_CSV.replace('i01,negative', 'i01,positive')
      .replace('i02,neutral', 'i02,negative')
      .replace('i03,positive', 'i03,neutral')
  })
  const good = await branch('good', main, { [ANNOTATIONS]: csv(goodRows()) })
  const intro = await branch('intro', root, MAIN_FILES)
  // The good labels plus governance sections in the config (read from the
  // head on a push).
  // Lineage required on the change: the added rows of i15 and i16 carry a
  // tool, but one leaves it empty.
  const withTool = goodRows().map(
    ([i, a, l], k) =>
      `${i},${a},${l},${k === goodRows().length - 2 ? '' : 'ls'}`
  )
  const lineage = await branch('lineage', main, {
    [CONFIG_PATH]: config(0.5, 1) + '    lineage: { required: [tool] }\n',
    [ANNOTATIONS]: `item_id,annotator,label,tool\n${withTool.join('\n')}\n`
  })
  // A label schema file: v1 as the config's categories, then v2 renames
  // 'positive' to 'pos' with a migration, relabeling nothing.
  const schemaConfig = config(0.5, 1).replace(
    /categories: \[.*\]/,
    'schema: data/sentiment/schema.yml'
  )
  const schemaV1 = await branch('schema', main, {
    [CONFIG_PATH]: schemaConfig,
    'data/sentiment/schema.yml': `version: 1\ncategories: [${CATEGORIES.join(', ')}]\n`
  })
  await writeFiles(w, {
    'data/sentiment/schema.yml':
      'version: 2\ncategories: [negative, neutral, pos]\n' +
      'migrations:\n  - { from: 1, rename: { positive: pos } }\n',
    [ANNOTATIONS]: csv(
      mainRows().map(([i, a, l]) => [i, a, l === 'positive' ? 'pos' : l])
    ),
    [GOLD]: GOLD_CSV.replaceAll(',positive', ',pos')
  })
  const schemaV2 = await commitAll(w, 'schema v2')
  const gov = await branch('gov', good, {
    [CONFIG_PATH]:
      config(0.5, 1) +
      '    adjudication: { tie_break: reference }\n' +
      '    qc_sample: { size: 5 }\n'
  })

  sha = {
    root,
    main,
    bad1,
    bad2,
    docs,
    lower,
    good,
    intro,
    gov,
    lineage,
    schemaV1,
    schemaV2,
    mergeBad1: await mergeCommit(w, main, bad1, 'Merge bad into main'),
    mergeBad2: await mergeCommit(w, main, bad2, 'Merge bad into main'),
    mergeDocs: await mergeCommit(w, main, docs, 'Merge docs into main'),
    mergeLower: await mergeCommit(w, main, lower, 'Merge lower into main'),
    mergeGood: await mergeCommit(w, main, good, 'Merge good into main'),
    // GitHub merged the PR that introduces labelgate into a main without it.
    mergeIntro: await mergeCommit(w, root, intro, 'Merge intro into main')
  }
  await pushRefs(origin, {
    'refs/heads/main': main,
    'refs/heads/bad': bad1,
    'refs/pull/1/merge': sha.mergeBad1,
    'refs/pull/2/merge': sha.mergeDocs,
    'refs/pull/3/merge': sha.mergeLower,
    'refs/pull/4/merge': sha.mergeGood,
    'refs/pull/5/merge': sha.mergeIntro,
    [`refs/heads/gh-readonly-queue/main/pr-1-${main}`]: sha.mergeBad1,
    'refs/heads/release': sha.mergeGood,
    'refs/heads/gov': sha.gov,
    'refs/heads/lineage': sha.lineage,
    'refs/heads/schema': sha.schemaV2
  })
}, 30_000)

afterAll(async () => {
  await fake?.close()
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

interface Scenario {
  eventName: string
  payload: unknown
  /** The ref the workflow checks out (depth 1). */
  ref: string
  inputs?: Record<string, string>
}

interface Result extends ActionRun {
  workspace: string
  checkedOut: string
  /** Requests the fake received during this run. */
  requests: FakeGitHub['requests']
  report: Record<string, unknown> | undefined
}

/** A fresh depth-1 checkout of `ref`, then one run of the bundled action. */
async function runScenario(s: Scenario): Promise<Result> {
  const n = ++runs
  const workspace = path.join(tmp, `ws-${n}`)
  const checkedOut = await shallowCheckout(origin, s.ref, workspace)
  const before = fake.requests.length
  const run = await runBundledAction({
    dir: path.join(tmp, `run-${n}`),
    workspace,
    eventName: s.eventName,
    payload: s.payload,
    sha: checkedOut,
    apiUrl: fake.url,
    token: ACTIONS_TOKEN,
    inputs: s.inputs
  })
  allRuns.push(run)
  if (s.inputs?.['github-token'] === '') tokenless.add(run)
  if (process.env.LABELGATE_E2E_DEBUG) {
    process.stderr.write(
      `--- run ${n} ${s.eventName} ${s.ref} ${Math.round(run.durationMs)} ms\n${explain(run)}\n`
    )
  }
  const reportPath = run.outputs.report
  const report =
    reportPath !== undefined && reportPath !== ''
      ? (JSON.parse(await readFile(reportPath, 'utf8')) as Record<
          string,
          unknown
        >)
      : undefined
  return {
    ...run,
    workspace,
    checkedOut,
    requests: fake.requests.slice(before),
    report
  }
}

function prPayload(number: number, head: string, base = sha.main): unknown {
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      head: { sha: head, ref: `pr-${number}` },
      base: { sha: base, ref: 'main' }
    },
    repository: { full_name: 'acme/labels' }
  }
}

/** The pushed PRs: their merge ref and head commit. */
const PULLS = {
  bad: () => ({ ref: 'refs/pull/1/merge', head: sha.bad1 }),
  docs: () => ({ ref: 'refs/pull/2/merge', head: sha.docs }),
  lower: () => ({ ref: 'refs/pull/3/merge', head: sha.lower }),
  good: () => ({ ref: 'refs/pull/4/merge', head: sha.good }),
  intro: () => ({ ref: 'refs/pull/5/merge', head: sha.intro })
}

/** A pull_request run on `pull`'s merge ref, commenting on PR `number`. */
function pullRequest(
  number: number,
  pull: keyof typeof PULLS,
  inputs?: Record<string, string>
): Scenario {
  const { ref, head } = PULLS[pull]()
  return {
    eventName: 'pull_request',
    payload: prPayload(number, head),
    ref,
    inputs
  }
}

interface DatasetJson {
  name: string
  passed: boolean
  diff: Record<string, number> | null
  changed: { counts: Record<string, number>; metrics: MetricMap } | null
  base: { counts: Record<string, number> } | null
  head: { counts: Record<string, number>; metrics: MetricMap }
  gates: GateJson[]
  problems: { severity: string; file: string; line: number; message: string }[]
}
type MetricMap = Record<string, { value: number | null }>
interface GateJson {
  metric: string
  bound: string
  threshold: number
  value: number | null
  status: string
  severity: string
}

function dataset(r: Result): DatasetJson {
  const datasets = r.report?.datasets as DatasetJson[] | undefined
  expect(datasets).toHaveLength(1)
  return datasets![0]
}

function gate(d: DatasetJson, metric: string, bound: string): GateJson {
  const g = d.gates.find((x) => x.metric === metric && x.bound === bound)
  expect(g).toBeDefined()
  return g!
}

/** The line of `text` in the committed CSV (1-based, header = line 1). */
function lineOf(rows: [string, string, string][], text: string): number {
  return csv(rows).split('\n').indexOf(text) + 1
}

function explain(r: ActionRun): string {
  return `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`
}

describe('the bundled action (dist/index.js) on real git repositories', () => {
  it('is what action.yml runs, and every input has a default', async () => {
    const yml = await readActionYml()
    expect(yml.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(existsSync(ACTION_MAIN)).toBe(true)
    expect(Object.keys(yml.inputs).sort()).toEqual(
      [
        'base',
        'comment',
        'config',
        'datasets',
        'fail-on',
        'github-token',
        'head',
        'post-comment',
        'api-timeout',
        'dashboard',
        'threads'
      ].sort()
    )
    expect(Object.keys(yml.outputs).sort()).toEqual(
      [
        'adjudication',
        'comment-body',
        'comment-url',
        'dashboard',
        'dashboard-artifact-id',
        'dashboard-artifact-url',
        'passed',
        'qc-sample',
        'report'
      ].sort()
    )
    for (const input of Object.values(yml.inputs)) {
      expect(typeof input.default).toBe('string')
    }
  })

  describe('pull_request from a depth-1 checkout of refs/pull/1/merge', () => {
    let first: Result
    let second: Result

    beforeAll(async () => {
      first = await runScenario(pullRequest(1, 'bad'))
      // Another push to the PR: GitHub rewrites the merge ref, the workflow reruns.
      await pushRefs(origin, { 'refs/pull/1/merge': sha.mergeBad2 })
      second = await runScenario({
        ...pullRequest(1, 'bad'),
        payload: prPayload(1, sha.bad2)
      })
      await pushRefs(origin, { 'refs/pull/1/merge': sha.mergeBad1 })
    }, 30_000)

    it('fetches the missing base and fails the step on the failed gates', async () => {
      expect(first.checkedOut).toBe(sha.mergeBad1)
      expect(first.code).toBe(1)
      expect(first.stdout).toContain(
        `labelgate: fetched ${sha.main.slice(0, 7)}`
      )
      // The base is now in the workspace; the PR head never had to be.
      await expect(
        git(first.workspace, 'cat-file', '-e', `${sha.main}^{commit}`)
      ).resolves.toBe('')
      expect(first.commands).toContainEqual(
        expect.stringMatching(/^::error::labelgate: the label gate failed/)
      )
      expect(first.outputs.passed).toBe('false')
    })

    it('writes a JSON report with the SHAs, the diff, the slice and the gates', () => {
      expect(first.report).toMatchObject({
        schema: 'labelgate-report/1',
        passed: false,
        base: sha.main,
        head: sha.mergeBad1,
        config: { path: CONFIG_PATH, source: 'base' }
      })
      const d = dataset(first)
      // Six rows were added; the one whose label is outside the schema is a
      // data problem (below), not an annotation.
      expect(d.diff).toEqual({
        items_added: 2,
        items_removed: 0,
        annotations_added: 5,
        annotations_removed: 0,
        labels_changed: 3
      })
      // The slice: i01-i03 (relabeled) and i13-i14 (added), all their ratings.
      expect(d.changed?.counts).toMatchObject({ items: 5, annotators: 3 })
      expect(d.base?.counts).toMatchObject({ items: 12, annotations: 36 })
      const changedError = gate(d, 'changed.error_rate', 'max')
      expect(changedError.status).toBe('fail')
      expect(changedError.threshold).toBe(0.1)
      expect(changedError.value).toBeGreaterThan(0.5)
      expect(changedError.value).toBe(d.changed?.metrics.error_rate.value)
      const drop = gate(d, 'krippendorff_alpha', 'max_drop')
      expect(drop.status).toBe('fail')
      expect(drop.value).not.toBeNull()
      expect(gate(d, 'error_rate', 'max').status).toBe('pass')
    })

    it('annotates the label outside the schema at its file and line', () => {
      const line = lineOf(badRows(true), 'i14,a2,postive')
      expect(line).toBeGreaterThan(1)
      const d = dataset(first)
      expect(d.problems).toContainEqual(
        expect.objectContaining({
          severity: 'error',
          file: ANNOTATIONS,
          line
        })
      )
      const annotation = first.commands.find((c) => c.includes('postive'))
      expect(annotation).toMatch(/^::error /)
      expect(annotation).toContain(`file=${ANNOTATIONS},`)
      expect(annotation).toContain(`line=${line}`)
    })

    it('writes the job summary, the comment body and the outputs', async () => {
      expect(first.summary).toContain('sentiment')
      expect(first.summary).toContain('changed.error_rate')
      expect(first.outputs.report).toMatch(
        /runner_temp\/labelgate\/report\.json$/
      )
      const body = await readFile(first.outputs['comment-body'], 'utf8')
      expect(body.split('\n')[0]).toBe(MARKER)
      expect(body).toContain('changed.error_rate')
    })

    it('creates one sticky comment, then updates it in place', async () => {
      const comments = fake.comments(1)
      expect(comments).toHaveLength(1)
      expect(comments[0].login).toBe('github-actions[bot]')
      expect(first.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
      expect(first.outputs['comment-url']).toBe(
        `https://github.com/acme/labels/pull/1#issuecomment-${comments[0].id}`
      )
      expect(second.code).toBe(1)
      expect(second.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
      expect(second.requests.filter((r) => r.method === 'PATCH')).toHaveLength(
        1
      )
      expect(second.outputs['comment-url']).toBe(first.outputs['comment-url'])
      expect(comments[0].body.split('\n')[0]).toBe(MARKER)
      // The second run's report: the typo is gone.
      expect(comments[0].body).toContain(sha.mergeBad2.slice(0, 7))
      expect(dataset(second).problems).toEqual([])
      expect(second.report?.head).toBe(sha.mergeBad2)
      expect(fake.violations).toEqual([])
    })
  })

  it('passes quickly when no label file is touched, without a comment', async () => {
    const r = await runScenario(pullRequest(2, 'docs'))
    expect(r.code).toBe(0)
    expect(r.outputs.passed).toBe('true')
    expect(r.outputs.report).toBe('')
    expect(r.summary).toContain('No label file is touched')
    // It looks for an earlier comment to refresh, and creates none.
    expect(r.requests.filter((q) => q.method !== 'GET')).toEqual([])
    expect(fake.comments(2)).toEqual([])
  })

  it('refreshes an earlier comment when a later push touches no label file', async () => {
    // PR 8 first touched labels (a comment is posted), then its merge ref
    // became the docs-only change.
    const first = await runScenario(pullRequest(8, 'bad'))
    expect(first.code).toBe(1)
    expect(fake.comments(8)).toHaveLength(1)
    const later = await runScenario(pullRequest(8, 'docs'))
    expect(later.code).toBe(0)
    const comments = fake.comments(8)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body.split('\n')[0]).toBe(MARKER)
    expect(comments[0]!.body).toContain('No label file is touched')
    expect(later.outputs['comment-url']).toBe(first.outputs['comment-url'])
  })

  it('reads the config from the base when the PR lowers a threshold', async () => {
    const r = await runScenario(pullRequest(3, 'lower'))
    expect(r.code).toBe(1)
    expect(r.report?.config).toEqual({ path: CONFIG_PATH, source: 'base' })
    const g = gate(dataset(r), 'changed.error_rate', 'max')
    expect(g.threshold).toBe(0.1)
    expect(g.status).toBe('fail')
    expect(r.summary).toContain("uses the base's config")
    // The gold edits are not trusted either: a1's relabels still count as errors.
    expect(r.report?.notes).toContainEqual(
      expect.stringContaining(`This change edits reference labels (${GOLD})`)
    )
    expect(g.value).toBeGreaterThan(0.5)
    const comments = fake.comments(3)
    expect(comments).toHaveLength(1)
    expect(comments[0].body).toContain("uses the base's config")
  })

  it('uses the head config, with a note, for the PR that introduces labelgate', async () => {
    const r = await runScenario(pullRequest(5, 'intro'))
    expect(r.report?.config).toEqual({ path: CONFIG_PATH, source: 'head' })
    expect(r.report?.base).toBe(sha.root)
    expect(r.summary).toContain('The base has no labelgate config yet')
    const d = dataset(r)
    // The head's gold labels are the only ones there are.
    expect(d.head.metrics.error_rate.value).toBeCloseTo(1 / 36, 10)
    expect(gate(d, 'error_rate', 'max').status).toBe('pass')
    expect(r.code).toBe(0)
    expect(fake.comments(5)).toHaveLength(1)
    expect(fake.comments(5)[0].body).toContain(
      'The base has no labelgate config yet'
    )
  })

  it('evaluates a merge_group from base_sha to head_sha, without a comment', async () => {
    const r = await runScenario({
      eventName: 'merge_group',
      payload: {
        action: 'checks_requested',
        merge_group: {
          head_sha: sha.mergeBad1,
          head_ref: `refs/heads/gh-readonly-queue/main/pr-1-${sha.main}`,
          base_sha: sha.main,
          base_ref: 'refs/heads/main'
        }
      },
      ref: `refs/heads/gh-readonly-queue/main/pr-1-${sha.main}`
    })
    expect(r.code).toBe(1)
    expect(r.report).toMatchObject({ base: sha.main, head: sha.mergeBad1 })
    expect(gate(dataset(r), 'changed.error_rate', 'max').status).toBe('fail')
    expect(r.outputs['comment-url']).toBe('')
    expect(r.requests).toEqual([])
  })

  it('compares before..after on push', async () => {
    const r = await runScenario({
      eventName: 'push',
      payload: {
        ref: 'refs/heads/release',
        before: sha.main,
        after: sha.mergeGood,
        forced: false
      },
      ref: 'refs/heads/release'
    })
    expect(r.code).toBe(0)
    expect(r.report).toMatchObject({
      base: sha.main,
      head: sha.mergeGood,
      config: { source: 'head' }
    })
    const d = dataset(r)
    expect(d.diff).toMatchObject({ items_added: 2, labels_changed: 0 })
    expect(gate(d, 'changed.error_rate', 'max')).toMatchObject({
      status: 'pass',
      value: 0
    })
    expect(r.requests).toEqual([])
  })

  it('reads a schema rename with its migration as no relabeling (push)', async () => {
    const r = await runScenario({
      eventName: 'push',
      payload: {
        ref: 'refs/heads/schema',
        before: sha.schemaV1,
        after: sha.schemaV2
      },
      ref: 'refs/heads/schema'
    })
    expect(r.stderr).toBe('')
    const d = dataset(r) as unknown as {
      schema_change: Record<string, unknown>
      diff: Record<string, number>
      problems: unknown[]
    }
    expect(d.schema_change).toMatchObject({
      from_version: 1,
      to_version: 2,
      renamed: [{ from: 'positive', to: 'pos' }]
    })
    expect(d.schema_change.affected_annotations).toBeGreaterThan(0)
    expect(d.diff).toMatchObject({ labels_changed: 0, annotations_added: 0 })
    expect(d.problems).toEqual([])
    expect(r.summary).toContain('renamed positive → pos')
  })

  it('fails on an added annotation without lineage, annotated at its line', async () => {
    const r = await runScenario({
      eventName: 'push',
      payload: {
        ref: 'refs/heads/lineage',
        before: sha.main,
        after: sha.lineage
      },
      ref: 'refs/heads/lineage'
    })
    expect(r.code).toBe(1)
    // Header, then the rows of goodRows(): the empty tool is on the one
    // before last, line (rows - 1) + 1.
    const line = goodRows().length
    expect(r.commands).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^::error title=[^,]*,file=${ANNOTATIONS},line=${line}::.*tool`
        )
      )
    )
    const d = dataset(r) as unknown as {
      lineage: {
        scope: string
        checked: number
        missing: Record<string, number>
      }
    }
    expect(d.lineage).toMatchObject({
      scope: 'changed',
      checked: 6,
      missing: { tool: 1 }
    })
  })

  it('writes the adjudication queue and the QC sample, named in its outputs', async () => {
    const r = await runScenario({
      eventName: 'push',
      payload: { ref: 'refs/heads/gov', before: sha.main, after: sha.gov },
      ref: 'refs/heads/gov'
    })
    expect(r.stderr).toBe('')
    expect(r.outputs.adjudication).toMatch(/labelgate[/\\]adjudication\.csv$/)
    const queue = await readFile(r.outputs.adjudication!, 'utf8')
    expect(queue.split('\r\n')[0]).toMatch(
      /^item,reason,majority,majority_share,reference,decision,decided_by$/
    )
    const qc = await readFile(r.outputs['qc-sample']!, 'utf8')
    // A header and the five sampled annotations of the change.
    expect(qc.trim().split('\r\n')).toHaveLength(6)
    const d = dataset(r) as unknown as {
      qc_sample: { size: number; population: number }
      adjudication: { scope: string; total: number }
    }
    expect(d.qc_sample).toMatchObject({ size: 5, population: 6 })
    // The two new items are unanimous and agree with the gold labels.
    expect(d.adjudication).toMatchObject({ scope: 'changed', total: 0 })
  })

  it('fetches a base given by branch name (input base: main) in a depth-1 checkout', async () => {
    const r = await runScenario({
      eventName: 'workflow_dispatch',
      payload: {},
      ref: 'refs/heads/release',
      inputs: { base: 'main' }
    })
    expect(r.stderr).toBe('')
    expect(r.report).toMatchObject({ base: sha.main, head: sha.mergeGood })
    expect(dataset(r).diff).toMatchObject({ items_added: 2 })
  })

  it('checks the head only on a push that creates a branch (all-zero before)', async () => {
    const r = await runScenario({
      eventName: 'push',
      payload: {
        ref: 'refs/heads/release',
        before: '0'.repeat(40),
        after: sha.mergeGood,
        created: true
      },
      ref: 'refs/heads/release'
    })
    expect(r.code).toBe(0)
    expect(r.report?.base).toBeNull()
    const d = dataset(r)
    expect(d.diff).toBeNull()
    expect(d.changed).toBeNull()
    expect(d.head.counts).toMatchObject({ items: 14, annotations: 42 })
    // Base-comparing gates have nothing to compare: not applicable, never failing.
    expect(gate(d, 'krippendorff_alpha', 'max_drop').status).toBe(
      'not_applicable'
    )
    expect(gate(d, 'changed.error_rate', 'max').status).toBe('not_applicable')
    expect(gate(d, 'krippendorff_alpha', 'min').status).toBe('pass')
  })

  it('judges the head state on schedule, base-comparing gates not applicable', async () => {
    const r = await runScenario({
      eventName: 'schedule',
      payload: { schedule: '0 3 * * *' },
      ref: 'refs/heads/release'
    })
    expect(r.code).toBe(0)
    expect(r.report?.base).toBeNull()
    const d = dataset(r)
    expect(gate(d, 'krippendorff_alpha', 'max_drop').status).toBe(
      'not_applicable'
    )
    expect(gate(d, 'changed.error_rate', 'max').status).toBe('not_applicable')
  })

  it('warns when the comment cannot be created (403), gate result unchanged', async () => {
    fake.fail({
      method: 'POST',
      path: /^\/repos\/acme\/labels\/issues\/6\/comments/,
      status: 403,
      times: 1
    })
    const r = await runScenario(pullRequest(6, 'bad'))
    expect(r.code).toBe(1)
    expect(r.outputs.passed).toBe('false')
    expect(r.commands).toContainEqual(
      expect.stringMatching(
        /^::warning::Could not create the comment on acme\/labels#6 \(403/
      )
    )
    expect(r.outputs['comment-url']).toBe('')
    expect(fake.comments(6)).toEqual([])
    const body = await readFile(r.outputs['comment-body'], 'utf8')
    expect(body.split('\n')[0]).toBe(MARKER)
    expect(body).toContain('changed.error_rate')
    expect(
      await readFile(
        path.join(path.dirname(r.outputs.report), 'pr-number'),
        'utf8'
      )
    ).toBe('6\n')
    forkRun = path.dirname(r.outputs.report!)
  })

  describe("post-comment (the fork pattern: a workflow_run job posts the fork run's report)", () => {
    const FORK = 'mallory/labels'
    const RUN_URL = 'https://github.com/acme/labels/actions/runs/777'
    /** The workflow_run event of the fork's checking run (PR 6, head bad1). */
    const forkRunPayload = (run: Record<string, unknown> = {}): unknown => ({
      action: 'completed',
      workflow_run: {
        id: 777,
        event: 'pull_request',
        head_sha: sha.bad1,
        head_branch: 'bad',
        head_repository: { full_name: FORK },
        repository: { full_name: 'acme/labels' },
        // GitHub leaves this empty for a pull request from a fork.
        pull_requests: [],
        ...run
      },
      repository: { full_name: 'acme/labels' }
    })
    const post = (
      dir: string,
      payload: unknown = forkRunPayload(),
      inputs: Record<string, string> = {}
    ): Promise<Result> =>
      runScenario({
        eventName: 'workflow_run',
        payload,
        ref: 'refs/heads/main',
        inputs: { 'post-comment': dir, ...inputs }
      })
    /** A copy of the fork run's folder with some files replaced (or removed: null). */
    const folder = async (
      name: string,
      files: Record<string, string | null>
    ): Promise<string> => {
      const dir = path.join(tmp, name)
      await cp(forkRun!, dir, { recursive: true })
      for (const [file, text] of Object.entries(files)) {
        if (text === null) await rm(path.join(dir, file))
        else await writeFile(path.join(dir, file), text)
      }
      return dir
    }
    /** The fork run's report, loosely typed for forging. */
    interface Forgeable {
      passed: unknown
      datasets: { passed: unknown; gates: { value: unknown }[] }[]
    }
    const forkReport = async (): Promise<Forgeable> =>
      JSON.parse(
        await readFile(path.join(forkRun!, 'report.json'), 'utf8')
      ) as Forgeable
    const meta = (pr: number): string =>
      JSON.stringify({ pr, passed: true, marker: MARKER })
    const refusal = (r: Result): string | undefined =>
      r.commands.find((c) =>
        c.startsWith('::warning::labelgate: no comment posted: ')
      )
    const writes = (r: Result) => r.requests.filter((q) => q.method !== 'GET')

    beforeAll(() => {
      if (forkRun === undefined) throw new Error('the fork run did not run')
      fake.addPull({
        number: 6,
        headSha: sha.bad1,
        headRef: 'bad',
        headRepo: FORK
      })
    })

    it("posts the honest fork run's report, rebuilt from report.json, as the sticky comment", async () => {
      const first = await post(forkRun!)
      expect(first.stderr).toBe('')
      expect(first.code).toBe(0)
      expect(refusal(first)).toBeUndefined()
      // The PR was looked up: the payload lists no PR for a fork.
      expect(first.requests.map((q) => `${q.method} ${q.path}`)).toContain(
        'GET /repos/acme/labels/pulls/6'
      )
      const comments = fake.comments(6)
      expect(comments).toHaveLength(1)
      // The same body the checking run rendered (nothing in it was cut).
      expect(comments[0]!.body).toBe(
        await readFile(path.join(forkRun!, 'comment.md'), 'utf8')
      )
      expect(first.outputs['comment-url']).toContain('issuecomment')
      // Posting again edits the same sticky comment.
      const second = await post(forkRun!)
      expect(second.code).toBe(0)
      expect(fake.comments(6)).toHaveLength(1)
      expect(second.requests.filter((q) => q.method === 'POST')).toEqual([])
    })

    it("refuses a forged artifact that turns another PR's failing report into a passing one", async () => {
      fake.addPull({
        number: 10,
        headSha: sha.good,
        headRef: 'good',
        headRepo: 'acme/labels'
      })
      const failing = fake.addComment(
        10,
        `${MARKER}\n### labelgate\n\n❌ failed\n`,
        'github-actions[bot]'
      )
      const report = await forkReport()
      report.passed = true
      for (const d of report.datasets) d.passed = true
      const dir = await folder('forged-10', {
        'comment.json': meta(10),
        'report.json': JSON.stringify(report)
      })
      const r = await post(dir)
      expect(r.code).toBe(0)
      expect(refusal(r)).toMatch(
        new RegExp(
          `the head of PR #10 is ${sha.good.slice(0, 12)}, but the triggering run checked ${sha.bad1.slice(0, 12)}`
        )
      )
      expect(writes(r)).toEqual([])
      expect(fake.comments(10)).toEqual([failing])
      expect(r.outputs['comment-url']).toBe('')
    })

    it('refuses an artifact naming an issue, or a PR the same-repo run was not for', async () => {
      const issue = await post(
        await folder('forged-issue', { 'comment.json': meta(11) })
      )
      expect(refusal(issue)).toMatch(
        /#11 is not a pull request of acme\/labels/
      )
      expect(writes(issue)).toEqual([])
      // A same-repository PR is listed in the payload: no API call is needed to refuse.
      const listed = await post(
        await folder('forged-7', { 'comment.json': meta(7) }),
        forkRunPayload({
          head_repository: { full_name: 'acme/labels' },
          pull_requests: [{ number: 6, head: { sha: sha.bad1 } }]
        })
      )
      expect(refusal(listed)).toMatch(
        /names PR #7, but the triggering run was for #6/
      )
      expect(listed.requests).toEqual([])
      expect(fake.comments(7)).toEqual([])
    })

    it('refuses when the PR head moved on, or comes from another repository', async () => {
      fake.addPull({
        number: 6,
        headSha: sha.bad2,
        headRef: 'bad',
        headRepo: FORK
      })
      try {
        const moved = await post(forkRun!)
        expect(moved.code).toBe(0)
        expect(refusal(moved)).toMatch(
          /the head of PR #6 is .*, but the triggering run checked/
        )
        expect(writes(moved)).toEqual([])
      } finally {
        fake.addPull({
          number: 6,
          headSha: sha.bad1,
          headRef: 'bad',
          headRepo: FORK
        })
      }
      // Same commit, opened from the base repository instead of the fork.
      fake.addPull({
        number: 12,
        headSha: sha.bad1,
        headRef: 'bad',
        headRepo: 'acme/labels'
      })
      const other = await post(
        await folder('forged-12', { 'comment.json': meta(12) })
      )
      expect(refusal(other)).toMatch(
        /PR #12 comes from "acme\/labels", but the triggering run was for "mallory\/labels"/
      )
      expect(fake.comments(12)).toEqual([])
      const push = await post(forkRun!, forkRunPayload({ event: 'push' }))
      expect(refusal(push)).toMatch(/for a "push" event, not a pull_request/)
      expect(push.requests).toEqual([])
    })

    it('never posts Markdown from the artifact: the body is rendered from the report, escaped', async () => {
      const hostile = JSON.parse(
        await readFile(
          path.join(process.cwd(), '__fixtures__', 'report', 'hostile.json'),
          'utf8'
        )
      ) as unknown
      const raw =
        '@octocat <img src=x onerror=alert(1)> ![x](https://evil.example/x.png) [click](https://evil.example)'
      const dir = await folder('hostile', {
        'comment.md': `${MARKER}\n${raw}\n`,
        'report.json': JSON.stringify(hostile)
      })
      const before = fake.comments(6)[0]!.body
      const r = await post(dir)
      expect(r.code).toBe(0)
      expect(refusal(r)).toBeUndefined()
      const body = fake.comments(6)[0]!.body
      expect(body).not.toBe(before)
      const parsed = parseReport(hostile)
      expect('report' in parsed).toBe(true)
      expect(body).toBe(
        commentBody((parsed as { report: Report }).report, {
          summaryUrl: RUN_URL,
          repositoryUrl: 'https://github.com/acme/labels'
        })
      )
      expect(body).not.toContain('octocat <img')
      expect(body).not.toMatch(/<img|<script|!\[x\]\(|\]\(https:\/\/evil/i)
      // Every @ is followed by a zero-width space: no mention notifies anyone.
      expect(body).not.toMatch(/@(?!\u200b)/)
      // Put the honest report back for the tests after this one.
      expect((await post(forkRun!)).code).toBe(0)
    })

    it('refuses a malformed or missing report, and a tampered description', async () => {
      const report = await forkReport()
      report.datasets[0].gates[0].value = '<img src=x onerror=alert(1)>'
      const malformed = await post(
        await folder('malformed', { 'report.json': JSON.stringify(report) })
      )
      expect(refusal(malformed)).toMatch(
        /report\.json is not a labelgate report \(datasets\.0\.gates\.0\.value: /
      )
      const missing = await post(
        await folder('md-only', { 'report.json': null })
      )
      expect(refusal(missing)).toMatch(
        /report\.json is missing from the folder/
      )
      const tampered = await post(
        await folder('tampered', {
          'comment.json': JSON.stringify({
            pr: '6; rm -rf /',
            passed: true,
            marker: 'x'
          })
        })
      )
      expect(refusal(tampered)).toMatch(
        /comment\.json is not a labelgate comment description \(pr: /
      )
      for (const r of [malformed, missing, tampered]) {
        expect(r.code).toBe(0)
        expect(r.requests).toEqual([])
        expect(r.outputs['comment-url']).toBe('')
      }
    })

    it('warns without a token, and gives up on a hanging API at the deadline', async () => {
      const noToken = await post(forkRun!, forkRunPayload(), {
        'github-token': ''
      })
      expect(noToken.code).toBe(0)
      expect(noToken.commands).toContainEqual(
        expect.stringMatching(
          /^::warning::The github-token input is empty, so no PR comment/
        )
      )
      expect(noToken.requests).toEqual([])
      fake.stall({ path: /^\/repos\/acme\/labels\/pulls\/6$/, mode: 'hang' })
      try {
        const hung = await post(forkRun!, forkRunPayload(), {
          'api-timeout': '1'
        })
        expect(hung.code).toBe(0)
        expect(refusal(hung)).toMatch(
          /could not look up PR #6: the GitHub API did not answer within 1 s \(api-timeout\)/
        )
        expect(writes(hung)).toEqual([])
      } finally {
        fake.unstall()
      }
    })
  })

  describe('no token or a misbehaving API never changes the verdict', () => {
    it('an empty github-token: a warning, no comment, the gate result as it is', async () => {
      const passing = await runScenario(
        pullRequest(13, 'good', { 'github-token': '' })
      )
      expect(passing.code).toBe(0)
      expect(passing.outputs.passed).toBe('true')
      expect(passing.stdout).not.toContain('internal error')
      expect(passing.commands).toContainEqual(
        expect.stringMatching(
          /^::warning::The github-token input is empty, so no PR comment .*The gate result is unaffected\.$/
        )
      )
      expect(passing.requests).toEqual([])
      const failing = await runScenario(
        pullRequest(14, 'bad', { 'github-token': '' })
      )
      expect(failing.code).toBe(1)
      expect(failing.outputs.passed).toBe('false')
      expect(failing.commands).toContainEqual(
        expect.stringMatching(/^::error::labelgate: the label gate failed/)
      )
    })

    it.each([
      ['never answers', 15, 'good', 'hang'],
      ['drips its answer a byte at a time', 16, 'bad', 'drip']
    ] as const)(
      'an API that %s: a warning at the deadline (api-timeout), verdict and outputs unchanged',
      async (_, number, pull, mode) => {
        fake.stall({
          path: new RegExp(`^/repos/acme/labels/issues/${number}/comments`),
          mode
        })
        let r: Result
        try {
          r = await runScenario(
            pullRequest(number, pull, { 'api-timeout': '1' })
          )
        } finally {
          fake.unstall()
        }
        const passed = pull === 'good'
        expect(r.code).toBe(passed ? 0 : 1)
        expect(r.outputs.passed).toBe(String(passed))
        expect(r.outputs['comment-url']).toBe('')
        expect(r.outputs.report).not.toBe('')
        expect(r.commands).toContainEqual(
          `::warning::Could not write the comment on acme/labels#${number}: the GitHub API did not answer within 1 s (api-timeout). The gate result is unaffected.`
        )
        expect(fake.comments(number)).toEqual([])
      },
      60_000
    )

    it.each([
      [
        'a secondary rate limit (403, retry-after: 3601)',
        17,
        403,
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        () => ({ 'retry-after': '3601' })
      ],
      [
        'a rate limit (429, reset in an hour)',
        18,
        429,
        'API rate limit exceeded for installation ID 1.',
        () => ({
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600)
        })
      ]
    ])(
      '%s is not waited out past the deadline: a warning, verdict unchanged',
      async (_, number, status, message, headers) => {
        fake.fail({
          method: 'POST',
          path: new RegExp(`^/repos/acme/labels/issues/${number}/comments`),
          status,
          message,
          headers: headers(),
          times: 1
        })
        const r = await runScenario(
          pullRequest(number, 'good', { 'api-timeout': '20' })
        )
        expect(r.code).toBe(0)
        expect(r.outputs.passed).toBe('true')
        expect(r.outputs['comment-url']).toBe('')
        expect(r.commands).toContainEqual(
          expect.stringMatching(
            /^::warning::GitHub API (secondary )?rate limit for POST .*: not waiting \d+ s, past the 20 s API deadline \(api-timeout\)$/
          )
        )
        expect(r.commands).toContainEqual(
          expect.stringMatching(
            new RegExp(
              `^::warning::Could not create the comment on acme/labels#${number}: GitHub API rate limit \\(${status}: `
            )
          )
        )
        expect(r.requests.filter((q) => q.method === 'POST')).toHaveLength(1)
        expect(fake.comments(number)).toEqual([])
      },
      60_000
    )

    it('refuses an api-timeout that is not a positive number of seconds', async () => {
      const r = await runScenario(
        pullRequest(19, 'good', { 'api-timeout': '0' })
      )
      expect(r.code).toBe(1)
      expect(r.commands).toContainEqual(
        expect.stringMatching(
          /^::error::labelgate: input 'api-timeout' must be a number of seconds above 0/
        )
      )
    })
  })

  describe('comment: on-failure', () => {
    it('posts nothing for a passing PR', async () => {
      const r = await runScenario(
        pullRequest(4, 'good', { comment: 'on-failure' })
      )
      expect(r.code).toBe(0)
      expect(r.outputs.passed).toBe('true')
      expect(fake.comments(4)).toEqual([])
      expect(r.requests.filter((q) => q.method !== 'GET')).toEqual([])
    })

    it('posts the comment for a failing PR', async () => {
      const r = await runScenario(
        pullRequest(7, 'bad', { comment: 'on-failure' })
      )
      expect(r.code).toBe(1)
      expect(fake.comments(7)).toHaveLength(1)
    })
  })

  it('fail-on: never reports the failed gate but exits 0', async () => {
    const r = await runScenario(
      pullRequest(8, 'bad', { 'fail-on': 'never', comment: 'never' })
    )
    expect(r.code).toBe(0)
    expect(r.outputs.passed).toBe('false')
    expect(gate(dataset(r), 'changed.error_rate', 'max').status).toBe('fail')
    expect(r.commands.filter((c) => c.startsWith('::error::'))).toEqual([])
    expect(r.requests).toEqual([])
  })

  it('fail-on: warning fails a PR whose only failed gate is a warning', async () => {
    const asError = await runScenario(
      pullRequest(9, 'good', { comment: 'never' })
    )
    expect(asError.code).toBe(0)
    const d = dataset(asError)
    // Already breached on main and not made worse: pre-existing, a warning.
    expect(gate(d, 'percent_agreement', 'min')).toMatchObject({
      status: 'pre_existing',
      severity: 'warning'
    })
    const asWarning = await runScenario(
      pullRequest(9, 'good', { comment: 'never', 'fail-on': 'warning' })
    )
    expect(asWarning.code).toBe(1)
    expect(asWarning.outputs.passed).toBe('true')
    expect(asWarning.commands).toContainEqual(
      expect.stringMatching(/^::error::labelgate: warnings were raised/)
    )
  })

  it('never crashes or prints to stderr, and masks the token', () => {
    expect(allRuns.length).toBeGreaterThanOrEqual(14)
    for (const r of allRuns) {
      expect({ stderr: r.stderr, code: r.code }).toEqual({
        stderr: '',
        code: expect.any(Number)
      })
      expect(r.stdout).not.toContain('internal error')
    }
    // A run without a token has nothing to mask.
    for (const r of allRuns.filter((run) => !tokenless.has(run))) {
      expect(r.commands[0]).toBe(`::add-mask::${ACTIONS_TOKEN}`)
    }
  })

  it('keeps every fake request valid against the OpenAPI description', () => {
    expect(fake.requests.length).toBeGreaterThan(0)
    expect(fake.violations).toEqual([])
  })
})
