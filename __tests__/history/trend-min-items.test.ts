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

// Five versions read from git by two checks: a busy 2-core machine needs time.
jest.setTimeout(120_000)

const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: d',
  '    path: data/labels.csv',
  '    level: nominal',
  '    categories: [x, y]',
  '    gates:',
  '      percent_agreement: { max_decline: 0.05, min_items: 6 }',
  ''
].join('\n')

/** Two annotators on `items` items, disagreeing on the last `split` of them. */
function labels(items: number, split: number): string {
  const rows = ['item_id,annotator,label']
  for (let i = 1; i <= items; i++) {
    rows.push(`i${i},a,x`, `i${i},b,${i > items - split ? 'y' : 'x'}`)
  }
  return rows.join('\n') + '\n'
}

describe('max_decline with min_items on a real base-branch history', () => {
  let repo: string
  let out: string
  const shas: Record<string, string> = {}
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-trend-min-'))
    out = mkdtempSync(path.join(os.tmpdir(), 'labelgate-trend-min-out-'))
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'config', 'commit.gpgsign', 'false')
    mkdirSync(path.join(repo, 'data'))
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    const commit = (name: string, items: number, split: number) => {
      writeFileSync(path.join(repo, 'data/labels.csv'), labels(items, split))
      git(repo, 'add', 'labelgate.yml', 'data/labels.csv')
      git(repo, 'commit', '-q', '-m', name)
      shas[name] = git(repo, 'rev-parse', 'HEAD')
    }
    // The tiny first commit: 5 items (one fewer than min_items), all agreeing.
    commit('tiny', 5, 0)
    // Exactly min_items: 5 of 6 agree, 0.833.
    commit('six', 6, 1)
    // The base: 8 of 10 agree, 0.8.
    commit('base', 10, 2)
    // A head at 0.8 (12 of 15), 0.033 below the best that counts.
    commit('steady', 15, 3)
    // A head off the base at 0.75 (9 of 12), 0.083 below 0.833.
    git(repo, 'checkout', '-q', shas.base!)
    commit('lower', 12, 3)
  })
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true })
    rmSync(out, { recursive: true, force: true })
  })

  const decline = async (head: string) => {
    const json = path.join(out, `${head}.json`)
    const r = await runCli(repo, [
      'check',
      '--base',
      shas.base!,
      '--head',
      shas[head]!,
      '--json',
      json,
      '--no-cache',
      '--quiet'
    ])
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report
    const gate = report.datasets[0]!.gates.find(
      (g) => g.bound === 'max_decline'
    )!
    return { code: r.code, gate, report }
  }

  it('does not let a version on one item fewer than min_items set the best', async () => {
    const { code, gate, report } = await decline('steady')
    expect(gate.status).toBe('pass')
    expect(gate.value).toBeCloseTo(0.8, 12)
    expect(gate.trend_best).toMatchObject({
      commit: shas.six,
      versions: 2,
      window: 10
    })
    expect(gate.trend_best!.value).toBeCloseTo(5 / 6, 12)
    expect(gate.message).toContain(
      '1 version with fewer than min_items 6 items left out'
    )
    expect(code).toBe(0)
    // The report's series (and the PR comment's chart) shows what the gate
    // judged: the 5-item version has no value there.
    const values = report.datasets[0]!.trend!.points.map(
      (p) => p.values.percent_agreement
    )
    expect(values[0]).toBeNull()
    expect(values.slice(1)).toEqual([
      expect.closeTo(5 / 6, 12),
      expect.closeTo(0.8, 12)
    ])
  })

  it('judges against a version on exactly min_items items', async () => {
    const { code, gate } = await decline('lower')
    expect(gate.status).toBe('fail')
    expect(gate.trend_best!.commit).toBe(shas.six)
    expect(code).toBe(1)
  })
})
