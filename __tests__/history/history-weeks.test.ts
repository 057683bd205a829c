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
import { weekStart } from '../../src/history/annotator-weeks.js'
import type { History } from '../../src/history/types.js'
import { git, runCli } from '../helpers/run-cli.js'

jest.setTimeout(120_000)

// Annotators over calendar time: the lineage timestamp puts each annotation in
// an ISO week (Monday, UTC). "steady" is right on every gold item both weeks;
// "slipping" is right on all 30 in the first week and on 6 of 30 in the second.
const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: toy',
  '    path: data/labels.csv',
  '    categories: [neg, pos]',
  '    reference: { path: gold/gold.csv }',
  '    lineage: { timestamp: labeled_at, scope: all }',
  ''
].join('\n')

const truth = (i: number): string => (i % 2 === 0 ? 'pos' : 'neg')
const flip = (l: string): string => (l === 'pos' ? 'neg' : 'pos')

function labels(weeks: number): string {
  const out = ['item_id,annotator,label,labeled_at']
  for (let w = 0; w < weeks; w++) {
    // Week 0: Monday 2026-11-02 (and its Sunday, still week 0); week 1: 2026-11-09.
    const days =
      w === 0 ? ['2026-11-02', '2026-11-08'] : ['2026-11-09', '2026-11-15']
    for (let j = 0; j < 30; j++) {
      const i = w * 30 + j
      const day = days[j % 2]
      out.push(`i${i},steady,${truth(i)},${day}T23:59:59Z`)
      const slip = w === 1 && j >= 6
      out.push(
        `i${i},slipping,${slip ? flip(truth(i)) : truth(i)},${day}T00:00:00Z`
      )
    }
  }
  return out.join('\n') + '\n'
}

describe('labelgate history: annotators by calendar week', () => {
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-weeks-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    writeFileSync(
      path.join(repo, 'gold/gold.csv'),
      [
        'item_id,label',
        ...Array.from({ length: 60 }, (_, i) => `i${i},${truth(i)}`)
      ].join('\n') + '\n'
    )
    writeFileSync(path.join(repo, 'data/labels.csv'), labels(1))
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'week 1')
    writeFileSync(path.join(repo, 'data/labels.csv'), labels(2))
    git(repo, 'commit', '-q', '-am', 'week 2')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('ISO weeks start on Monday, UTC', () => {
    expect(weekStart(Date.parse('2026-11-08T23:59:59Z'))).toBe('2026-11-02')
    expect(weekStart(Date.parse('2026-11-09T00:00:00Z'))).toBe('2026-11-09')
    expect(weekStart(Date.parse('1970-01-01T00:00:00Z'))).toBe('1969-12-29')
  })

  it('buckets accuracy by week and lists the significant fall first', async () => {
    const r = await runCli(repo, ['history', '--no-cache', '--json', 'h.json'])
    expect(r.code).toBe(0)
    const history = JSON.parse(
      readFileSync(path.join(repo, 'h.json'), 'utf8')
    ) as History
    const trends = history.datasets[0]!.annotators
    expect(trends.map((t) => t.annotator)).toEqual(['slipping', 'steady'])
    const slipping = trends[0]!
    expect(
      slipping.by_week.map((w) => [w.week, w.accuracy.value, w.accuracy.n])
    ).toEqual([
      ['2026-11-02', 1, 30],
      ['2026-11-09', 0.2, 30]
    ])
    expect(slipping.decline).toMatchObject({
      from: 1,
      to: 0.2,
      significant: true
    })
    expect(slipping.decline!.p_value!).toBeLessThan(0.001)
    const steady = trends[1]!
    expect(steady.by_week.map((w) => w.accuracy.value)).toEqual([1, 1])
    expect(steady.decline?.significant ?? false).toBe(false)
  })
})
