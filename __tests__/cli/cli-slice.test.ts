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

// Several CLI runs on real git repositories per test, on a shared machine.
jest.setTimeout(60_000)

/** The bluebirds set, copied from the shared datasets with its README. */
const DATA = path.resolve('__fixtures__/data/bluebirds')

// Observation 5 replayed on the bluebirds set (108 items, 39 annotators each
// rating every item): the change adds annotator 1737's 108 labels, the
// weakest annotator (35 of 108 right). The slice's majority vote is the vote
// of all 39 annotators on those items, not of 1737's labels alone.
describe('the change slice on real data (bluebirds, one annotator added)', () => {
  let repo: string
  let rows: string[]
  beforeAll(() => {
    rows = readFileSync(path.join(DATA, 'annotations.csv'), 'utf8')
      .trimEnd()
      .split('\n')
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-slice-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: birds',
        '    path: data/*.csv',
        '    reference: { path: data/gold.csv }',
        '    gates:',
        '      changed.majority_vote_accuracy: { min: 0.7 }',
        '      changed.error_rate: { max: 0.5 }',
        ''
      ].join('\n')
    )
    writeFileSync(
      path.join(repo, 'data/gold.csv'),
      readFileSync(path.join(DATA, 'gold.csv'))
    )
    const without = rows.filter((r) => r.split(',')[1] !== '1737')
    writeFileSync(path.join(repo, 'data/labels.csv'), without.join('\n') + '\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    writeFileSync(path.join(repo, 'data/labels.csv'), rows.join('\n') + '\n')
    git(repo, 'commit', '-q', '-am', 'add annotator 1737')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('votes with all head ratings of the touched items and names each population', async () => {
    const r = await runCli(repo, [
      'check',
      '--base',
      'HEAD~1',
      '--json',
      'report.json',
      '--quiet'
    ])
    const report = JSON.parse(
      readFileSync(path.join(repo, 'report.json'), 'utf8')
    )
    const dataset = report.datasets[0]
    const changed = dataset.changed
    // All 108 items touched, each with its 39 head ratings.
    expect(changed.counts).toMatchObject({ items: 108, annotations: 4212 })
    const vote = changed.metrics.majority_vote_accuracy
    expect(vote.value).toBeCloseTo(82 / 108, 12)
    expect(vote.value).toBe(dataset.head.metrics.majority_vote_accuracy.value)
    expect(vote).toMatchObject({
      n_items: 108,
      // One vote per touched reference item, cast by all its 4,212 head ratings.
      n: 108,
      population: 'all head ratings of the touched items'
    })
    // Accuracy: 1737's 108 added labels only, 35 right.
    expect(changed.metrics.accuracy).toMatchObject({
      value: 35 / 108,
      n: 108,
      population: 'annotations the change added or relabeled'
    })
    expect(changed.metrics.error_rate.value).toBeCloseTo(73 / 108, 12)
    expect(changed.metrics.krippendorff_alpha).toMatchObject({
      n: 4212,
      population: 'all head ratings of the touched items'
    })
    for (const metric of Object.values(changed.metrics) as {
      population?: string
      n?: number
    }[]) {
      expect(typeof metric.population).toBe('string')
      expect(typeof metric.n).toBe('number')
    }
    // Observation 12: one row, one population (1737's added labels).
    expect(Object.keys(changed.annotators)).toEqual(['1737'])
    expect(changed.annotators['1737'].annotations).toBe(108)
    expect(changed.annotators['1737'].accuracy).toMatchObject({
      value: 35 / 108,
      n: 108
    })
    // Observation 11: the test compares 1737's 108 new labels with the
    // 4,104 unchanged ones (pinned against scipy), not base with head.
    const shift = dataset.label_shift
    const count = (counts: number[]) =>
      Object.fromEntries(
        shift.labels.map((l: string, k: number) => [l, counts[k]])
      )
    expect(count(shift.changed)).toEqual({ false: 69, true: 39 })
    expect(count(shift.unchanged)).toEqual({ false: 2546, true: 1558 })
    const pinned = JSON.parse(
      readFileSync('__fixtures__/diff/label-shift-change.json', 'utf8')
    ).cases[0].chi_square
    expect(shift.chi_square.df).toBe(1)
    expect(shift.chi_square.p_value).toBeCloseTo(pinned.p_value, 9)
    const gates = Object.fromEntries(
      dataset.gates.map((g: { metric: string; status: string }) => [
        g.metric,
        g.status
      ])
    )
    expect(gates).toEqual({
      'changed.majority_vote_accuracy': 'pass',
      'changed.error_rate': 'fail'
    })
    expect(r.code).toBe(1)
  })
})
