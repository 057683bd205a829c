import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
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
import { runBundledAction } from './run-bundled-action.js'

/*
 * The trust boundary for label-schema migrations through the bundled action
 * (dist/index.js), on a pull_request from a depth-1 checkout of the merge
 * ref: the config and the gold come from the base, and a schema migration in
 * the PR may not rewrite that gold by merging two categories.
 */

jest.setTimeout(60_000)

const CONFIG = `version: 1
datasets:
  - name: sentiment
    path: data/annotations.csv
    schema: data/schema.yml
    reference:
      path: data/gold.csv
    gates:
      error_rate: { max: 0.1 }
`
const GOLD = ['negative', 'neutral', 'positive']
const goldOf = (n: number): string => GOLD[n % 3]!

function annotations(label: (n: number) => string): string {
  const rows = ['item_id,annotator,label']
  for (let n = 1; n <= 9; n++)
    for (const a of ['a1', 'a2']) rows.push(`i${n},${a},${label(n)}`)
  return rows.join('\n') + '\n'
}
function gold(label: (n: number) => string): string {
  return (
    [
      'item_id,label',
      ...Array.from({ length: 9 }, (_, i) => `i${i + 1},${label(i + 1)}`)
    ].join('\n') + '\n'
  )
}

let tmp: string
let origin: Origin
let fake: FakeGitHub
let base: string
let mergeRef: string
let headSha: string

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'labelgate-schema-trust-'))
  fake = await FakeGitHub.start()
  origin = await createOrigin(tmp)
  const w = origin.work
  await writeFiles(w, {
    '.github/labelgate.yml': CONFIG,
    'data/schema.yml': `version: 1\ncategories: [${GOLD.join(', ')}]\n`,
    'data/annotations.csv': annotations(goldOf),
    'data/gold.csv': gold(goldOf)
  })
  base = await commitAll(w, 'base')
  // The PR: neutral merged into positive, in the schema, the labels and the gold.
  const merged = (n: number): string =>
    goldOf(n) === 'neutral' ? 'positive' : goldOf(n)
  await git(w, 'checkout', '--quiet', '-B', 'merge', base)
  await writeFiles(w, {
    'data/schema.yml':
      'version: 2\ncategories: [negative, positive]\nmigrations:\n  - { from: 1, rename: { neutral: positive } }\n',
    'data/annotations.csv': annotations(merged),
    'data/gold.csv': gold(merged)
  })
  headSha = await commitAll(w, 'merge neutral into positive')
  mergeRef = await mergeCommit(w, base, headSha, 'Merge merge into main')
  await pushRefs(origin, {
    'refs/heads/main': base,
    'refs/pull/21/merge': mergeRef
  })
}, 60_000)

afterAll(async () => {
  await fake?.close()
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

describe('the bundled action: schema migrations across the trust boundary', () => {
  it('fails a PR whose migration merges categories the base gold uses, annotated at the migration', async () => {
    const workspace = path.join(tmp, 'ws')
    const checkedOut = await shallowCheckout(
      origin,
      'refs/pull/21/merge',
      workspace
    )
    const run = await runBundledAction({
      dir: path.join(tmp, 'run'),
      workspace,
      eventName: 'pull_request',
      payload: {
        action: 'synchronize',
        number: 21,
        pull_request: {
          number: 21,
          head: { sha: headSha, ref: 'merge' },
          base: { sha: base, ref: 'main' }
        },
        repository: { full_name: 'acme/labels' }
      },
      sha: checkedOut,
      apiUrl: fake.url,
      token: ACTIONS_TOKEN
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    expect(run.outputs.passed).toBe('false')
    const report = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as {
      datasets: {
        head: { metrics: Record<string, { value: number | null }> }
        diff: { labels_changed: number }
        gates: { metric: string; status: string }[]
        problems: { file: string; line: number; message: string }[]
      }[]
    }
    const d = report.datasets[0]!
    // The gold's neutral items (i3, i6, i9) are judged as neutral: 6 of 18 wrong.
    expect(d.head.metrics.error_rate!.value).toBeCloseTo(6 / 18, 12)
    expect(d.gates.find((g) => g.metric === 'error_rate')!.status).toBe('fail')
    expect(d.diff.labels_changed).toBe(6)
    expect(d.problems).toEqual([
      expect.objectContaining({
        file: 'data/schema.yml',
        line: 4,
        message:
          "trust boundary: the migration from version 1 renames 'neutral' to 'positive', a category the base already has; the 3 reference labels and 6 base annotations holding 'neutral' are read as they were"
      })
    ])
    const annotation = run.commands.find((c) => c.includes('trust boundary'))
    expect(annotation).toMatch(/^::error /)
    expect(annotation).toContain('file=data/schema.yml,')
    expect(annotation).toContain('line=4')
    const comment = fake.comments(21)
    expect(comment).toHaveLength(1)
    expect(comment[0]!.body).toContain('trust boundary')
  })
})
