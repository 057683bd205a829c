import { describe, expect, it } from '@jest/globals'
import { buildRatings } from '../../src/model/build-ratings.js'
import { readExport } from './export-helpers.js'
import { userError } from './helpers.js'

const csv = (t: string, extras: string[]) =>
  readExport(new TextEncoder().encode(t), 'data/x.csv', 'csv', {}, extras)

describe('extra (lineage) columns', () => {
  it('carries the named CSV columns, empty cells as empty text', () => {
    const { rows } = csv(
      'item_id,annotator,label,tool,labeled_at\ni1,a,x,ls,2024-05-01T00:00Z\ni2,a,y,,\n',
      ['tool', 'labeled_at']
    )
    expect(rows).toEqual([
      ['i1', 'a', 'x', 2, 'ls', '2024-05-01T00:00Z'],
      ['i2', 'a', 'y', 3, '', '']
    ])
  })

  it('a missing lineage column is a UserError like a missing item column', () => {
    expect(
      userError(() => csv('item_id,annotator,label\ni1,a,x\n', ['tool']))
    ).toBe(
      "data/x.csv:1: missing column 'tool' (found: item_id, annotator, label); set lineage in the config"
    )
  })

  it('carries JSONL keys; an absent key in one record is empty', () => {
    const { rows } = readExport(
      new TextEncoder().encode(
        '{"item_id":"i1","annotator":"a","label":"x","tool":"t"}\n{"item_id":"i2","annotator":"a","label":"x"}\n'
      ),
      'data/x.jsonl',
      'jsonl',
      {},
      ['tool']
    )
    expect(rows).toEqual([
      ['i1', 'a', 'x', 1, 't'],
      ['i2', 'a', 'x', 2, '']
    ])
  })

  it('reads nothing extra when no extras are asked for', () => {
    const { table } = csv('item_id,annotator,label,tool\ni1,a,x,t\n', [])
    expect(table.extras.size).toBe(0)
  })
})

describe('Ratings.row', () => {
  it('points each rating back to its table row, past skipped and duplicate rows', () => {
    const { table } = csv(
      'item_id,annotator,label,tool\ni1,a,x,t1\ni1,a,x,t2\ni2,a,,t3\ni2,b,y,t4\n',
      ['tool']
    )
    const { ratings } = buildRatings(table, { level: 'nominal' })
    expect(Array.from(ratings.row)).toEqual([0, 3])
    const tool = table.extras.get('tool')!
    expect(
      Array.from(ratings.row, (r) => tool.values.value(tool.code[r]!))
    ).toEqual(['t1', 't4'])
    expect(Array.from(ratings.row, (r) => table.line[r])).toEqual([2, 5])
  })

  it('is the identity when every row is kept', () => {
    const { table } = csv('item_id,annotator,label\ni1,a,x\ni2,a,y\n', [])
    const { ratings } = buildRatings(table, { level: 'nominal' })
    expect(Array.from(ratings.row)).toEqual([0, 1])
    expect(ratings.row).toBe(ratings.row)
  })
})
