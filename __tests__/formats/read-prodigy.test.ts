import { describe, expect, it } from '@jest/globals'
import { timestampText } from '../../src/formats/read-prodigy.js'
import { readExport, type Fields } from './export-helpers.js'
import { fixture, userError } from './helpers.js'

const read = (name: string, fields: Fields = {}, extras: string[] = []) =>
  readExport(
    fixture(`formats/prodigy/${name}`),
    `data/${name}`,
    'prodigy',
    fields,
    extras
  )
const text = (lines: object[], fields: Fields = {}, extras: string[] = []) =>
  readExport(
    new TextEncoder().encode(lines.map((l) => JSON.stringify(l)).join('\n')),
    'data/x.jsonl',
    'prodigy',
    fields,
    extras
  )

describe('Prodigy JSONL', () => {
  it('choice tasks: item _input_hash, annotator _annotator_id, label the accepted option id', () => {
    const { rows, problems } = read('choice.jsonl')
    expect(rows).toEqual([
      ['-1385296392', 'reviews-alice', 'POSITIVE', 1],
      ['-1385296392', 'reviews-bob', 'POSITIVE', 2],
      ['2047120417', 'reviews-alice', 'NEGATIVE', 3],
      ['2047120417', 'reviews-bob', 'NEGATIVE', 4],
      ['-70716553', 'reviews-alice', 'NEUTRAL', 5]
    ])
    // ignore (line 6) and a rejected choice task (line 7): one warning each.
    expect(problems).toEqual([
      {
        severity: 'warning',
        file: 'data/choice.jsonl',
        line: 6,
        field: 'answer',
        message: '1 ignored answer (answer: ignore) skipped; first here'
      },
      {
        severity: 'warning',
        file: 'data/choice.jsonl',
        line: 7,
        field: 'answer',
        message:
          '1 rejected choice task (answer: reject, no option chosen) skipped; first here'
      }
    ])
  })

  it('binary tasks: the label is the answer, the task label goes to prodigy_label, the item is _task_hash', () => {
    const { rows, problems } = read('binary.jsonl', {}, ['prodigy_label'])
    expect(rows).toEqual([
      ['455102745', 'reviews-alice', 'accept', 1, 'POSITIVE'],
      ['-902110367', 'reviews-alice', 'reject', 2, 'NEGATIVE'],
      ['455102745', 'reviews-bob', 'accept', 3, 'POSITIVE'],
      ['1701337029', 'reviews-bob', 'reject', 4, 'POSITIVE']
    ])
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[5, 'warning']])
  })

  it('produces lineage: labeled_at from _timestamp (ISO 8601 UTC), tool, session, and raw or meta keys', () => {
    const { rows } = read('binary.jsonl', {}, [
      'labeled_at',
      'tool',
      'session',
      'score',
      '_view_id'
    ])
    expect(rows[0]).toEqual([
      '455102745',
      'reviews-alice',
      'accept',
      1,
      '2024-05-01T12:00:00Z',
      'prodigy',
      'reviews-alice',
      '0.81',
      'classification'
    ])
    expect(timestampText(1714564800.25)).toBe('2024-05-01T12:00:00.250Z')
    expect(timestampText('yesterday')).toBe('yesterday')
    expect(timestampText(undefined)).toBeNull()
  })

  it('takes the item and annotator from named keys (meta.x too)', () => {
    const { rows } = text(
      [
        {
          label: 'X',
          answer: 'accept',
          meta: { doc: 'd1' },
          worker: 'w1',
          _task_hash: 5
        }
      ],
      { item: 'meta.doc', annotator: 'worker' }
    )
    expect(rows).toEqual([['d1', 'w1', 'accept', 1]])
  })

  it('reports each task it cannot map at its line; falls back to _session_id', () => {
    const { rows, problems } = read('problems.jsonl')
    expect(rows).toEqual([['21', 'reviews-dan', 'NEGATIVE', 7]])
    expect(
      problems.map((p) => [p.line, p.field, p.severity, p.message])
    ).toEqual([
      [
        1,
        'accept',
        'error',
        '2 options accepted: multi-label is not supported yet; the record is skipped'
      ],
      [
        2,
        'accept',
        'error',
        'answer is accept but no option is in accept; the record is skipped'
      ],
      [
        3,
        'accept',
        'error',
        "accepted option 'LATE' is not among the task's options; the record is skipped"
      ],
      [
        4,
        '_session_id',
        'error',
        'the task has no _annotator_id or _session_id (annotator); the record is skipped'
      ],
      [
        5,
        'options',
        'error',
        'the task has neither options (a choice task) nor a label (a binary task); spans are not supported yet; the record is skipped'
      ],
      [6, 'answer', 'error', 'the task has no answer; the record is skipped']
    ])
  })

  it('stops the run on fields.label, bad JSON on a line, and a lineage key no task has', () => {
    expect(userError(() => read('choice.jsonl', { label: 'answer' }))).toBe(
      "field 'fields.label': format prodigy takes the label from accept (choice tasks) or answer (binary tasks); remove fields.label ('answer')"
    )
    expect(
      userError(() =>
        readExport(
          new TextEncoder().encode('{"answer": "accept"}\n{oops}\n'),
          'data/x.jsonl',
          'prodigy'
        )
      )
    ).toMatch(/^data\/x\.jsonl:2:2: invalid JSON/)
    expect(userError(() => read('choice.jsonl', {}, ['reviewer']))).toContain(
      "missing key 'reviewer' in every record"
    )
  })

  it('a file of ignored answers only has no records but is not an error', () => {
    const { rows, problems } = text([
      { answer: 'ignore', label: 'X', _task_hash: 1, _annotator_id: 'a' }
    ])
    expect(rows).toEqual([])
    expect(problems).toHaveLength(1)
  })
})
