import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { git, runCli } from '../helpers/run-cli.js'

// Several CLI runs on real git repositories per test, on a shared machine.
jest.setTimeout(60_000)

const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: alpha',
  '    path: data/a/*.csv',
  "    exclude: ['data/a/notes.csv']",
  '    categories: [neg, pos]',
  '    reference: { path: data/a/gold.csv }',
  '    gates:',
  '      accuracy: { min: 0.75 }',
  '  - name: beta',
  '    path: data/b/*.csv',
  '    categories: [neg, pos]',
  ''
].join('\n')

const LABELS =
  'item_id,annotator,label\ni1,x,pos\ni1,y,pos\ni2,x,neg\ni2,y,neg\n'
const GOLD = 'item_id,label\ni1,pos\ni2,neg\n'

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
  writeFileSync(path.join(root, file), text)
}

function names(root: string, file = 'r.json'): string[] {
  const report = JSON.parse(readFileSync(path.join(root, file), 'utf8'))
  return report.datasets.map((d: { name: string }) => d.name)
}

describe('labelgate check --changed, config discovery and --quiet (a real git repository)', () => {
  let repo: string
  let out: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-changed-'))
    out = mkdtempSync(path.join(os.tmpdir(), 'labelgate-changed-out-'))
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'config', 'commit.gpgsign', 'false')
    write(repo, '.github/labelgate.yml', CONFIG)
    write(repo, 'data/a/labels.csv', LABELS)
    write(repo, 'data/a/gold.csv', GOLD)
    write(repo, 'data/a/notes.csv', 'anything\n')
    write(repo, 'data/b/labels.csv', LABELS)
    write(repo, 'docs/readme.txt', 'hello\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    // Commit 2 touches only beta's labels; commit 3 only an excluded file.
    appendFileSync(path.join(repo, 'data/b/labels.csv'), 'i3,x,pos\n')
    git(repo, 'commit', '-q', '-am', 'beta')
    appendFileSync(path.join(repo, 'data/a/notes.csv'), 'more\n')
    git(repo, 'commit', '-q', '-am', 'notes')
  })
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true })
    rmSync(out, { recursive: true, force: true })
  })

  it('checks only the datasets whose files changed between two revisions', async () => {
    const r = await runCli(repo, [
      'check',
      '--base',
      'HEAD~2',
      '--head',
      'HEAD~1',
      '--changed',
      '--json',
      'r.json'
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(names(repo)).toEqual(['beta'])
    // Without --changed, every dataset.
    await runCli(repo, ['check', '--base', 'HEAD~2', '--json', 'r.json'])
    expect(names(repo)).toEqual(['alpha', 'beta'])
  })

  it('a change to an excluded file only: nothing to check, exit 0', async () => {
    const r = await runCli(repo, [
      'check',
      '--base',
      'HEAD~1',
      '--head',
      'HEAD',
      '--changed',
      '--json',
      'r.json'
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('nothing to check')
    expect(names(repo)).toEqual([])
  })

  it('in the working tree: edits and new files count; a reference file selects its dataset', async () => {
    write(repo, 'data/a/batch2.csv', 'item_id,annotator,label\ni2,z,neg\n')
    try {
      const r = await runCli(repo, [
        'check',
        '--base',
        'HEAD',
        '--changed',
        '--json',
        'r.json'
      ])
      expect(r.code).toBe(0)
      expect(names(repo)).toEqual(['alpha'])
    } finally {
      rmSync(path.join(repo, 'data/a/batch2.csv'))
    }
    appendFileSync(path.join(repo, 'data/a/gold.csv'), 'i9,pos\n')
    try {
      await runCli(repo, [
        'check',
        '--base',
        'HEAD',
        '--changed',
        '--json',
        'r.json'
      ])
      expect(names(repo)).toEqual(['alpha'])
      // --dataset narrows what --changed selects.
      await runCli(repo, [
        'check',
        '--base',
        'HEAD',
        '--changed',
        '--dataset',
        'beta',
        '--json',
        'r.json'
      ])
      expect(names(repo)).toEqual([])
    } finally {
      git(repo, 'checkout', '--', 'data/a/gold.csv')
    }
  })

  it('a config change selects every dataset', async () => {
    appendFileSync(path.join(repo, '.github/labelgate.yml'), '# edited\n')
    try {
      await runCli(repo, [
        'check',
        '--base',
        'HEAD',
        '--changed',
        '--json',
        'r.json'
      ])
      expect(names(repo)).toEqual(['alpha', 'beta'])
    } finally {
      git(repo, 'checkout', '--', '.github/labelgate.yml')
    }
  })

  it('--changed needs a git revision as the base: exit 2 with one line', async () => {
    const none = await runCli(repo, ['check', '--changed'])
    expect(none.code).toBe(2)
    expect(none.stderr.trim().split('\n')).toHaveLength(1)
    expect(none.stderr).toContain('--changed')
    expect(none.stderr).toContain('--base')
    const folder = await runCli(repo, ['check', '--changed', '--base', 'data'])
    expect(folder.code).toBe(2)
    expect(folder.stderr).toMatch(/--changed.*not a folder/)
  })

  it('finds the config and the files from a subdirectory, with a base revision too', async () => {
    const sub = path.join(repo, 'data/b')
    const here = await runCli(sub, [
      'check',
      '--json',
      path.join(out, 'sub.json')
    ])
    expect(here.stderr).toBe('')
    expect(here.code).toBe(0)
    const report = JSON.parse(readFileSync(path.join(out, 'sub.json'), 'utf8'))
    expect(report.config.path).toBe('.github/labelgate.yml')
    expect(report.datasets[0].files).toEqual(['data/a/labels.csv'])
    const based = await runCli(sub, [
      'check',
      '--base',
      'HEAD~2',
      '--changed',
      '--json',
      path.join(out, 'sub.json')
    ])
    expect(based.code).toBe(0)
    expect(names(out, 'sub.json')).toEqual(['beta'])
  })

  it('--head DIR reads the config and the files of that folder, from anywhere', async () => {
    const snapshot = path.join(out, 'snapshot')
    write(snapshot, 'labelgate.yml', CONFIG.replace('min: 0.75', 'min: 0.99'))
    write(snapshot, 'data/a/labels.csv', LABELS.replace('i2,y,neg', 'i2,y,pos'))
    write(snapshot, 'data/a/gold.csv', GOLD)
    write(snapshot, 'data/b/labels.csv', LABELS)
    const r = await runCli(os.tmpdir(), [
      'check',
      '--head',
      snapshot,
      '--json',
      path.join(out, 'dir.json')
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const report = JSON.parse(readFileSync(path.join(out, 'dir.json'), 'utf8'))
    expect(report.config.path).toBe('labelgate.yml')
    expect(report.datasets[0].gates[0]).toMatchObject({
      threshold: 0.99,
      value: 0.75,
      status: 'fail'
    })
  })

  it('--quiet prints the failing gates and data errors on exit 1, one clean line each', async () => {
    const snapshot = path.join(out, 'quiet')
    // Accuracy 3/4 = 0.75: passes min 0.75 (the edge), fails min 0.8.
    write(snapshot, 'labelgate.yml', CONFIG.replace('min: 0.75', 'min: 0.8'))
    write(
      snapshot,
      'data/a/labels.csv',
      LABELS.replace('i2,y,neg', 'i2,y,pos') + 'i3,x,"bad\u001b[2Jlabel"\n'
    )
    write(snapshot, 'data/a/gold.csv', GOLD)
    write(snapshot, 'data/b/labels.csv', LABELS)
    const r = await runCli(out, ['check', '--head', snapshot, '--quiet'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines[0]).toMatch(
      /^labelgate\.yml: error: \[alpha\] gate accuracy fail: /
    )
    expect(lines[1]).toMatch(
      /^data\/a\/labels\.csv:6: error: \[alpha\] field label: .*bad/
    )
    expect(lines).toHaveLength(2)
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/)
    // Passing and quiet: nothing at all.
    const ok = await runCli(repo, ['check', '--quiet'])
    expect(ok).toEqual({ code: 0, stdout: '', stderr: '' })
  })
})
