import { describe, expect, it } from '@jest/globals'
import { readReferenceFile } from '../../src/formats/read-reference.js'
import { ReferenceTableBuilder } from '../../src/model/reference-table.js'
import type { Problem } from '../../src/model/problem.js'
import type { Delimiter } from '../../src/config/schema.js'
import { readExport } from './export-helpers.js'
import { userError } from './helpers.js'

const encode = (t: string) => new TextEncoder().encode(t)
const read = (text: string, delimiter?: Delimiter, file = 'data/x.csv') =>
  readExport(encode(text), file, 'csv', {}, [], { delimiter })

const COMMA = 'item_id,annotator,label\ni1,a,x\ni1,b,"y, z"\ni2,a,x\n'

describe('delimiter:', () => {
  const expected = read(COMMA).rows

  it.each([
    [';', 'item_id;annotator;label\ni1;a;x\ni1;b;y, z\ni2;a;x\n'],
    ['|', 'item_id|annotator|label\ni1|a|x\ni1|b|y, z\ni2|a|x\n'],
    ['\t', 'item_id\tannotator\tlabel\ni1\ta\tx\ni1\tb\ty, z\ni2\ta\tx\n'],
    ['\\t', 'item_id\tannotator\tlabel\ni1\ta\tx\ni1\tb\ty, z\ni2\ta\tx\n'],
    ['tab', 'item_id\tannotator\tlabel\ni1\ta\tx\ni1\tb\ty, z\ni2\ta\tx\n']
  ] as const)('%j reads the same records as the comma file', (d, text) => {
    expect(expected).toEqual([
      ['i1', 'a', 'x', 2],
      ['i1', 'b', 'y, z', 3],
      ['i2', 'a', 'x', 4]
    ])
    expect(read(text, d).rows).toEqual(expected)
  })

  it('keeps RFC 4180 quoting with another delimiter (a quoted ; stays in the field)', () => {
    const { rows } = read(
      'item_id;annotator;label\r\n"i;1";a;"x ""quoted""; more"\r\n',
      ';'
    )
    expect(rows).toEqual([['i;1', 'a', 'x "quoted"; more', 2]])
  })

  it('says which delimiter to set when the header is joined by another one', () => {
    expect(
      userError(() => read('item_id;annotator;label\ni1;a;x\n', undefined))
    ).toBe(
      "data/x.csv:1: field 'delimiter': missing column 'item_id': the header is separated by ';', not ','; set delimiter: ';' in the config"
    )
    expect(
      userError(() => read('item_id|annotator|label\ni1|a|x\n', ';'))
    ).toBe(
      "data/x.csv:1: field 'delimiter': missing column 'item_id': the header is separated by '|', not ';'; set delimiter: '|' in the config"
    )
    expect(
      userError(() => read('item_id\tannotator\tlabel\ni1\ta\tx\n', ','))
    ).toBe(
      `data/x.csv:1: field 'delimiter': missing column 'item_id': the header is separated by "\\t", not ','; set delimiter: "\\t" in the config`
    )
  })

  it('names the header line when blank lines come first, and quoted header names', () => {
    expect(
      userError(() => read('\n\n"item_id";"annotator";"label"\ni1;a;x\n'))
    ).toBe(
      "data/x.csv:3: field 'delimiter': missing column 'item_id': the header is separated by ';', not ','; set delimiter: ';' in the config"
    )
  })

  it('keeps the plain missing-column error when no other delimiter explains it', () => {
    expect(userError(() => read('item;annotator;label\ni1;a;x\n'))).toBe(
      "data/x.csv:1: missing column 'item_id' (found: item;annotator;label); set fields.item in the config"
    )
  })

  it('points a reference file at reference.delimiter', () => {
    const builder = new ReferenceTableBuilder()
    const problems: Problem[] = []
    const gold = (text: string, delimiter?: Delimiter) =>
      readReferenceFile(
        encode(text),
        'data/gold.csv',
        'csv',
        { item: 'item_id', label: 'label' },
        builder,
        problems,
        { delimiter }
      )
    expect(userError(() => gold('item_id;label\ni1;x\n'))).toBe(
      "data/gold.csv:1: field 'reference.delimiter': missing column 'item_id': the header is separated by ';', not ','; set reference.delimiter: ';' in the config"
    )
    gold('item_id;label\ni1;x\ni2;y\n', ';')
    const table = builder.finish()
    expect(table.size).toBe(2)
    expect(table.labels.values).toEqual(['x', 'y'])
  })
})
