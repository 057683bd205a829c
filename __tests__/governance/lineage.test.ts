import { describe, expect, it } from '@jest/globals'
import {
  checkLineage,
  parseTimestamp,
  type LineageOptions
} from '../../src/governance/lineage.js'
import { AnnotationTableBuilder } from '../../src/model/annotation-table.js'
import { buildRatings } from '../../src/model/build-ratings.js'
import { lineageText } from '../../src/render/shared/lineage-text.js'

const NOW = new Date('2024-06-01T12:00:00Z')

/** Rows: item, annotator, label, tool, labeled_at; file data/l.csv, lines 2.. */
function check(
  rows: [string, string, string, string, string][],
  options: Partial<LineageOptions> = {},
  keep: (r: number) => boolean = () => true
) {
  const builder = new AnnotationTableBuilder(undefined, undefined, [
    'tool',
    'labeled_at'
  ])
  const file = builder.addFile('data/l.csv')
  rows.forEach(([i, a, l, tool, at], k) =>
    builder.add(i, a, l, file, k + 2, [tool, at])
  )
  const table = builder.finish()
  const { ratings } = buildRatings(table, { level: 'nominal' })
  return checkLineage(ratings, table, keep, {
    required: ['tool', 'labeled_at'],
    timestamp: 'labeled_at',
    scope: 'all',
    severity: 'error',
    now: NOW,
    ...options
  })
}

describe('parseTimestamp', () => {
  it('accepts ISO 8601 date-times with a zone', () => {
    expect(parseTimestamp('2024-05-01T12:00Z')).toBe(
      Date.UTC(2024, 4, 1, 12, 0)
    )
    expect(parseTimestamp('2024-05-01T12:00:30.5+02:00')).toBe(
      Date.UTC(2024, 4, 1, 10, 0, 30, 500)
    )
    expect(parseTimestamp('2024-03-14T09:41:17.373164Z')).toBe(
      Date.UTC(2024, 2, 14, 9, 41, 17, 373)
    )
    expect(parseTimestamp('2024-02-29T00:00:00-05:30')).toBe(
      Date.UTC(2024, 1, 29, 5, 30)
    )
  })

  it('says what is wrong otherwise', () => {
    const error = (t: string) => (parseTimestamp(t) as { error: string }).error
    expect(error('2024-05-01')).toMatch(/date only; it needs a time and a zone/)
    expect(error('2024-05-01T12:00:00')).toMatch(/^has no zone/)
    expect(error('2024-05-01T12:00:00+0200')).toMatch(/^has an invalid zone/)
    expect(error('2024-05-01T12:00:00+25:00')).toMatch(/^has an invalid zone/)
    expect(error('2024-05-01T12:00:00 UTC')).toMatch(/^has an invalid zone/)
    expect(error('2023-02-29T12:00Z')).toBe('is not a real date and time')
    expect(error('2024-05-01T24:00Z')).toBe('is not a real date and time')
    expect(error('yesterday')).toMatch(/^is not an ISO 8601 date-time/)
    expect(error('1714564800')).toMatch(/^is not an ISO 8601 date-time/)
  })
})

describe('checkLineage', () => {
  it('passes complete lineage and summarizes tools, annotators and the time span', () => {
    const { report, problems } = check([
      ['i1', 'a', 'x', 'label-studio', '2024-05-01T10:00:00Z'],
      ['i1', 'b', 'x', 'label-studio', '2024-05-02T10:00:00+02:00'],
      ['i2', 'a', 'y', 'prodigy', '2024-04-30T23:59:59.999Z']
    ])
    expect(problems).toEqual([])
    expect(report).toEqual({
      scope: 'all',
      required: ['tool', 'labeled_at'],
      timestamp: 'labeled_at',
      severity: 'error',
      checked: 3,
      missing: { tool: 0, labeled_at: 0 },
      invalid_timestamps: 0,
      future_timestamps: 0,
      incomplete: 0,
      tools: { 'label-studio': 2, prodigy: 1 },
      annotators: 2,
      first: '2024-04-30T23:59:59.999Z',
      last: '2024-05-02T08:00:00.000Z'
    })
    expect(lineageText(report, (t) => t)).toBe(
      'Lineage (all annotations): 3 checked · all with complete lineage · tools: label-studio 2, prodigy 1 · 2 annotators · 2024-04-30 23:59 UTC → 2024-05-02 08:00 UTC'
    )
  })

  it('reports missing and empty fields at file:line with the field', () => {
    const { report, problems } = check([
      ['i1', 'a', 'x', '', '2024-05-01T10:00:00Z'],
      ['i2', 'a', 'x', 'ls', '']
    ])
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'data/l.csv',
        line: 2,
        field: 'tool',
        message: "lineage field 'tool' is missing or empty (lineage.required)"
      },
      {
        severity: 'error',
        file: 'data/l.csv',
        line: 3,
        field: 'labeled_at',
        message:
          "lineage field 'labeled_at' is missing or empty (lineage.required)"
      }
    ])
    expect(report.missing).toEqual({ tool: 1, labeled_at: 1 })
    expect(report.incomplete).toBe(2)
    expect(report.tools).toEqual({ ls: 1 })
  })

  it('rejects a date-only value and a bad zone, with the reason', () => {
    const { report, problems } = check([
      ['i1', 'a', 'x', 't', '2024-05-01'],
      ['i2', 'a', 'x', 't', '2024-05-01T10:00:00+0200']
    ])
    expect(problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [
        2,
        'labeled_at',
        "labeled_at '2024-05-01' is a date only; it needs a time and a zone (ISO 8601, e.g. 2024-05-01T12:00:00Z)"
      ],
      [
        3,
        'labeled_at',
        "labeled_at '2024-05-01T10:00:00+0200' has an invalid zone; write Z or ±HH:MM (ISO 8601, e.g. 2024-05-01T12:00:00+02:00)"
      ]
    ])
    expect(report.invalid_timestamps).toBe(2)
    expect(report.first).toBeNull()
  })

  it('allows 5 minutes of clock skew, not more', () => {
    const { report, problems } = check([
      ['i1', 'a', 'x', 't', '2024-06-01T12:04:59Z'],
      ['i2', 'a', 'x', 't', '2024-06-01T12:05:01Z'],
      ['i3', 'a', 'x', 't', '2024-06-01T14:06:00+02:00']
    ])
    expect(problems.map((p) => p.line)).toEqual([3, 4])
    expect(problems[0]!.message).toBe(
      "labeled_at '2024-06-01T12:05:01Z' is in the future (more than 5 minutes after the check ran)"
    )
    expect(report.future_timestamps).toBe(2)
    expect(report.last).toBe('2024-06-01T12:04:59.000Z')
    // Without a clock, nothing is in the future.
    expect(
      check([['i1', 'a', 'x', 't', '2999-01-01T00:00Z']], { now: undefined })
        .problems
    ).toEqual([])
  })

  it('checks only the annotations in scope (keep), or all', () => {
    const rows: [string, string, string, string, string][] = [
      ['i1', 'a', 'x', '', '2024-05-01T10:00:00Z'],
      ['i2', 'a', 'x', '', '2024-05-01T10:00:00Z']
    ]
    const changed = check(rows, { scope: 'changed' }, (r) => r === 1)
    expect(changed.problems.map((p) => p.line)).toEqual([3])
    expect(changed.report).toMatchObject({ scope: 'changed', checked: 1 })
    expect(check(rows).problems.map((p) => p.line)).toEqual([2, 3])
  })

  it('uses the configured severity and caps problems at 1,000 of a kind', () => {
    const rows = Array.from(
      { length: 1005 },
      (_, i) =>
        [`i${i}`, 'a', 'x', '', '2024-05-01T10:00Z'] as [
          string,
          string,
          string,
          string,
          string
        ]
    )
    const { problems, report } = check(rows, { severity: 'warning' })
    expect(problems).toHaveLength(1001)
    expect(problems.every((p) => p.severity === 'warning')).toBe(true)
    expect(problems[1000]!.message).toBe(
      '... and 5 more annotations without tool'
    )
    expect(report.missing.tool).toBe(1005)
  })

  it('an empty timestamp that is not required is not checked', () => {
    const { problems } = check([['i1', 'a', 'x', 't', '']], {
      required: ['tool']
    })
    expect(problems).toEqual([])
  })
})
