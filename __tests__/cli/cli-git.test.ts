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

// CLI runs on real repositories, on a machine that may be busy: a timeout
// would remove the repository while the CLI still runs in it.
jest.setTimeout(60_000)

const config = (min: number) =>
  [
    'version: 1',
    'datasets:',
    '  - name: toy',
    '    path: data/*.csv',
    '    categories: [neg, pos]',
    '    reference: { path: gold/gold.csv }',
    '    gates:',
    `      accuracy: { min: ${min}, max_drop: 0.05 }`,
    '      changed.accuracy: { min: 0.9 }',
    ''
  ].join('\n')

// 6 items, 2 annotators; all correct at the base.
const BASE_ROWS = [
  'item_id,annotator,label',
  'i1,a,pos',
  'i1,b,pos',
  'i2,a,neg',
  'i2,b,neg',
  'i3,a,pos',
  'i3,b,pos',
  'i4,a,neg',
  'i4,b,neg'
]
const GOLD = 'item_id,label\ni1,pos\ni2,neg\ni3,pos\ni4,neg\ni5,pos\n'

describe('labelgate check --base REV (a real git repository)', () => {
  let repo: string
  let baseSha: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-git-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    writeFileSync(path.join(repo, 'labelgate.yml'), config(0.8))
    writeFileSync(
      path.join(repo, 'data/labels.csv'),
      BASE_ROWS.join('\n') + '\n'
    )
    writeFileSync(path.join(repo, 'gold/gold.csv'), GOLD)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    baseSha = git(repo, 'rev-parse', 'HEAD')
    // The change: relabel i3 by b (now wrong), add item i5 rated wrongly by both,
    // lower the bar in the config and "fix" the gold label of i5 to match.
    const head = [...BASE_ROWS]
    head[6] = 'i3,b,neg'
    head.push('i5,a,neg', 'i5,b,neg')
    writeFileSync(path.join(repo, 'data/labels.csv'), head.join('\n') + '\n')
    writeFileSync(path.join(repo, 'labelgate.yml'), config(0.1))
    writeFileSync(
      path.join(repo, 'gold/gold.csv'),
      GOLD.replace('i5,pos', 'i5,neg')
    )
    git(repo, 'commit', '-q', '-am', 'head')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('diffs the base, judges the change on its own, and keeps the base config and gold', async () => {
    const r = await runCli(repo, [
      'check',
      '--base',
      'main~1',
      '--head',
      'HEAD',
      '--json',
      'r.json'
    ])
    expect(r.stderr).toBe('')
    const report = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8'))
    expect(report.base).toBe(baseSha)
    expect(report.config).toEqual({ path: 'labelgate.yml', source: 'base' })
    expect(report.notes.join(' ')).toContain('edits labelgate.yml')
    const d = report.datasets[0]
    expect(d.diff).toEqual({
      items_added: 1,
      items_removed: 0,
      annotations_added: 2,
      annotations_removed: 0,
      labels_changed: 1
    })
    expect(d.relabeled).toEqual([
      { item: 'i3', annotator: 'b', from: 'pos', to: 'neg' }
    ])
    // Gold from the base: i5 is 'pos', so both new i5 labels and the i3 relabel are wrong.
    expect(d.base.metrics.accuracy.value).toBe(1)
    expect(d.head.metrics.accuracy.value).toBeCloseTo(7 / 10, 12)
    expect(d.changed.metrics.accuracy.value).toBe(0)
    expect(d.changed.metrics.accuracy.n).toBe(3)
    const byKey = Object.fromEntries(
      d.gates.map((g: { metric: string; bound: string; status: string }) => [
        `${g.metric}/${g.bound}`,
        g.status
      ])
    )
    // The base's min 0.8 applies, not the head's 0.1.
    expect(byKey).toEqual({
      'accuracy/min': 'fail',
      'accuracy/max_drop': 'fail',
      'changed.accuracy/min': 'fail'
    })
    expect(d.label_shift.labels).toEqual(['neg', 'pos'])
    expect(d.label_shift.base).toEqual([4, 4])
    expect(d.label_shift.head).toEqual([7, 3])
    expect(r.code).toBe(1)
  })

  it('exits 2 naming an unknown revision', async () => {
    const r = await runCli(repo, ['check', '--base', 'no-such-branch'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      "'no-such-branch' is neither a folder nor a git revision"
    )
  })

  it('compares two folder snapshots without git', async () => {
    const snap = mkdtempSync(path.join(os.tmpdir(), 'labelgate-snap-'))
    try {
      for (const side of ['old', 'new']) {
        mkdirSync(path.join(snap, side, 'data'), { recursive: true })
        mkdirSync(path.join(snap, side, 'gold'), { recursive: true })
        writeFileSync(path.join(snap, side, 'gold/gold.csv'), GOLD)
      }
      writeFileSync(
        path.join(snap, 'old/data/labels.csv'),
        BASE_ROWS.join('\n')
      )
      writeFileSync(
        path.join(snap, 'new/data/labels.csv'),
        BASE_ROWS.slice(0, 7).join('\n')
      )
      writeFileSync(path.join(snap, 'labelgate.yml'), config(0.5))
      const r = await runCli(snap, [
        'check',
        '--config',
        'labelgate.yml',
        '--base',
        'old',
        '--head',
        'new',
        '--json',
        'r.json'
      ])
      const report = JSON.parse(readFileSync(path.join(snap, 'r.json'), 'utf8'))
      expect(report.base).toBe('old')
      expect(report.head).toBe('new')
      expect(report.datasets[0].diff).toMatchObject({
        items_removed: 1,
        annotations_removed: 2
      })
      // Only removals: the change added no annotation, so `changed.accuracy`
      // has nothing to measure: not applicable, shown, and never failing.
      const changedGate = report.datasets[0].gates.find(
        (g: { metric: string }) => g.metric === 'changed.accuracy'
      )
      expect(changedGate.status).toBe('not_applicable')
      expect(changedGate.message).toContain('nothing in this change to measure')
      expect(
        report.datasets[0].gates.filter(
          (g: { status: string }) => g.status === 'fail'
        )
      ).toEqual([])
      expect(r.code).toBe(0)
    } finally {
      rmSync(snap, { recursive: true, force: true })
    }
  })
})
