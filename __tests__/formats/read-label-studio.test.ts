import { describe, expect, it } from '@jest/globals'
import { formatOf } from '../../src/formats/format-of.js'
import { annotationLines } from '../../src/formats/label-studio-export.js'
import { readExport, type Fields } from './export-helpers.js'
import { fixture, userError } from './helpers.js'

const ls = (name: string) => `formats/label-studio/${name}`
const read = (name: string, fields: Fields = {}, extras: string[] = []) =>
  readExport(fixture(ls(name)), `data/${name}`, 'label-studio', fields, extras)
const text = (t: string, fields: Fields = {}) =>
  readExport(new TextEncoder().encode(t), 'data/x.json', 'label-studio', fields)

describe('Label Studio JSON export', () => {
  it('maps one record per annotation: task id, completed_by, the single choice, at the annotation line', () => {
    const { rows, problems } = read('sentiment.json')
    expect(rows).toEqual([
      ['101', '1', 'Positive', 5],
      ['101', '2', 'Positive', 40],
      ['102', '1', 'Negative', 128],
      ['102', '3', 'Negative', 163],
      ['103', '2', 'Neutral', 250],
      ['103', '3', 'Positive', 285]
    ])
    // The cancelled annotation (line 203) is skipped with one warning.
    expect(problems).toEqual([
      {
        severity: 'warning',
        file: 'data/sentiment.json',
        line: 203,
        field: 'was_cancelled',
        message:
          '1 cancelled annotation (was_cancelled: true) skipped; first here'
      }
    ])
  })

  it('takes the item from a task data key when fields.item names one', () => {
    expect(read('sentiment.json', { item: 'data.text_id' }).rows[0]).toEqual([
      't-001',
      '1',
      'Positive',
      5
    ])
    expect(read('sentiment.json', { item: 'text_id' }).rows[2]![0]).toBe(
      't-002'
    )
  })

  it('produces lineage fields: labeled_at = created_at, tool, lead_time, and raw keys', () => {
    const { rows } = read('sentiment.json', {}, [
      'labeled_at',
      'tool',
      'lead_time',
      'ground_truth',
      'text_id'
    ])
    expect(rows[0]).toEqual([
      '101',
      '1',
      'Positive',
      5,
      '2024-03-14T09:41:17.373164Z',
      'label-studio',
      '12.481',
      'false',
      't-001'
    ])
  })

  it('uses completed_by id when the object has no email', () => {
    const t = JSON.stringify([
      {
        id: 1,
        data: {},
        annotations: [
          {
            completed_by: { id: 9 },
            result: [
              { from_name: 's', type: 'choices', value: { choices: ['a'] } }
            ]
          }
        ]
      }
    ])
    expect(text(t).rows).toEqual([['1', '9', 'a', 1]])
  })

  it('reports each annotation it cannot map at the line where it starts, and keeps the rest', () => {
    const { rows, problems } = read('problems.json')
    expect(rows).toEqual([['202', '4', 'Negative', 190]])
    expect(
      problems.map((p) => [p.line, p.field, p.severity, p.message])
    ).toEqual([
      [
        5,
        'result',
        'error',
        "2 choices for control 'sentiment': multi-label is not supported yet; the record is skipped"
      ],
      [
        41,
        'completed_by',
        'error',
        'annotation has no completed_by (annotator); the record is skipped'
      ],
      [
        100,
        'result',
        'error',
        "result for control 'sentiment' has no choices; the record is skipped"
      ],
      [
        133,
        'result',
        'error',
        "result type 'textarea' for control 'sentiment' is not supported (only choices); the record is skipped"
      ],
      [
        168,
        'result',
        'error',
        "annotation has no result for control 'sentiment'; the record is skipped"
      ]
    ])
    expect(problems.every((p) => p.file === 'data/problems.json')).toBe(true)
  })

  it('chooses the control named by fields.label among several', () => {
    expect(read('two-controls.json', { label: 'topic' }).rows).toEqual([
      ['301', '1', 'Battery', 5],
      ['301', '2', 'Support', 52]
    ])
    expect(read('two-controls.json', { label: 'sentiment' }).rows).toEqual([
      ['301', '1', 'Negative', 5],
      ['301', '2', 'Negative', 52]
    ])
  })

  it('stops the run when several choice controls exist and none is named', () => {
    expect(userError(() => read('two-controls.json'))).toBe(
      "data/two-controls.json: field 'fields.label': several choices controls (from_name: sentiment, topic); set fields.label to the one to check"
    )
  })

  it('stops the run when fields.label names no control, with a did-you-mean', () => {
    expect(
      userError(() => read('two-controls.json', { label: 'topics' }))
    ).toBe(
      "data/two-controls.json: field 'fields.label': no annotation result has from_name 'topics' (found: sentiment, topic); set fields.label to the choices control's from_name; did you mean 'topic'?"
    )
  })

  it('stops the run on a wrong annotator mapping, a non-array export, bad JSON and a lineage key no annotation has', () => {
    expect(
      userError(() => read('sentiment.json', { annotator: 'worker' }))
    ).toContain('takes the annotator from completed_by')
    expect(userError(() => text('{"id": 1}'))).toBe(
      'data/x.json:1: expected the JSON array of tasks of a Label Studio export, found an object'
    )
    expect(userError(() => text('[\n  {"id": 1,}\n]'))).toMatch(
      /^data\/x\.json:2:\d+: invalid JSON/
    )
    expect(userError(() => read('sentiment.json', {}, ['reviewer']))).toContain(
      "missing key 'reviewer' in every record"
    )
  })

  it('reports a missing task data item key per annotation', () => {
    const { rows, problems } = read('sentiment.json', { item: 'data.doc' })
    expect(rows).toEqual([])
    expect(problems[0]).toEqual({
      severity: 'error',
      file: 'data/sentiment.json',
      line: 5,
      field: 'data.doc',
      message: "item is missing (task data key 'doc'); the record is skipped"
    })
  })

  it('is only chosen with format: (a .json file stays json)', () => {
    expect(formatOf('export/project-7.json')).toBe('json')
    expect(formatOf('export/project-7.json', 'label-studio')).toBe(
      'label-studio'
    )
    expect(formatOf('db-out.jsonl')).toBe('jsonl')
  })
})

describe('annotationLines', () => {
  it('finds task and annotation starts, ignoring predictions, nested arrays and strings with brackets', () => {
    const t = [
      '[',
      '  {"id": 1, "data": {"text": "a [b] {c}"}, "predictions": [{"x": 1}],',
      '   "annotations": [',
      '     {"id": 10},',
      '     {"id": 11, "result": [{"a": [1, 2]}]}',
      '   ]},',
      '  {"id": 2, "annotations": []},',
      '  {"id": 3, "annot\\u0061tions": [',
      '     {"id": 30}]}',
      ']'
    ].join('\n')
    expect(annotationLines(t)).toEqual({
      tasks: [2, 7, 8],
      annotations: [[4, 5], [], [9]]
    })
  })
})
