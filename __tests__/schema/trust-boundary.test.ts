import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { git, runCli } from '../helpers/run-cli.js'

/*
 * The trust boundary for label-schema migrations, on real git repositories
 * through the CLI (`--base REF`: config and gold come from the base). A
 * pull request's schema may rename labels one to one; it may not rewrite the
 * gold read from the base by merging categories, renaming onto a name in use
 * or removing a category the gold uses.
 */

const CONFIG = `version: 1
datasets:
  - name: s
    path: data/labels.csv
    schema: data/schema.yml
    reference:
      path: data/gold.csv
    gates:
      error_rate: { max: 0.1 }
      krippendorff_alpha: { min: 0.5, max_drop: 0.05, on_undefined: pass }
`

/** Gold: i1-i4 alternate pos/neg (i5, i6 are neu when `withNeu`). */
function gold(names: Record<string, string> = {}, withNeu = false): string {
  const n = (l: string): string => names[l] ?? l
  const rows = ['item_id,label', `i1,${n('pos')}`, `i2,${n('neg')}`, `i3,${n('pos')}`, `i4,${n('neg')}`]
  if (withNeu) rows.push(`i5,${n('neu')}`, `i6,${n('neu')}`)
  return rows.join('\n') + '\n'
}

/** Annotators a and b label every item; `label` gives each item's label. */
function labels(label: (item: number) => string, items = 4): string {
  const rows = ['item_id,annotator,label']
  for (let i = 1; i <= items; i++) for (const a of ['a', 'b']) rows.push(`i${i},${a},${label(i)}`)
  return rows.join('\n') + '\n'
}
const truth = (i: number): string => (i === 5 || i === 6 ? 'neu' : i % 2 === 1 ? 'pos' : 'neg')

interface Json {
  datasets: {
    passed: boolean
    head: { metrics: Record<string, { value: number | null }> }
    diff: { labels_changed: number }
    gates: { metric: string; bound: string; status: string; value: number | null }[]
    problems: { severity: string; file: string; line: number; field?: string; message: string }[]
  }[]
}

describe('label-schema migrations across the trust boundary (CLI, --base REF)', () => {
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-trust-schema-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(repo, 'data/schema.yml'), 'version: 1\ncategories: [pos, neg, neu]\n')
    writeFileSync(path.join(repo, 'data/gold.csv'), gold({}, true))
    writeFileSync(path.join(repo, 'data/labels.csv'), labels(truth, 6))
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  function branch(name: string, files: Record<string, string>): void {
    git(repo, 'checkout', '-q', '-B', name, 'main')
    for (const [f, text] of Object.entries(files)) writeFileSync(path.join(repo, f), text)
    git(repo, 'commit', '-q', '-am', name)
    git(repo, 'checkout', '-q', 'main')
  }

  async function check(head: string): Promise<{ code: number; d: Json['datasets'][number]; stdout: string }> {
    const r = await runCli(repo, ['check', '--base', 'main', '--head', head, '--json', 'r.json'])
    expect(r.stderr).toBe('')
    const json = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8')) as Json
    return { code: r.code, d: json.datasets[0]!, stdout: r.stdout }
  }

  const gate = (d: Json['datasets'][number], metric: string, bound: string) =>
    d.gates.find((g) => g.metric === metric && g.bound === bound)!

  it('a PR that merges neg into pos cannot rewrite its own gold set (issue 9, finding 1)', async () => {
    // Everything labeled pos, and a schema version that renames neg onto pos.
    branch('merge', {
      'data/schema.yml': 'version: 2\ncategories: [pos, neu]\nmigrations:\n  - { from: 1, rename: { neg: pos } }\n',
      'data/labels.csv': labels((i) => (truth(i) === 'neu' ? 'neu' : 'pos'), 6),
      'data/gold.csv': gold({ neg: 'pos' }, true)
    })
    const { code, d } = await check('merge')
    expect(code).toBe(1)
    // Judged as if the migration were not applied to the gold: i2 and i4 are
    // still neg in the gold, so 4 of 12 annotations are wrong.
    expect(d.head.metrics.error_rate!.value).toBeCloseTo(4 / 12, 12)
    expect(gate(d, 'error_rate', 'max').status).toBe('fail')
    // The base is read as it was: the 4 relabels are shown as relabels.
    expect(d.diff.labels_changed).toBe(4)
    const trust = d.problems.filter((p) => p.message.startsWith('trust boundary'))
    expect(trust).toEqual([
      {
        severity: 'error',
        file: 'data/schema.yml',
        line: 4,
        field: 'migrations[0].rename.neg',
        message:
          "trust boundary: the migration from version 1 renames 'neg' to 'pos', a category the base already has; the 2 reference labels and 4 base annotations holding 'neg' are read as they were"
      }
    ])
    // Gold labels the migration may not rewrite stay valid gold, not "not a category".
    expect(d.problems.filter((p) => p.file === 'data/gold.csv')).toEqual([])
    expect(d.passed).toBe(false)
  })

  it('merging two categories into a new name is withheld too', async () => {
    branch('merge-new', {
      'data/schema.yml':
        'version: 2\ncategories: [pos, other]\nmigrations:\n  - { from: 1, rename: { neg: other, neu: other } }\n',
      'data/labels.csv': labels((i) => (truth(i) === 'pos' ? 'pos' : 'other'), 6),
      'data/gold.csv': gold({ neg: 'other', neu: 'other' }, true)
    })
    const { code, d } = await check('merge-new')
    expect(code).toBe(1)
    const messages = d.problems.filter((p) => p.message.startsWith('trust boundary')).map((p) => p.message)
    expect(messages).toEqual([
      "trust boundary: the migration from version 1 merges 'neg' into 'other' (with 'neu'); the 2 reference labels and 4 base annotations holding 'neg' are read as they were",
      "trust boundary: the migration from version 1 merges 'neu' into 'other' (with 'neg'); the 2 reference labels and 4 base annotations holding 'neu' are read as they were"
    ])
    // Every 'other' annotation is wrong against the base's gold (neg or neu).
    expect(d.head.metrics.error_rate!.value).toBeCloseTo(8 / 12, 12)
  })

  it('a swap (pos ↔ neg) renames onto names in use and is withheld', async () => {
    branch('swap', {
      'data/schema.yml': 'version: 2\ncategories: [pos, neg, neu]\nmigrations:\n  - { from: 1, rename: { pos: neg, neg: pos } }\n',
      'data/labels.csv': labels((i) => ({ pos: 'neg', neg: 'pos', neu: 'neu' })[truth(i)]!, 6),
      'data/gold.csv': gold({ pos: 'neg', neg: 'pos' }, true)
    })
    const { code, d } = await check('swap')
    expect(code).toBe(1)
    expect(d.problems.filter((p) => p.message.startsWith('trust boundary'))).toHaveLength(2)
    expect(d.head.metrics.error_rate!.value).toBeCloseTo(8 / 12, 12)
    expect(d.diff.labels_changed).toBe(8)
  })

  it('removing a category the gold uses keeps it in the gold: its items count as wrong', async () => {
    branch('remove', {
      'data/schema.yml': 'version: 2\ncategories: [pos, neg]\nmigrations:\n  - { from: 1, remove: [neu] }\n',
      'data/labels.csv': labels((i) => (truth(i) === 'neu' ? 'pos' : truth(i)), 6),
      'data/gold.csv': gold()
    })
    const { code, d } = await check('remove')
    expect(code).toBe(1)
    const trust = d.problems.filter((p) => p.message.startsWith('trust boundary'))
    expect(trust).toEqual([
      expect.objectContaining({
        file: 'data/schema.yml',
        line: 4,
        field: 'migrations[0].remove',
        message:
          "trust boundary: the migration from version 1 removes 'neu', which 2 reference labels use; they stay gold labels, so annotations of those items are judged against 'neu'"
      })
    ])
    expect(d.head.metrics.error_rate!.value).toBeCloseTo(4 / 12, 12)
  })

  it('a one-to-one rename onto a new name is applied to the gold and passes', async () => {
    branch('rename', {
      'data/schema.yml': 'version: 2\ncategories: [positive, neg, neu]\nmigrations:\n  - { from: 1, rename: { pos: positive } }\n',
      'data/labels.csv': labels((i) => (truth(i) === 'pos' ? 'positive' : truth(i)), 6),
      'data/gold.csv': gold({ pos: 'positive' }, true)
    })
    const { code, d } = await check('rename')
    expect(d.problems).toEqual([])
    expect(d.head.metrics.error_rate!.value).toBe(0)
    expect(d.diff.labels_changed).toBe(0)
    expect(code).toBe(0)
  })

  it('a merge that no base record uses changes nothing read from the base: no error', async () => {
    git(repo, 'checkout', '-q', '-B', 'unused', 'main')
    writeFileSync(path.join(repo, 'data/schema.yml'), 'version: 2\ncategories: [pos, neg, neu, spam]\n' +
      'migrations:\n  - { from: 1 }\n')
    git(repo, 'commit', '-q', '-am', 'add spam')
    const withSpam = git(repo, 'rev-parse', 'HEAD')
    writeFileSync(path.join(repo, 'data/schema.yml'), 'version: 3\ncategories: [pos, neg, neu]\n' +
      'migrations:\n  - { from: 1 }\n  - { from: 2, rename: { spam: neg } }\n')
    git(repo, 'commit', '-q', '-am', 'merge spam into neg')
    git(repo, 'checkout', '-q', 'main')
    const r = await runCli(repo, ['check', '--base', withSpam, '--head', 'unused', '--json', 'r.json'])
    const d = (JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8')) as Json).datasets[0]!
    expect(d.problems).toEqual([])
    expect(r.code).toBe(0)
  })

  it('a rename PR whose head gold file still holds the old name fails on the PR itself (issue 7, observation 4)', async () => {
    branch('incomplete', {
      'data/schema.yml': 'version: 2\ncategories: [positive, neg, neu]\nmigrations:\n  - { from: 1, rename: { pos: positive } }\n',
      // The annotations are migrated, except one row; the gold file not at all.
      'data/labels.csv': labels((i) => (truth(i) === 'pos' ? 'positive' : truth(i)), 6).replace('i3,b,positive', 'i3,b,pos')
    })
    const { code, d } = await check('incomplete')
    expect(code).toBe(1)
    const where = 'the migration from version 1 in data/schema.yml (line 4)'
    expect(d.problems.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([
      `data/gold.csv:2 reference label 'pos' is the old name of 'positive' (renamed by ${where}); run labelgate migrate to rewrite the label files`,
      `data/gold.csv:4 reference label 'pos' is the old name of 'positive' (renamed by ${where}); run labelgate migrate to rewrite the label files`,
      `data/labels.csv:7 label 'pos' is the old name of 'positive' (renamed by ${where}); run labelgate migrate to rewrite the label files`
    ])
  })

  it('a head-only run names the migration for a label it renamed or removed', async () => {
    git(repo, 'checkout', '-q', '-B', 'head-only', 'main')
    writeFileSync(
      path.join(repo, 'data/schema.yml'),
      'version: 2\ncategories: [positive, neg]\nmigrations:\n  - from: 1\n    rename: { pos: positive }\n    remove: [neu]\n'
    )
    git(repo, 'commit', '-q', '-am', 'schema only')
    const r = await runCli(repo, ['check', '--json', 'r.json'])
    git(repo, 'checkout', '-q', 'main')
    expect(r.code).toBe(1)
    const d = (JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8')) as Json).datasets[0]!
    const messages = d.problems.map((p) => `${p.file}:${p.line} ${p.message}`)
    const where = 'the migration from version 1 in data/schema.yml (line 4)'
    expect(messages).toContain(
      `data/labels.csv:2 label 'pos' is the old name of 'positive' (renamed by ${where}); run labelgate migrate to rewrite the label files`
    )
    expect(messages).toContain(`data/gold.csv:6 label 'neu' was removed by ${where}; relabel or delete the record`)
    expect(messages.some((m) => m.includes('not a category'))).toBe(false)
  })
})
