import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
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
import type { History } from '../../src/history/types.js'
import type { Report } from '../../src/report/types.js'

jest.setTimeout(120_000)

const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: toy',
  '    path: data/*.csv',
  '    categories: [neg, pos]',
  '    reference: { path: gold/gold.csv }',
  '    gates:',
  '      accuracy: { min: 0.5 }',
  ''
].join('\n')

function rows(wrong: number): string {
  const out = ['item_id,annotator,label']
  for (let i = 0; i < 10; i++) {
    const truth = i % 2 === 0 ? 'pos' : 'neg'
    const flip = truth === 'pos' ? 'neg' : 'pos'
    out.push(`i${i},a,${truth}`, `i${i},b,${i < wrong ? flip : truth}`)
  }
  return out.join('\n') + '\n'
}

const GOLD =
  'item_id,label\n' +
  Array.from(
    { length: 10 },
    (_, i) => `i${i},${i % 2 === 0 ? 'pos' : 'neg'}`
  ).join('\n') +
  '\n'

describe('labelgate history on a small repository', () => {
  let repo: string
  let work: string
  const shas: string[] = []
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-history-'))
    work = mkdtempSync(path.join(os.tmpdir(), 'labelgate-history-out-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(repo, 'gold/gold.csv'), GOLD)
    for (let v = 0; v < 4; v++) {
      writeFileSync(path.join(repo, 'data/labels.csv'), rows(v))
      git(repo, 'add', '-A')
      git(repo, 'commit', '-q', '-m', `version ${v}`)
      shas.push(git(repo, 'rev-parse', 'HEAD'))
      // A commit that touches nothing of the dataset is not a version.
      writeFileSync(path.join(repo, `notes-${v}.txt`), 'x\n')
      git(repo, 'add', '-A')
      git(repo, 'commit', '-q', '-m', `notes ${v}`)
    }
  })
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true })
    rmSync(work, { recursive: true, force: true })
  })

  it('gives one record per version with the check numbers, and a warm run checks nothing', async () => {
    const cache = path.join(work, 'cache')
    const out = path.join(work, 'history.json')
    const cold = await runCli(repo, [
      'history',
      '--json',
      out,
      '--cache',
      cache
    ])
    expect(cold.stderr).toBe('')
    expect(cold.code).toBe(0)
    expect(cold.stdout).toContain('4 versions, 4 checked, 0 from the cache')
    const history = JSON.parse(readFileSync(out, 'utf8')) as History
    const versions = history.datasets[0]!.versions
    expect(versions.map((v) => v.commit)).toEqual(shas)
    for (const v of versions) {
      const json = path.join(work, `check-${v.commit}.json`)
      const check = await runCli(repo, [
        'check',
        '--head',
        v.commit,
        '--json',
        json,
        '--full-report',
        '--quiet'
      ])
      expect([0, 1]).toContain(check.code)
      const report = JSON.parse(readFileSync(json, 'utf8')) as Report
      expect(v.metrics).toEqual(report.datasets[0]!.head.metrics)
      expect(v.annotators).toEqual(report.datasets[0]!.head.annotators)
    }
    expect(versions.map((v) => v.metrics.accuracy!.value)).toEqual([
      1, 0.95, 0.9, 0.85
    ])
    const warm = await runCli(repo, [
      'history',
      '--json',
      out,
      '--cache',
      cache
    ])
    expect(warm.stdout).toContain('4 versions, 0 checked, 4 from the cache')
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(history)
  })
})
