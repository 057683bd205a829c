import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { execFileSync } from 'node:child_process'
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
    // The config's type (its default), which the dashboard's defaults follow.
    expect(versions.map((v) => v.type)).toEqual(shas.map(() => 'category'))
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

describe('model metrics next to the label metrics', () => {
  let repo: string
  let work: string
  const labelCommits: string[] = []
  const MODEL_CONFIG = CONFIG.replace(
    '    gates:',
    [
      '    model_metrics:',
      '      path: models/eval.json',
      '      values: { f1: /test/f1 }',
      '    gates:'
    ].join('\n')
  )
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-model-'))
    work = mkdtempSync(path.join(os.tmpdir(), 'labelgate-model-out-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    mkdirSync(path.join(repo, 'models'))
    writeFileSync(path.join(repo, 'labelgate.yml'), MODEL_CONFIG)
    writeFileSync(path.join(repo, 'gold/gold.csv'), GOLD)
    // Each label version, then the model's evaluation on it: fewer wrong
    // labels, a better model, so the rank correlation of accuracy and f1 is 1.
    for (let v = 0; v < 4; v++) {
      writeFileSync(path.join(repo, 'data/labels.csv'), rows(4 - v))
      git(repo, 'add', '-A')
      git(repo, 'commit', '-q', '-m', `labels ${v}`)
      labelCommits.push(git(repo, 'rev-parse', 'HEAD'))
      writeFileSync(
        path.join(repo, 'models/eval.json'),
        JSON.stringify({ test: { f1: 0.6 + 0.05 * v } })
      )
      git(repo, 'add', '-A')
      git(repo, 'commit', '-q', '-m', `model evaluated on labels ${v}`)
    }
    // A label change the model has not seen.
    writeFileSync(path.join(repo, 'data/labels.csv'), rows(0))
    git(repo, 'add', '-A')
    // A later committer date than the evaluation's (the others share a second).
    execFileSync('git', ['commit', '-q', '-m', 'relabel'], {
      cwd: repo,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
        GIT_COMMITTER_DATE: '2030-01-01T00:00:00Z'
      }
    })
  })
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true })
    rmSync(work, { recursive: true, force: true })
  })

  it('reads the evaluation of each label version and correlates the two', async () => {
    const out = path.join(work, 'history.json')
    const r = await runCli(repo, [
      'history',
      '--ref',
      'HEAD~1',
      '--json',
      out,
      '--no-cache'
    ])
    expect(r.stderr).toBe('')
    const d = (JSON.parse(readFileSync(out, 'utf8')) as History).datasets[0]!
    expect(d.versions.map((v) => v.commit)).toEqual(labelCommits)
    expect(d.versions.map((v) => v.model_metrics)).toEqual([
      { f1: 0.6 },
      { f1: 0.65 },
      { f1: 0.7 },
      { f1: 0.75 }
    ])
    expect(d.versions.every((v) => v.model_metrics_date !== null)).toBe(true)
    const accuracy = d.correlations.find(
      (c) => c.label_metric === 'accuracy' && c.model_metric === 'f1'
    )!
    expect(accuracy).toEqual({
      label_metric: 'accuracy',
      model_metric: 'f1',
      rho: 1,
      n: 4
    })
  })

  it('says when a change gives labels the model was not evaluated on', async () => {
    const json = path.join(work, 'check.json')
    const stale = await runCli(repo, [
      'check',
      '--base',
      'HEAD~1',
      '--head',
      'HEAD',
      '--json',
      json,
      '--no-cache'
    ])
    expect([0, 1]).toContain(stale.code)
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report
    expect(report.datasets[0]!.model_metrics).toMatchObject({
      path: 'models/eval.json',
      values: { f1: 0.75 },
      stale: true
    })
    expect(report.notes.join('\n')).toContain(
      "dataset 'toy': the model has not been evaluated on these labels yet"
    )
    // The previous change was the model's evaluation itself: labels unchanged.
    await runCli(repo, [
      'check',
      '--base',
      'HEAD~2',
      '--head',
      'HEAD~1',
      '--json',
      json,
      '--no-cache'
    ])
    const fresh = JSON.parse(readFileSync(json, 'utf8')) as Report
    expect(fresh.datasets[0]!.model_metrics!.stale).toBe(false)
    expect(fresh.notes.join('\n')).not.toContain('not been evaluated')
  })
})
