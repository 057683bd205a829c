import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import {
  directReport,
  fileCase,
  shardReport,
  writeCase,
  type ShardCase
} from './shard-helpers.js'

/**
 * examples/stats-shards/write_shards.py, a shard writer written from
 * docs/stats-shards.md alone (Python standard library), gives shards whose
 * merge equals the direct check: the format is documented well enough for
 * another language to write it. It reports no data problems (the doc's
 * "a shard written by another engine reports what that engine found"), so
 * the comparison leaves `problems` and `passed` out where the data has some.
 */
const repo = process.cwd()
const script = path.join(repo, 'examples/stats-shards/write_shards.py')

function pythonShards(c: ShardCase, args: string[]): string[] {
  execFileSync(
    'python3',
    [script, c.name, '3', 'py', 'annotations.csv', ...args],
    { cwd: c.cwd }
  )
  return [1, 2, 3].map((i) =>
    path.join(c.cwd, 'py', `${c.name}-${i}-of-3.json`)
  )
}

type Dataset = Record<string, unknown>
const withoutProblems = (report: Record<string, unknown>): Dataset[] =>
  (report.datasets as Dataset[]).map((d) => ({
    ...d,
    passed: null,
    problems: null
  }))

describe('the Python shard writer (examples/stats-shards)', () => {
  it('equals the direct check on crowd labels with gold (relevance, ordinal)', async () => {
    const data = path.join(repo, '__fixtures__/data/zheng_relevance')
    const c = fileCase(
      'relevance',
      path.join(data, 'annotations_dedup.csv'),
      path.join(data, 'gold.csv'),
      { level: 'ordinal', categories: ['0', '1', '2', '3'] }
    )
    const direct = await directReport(c)
    const files = pythonShards(c, [
      '--gold',
      'gold.csv',
      '--level',
      'ordinal',
      '--categories',
      '0,1,2,3'
    ])
    const merged = await shardReport(c, files)
    expect(merged.report.datasets).toEqual(direct.report.datasets)
    expect(merged.code).toBe(direct.code)
  }, 120_000)

  it('equals the direct check where labels are empty, undeclared, repeated or reference-only', async () => {
    const rows = [
      ['i1', 'w9', ''], // an empty label: w9's first row is no rating
      ['i1', 'a', 'x'],
      ['i1', 'b', 'y'],
      ['i1', 'c', 'x'],
      ['ï2', 'a', 'x'],
      ['ï2', 'b', 'X'], // undeclared: not a rating
      ['ï2', 'w9', 'x'],
      ['i3', 'a', 'y'],
      ['i3', 'a', 'x'], // a conflicting second rating: the first is kept
      ['i3', 'c', 'y'],
      ['i4', 'b', ''],
      ['i5', 'c', 'x'],
      ['i5', 'b', 'y']
    ]
    const reference = [
      ['i1', 'x'],
      ['i3', 'z'], // outside the declared list: i3 has no reference
      ['i5', 'y'],
      ['i9', 'x'] // nobody rated i9
    ]
    const c = writeCase('edges', rows, { categories: ['x', 'y'], reference })
    const direct = await directReport(c)
    const files = pythonShards(c, ['--gold', 'gold.csv', '--categories', 'x,y'])
    const merged = await shardReport(c, files)
    expect(withoutProblems(merged.report)).toEqual(
      withoutProblems(direct.report)
    )
    expect((direct.report.datasets as Dataset[])[0]!.problems).not.toEqual([])
  }, 120_000)
})
