import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { annotationFiles } from '../../src/source/dataset-files.js'
import { git, runCli } from '../helpers/run-cli.js'

// Several CLI runs on real git repositories per test, on a shared machine.
jest.setTimeout(60_000)

// The README's first config: a glob next to the gold file it names.
const README_CONFIG = (extra: string[] = []) =>
  [
    'version: 1',
    'datasets:',
    '  - name: sentiment',
    '    path: data/sentiment/*.csv',
    '    fields: { item: item_id, annotator: annotator, label: label }',
    '    level: nominal',
    '    categories: [negative, neutral, positive]',
    ...extra,
    '    reference:',
    '      path: data/sentiment/gold.csv',
    '      fields: { item: item_id, label: label }',
    '    gates:',
    '      error_rate: { max: 0.05 }',
    ''
  ].join('\n')

const LABELS = [
  'item_id,annotator,label',
  'i1,a,positive',
  'i1,b,positive',
  'i2,a,negative',
  'i2,b,negative',
  ''
].join('\n')
const GOLD = 'item_id,label\ni1,positive\ni2,negative\n'

describe('reference files are not annotation files (observation 3)', () => {
  let repo: string
  beforeEach(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-files-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data/sentiment'), { recursive: true })
    writeFileSync(path.join(repo, 'data/sentiment/batch1.csv'), LABELS)
    writeFileSync(path.join(repo, 'data/sentiment/gold.csv'), GOLD)
  })
  afterEach(() => rmSync(repo, { recursive: true, force: true }))

  it("runs the README's own first config: the gold file is not read as annotations", async () => {
    writeFileSync(path.join(repo, 'labelgate.yml'), README_CONFIG())
    const r = await runCli(repo, ['check', '--json', 'r.json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const dataset = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8'))
      .datasets[0]
    expect(dataset.files).toEqual(['data/sentiment/batch1.csv'])
    expect(dataset.reference_files).toEqual(['data/sentiment/gold.csv'])
    expect(dataset.head.counts.annotations).toBe(4)
  })

  it('leaves out the files an exclude glob names, and fails on one it does not', async () => {
    writeFileSync(
      path.join(repo, 'data/sentiment/notes.csv'),
      'what,when\nsomething,today\n'
    )
    writeFileSync(path.join(repo, 'labelgate.yml'), README_CONFIG())
    const without = await runCli(repo, ['check'])
    expect(without.code).toBe(2)
    expect(without.stderr).toContain('data/sentiment/notes.csv')

    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      README_CONFIG(["    exclude: ['data/sentiment/notes*.csv']"])
    )
    const r = await runCli(repo, ['check', '--json', 'r.json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const dataset = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8'))
      .datasets[0]
    expect(dataset.files).toEqual(['data/sentiment/batch1.csv'])
  })

  it('rejects an exclude that is not a list of globs, naming the key', async () => {
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      README_CONFIG(['    exclude: data/sentiment/notes.csv'])
    )
    const r = await runCli(repo, ['check'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/labelgate\.yml:\d+:\d+.*exclude/)
  })
})

describe('annotationFiles', () => {
  const paths = ['d/a.csv', 'd/b.csv', 'd/gold.csv', 'd/schema.yml', 'e/x.csv']
  it('drops the reference, the schema and excluded files from a glob', () => {
    expect(
      annotationFiles(paths, {
        path: 'd/*',
        reference: { path: 'd/gold.csv' },
        schema: 'd/schema.yml',
        exclude: ['d/b*']
      })
    ).toEqual(['d/a.csv'])
  })
  it('drops every file a reference glob selects', () => {
    expect(
      annotationFiles(paths, { path: '**/*.csv', reference: { path: 'd/g*' } })
    ).toEqual(['d/a.csv', 'd/b.csv', 'e/x.csv'])
  })
  it('keeps a path that names one file exactly', () => {
    expect(
      annotationFiles(paths, { path: 'd/b.csv', exclude: ['d/*'] })
    ).toEqual(['d/b.csv'])
  })
})
