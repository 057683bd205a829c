import { describe, expect, it } from '@jest/globals'
import { readReferenceFile } from '../../src/formats/read-reference.js'
import { formatOf } from '../../src/formats/format-of.js'
import { ReferenceTableBuilder } from '../../src/model/reference-table.js'
import type { Problem } from '../../src/model/problem.js'
import { fixture, readBytes, userError } from './helpers.js'

// Fixtures: script/fixtures/parquet/generate.mjs (hyparquet-writer; DuckDB
// reads the same rows from them, see docs/input-files.md).
function parquet(name: string, fields?: Parameters<typeof readBytes>[3]) {
  return readBytes(
    fixture(`parquet/${name}`),
    `data/${name}`,
    'parquet',
    fields
  )
}

function csvRows(path: string): string[][] {
  const text = new TextDecoder().decode(fixture(path)).trim()
  return text
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
}

describe('readAnnotationFile: Parquet', () => {
  it.each(['snappy', 'zstd', 'gzip', 'brotli', 'uncompressed'])(
    'reads every row of an 8-group dictionary-encoded file (%s) as the CSV holds them',
    (codec) => {
      const { rows, problems } = parquet(`snow_rte-${codec}.parquet`)
      const csv = csvRows('data/snow_rte/annotations.csv')
      expect(rows).toHaveLength(8000)
      expect(rows.map(([i, a, l]) => [i, a, l])).toEqual(csv)
      // Row numbers from 1, counted across row groups.
      expect(rows.map((r) => r[3])).toEqual(csv.map((_, i) => i + 1))
      expect(problems).toEqual([])
    }
  )

  it('takes the format from the .parquet extension', () => {
    expect(formatOf('data/labels.parquet')).toBe('parquet')
    expect(formatOf('data/LABELS.PARQUET')).toBe('parquet')
  })

  it('names the file, row and column of a null or empty id, and keeps a null label as empty', () => {
    const { rows, problems } = parquet('nulls.parquet')
    expect(problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [
        3,
        'item_id',
        "item is null (column 'item_id', row 3); the row is skipped"
      ],
      [
        5,
        'annotator',
        "annotator is empty (column 'annotator', row 5); the row is skipped"
      ],
      [
        6,
        'item_id',
        "item is only white space (column 'item_id', row 6); the row is skipped"
      ]
    ])
    expect(problems.every((p) => p.file === 'data/nulls.parquet')).toBe(true)
    expect(rows).toEqual([
      ['i1', 'a', 'pos', 1],
      ['i1', 'b', 'pos', 2],
      ['i2', 'a', '', 4],
      ['i3', 'a', 'neg', 7],
      ['i3', 'b', 'neg', 8]
    ])
  })

  it('writes typed values as text: integers, doubles, booleans, timestamps', () => {
    const read = (label: string) =>
      parquet('typed.parquet', {
        item: 'item_id',
        annotator: 'annotator',
        label
      }).rows.map((r) => r[2])
    const first = parquet('typed.parquet').rows
    expect(first.map((r) => r.slice(0, 2))).toEqual([
      ['1', 'a'],
      ['1', 'b'],
      ['2', 'a'],
      ['2', 'b']
    ])
    expect(read('label')).toEqual(['3', '3', '1', '2'])
    expect(read('score')).toEqual(['0.5', '1', '2.25', '0'])
    expect(read('flag')).toEqual(['true', 'false', 'true', ''])
    expect(read('labeled_at')).toEqual([
      '2024-05-01T10:00:00.000Z',
      '2024-05-01T10:00:01.500Z',
      '2024-05-02T00:00:00.000Z',
      '2024-05-02T23:59:59.999Z'
    ])
  })

  it('stops on a missing column, naming the file, the column and the columns found', () => {
    expect(
      userError(() =>
        parquet('small.parquet', {
          item: 'item_id',
          annotator: 'worker',
          label: 'label'
        })
      )
    ).toBe(
      "data/small.parquet: missing column 'worker' (found: item_id, annotator, label); set fields.annotator in the config"
    )
  })

  it('stops on a list column, which is not one value per row', () => {
    expect(userError(() => parquet('lists.parquet'))).toBe(
      "data/lists.parquet: field 'label': column 'label' holds lists or nested records, not one value per row; labelgate reads plain columns (set fields.label to one)"
    )
  })

  it('reads a JSON column: a string or number is a value, an array is a problem at its row', () => {
    const { rows, problems } = parquet('json-labels.parquet')
    expect(rows).toEqual([
      ['i1', 'a', 'pos', 1],
      ['i2', 'a', '7', 2]
    ])
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [
        3,
        "label is not a plain value (a list, map or object) (column 'label', row 3); the row is skipped"
      ]
    ])
  })

  it('refuses a footer declaring 10^12 rows before allocating anything', () => {
    expect(userError(() => parquet('hostile-rows.parquet'))).toBe(
      'data/hostile-rows.parquet: declares 1,000,000,000,000 rows; labelgate reads at most 100,000,000 per file (split it into several files)'
    )
  })

  it('refuses pages that declare more values than their row group has rows', () => {
    expect(userError(() => parquet('hostile-pages.parquet'))).toBe(
      "data/hostile-pages.parquet: is not a readable Parquet file: column 'item_id' declares more values than its row group's 1 rows"
    )
  })

  it('gives one line for a truncated, a corrupted and a non-Parquet file', () => {
    const bytes = fixture('parquet/snow_rte-snappy.parquet')
    const truncated = bytes.subarray(0, bytes.length - 100)
    expect(
      userError(() => readBytes(truncated, 'data/t.parquet', 'parquet'))
    ).toBe(
      'data/t.parquet: is not a Parquet file (it does not begin and end with PAR1); set format: to the file’s real format'
    )
    // Every byte of the first column chunk's pages flipped: the decoder
    // fails somewhere inside, and the message is still one line.
    const flipped = Uint8Array.from(bytes)
    for (let i = 4; i < 2000; i++) flipped[i] = flipped[i]! ^ 0x5a
    const message = userError(() =>
      readBytes(flipped, 'data/f.parquet', 'parquet')
    )
    expect(message).toMatch(
      /^data\/f\.parquet: is not a readable Parquet file: /
    )
    expect(message).not.toContain('\n')
    const footer = Uint8Array.from(bytes)
    footer.fill(0xff, bytes.length - 300, bytes.length - 8)
    expect(
      userError(() => readBytes(footer, 'data/g.parquet', 'parquet'))
    ).toMatch(/^data\/g\.parquet: is not a readable Parquet file: /)
    expect(
      userError(() =>
        readBytes(
          new TextEncoder().encode('item_id,annotator,label\ni1,a,x\n'),
          'data/c.parquet',
          'parquet'
        )
      )
    ).toMatch(/is not a Parquet file/)
  })

  it('names an LFS pointer that reached it unresolved', () => {
    const pointer = new TextEncoder().encode(
      'version https://git-lfs.github.com/spec/v1\noid sha256:' +
        '0'.repeat(64) +
        '\nsize 12\n'
    )
    expect(
      userError(() => readBytes(pointer, 'data/p.parquet', 'parquet'))
    ).toMatch(/^data\/p\.parquet:1: is a Git LFS pointer/)
  })
})

describe('readReferenceFile: Parquet', () => {
  it('reads gold labels as the CSV holds them', () => {
    const builder = new ReferenceTableBuilder()
    const problems: Problem[] = []
    readReferenceFile(
      fixture('parquet/snow_rte-gold.parquet'),
      'data/gold.parquet',
      'parquet',
      { item: 'item_id', label: 'label' },
      builder,
      problems
    )
    const table = builder.finish()
    const rows: string[][] = []
    for (let r = 0; r < table.size; r++) {
      rows.push([
        table.items.values[table.item[r]!]!,
        table.labels.values[table.label[r]!]!
      ])
    }
    expect(rows).toEqual(csvRows('data/snow_rte/gold.csv'))
    expect(problems).toEqual([])
  })
})
