import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { git, runCli } from '../helpers/run-cli.js'

// `labelgate check FILE...`: what a pre-commit hook runs with the files of
// the commit. The working tree is checked (no base); only the datasets the
// files belong to.

const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: alpha',
  '    path: data/a/*.csv',
  "    exclude: ['data/a/notes.csv']",
  '    categories: [neg, pos]',
  '    reference: { path: data/gold/a.csv }',
  '  - name: beta',
  '    path: data/b/*.csv',
  '    categories: [neg, pos]',
  ''
].join('\n')

const LABELS = 'item_id,annotator,label\ni1,x,pos\ni1,y,pos\ni2,x,neg\n'

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
  writeFileSync(path.join(root, file), text)
}

describe('labelgate check FILE... (a real git repository)', () => {
  let repo: string
  let out: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-named-'))
    out = mkdtempSync(path.join(os.tmpdir(), 'labelgate-named-out-'))
    git(repo, 'init', '-q', '-b', 'main')
    write(repo, 'labelgate.yml', CONFIG)
    write(repo, 'data/a/labels.csv', LABELS)
    write(repo, 'data/a/notes.csv', 'anything\n')
    write(repo, 'data/gold/a.csv', 'item_id,label\ni1,pos\n')
    write(repo, 'data/b/labels.csv', LABELS)
    write(repo, 'docs/readme.txt', 'hello\n')
  })
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true })
    rmSync(out, { recursive: true, force: true })
  })

  const checked = async (cwd: string, files: string[]) => {
    const json = path.join(out, 'r.json')
    const r = await runCli(cwd, ['check', '--quiet', '--json', json, ...files])
    expect(r).toMatchObject({ code: 0, stderr: '' })
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      base: unknown
      datasets: { name: string }[]
    }
    expect(report.base).toBeNull()
    return report.datasets.map((d) => d.name)
  }

  it('checks only the dataset an annotation file belongs to', async () => {
    expect(await checked(repo, ['data/b/labels.csv'])).toEqual(['beta'])
    expect(
      await checked(repo, ['data/a/labels.csv', 'docs/readme.txt'])
    ).toEqual(['alpha'])
  })

  it('takes a reference file as its dataset, and the config as every dataset', async () => {
    expect(await checked(repo, ['data/gold/a.csv'])).toEqual(['alpha'])
    expect(await checked(repo, ['labelgate.yml'])).toEqual(['alpha', 'beta'])
  })

  it('checks nothing, and passes, for files of no dataset (an excluded one too)', async () => {
    expect(
      await checked(repo, ['docs/readme.txt', 'data/a/notes.csv'])
    ).toEqual([])
    const r = await runCli(repo, ['check', 'docs/readme.txt'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/belong to no dataset.*nothing to check/)
  })

  it('reads the files relative to the working directory', async () => {
    expect(await checked(path.join(repo, 'data/b'), ['labels.csv'])).toEqual([
      'beta'
    ])
  })

  it('narrows --dataset, and fails on a bad label in a named dataset', async () => {
    expect(
      await checked(repo, ['--dataset', 'beta', 'data/a/labels.csv'])
    ).toEqual([])
    write(repo, 'data/b/labels.csv', `${LABELS}i2,y,maybe\n`)
    const bad = await runCli(repo, ['check', '--quiet', 'data/b/labels.csv'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/data\/b\/labels\.csv:5/)
    // alpha alone does not see beta's bad label.
    const other = await runCli(repo, ['check', '--quiet', 'data/a/labels.csv'])
    expect(other.code).toBe(0)
    write(repo, 'data/b/labels.csv', LABELS)
  })

  it('stops on a path that does not exist, naming it', async () => {
    const r = await runCli(repo, [
      'check',
      'data/a/labels.csv',
      'data/typo.csv'
    ])
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'labelgate: data/typo.csv: no such file or folder (FILE... names files or folders whose datasets to check)\n'
    })
  })

  it('takes a folder as the datasets with files under it', async () => {
    expect(await checked(repo, ['data/a'])).toEqual(['alpha'])
    expect(await checked(repo, ['data/gold/'])).toEqual(['alpha'])
    expect(await checked(repo, ['data'])).toEqual(['alpha', 'beta'])
    expect(await checked(repo, ['docs'])).toEqual([])
    expect(await checked(repo, ['.'])).toEqual(['alpha', 'beta'])
    expect(await checked(path.join(repo, 'data/b'), ['.'])).toEqual(['beta'])
    const r = await runCli(repo, ['check', 'docs'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/belong to no dataset.*nothing to check/)
  })

  it("takes a file git knows but the disk no longer holds (a deletion) as its dataset's", async () => {
    write(repo, 'data/b/old.csv', LABELS)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'labels')
    git(repo, 'rm', '-q', 'data/b/old.csv')
    expect(await checked(repo, ['data/b/old.csv'])).toEqual(['beta'])
    git(repo, 'commit', '-q', '-m', 'removed')
    expect(await checked(repo, ['data/b/old.csv'])).toEqual(['beta'])
  })

  it('keeps migrate free of positional arguments', async () => {
    const r = await runCli(repo, ['migrate', 'data/a/labels.csv'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/unexpected argument 'data\/a\/labels\.csv'/)
  })
})
