import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { GitSource } from '../../src/git/git-source.js'
import { git, runCli } from '../helpers/run-cli.js'

const FILES = 300
// Generous: the machine may be busy; one process per file took seconds here.
const SLOW = 60_000
const BIG =
  'item_id,annotator,label\n' +
  Array.from({ length: 20000 }, (_, i) => `b${i},c,x`).join('\n') +
  '\n'

describe('git mode reads many files through one cat-file --batch', () => {
  let repo: string
  let sha: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-batch-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      'version: 1\ndatasets:\n  - name: d\n    path: data/*.csv\n'
    )
    for (let f = 0; f < FILES; f++) {
      const rows = ['item_id,annotator,label']
      // Two annotators agree on even files and disagree on odd ones.
      rows.push(`i${f},a,x`, `i${f},b,${f % 2 === 0 ? 'x' : 'y'}`)
      writeFileSync(path.join(repo, 'data', `f${f}.csv`), rows.join('\n'))
    }
    // Sizes around a pipe buffer, so bodies arrive split across reads.
    writeFileSync(path.join(repo, 'data', 'big.csv'), BIG)
    writeFileSync(path.join(repo, 'data', 'empty.txt'), '')
    mkdirSync(path.join(repo, 'data', 'line\nbreak'))
    writeFileSync(
      path.join(repo, 'data', 'line\nbreak', 'n.txt'),
      'newline path'
    )
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'many files')
    sha = git(repo, 'rev-parse', 'HEAD')
  }, SLOW)
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it(
    'reads every file, in any order and concurrently, byte for byte',
    async () => {
      const source = new GitSource(sha, repo)
      const files = await source.list('data/**')
      expect(files).toHaveLength(FILES + 2)
      const all = await Promise.all(files.map((f) => source.read(f)))
      const text = (f: string) =>
        new TextDecoder().decode(all[files.indexOf(f)]!)
      expect(text('data/f7.csv')).toBe(
        'item_id,annotator,label\ni7,a,x\ni7,b,y'
      )
      expect(text('data/empty.txt')).toBe('')
      // A path with a newline cannot break the batch protocol (ids, not paths).
      const odd = await source.read('data/line\nbreak/n.txt')
      expect(new TextDecoder().decode(odd!)).toBe('newline path')
      expect(text('data/big.csv')).toBe(BIG)
      expect(await source.read('data/nope.csv')).toBeUndefined()
    },
    SLOW
  )

  it(
    'a whole check over the commit sees every file',
    async () => {
      const r = await runCli(repo, ['check', '--head', sha, '--json', 'r.json'])
      expect(r.stderr).toBe('')
      const { readFileSync } = await import('node:fs')
      const report = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8'))
      expect(report.datasets[0].head.counts.annotations).toBe(2 * FILES + 20000)
      expect(report.datasets[0].head.metrics.percent_agreement.value).toBe(0.5)
    },
    SLOW
  )
})

describe('git entries that are not files say what they are', () => {
  let repo: string
  let sha: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-submodule-'))
    git(repo, 'init', '-q', '-b', 'main')
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      'version: 1\ndatasets:\n  - name: d\n    path: labels.csv\n  - name: e\n    path: "odd/*.csv"\n'
    )
    // A submodule entry (a gitlink) at labels.csv, without a .gitmodules.
    git(
      repo,
      'update-index',
      '--add',
      '--cacheinfo',
      `160000,${'1'.repeat(40)},labels.csv`
    )
    git(repo, 'add', 'labelgate.yml')
    git(repo, 'commit', '-q', '-m', 'gitlink')
    sha = git(repo, 'rev-parse', 'HEAD')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('a submodule entry is named as one, not "does not exist"', async () => {
    const r = await runCli(repo, ['check', '--head', sha])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /^labelgate: labels\.csv: is a git submodule at [0-9a-f]{7} \(a commit of another repository\), not a label file\n$/
    )
  })

  it('a file name that is not UTF-8 is named as such', async () => {
    mkdirSync(path.join(repo, 'odd'))
    const name = Buffer.concat([
      Buffer.from(path.join(repo, 'odd/a')),
      Buffer.from([0xff]),
      Buffer.from('.csv')
    ])
    writeFileSync(name, 'item_id,annotator,label\n1,a,x\n')
    git(repo, 'add', 'odd')
    git(repo, 'commit', '-q', '-m', 'odd name')
    const r = await runCli(repo, ['check', '--head', 'HEAD', '--dataset', 'e'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /^labelgate: odd\/a\uFFFD\.csv: the file name is not valid UTF-8 at [0-9a-f]{7}; rename it\n$/
    )
  })
})
