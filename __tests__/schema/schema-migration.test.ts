import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { isUserError, type UserError } from '../../src/errors.js'
import { compareSchemas } from '../../src/schema/compare-schemas.js'
import { loadLabelSchema } from '../../src/schema/label-schema.js'
import { git, runCli } from '../helpers/run-cli.js'


const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: sentiment',
  '    path: data/labels.csv',
  '    schema: data/schema.yml',
  ''
].join('\n')

const LABELS = (pos: string) =>
  ['item_id,annotator,label', `i1,a,${pos}`, `i1,b,${pos}`, 'i2,a,neg', 'i2,b,neg', 'i3,a,neu', ''].join('\n')

describe('versioned label schema', () => {
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-schema-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(repo, 'data/schema.yml'), 'version: 1\ncategories: [pos, neg, neu]\n')
    writeFileSync(path.join(repo, 'data/labels.csv'), LABELS('pos'))
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'v1')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  function commitHead(branch: string, schema: string, labels: string): void {
    git(repo, 'checkout', '-q', '-B', branch, 'main')
    writeFileSync(path.join(repo, 'data/schema.yml'), schema)
    writeFileSync(path.join(repo, 'data/labels.csv'), labels)
    git(repo, 'commit', '-q', '-am', branch)
  }

  it('a rename with a migration is not relabeling, and is reported as a schema change', async () => {
    commitHead(
      'rename',
      [
        'version: 2',
        'categories:',
        '  - { name: positive, description: The text is positive }',
        '  - neg',
        '  - neu',
        'migrations:',
        '  - { from: 1, rename: { pos: positive } }',
        ''
      ].join('\n'),
      LABELS('positive')
    )
    const r = await runCli(repo, ['check', '--base', 'main', '--head', 'rename', '--json', 'r.json'])
    expect(r.stderr).toBe('')
    const d = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8')).datasets[0]
    expect(d.schema_change).toEqual({
      from_version: 1,
      to_version: 2,
      added: [],
      removed: [],
      renamed: [{ from: 'pos', to: 'positive' }],
      affected_annotations: 2
    })
    expect(d.diff.labels_changed).toBe(0)
    expect(d.problems).toEqual([])
    expect(r.code).toBe(0)
  })

  it('a rename without a migration is an error, and head labels must be in the head schema', async () => {
    commitHead('no-migration', 'version: 2\ncategories: [positive, neg, neu]\n', LABELS('positive').replace('i3,a,neu', 'i3,a,neutral'))
    const r = await runCli(repo, ['check', '--base', 'main', '--head', 'no-migration', '--json', 'r.json'])
    const d = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8')).datasets[0]
    const messages = d.problems.map((p: { file: string; line: number; message: string }) => `${p.file}:${p.line} ${p.message}`)
    expect(messages).toContain(
      "data/schema.yml:1 category 'pos' was removed or renamed without a migration; add { from: 1, rename: { pos: <new> } } or remove: [pos]"
    )
    expect(messages.some((m: string) => m.startsWith("data/labels.csv:6 label 'neutral' is not a category"))).toBe(true)
    // Without the migration the two 'pos' annotations count as relabeled.
    expect(d.diff.labels_changed).toBe(2)
    expect(r.code).toBe(1)
  })

  it('changed categories with the same version is an error', () => {
    const base = loadLabelSchema('version: 3\ncategories: [a, b]\n', 's.yml')
    const head = loadLabelSchema('version: 3\ncategories: [a, b, c]\n', 's.yml')
    const result = compareSchemas(base, head)
    expect(result.problems.map((p) => p.message)).toEqual([
      'the categories changed but the schema version is still 3; raise it to 4 and add a migration'
    ])
    expect(result.change?.added).toEqual(['c'])
  })

  it('chains renames across versions and accepts removals', () => {
    const base = loadLabelSchema('version: 1\ncategories: [a, b, x]\n', 's.yml')
    const head = loadLabelSchema(
      'version: 3\ncategories: [c, b]\nmigrations:\n  - { from: 1, rename: { a: m }, remove: [x] }\n  - { from: 2, rename: { m: c } }\n',
      's.yml'
    )
    const result = compareSchemas(base, head)
    expect(result.problems).toEqual([])
    expect(result.change).toMatchObject({ renamed: [{ from: 'a', to: 'c' }], removed: ['x'] })
  })

  it('rejects a schema file with a migration from a future version, naming the line', () => {
    let error: unknown
    try {
      loadLabelSchema('version: 2\ncategories: [a]\nmigrations:\n  - { from: 2 }\n', 'data/schema.yml')
    } catch (e) {
      error = e
    }
    expect(isUserError(error)).toBe(true)
    expect((error as UserError).format()).toBe(
      "data/schema.yml:4:13: field 'migrations[0].from': a migration from version 2 must be older than the schema's version 2"
    )
  })
})
