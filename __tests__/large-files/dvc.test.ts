import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { createHash } from 'node:crypto'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'
import { gitIn } from './repos.js'

jest.setTimeout(120_000)

// Debian has no dvc package: the DVC side is the cache layout DVC writes
// (`dvc add`, `dvc pull`), made here byte for byte, and `.dvc` pointers as
// DVC 2 and DVC 3 write them.
const md5 = (text: string | Uint8Array) =>
  createHash('md5').update(text).digest('hex')

function pointer(content: string, name: string, dvc3 = true): string {
  return [
    'outs:',
    `- md5: ${md5(content)}`,
    `  size: ${Buffer.byteLength(content)}`,
    ...(dvc3 ? ['  hash: md5'] : []),
    `  path: ${name}`,
    ''
  ].join('\n')
}

/** Puts content into a DVC cache the way DVC 3 (files/md5/) or DVC 2 does. */
function cache(
  root: string,
  content: string | Uint8Array,
  dvc3 = true
): string {
  const sum = md5(content)
  const dir = dvc3
    ? path.join(root, '.dvc', 'cache', 'files', 'md5', sum.slice(0, 2))
    : path.join(root, '.dvc', 'cache', sum.slice(0, 2))
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, sum.slice(2))
  writeFileSync(file, content)
  return file
}

const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: toy',
  '    path: data/*.csv',
  '    categories: [neg, pos]',
  '    reference: { path: gold/gold.csv }',
  ''
].join('\n')
const GOLD = 'item_id,label\ni1,pos\ni2,neg\ni3,pos\n'
const BASE = 'item_id,annotator,label\ni1,a,pos\ni1,b,pos\ni2,a,neg\ni2,b,neg\n'
const HEAD = BASE + 'i3,a,pos\ni3,b,neg\n'

describe('DVC-tracked label files (.dvc pointers and the DVC cache)', () => {
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-dvc-'))
    gitIn(repo, repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(repo, 'gold/gold.csv'), GOLD)
    // DVC keeps the data out of git and the cache out of git.
    writeFileSync(path.join(repo, 'data/.gitignore'), '/labels.csv\n')
    writeFileSync(path.join(repo, '.gitignore'), '/.dvc/cache\n')
    // The base as DVC 2 wrote it, the head as DVC 3 does.
    writeFileSync(
      path.join(repo, 'data/labels.csv.dvc'),
      pointer(BASE, 'labels.csv', false)
    )
    gitIn(repo, repo, 'add', '-A')
    gitIn(repo, repo, 'commit', '-q', '-m', 'base')
    writeFileSync(
      path.join(repo, 'data/labels.csv.dvc'),
      pointer(HEAD, 'labels.csv')
    )
    gitIn(repo, repo, 'commit', '-q', '-am', 'head')
    cache(repo, BASE, false)
    cache(repo, HEAD)
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('reads base (DVC 2 cache) and head (DVC 3 cache) through their pointers', async () => {
    const r = await runCli(repo, [
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
    const d = JSON.parse(readFileSync(path.join(repo, 'report.json'), 'utf8'))
      .datasets[0]
    expect(d.base.counts).toMatchObject({ items: 2, annotations: 4 })
    expect(d.head.counts).toMatchObject({ items: 3, annotations: 6 })
    expect(d.head.metrics.accuracy.value).toBeCloseTo(5 / 6, 12)
    expect(d.diff.annotations_added).toBe(2)
  })

  it('reads the working tree: the pointer when the file is not checked out, the file when it is', async () => {
    const wt = await runCli(repo, ['check', '--json', 'wt.json', '--quiet'])
    expect(wt.code).toBe(0)
    const read = () =>
      JSON.parse(readFileSync(path.join(repo, 'wt.json'), 'utf8')).datasets[0]
        .head.counts.annotations
    expect(read()).toBe(6)
    // `dvc checkout` puts the file itself in place: that is what is read.
    writeFileSync(path.join(repo, 'data/labels.csv'), BASE)
    try {
      await runCli(repo, ['check', '--json', 'wt.json', '--quiet'])
      expect(read()).toBe(4)
    } finally {
      rmSync(path.join(repo, 'data/labels.csv'))
    }
  })

  it('accepts a DVC 2 md5 of a CRLF text file (DVC 2 hashed it as LF)', async () => {
    const crlf = BASE.replace(/\n/g, '\r\n')
    const other = mkdtempSync(path.join(os.tmpdir(), 'labelgate-dvc2-'))
    try {
      mkdirSync(path.join(other, 'data'))
      mkdirSync(path.join(other, 'gold'))
      writeFileSync(path.join(other, 'labelgate.yml'), CONFIG)
      writeFileSync(path.join(other, 'gold/gold.csv'), GOLD)
      // The pointer carries the LF md5; the cache the CRLF bytes, under it.
      writeFileSync(
        path.join(other, 'data/labels.csv.dvc'),
        pointer(BASE, 'labels.csv', false).replace(/ {2}size: \d+\n/, '')
      )
      const dir = path.join(other, '.dvc/cache', md5(BASE).slice(0, 2))
      mkdirSync(dir, { recursive: true })
      writeFileSync(path.join(dir, md5(BASE).slice(2)), crlf)
      const r = await runCli(other, ['check', '--head', other, '--quiet'])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
    } finally {
      rmSync(other, { recursive: true, force: true })
    }
  })

  describe('refusals (exit 2, one line naming the file)', () => {
    let other: string
    beforeAll(() => {
      other = mkdtempSync(path.join(os.tmpdir(), 'labelgate-dvcbad-'))
      mkdirSync(path.join(other, 'data'))
      mkdirSync(path.join(other, 'gold'))
      writeFileSync(path.join(other, 'labelgate.yml'), CONFIG)
      writeFileSync(path.join(other, 'gold/gold.csv'), GOLD)
    })
    afterAll(() => rmSync(other, { recursive: true, force: true }))
    const run = async (dvc: string, setup?: () => void) => {
      rmSync(path.join(other, '.dvc'), { recursive: true, force: true })
      writeFileSync(path.join(other, 'data/labels.csv.dvc'), dvc)
      setup?.()
      return runCli(other, ['check', '--head', other, '--quiet'])
    }

    it('an object missing from the cache, with no dvc installed', async () => {
      const r = await run(pointer(HEAD, 'labels.csv'))
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(
        `labelgate: data/labels.csv: is tracked by DVC (data/labels.csv.dvc, md5 ${md5(HEAD)}); the object is not in the DVC cache (.dvc/cache) and dvc is not installed here: run dvc pull (for a base revision, dvc fetch at that revision) before labelgate, or install dvc\n`
      )
    })

    it('a cache object whose md5 is not the pointer’s', async () => {
      const r = await run(pointer(HEAD, 'labels.csv'), () => {
        const file = cache(other, HEAD)
        writeFileSync(file, HEAD.replace('i3,b,neg', 'i3,b,pos'))
      })
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(
        `labelgate: data/labels.csv: is tracked by DVC with md5 ${md5(HEAD)}, but what the DVC cache holds for it has another md5 (a corrupt or edited cache object)\n`
      )
    })

    it('a pointer whose path leaves its folder', async () => {
      const r = await run(pointer(HEAD, '../../../etc/passwd'), () =>
        cache(other, HEAD)
      )
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(
        "labelgate: data/labels.csv.dvc: field 'outs[0].path': tracks '../../../etc/passwd', not 'labels.csv' beside it; labelgate reads a pointer only for the file of its own name\n"
      )
    })

    it('a pointer that is not YAML, or tracks a folder', async () => {
      const bad = await run('outs: [\n')
      expect(bad.code).toBe(2)
      expect(bad.stderr).toMatch(
        /^labelgate: data\/labels\.csv\.dvc: is not a readable DVC pointer \(YAML\): .+\n$/
      )
      const folder = await run(
        `outs:\n- md5: ${md5('x')}.dir\n  path: labels.csv\n`
      )
      expect(folder.stderr).toBe(
        "labelgate: data/labels.csv.dvc: field 'outs[0].md5': tracks a folder; labelgate reads DVC pointers to single files (dvc add each label file)\n"
      )
    })
  })
})
