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

jest.setTimeout(60_000)

const items = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => `i${from + k}`)

describe('annotator.drift on a multi_label dataset (subset accuracy, in a real git repository)', () => {
  let repo: string
  let base: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-set-drift-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: tags',
        '    type: multi_label',
        '    path: data/*.csv',
        '    categories: [joy, anger, fear]',
        '    reference: { path: gold/gold.csv }',
        '    gates:',
        '      annotator.drift: { max_drop: 0.1, min_items: 20 }',
        ''
      ].join('\n')
    )
    // Gold: 40 items, each {joy, fear}.
    writeFileSync(
      path.join(repo, 'gold/gold.csv'),
      ['item_id,label', ...items(0, 40).map((i) => `${i},joy|fear`), ''].join(
        '\n'
      )
    )
    // The base: a and b match the gold on items 0-19 (20 of 20).
    const rows = (who: string, list: string[], label: (k: number) => string) =>
      list.map((i, k) => `${i},${who},${label(k)}`)
    const header = 'item_id,annotator,label'
    writeFileSync(
      path.join(repo, 'data/a.csv'),
      [header, ...rows('a', items(0, 20), () => 'fear|joy'), ''].join('\n')
    )
    writeFileSync(
      path.join(repo, 'data/b.csv'),
      [header, ...rows('b', items(0, 20), () => 'joy|fear'), ''].join('\n')
    )
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    base = git(repo, 'rev-parse', 'HEAD')
    // The head: a adds items 20-39, half of them without fear (10 of 20).
    writeFileSync(
      path.join(repo, 'data/a.csv'),
      [
        header,
        ...rows('a', items(0, 20), () => 'fear|joy'),
        ...rows('a', items(20, 40), (k) => (k % 2 === 0 ? 'joy' : 'joy|fear')),
        ''
      ].join('\n')
    )
    git(repo, 'commit', '-q', '-am', 'head')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('flags the annotator whose subset accuracy fell, and the gate fails', async () => {
    const r = await runCli(repo, [
      'check',
      '--base',
      base,
      '--json',
      'out/report.json',
      '--markdown',
      'out/body.md'
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const report = JSON.parse(
      readFileSync(path.join(repo, 'out/report.json'), 'utf8')
    ) as Report
    const d = report.datasets[0]!
    const [a, b] = d.annotator_drift
    expect(a!.annotator).toBe('a')
    expect(a!.base.value).toBe(1)
    expect(a!.base.n).toBe(20)
    expect(a!.changed.value).toBe(0.5)
    expect(a!.changed.n).toBe(20)
    expect(a!.head.value).toBeCloseTo(30 / 40, 12)
    expect(a!.drop).toBe(0.5)
    // Pooled z-test (every expected count is 5 or more): z = -0.5 / sqrt(0.75 * 0.25 * 0.1).
    expect(a!.test).toBe('z')
    expect(a!.z).toBeCloseTo(-3.651483716701107, 12)
    expect(a!.p_value).toBeCloseTo(0.00013036481642765871, 10)
    expect(a!.flagged).toBe(true)
    expect(a!.kappa_head).toEqual({
      value: null,
      reason:
        "Cohen's kappa needs one category per item; for label sets see masi_alpha"
    })
    // b changed nothing: no slice, no test.
    expect(b!.annotator).toBe('b')
    expect(b!.changed.value).toBeNull()
    expect(b!.drop).toBeNull()
    expect(b!.flagged).toBe(false)
    const gate = d.gates.find((g) => g.metric === 'annotator.drift')!
    expect(gate.status).toBe('fail')
    expect(gate.annotator).toBe('a')
    // The comment's drift table, kappa shown as not defined.
    expect(readFileSync(path.join(repo, 'out/body.md'), 'utf8')).toMatch(
      /\n\| ⚠️ a \| 100\.0% \(20\) \| 50\.0% \(20\) \| .*\| — → — \|\n/
    )
  })
})
