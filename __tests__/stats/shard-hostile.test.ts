import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'
import type { Shard } from '../../src/stats/shard-format.js'
import { writeCase, writeShards } from './shard-helpers.js'

/**
 * Shards as a hostile or careless writer makes them: every one is exit 2 and
 * one line naming the file and the field, never a stack trace and never a
 * report no data could give (each case below once gave one: counts that
 * wrapped around 32 bits, a reference the merge dropped, pair tables added
 * twice, a problem object that crashed the renderer).
 */
const rows = [
  ['i1', 'a', 'x'],
  ['i1', 'b', 'y'],
  ['i1', 'c', 'x'],
  ['i2', 'a', 'x'],
  ['i2', 'b', 'x'],
  ['i3', 'a', 'y'],
  ['i3', 'c', 'y']
]
const reference = [
  ['i1', 'x'],
  ['i3', 'y']
]

type Edit = (s: Shard) => unknown

const cases: [string, Edit, string, RegExp][] = [
  [
    'a count beyond 32 bits',
    (s) => (s.items[0]![3][1] = 2 ** 40),
    'items[0][4]',
    /counts add up to/
  ],
  [
    'counts that do not match the annotators',
    (s) => (s.items[0]![3][1]! += 1),
    'items[0][4]',
    /counts add up to/
  ],
  [
    'an annotator listed twice on an item',
    (s) => {
      const item = s.items[1]!
      item[4] = [item[4][0]!, item[4][0]!]
    },
    'items[1][4]',
    /twice/
  ],
  [
    "an annotator's tally beyond 32 bits",
    (s) => (s.annotators[0]!.annotations = 2 ** 31 + 5),
    'annotators[0].annotations',
    /annotations of annotator 'a' add up to 2147483653, but 3 items list them/
  ],
  [
    'an annotator tally that the items do not give',
    (s) => (s.annotators[1]!.compared = 0),
    'annotators[1].compared',
    /compared of annotator 'b' add up to 0, but 1 items list them with a reference label/
  ],
  [
    'a pair given twice (once transposed)',
    (s) => {
      const [a, b, cells] = s.pairs[0]!
      const t: number[] = []
      for (let c = 0; c < cells.length; c += 3)
        t.push(cells[c + 1]!, cells[c]!, cells[c + 2]!)
      s.pairs.push([b, a, t])
    },
    'pairs[3]',
    /again: one row per pair/
  ],
  [
    'a pair table that the items do not give',
    (s) => (s.pairs[0]![2] = []),
    'pairs',
    /pair tables of annotators 'a' and 'b' count 2 fewer common items/
  ],
  [
    'a pair left out',
    (s) => s.pairs.pop(),
    'pairs',
    /pair tables of annotators 'b' and 'c' count 1 fewer/
  ],
  [
    'a reference label in a shard without reference',
    (s) => (s.reference = false),
    'items[0][2]',
    /reference: false/
  ],
  [
    'a part outside its count',
    (s) => (s.part = { index: 5, count: 3 }),
    'part.index',
    /from 1 to part.count/
  ],
  [
    'values left out',
    (s) => delete (s as Partial<Shard>).values,
    'values',
    /is missing/
  ],
  [
    'a problem without a file',
    (s) =>
      (s.problems = [
        { severity: 'error', message: 'm' } as unknown as Shard['problems'][0]
      ]),
    'problems[0].line',
    /whole number/
  ],
  [
    'a problem of an unknown severity',
    (s) =>
      (s.problems = [
        {
          severity: 'fatal',
          file: 'a.csv',
          line: 2,
          message: 'm'
        } as unknown as Shard['problems'][0]
      ]),
    'problems[0].severity',
    /'error' or 'warning'/
  ],
  [
    'a problem whose file is not text',
    (s) =>
      (s.problems = [
        {
          severity: 'error',
          file: {},
          line: 2,
          message: 'm'
        } as unknown as Shard['problems'][0]
      ]),
    'problems[0].file',
    /must be a string/
  ],
  [
    'an item twice in one shard',
    (s) => (s.items[1]![0] = 'i1'),
    'items[1]',
    /twice in this shard/
  ]
]

describe('a hostile shard is one line and exit 2', () => {
  it.each(cases)('%s', async (_, edit, field, message) => {
    const c = writeCase('hostile', rows, { reference })
    const [file] = await writeShards(c, 0)
    const shard = JSON.parse(readFileSync(file!, 'utf8')) as Shard
    expect(shard.pairs).toHaveLength(3)
    edit(shard)
    writeFileSync(file!, JSON.stringify(shard))
    const run = await runCli(c.cwd, ['check', '--stats', file!])
    expect(run.code).toBe(2)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(`${file!}: field '${field}'`)
    expect(lines[0]).toMatch(message)
    expect(lines[0]).not.toContain('internal error')
  })
})

describe('shards written under another config are refused', () => {
  const config = (cwd: string) => path.join(cwd, 'labelgate.yml')
  const edit = (cwd: string, from: string, to: string) =>
    writeFileSync(
      config(cwd),
      readFileSync(config(cwd), 'utf8').replace(from, to)
    )

  it('without the reference the config names', async () => {
    const c = writeCase('noref', rows)
    const [file] = await writeShards(c, 0)
    writeFileSync(path.join(c.cwd, 'gold.csv'), 'item_id,label\ni1,x\n')
    edit(c.cwd, '    gates:', '    reference: { path: gold.csv }\n    gates:')
    const run = await runCli(c.cwd, ['check', '--stats', file!])
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain(
      "field 'reference': has reference: false, but labelgate.yml gives dataset 'noref' reference labels"
    )
  })

  it('with a reference the config does not name', async () => {
    const c = writeCase('extraref', rows, { reference })
    const [file] = await writeShards(c, 0)
    edit(c.cwd, '    reference: { path: gold.csv }\n', '')
    const run = await runCli(c.cwd, ['check', '--stats', file!])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("field 'reference': has reference: true")
  })

  it('of a dataset the config now gives another label type', async () => {
    const c = writeCase('typed', rows, {
      gates: '      percent_agreement: { min: 0.5 }'
    })
    const [file] = await writeShards(c, 0)
    edit(c.cwd, '    level: nominal\n', '    type: multi_label\n')
    edit(c.cwd, 'percent_agreement', 'masi_alpha')
    const run = await runCli(c.cwd, ['check', '--stats', file!])
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain(
      "dataset 'typed' is of type multi_label; statistics shards hold category labels only"
    )
  })

  it('with declared categories the config no longer declares', async () => {
    const c = writeCase('undeclared', rows, { categories: ['x', 'y'] })
    const [file] = await writeShards(c, 0)
    edit(c.cwd, '    categories: ["x","y"]\n', '')
    const run = await runCli(c.cwd, ['check', '--stats', file!])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(
      "field 'declared': has declared: true, but labelgate.yml declares no categories"
    )
  })
})

describe('shards that disagree', () => {
  it('names a shard given twice', async () => {
    const c = writeCase('twice', rows)
    const [file] = await writeShards(c, 0)
    const run = await runCli(c.cwd, ['check', '--stats', file!, file!])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(
      `item 'i1' is also in ${file!} (the same file, given twice): shards must partition the items`
    )
  })

  it('on the value of a category name the shard and the field', async () => {
    const numeric = [
      ['i1', 'a', '1'],
      ['i1', 'b', '2'],
      ['i2', 'a', '2'],
      ['i2', 'b', '2'],
      ['i3', 'a', '3'],
      ['i3', 'b', '1'],
      ['i4', 'a', '1'],
      ['i4', 'b', '1']
    ]
    const c = writeCase('values', numeric, { level: 'interval' })
    const files = await writeShards(c, 2)
    const second = JSON.parse(readFileSync(files[1]!, 'utf8')) as Shard
    expect(second.categories[0]).toBe('1')
    second.values![0] = 1.5
    writeFileSync(files[1]!, JSON.stringify(second))
    const run = await runCli(c.cwd, ['check', '--stats', ...files])
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain(
      `${files[1]!}: field 'values[0]': category '1' has the value 1.5 here and 1 in ${files[0]!}`
    )
  })
})
