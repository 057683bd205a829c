import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'
import { gitIn, hasGitLfs, isolated, lfsClone } from './repos.js'

jest.setTimeout(120_000)

const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: toy',
  '    path: data/labels.csv',
  '    categories: [neg, pos]',
  '    reference: { path: data/gold.csv }',
  '    gates:',
  '      accuracy: { min: 0.5 }',
  ''
].join('\n')
const GOLD = 'item_id,label\ni1,pos\ni2,neg\ni3,pos\n'
const BASE = 'item_id,annotator,label\ni1,a,pos\ni1,b,pos\ni2,a,neg\ni2,b,neg\n'
const HEAD = BASE + 'i3,a,pos\ni3,b,neg\n'

// CI installs Debian's git-lfs (.ci/run); elsewhere these tests need it too.
const lfsDescribe = hasGitLfs() || process.env.CI ? describe : describe.skip

lfsDescribe('Git LFS label files (real git lfs, a file:// LFS remote)', () => {
  let home: string
  let clone: string
  let shas: string[]
  beforeAll(() => {
    ;({ home, clone, shas } = lfsClone(
      [
        {
          message: 'base',
          files: {
            'labelgate.yml': CONFIG,
            'data/labels.csv': BASE,
            'data/gold.csv': GOLD
          }
        },
        { message: 'head', files: { 'data/labels.csv': HEAD } }
      ],
      ['data/*.csv']
    ))
  })
  afterAll(() => rmSync(home, { recursive: true, force: true }))

  it('the clone holds pointers and no LFS object', () => {
    expect(readFileSync(path.join(clone, 'data/labels.csv'), 'utf8')).toMatch(
      /^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:/
    )
    const objects = path.join(clone, '.git', 'lfs', 'objects')
    expect(existsSync(objects) ? readdirSync(objects) : []).toEqual([])
  })

  it('reads base and head (both pointers, different content) through git lfs', async () => {
    const r = await runCli(clone, [
      'check',
      '--base',
      'HEAD~1',
      '--head',
      'HEAD',
      '--json',
      'report.json',
      '--quiet'
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(
      readFileSync(path.join(clone, 'report.json'), 'utf8')
    )
    expect(report.base).toBe(shas[0])
    expect(report.head).toBe(shas[1])
    const d = report.datasets[0]
    expect(d.base.counts).toMatchObject({
      items: 2,
      annotators: 2,
      annotations: 4
    })
    expect(d.head.counts).toMatchObject({
      items: 3,
      annotators: 2,
      annotations: 6
    })
    expect(d.diff.annotations_added).toBe(2)
    // 5 of 6 head annotations agree with the gold labels.
    expect(d.head.metrics.accuracy.value).toBeCloseTo(5 / 6, 12)
  })

  it('reads the working tree’s pointers too (a checkout with lfs: false)', async () => {
    const r = await runCli(clone, ['check', '--json', 'wt.json', '--quiet'])
    expect(r.code).toBe(0)
    const report = JSON.parse(readFileSync(path.join(clone, 'wt.json'), 'utf8'))
    expect(report.datasets[0].head.counts.annotations).toBe(6)
  })

  it('works in a depth-1 clone with the base fetched afterwards, as the action does', async () => {
    const shallow = path.join(home, 'shallow')
    gitIn(
      home,
      home,
      'clone',
      '-q',
      '--depth',
      '1',
      `file://${path.join(home, 'origin.git')}`,
      shallow
    )
    gitIn(home, shallow, 'fetch', '-q', '--depth', '1', 'origin', shas[0]!)
    const r = await runCli(shallow, [
      'check',
      '--base',
      shas[0]!,
      '--head',
      'HEAD',
      '--json',
      'report.json',
      '--quiet'
    ])
    expect(r.stderr).toBe('')
    const report = JSON.parse(
      readFileSync(path.join(shallow, 'report.json'), 'utf8')
    )
    expect(report.datasets[0].base.counts.annotations).toBe(4)
    expect(report.datasets[0].head.counts.annotations).toBe(6)
  })

  it('names the file and the LFS object when the store does not have it', async () => {
    // A clone whose LFS remote is an empty store.
    const orphan = path.join(home, 'orphan')
    const empty = path.join(home, 'empty.git')
    gitIn(home, home, 'init', '-q', '--bare', empty)
    execFileSync(
      'git',
      ['clone', '-q', `file://${path.join(home, 'origin.git')}`, orphan],
      { env: { ...isolated(home), GIT_LFS_SKIP_SMUDGE: '1' } }
    )
    gitIn(home, orphan, 'config', 'lfs.url', `file://${empty}`)
    const r = await runCli(orphan, ['check', '--base', 'HEAD~1', '--quiet'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /^labelgate: data\/labels\.csv: is a Git LFS pointer to [0-9a-f]{12} that git lfs could not fetch: .+\n$/
    )
  })

  it('names the missing tool when git-lfs is not installed (exit 2)', async () => {
    // A PATH with git alone: git finds no git-lfs program.
    const bin = mkdtempSync(path.join(os.tmpdir(), 'labelgate-nolfs-'))
    mkdirSync(bin, { recursive: true })
    symlinkSync(
      gitIn(home, home, '--exec-path') + '/git',
      path.join(bin, 'git')
    )
    const saved = process.env.PATH
    process.env.PATH = bin
    try {
      const r = await runCli(clone, ['check', '--base', 'HEAD~1', '--quiet'])
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(
        'labelgate: data/labels.csv: is a Git LFS pointer and git-lfs is not installed here; install git-lfs (GitHub-hosted runners have it) to read it\n'
      )
    } finally {
      process.env.PATH = saved
      rmSync(bin, { recursive: true, force: true })
    }
  })
})
