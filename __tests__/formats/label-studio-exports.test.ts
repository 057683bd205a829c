import { describe, expect, it } from '@jest/globals'
import type { Format } from '../../src/config/schema.js'
import type { ReadOptions } from '../../src/formats/read-options.js'
import { readReferenceFile } from '../../src/formats/read-reference.js'
import type { Problem } from '../../src/model/problem.js'
import { ReferenceTableBuilder } from '../../src/model/reference-table.js'
import { readExport, type Fields } from './export-helpers.js'
import { fixture, userError } from './helpers.js'

const ls = (name: string) => fixture(`formats/label-studio/${name}`)
const read = (
  name: string,
  format: Format,
  options: ReadOptions = {},
  fields: Fields = { label: 'sentiment' },
  extras: string[] = []
) => readExport(ls(name), `data/${name}`, format, fields, extras, options)
const encode = (t: string) => new TextEncoder().encode(t)

/** The rows without their lines: what the three exports share. */
const records = (rows: (string | number)[][]) =>
  rows.map(([item, annotator, label]) => [item, annotator, label])

describe('Label Studio JSON-MIN export (label-studio-min)', () => {
  it('maps one flat record per annotation: id, annotator, the control named by fields.label', () => {
    const { rows, problems } = read('sentiment-min.json', 'label-studio-min')
    expect(rows).toEqual([
      ['101', '1', 'Positive', 2],
      ['101', 'alice@example.com', 'Positive', 13],
      ['102', '1', 'Negative', 24],
      ['103', 'alice@example.com', 'Neutral', 58]
    ])
    expect(
      problems.map((p) => [p.severity, p.line, p.field, p.message])
    ).toEqual([
      [
        'error',
        35,
        'sentiment',
        "2 choices for control 'sentiment': multi-label is not supported yet; the record is skipped"
      ],
      [
        'error',
        48,
        'sentiment',
        "annotation has no result for control 'sentiment'; the record is skipped"
      ],
      [
        'warning',
        13,
        'annotator',
        "annotators appear both as user ids and as emails; 1 email (first here: 'alice@example.com') is linked by no {id, email} user object in the file and kept as written, so one person may count as two annotators (annotator_key: id)"
      ]
    ])
  })

  it('gives the lineage fields: labeled_at = created_at, lead_time, annotation_id, tool, data keys', () => {
    const { rows } = read(
      'sentiment-min.json',
      'label-studio-min',
      {},
      undefined,
      ['labeled_at', 'lead_time', 'annotation_id', 'tool', 'text_id']
    )
    expect(rows[0]!.slice(4)).toEqual([
      '2025-03-04T09:12:01.482913Z',
      '6.214',
      '11',
      'label-studio',
      't-001'
    ])
  })

  it('takes the item from a task data key', () => {
    const { rows } = read(
      'sentiment-min.json',
      'label-studio-min',
      {},
      {
        label: 'sentiment',
        item: 'data.text_id'
      }
    )
    expect(rows.map((r) => r[0])).toEqual(['t-001', 't-001', 't-002', 't-003'])
  })

  it('stops on a control no record has, listing the keys', () => {
    expect(
      userError(() => read('sentiment-min.json', 'label-studio-min', {}, {}))
    ).toBe(
      "data/sentiment-min.json:2: missing key 'label' (the choices control's from_name) (found: text, text_id, id, sentiment, annotator, annotation_id, created_at, updated_at, lead_time); set fields.label in the config"
    )
  })

  it('refuses fields.annotator (the export names the annotator itself)', () => {
    expect(
      userError(() =>
        read(
          'sentiment-min.json',
          'label-studio-min',
          {},
          {
            label: 'sentiment',
            annotator: 'user'
          }
        )
      )
    ).toContain("remove fields.annotator ('user')")
  })
})

describe('Label Studio CSV export (label-studio-csv)', () => {
  const min = records(read('sentiment-min.json', 'label-studio-min').rows)

  it('reads the same records as the JSON-MIN export, at their rows', () => {
    const { rows, problems } = read('sentiment.csv', 'label-studio-csv')
    expect(records(rows)).toEqual(min)
    expect(rows.map((r) => r[3])).toEqual([2, 3, 4, 7])
    expect(problems.map((p) => [p.line, p.message.split(';')[0]])).toEqual([
      [
        5,
        "2 choices for control 'sentiment': multi-label is not supported yet"
      ],
      [6, "annotation has no result for control 'sentiment'"],
      [3, 'annotators appear both as user ids and as emails']
    ])
  })

  it('reads the TSV export with delimiter: "\\t"', () => {
    const { rows } = read('sentiment.tsv', 'label-studio-csv', {
      delimiter: '\t'
    })
    expect(records(rows)).toEqual(min)
  })

  it('keeps a label that starts with a brace but is not JSON', () => {
    const csv =
      'id,sentiment,annotator\n1,{not json,7\n2,"{""choices"": [""a""]}",7\n'
    const { rows, problems } = readExport(
      encode(csv),
      'data/x.csv',
      'label-studio-csv',
      { label: 'sentiment' }
    )
    expect(rows).toEqual([
      ['1', '7', '{not json', 2],
      ['2', '7', 'a', 3]
    ])
    expect(problems).toEqual([])
  })

  it('names the delimiter to set when the export was written with another one', () => {
    expect(
      userError(() =>
        readExport(
          encode('id;sentiment;annotator\n1;a;7\n'),
          'data/x.csv',
          'label-studio-csv',
          { label: 'sentiment' }
        )
      )
    ).toBe(
      "data/x.csv:1: field 'delimiter': missing column 'annotator': the header is separated by ';', not ','; set delimiter: ';' in the config"
    )
  })
})

describe('completed_by as an id and as {id, email}: one person, one annotator', () => {
  // Dana is completed_by 7 in two annotations and {id: 7, email} in two.
  const annotators = (options: ReadOptions) =>
    new Set(
      read('ground-truth.json', 'label-studio', options).rows.map((r) => r[1])
    )

  it('keys by id by default', () => {
    const { rows, problems } = read('ground-truth.json', 'label-studio')
    expect(annotators({})).toEqual(new Set(['7', '8', '9']))
    expect(rows.filter((r) => r[1] === '7')).toHaveLength(4)
    expect(problems).toEqual([])
  })

  it('keys by email with annotator_key: email, through the links the objects give', () => {
    const { rows, problems } = read('ground-truth.json', 'label-studio', {
      annotatorKey: 'email'
    })
    expect(new Set(rows.map((r) => r[1]))).toEqual(
      new Set(['dana@example.com', '8', 'omar@example.com'])
    )
    expect(rows.filter((r) => r[1] === 'dana@example.com')).toHaveLength(4)
    // 8 has no email anywhere, but no unlinked email could be 8: no warning.
    expect(problems).toEqual([])
  })

  it('links JSON-MIN ids and emails only where the file links them, and warns otherwise', () => {
    const min = JSON.stringify([
      { id: 1, s: 'a', annotator: 7 },
      { id: 2, s: 'a', annotator: 'dana@example.com' }
    ])
    const { rows, problems } = readExport(
      encode(min),
      'data/min.json',
      'label-studio-min',
      { label: 's' },
      [],
      { annotatorKey: 'email' }
    )
    expect(rows.map((r) => r[1])).toEqual(['7', 'dana@example.com'])
    expect(problems[0]!.message).toBe(
      "annotators appear both as user ids and as emails; 1 id (first here: '7') is linked by no {id, email} user object in the file and kept as written, so one person may count as two annotators (annotator_key: email)"
    )
  })
})

describe('ground_truth annotations', () => {
  const gold = (options: ReadOptions = {}) => {
    const builder = new ReferenceTableBuilder()
    const problems: Problem[] = []
    readReferenceFile(
      ls('ground-truth.json'),
      'data/ground-truth.json',
      'label-studio',
      { item: 'item_id', label: 'sentiment' },
      builder,
      problems,
      options
    )
    const t = builder.finish()
    const rows: [string, string, number][] = []
    for (let r = 0; r < t.size; r++) {
      rows.push([
        t.items.value(t.item[r]!),
        t.labels.value(t.label[r]!),
        t.line[r]!
      ])
    }
    return { rows, problems }
  }

  it('are the reference: item and label of each annotation marked ground_truth, at its line', () => {
    expect(gold()).toEqual({
      rows: [
        ['201', 'Positive', 77],
        ['202', 'Negative', 220],
        ['204', 'Negative', 460]
      ],
      problems: []
    })
  })

  it('are left out of the ratings of the dataset whose reference they are, with one warning', () => {
    const { rows, problems } = read('ground-truth.json', 'label-studio', {
      groundTruth: 'skip'
    })
    expect(rows).toHaveLength(8)
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['7', '8']))
    expect(problems).toEqual([
      {
        severity: 'warning',
        file: 'data/ground-truth.json',
        line: 77,
        field: 'ground_truth',
        message:
          '3 ground-truth annotations are the reference, not ratings (reference.ground_truth); first here'
      }
    ])
  })

  it('stop the run when an export has none', () => {
    const builder = new ReferenceTableBuilder()
    expect(
      userError(() =>
        readReferenceFile(
          fixture('formats/label-studio/sentiment.json'),
          'data/sentiment.json',
          'label-studio',
          { item: 'item_id', label: 'label' },
          builder,
          []
        )
      )
    ).toBe(
      "data/sentiment.json: field 'ground_truth': has no annotation marked ground_truth: true (star the trusted annotations in Label Studio, then export again)"
    )
  })
})
