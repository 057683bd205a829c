import { describe, expect, it } from '@jest/globals'
import { readBytes, readFixture, readText, userError } from './helpers.js'

describe('readAnnotationFile: CSV and TSV', () => {
  it('reads a BOM, CRLF line endings, quoted commas and UTF-8', () => {
    const { rows, problems } = readFixture('bom-crlf.csv', 'csv')
    expect(rows).toEqual([
      ['i1', 'a1', 'pos', 2],
      ['i2', 'a2', 'neg, really', 3],
      ['i3', 'a1', 'café', 4]
    ])
    expect(problems).toEqual([])
  })

  it('keeps line numbers right across newlines inside quoted fields', () => {
    const { rows } = readFixture('quoted-newlines.csv', 'csv')
    expect(rows).toEqual([
      ['i1', 'a1', 'pos', 2],
      ['i2', 'a1', 'neg', 4],
      ['i3', 'a2', 'pos', 6]
    ])
  })

  it('reads TSV with quoted tabs', () => {
    const { rows } = readFixture('records.tsv', 'tsv')
    expect(rows).toEqual([
      ['i1', 'a1', 'pos', 2],
      ['i2', 'a1', 'neg\tx', 3]
    ])
  })

  it('maps configured column names and ignores other columns', () => {
    const { rows } = readText(
      'note,id,worker,answer\nx,i1,w1,"a ""b"""\n',
      'csv',
      {
        item: 'id',
        annotator: 'worker',
        label: 'answer'
      }
    )
    expect(rows).toEqual([['i1', 'w1', 'a "b"', 2]])
  })

  it('skips blank lines and reads a last row without a final newline', () => {
    const { rows } = readText(
      'item_id,annotator,label\n\ni1,a1,x\r\n\r\ni2,a1,y'
    )
    expect(rows).toEqual([
      ['i1', 'a1', 'x', 3],
      ['i2', 'a1', 'y', 5]
    ])
  })

  it('interns repeated values once', () => {
    const { table } = readText(
      'item_id,annotator,label\ni1,a1,x\ni1,a2,x\n"i1",a1,"x"\n'
    )
    expect(table.items.values).toEqual(['i1'])
    expect(table.annotators.values).toEqual(['a1', 'a2'])
    expect(table.labels.values).toEqual(['x'])
    expect(Array.from(table.item)).toEqual([0, 0, 0])
  })

  it('reports empty item and annotator cells and skips the rows; keeps an empty label', () => {
    const { rows, problems } = readFixture('empty-cells.csv', 'csv')
    expect(rows).toEqual([
      ['i1', 'a1', 'pos', 2],
      ['i4', 'a2', '', 5]
    ])
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'data/empty-cells.csv',
        line: 3,
        field: 'item_id',
        message: "item is empty (column 'item_id'); the row is skipped"
      },
      {
        severity: 'error',
        file: 'data/empty-cells.csv',
        line: 4,
        field: 'annotator',
        message: "annotator is empty (column 'annotator'); the row is skipped"
      }
    ])
  })

  it('caps problems of one kind at 1,000 plus a summary line', () => {
    const text = 'item_id,annotator,label\n' + ',a1,x\n'.repeat(1500)
    const { problems } = readText(text)
    expect(problems).toHaveLength(1001)
    expect(problems[1000]).toEqual({
      severity: 'error',
      file: 'data/x.csv',
      line: 1002,
      message: '... and 500 more records without item'
    })
  })
})

describe('readAnnotationFile: input that stops the run', () => {
  const cases: [string, string, string][] = [
    [
      'unterminated-quote.csv',
      'csv',
      'data/unterminated-quote.csv:3:7: cannot parse: a quoted field opens here and is never closed'
    ],
    [
      'text-after-quote.csv',
      'csv',
      'data/text-after-quote.csv:2:12: cannot parse: a quoted field must end at a delimiter or the end of the line (write a quote inside a quoted field as "")'
    ],
    [
      'ragged-row.csv',
      'csv',
      'data/ragged-row.csv:3: row has 4 fields; the header has 3'
    ],
    [
      'missing-column.csv',
      'csv',
      "data/missing-column.csv:1: missing column 'item_id' (found: id, worker, answer); set fields.item in the config"
    ],
    [
      'empty.csv',
      'csv',
      'data/empty.csv: is empty; it has no annotation records'
    ],
    [
      'header-only.csv',
      'csv',
      'data/header-only.csv: has no annotation records'
    ],
    [
      'lfs-pointer.csv',
      'csv',
      'data/lfs-pointer.csv:1: is a Git LFS pointer, not the labels; the LFS content was not checked out (actions/checkout: lfs: true)'
    ],
    [
      'binary.csv',
      'csv',
      'data/binary.csv:2: is a binary file (it has a NUL byte in the first 8 KiB), not a text label file'
    ],
    [
      'invalid-utf8.csv',
      'csv',
      'data/invalid-utf8.csv:3: is not valid UTF-8 text (first invalid byte here)'
    ],
    [
      'invalid.json',
      'json',
      "data/invalid.json:3:49: invalid JSON: unexpected '}'"
    ],
    [
      'non-object-line.jsonl',
      'jsonl',
      'data/non-object-line.jsonl:2: a JSONL line must be one JSON object, found an array'
    ],
    [
      'non-object-element.json',
      'json',
      'data/non-object-element.json:1: a record must be a JSON object, found a number'
    ],
    [
      'object-not-array.json',
      'json',
      'data/object-not-array.json:1: expected a JSON array of records, found an object (use format: jsonl for one record per line)'
    ],
    [
      'empty-array.json',
      'json',
      'data/empty-array.json: has no annotation records'
    ],
    [
      'missing-key.jsonl',
      'jsonl',
      "data/missing-key.jsonl:1: missing key 'item_id' in every record (found: id, worker, label); set fields.item in the config"
    ]
  ]

  it.each(cases)('%s (%s)', (name, format, message) => {
    expect(userError(() => readFixture(name, format as 'csv'))).toBe(message)
  })

  it('names a close column in a missing-column error', () => {
    expect(
      userError(() => readText('item-id,annotator,label\ni1,a1,x\n'))
    ).toBe(
      "data/x.csv:1: missing column 'item_id' (found: item-id, annotator, label); set fields.item in the config; did you mean 'item-id'?"
    )
  })

  it('refuses a header that names a mapped column twice', () => {
    expect(
      userError(() => readText('item_id,annotator,label,label\ni1,a1,x,y\n'))
    ).toBe(
      "data/x.csv:1: column 'label' appears twice in the header (columns 3 and 4)"
    )
  })

  it('refuses UTF-16 and blank files', () => {
    expect(userError(() => readText('\uFEFFitem_id'))).toBe(
      "data/x.csv:1: missing column 'annotator' (found: item_id); set fields.annotator in the config"
    )
    const utf16 = new Uint8Array([0xff, 0xfe, 0x69, 0x00])
    expect(userError(() => readBytesOf(utf16))).toBe(
      'data/u.csv: is UTF-16 text; save it as UTF-8'
    )
    expect(userError(() => readText(' \r\n\n'))).toBe(
      'data/x.csv: is empty; it has no annotation records'
    )
  })

  it('names the line of an unterminated quote that spans lines', () => {
    expect(
      userError(() => readText('item_id,annotator,label\ni1,a1,x\ni2,"a\n\n'))
    ).toBe(
      'data/x.csv:3:4: cannot parse: a quoted field opens here and is never closed'
    )
  })
})

function readBytesOf(bytes: Uint8Array): unknown {
  return readBytes(bytes, 'data/u.csv', 'csv')
}

describe('readAnnotationFile: JSON and JSONL', () => {
  it('reads a JSON array with each record at the line of its {', () => {
    const { rows, problems } = readFixture('records.json', 'json')
    expect(rows).toEqual([
      ['i1', 'a1', 'pos', 2],
      ['i2', 'a1', 'neg, "really"\n[{', 7],
      ['3', 'a2', '0', 8],
      ['i5', 'a2', 'false', 9]
    ])
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'data/records.json',
        line: 9,
        field: 'label',
        message:
          "label is an object; multi-label values are not supported yet (key 'label'); the record is skipped"
      }
    ])
  })

  it('reads JSONL: canonical text for numbers and booleans, null label as empty', () => {
    const { rows, problems } = readFixture('records.jsonl', 'jsonl')
    expect(rows).toEqual([
      ['i1', 'a1', 'pos', 1],
      ['2', 'a1', 'true', 3],
      ['i3', 'a2', '', 4],
      ['i6', 'a2', '1.5', 7]
    ])
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [
        5,
        "label is an array; multi-label values are not supported yet (key 'label'); the record is skipped"
      ],
      [6, "item is missing (key 'item_id'); the record is skipped"]
    ])
  })

  it('gives line and column of invalid JSONL', () => {
    expect(
      userError(() =>
        readText(
          '{"item_id": "i1", "annotator": "a", "label": "x"}\n{"item_id": "i2",, }\n',
          'jsonl'
        )
      )
    ).toBe(
      "data/x.jsonl:2:18: invalid JSON: expected a key in double quotes, found ','"
    )
  })
})
