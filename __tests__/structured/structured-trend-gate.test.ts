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
import type { Report } from '../../src/report/types.js'
import { git, runCli } from '../helpers/run-cli.js'

// Three versions of a multi_label dataset and a check of the last against
// the one before: a busy 2-core machine needs time.
jest.setTimeout(120_000)

const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: tags',
  '    type: multi_label',
  '    path: data/labels.csv',
  '    categories: [joy, anger, fear, sadness]',
  '    reference: { path: gold/gold.csv }',
  '    gates:',
  '      hamming_loss: { max_decline: 0.05 }',
  ''
].join('\n')

const GOLD = 'item_id,label\ni1,joy\ni2,anger\ni3,fear\ni4,sadness\n'
/** a tags every class on the first `wrong` items; `reversed` reorders the rows only. */
const labels = (wrong: number, reversed = false) => {
  const rows = ['joy', 'anger', 'fear', 'sadness'].flatMap((label, i) => [
    `i${i + 1},a,${i < wrong ? 'joy|anger|fear|sadness' : label}`,
    `i${i + 1},b,${label}`
  ])
  return (
    ['item_id,annotator,label', ...(reversed ? rows.reverse() : rows)].join(
      '\n'
    ) + '\n'
  )
}

describe('max_decline on a multi_label dataset', () => {
  let repo: string
  let out: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-ml-trend-'))
    out = mkdtempSync(path.join(os.tmpdir(), 'labelgate-ml-trend-out-'))
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'config', 'commit.gpgsign', 'false')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(repo, 'gold/gold.csv'), GOLD)
    // Two versions with hamming loss 0, then a head where a tags every
    // class on 3 of 4 items: the loss rises well past max_decline.
    for (const [wrong, reversed] of [
      [0, false],
      [0, true],
      [3, false]
    ] as const) {
      writeFileSync(path.join(repo, 'data/labels.csv'), labels(wrong, reversed))
      git(repo, 'add', '-A')
      git(repo, 'commit', '-q', '-m', `wrong ${wrong}`)
    }
  })
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true })
    rmSync(out, { recursive: true, force: true })
  })

  it('judges the trend of the base branch, lower hamming loss being better', async () => {
    const json = path.join(out, 'check.json')
    const r = await runCli(repo, [
      'check',
      '--base',
      'HEAD~1',
      '--json',
      json,
      '--cache',
      path.join(out, 'cache')
    ])
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report
    const [gate] = report.datasets[0]!.gates
    expect(gate).toMatchObject({
      metric: 'hamming_loss',
      bound: 'max_decline',
      status: 'fail'
    })
    expect(gate!.trend_best!.value).toBe(0)
    expect(gate!.trend_best!.versions).toBe(2)
    // The report keeps the series, as for category datasets (the PR comment's chart).
    expect(
      report.datasets[0]!.trend!.points.map((p) => p.values.hamming_loss)
    ).toEqual([0, 0])
    expect(r.code).toBe(1)
  })
})
