import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ProblemLog } from '../../src/formats/problem-log.js'
import { checkLineage } from '../../src/governance/lineage.js'
import {
  ElementTableBuilder,
  type ElementTable
} from '../../src/structured/element-table.js'
import { readLabelStudioBoxes } from '../../src/structured/box/read-label-studio-boxes.js'
import { readLabelStudioSpans } from '../../src/structured/span/read-label-studio-spans.js'
import { DEFAULT_SPAN_OPTIONS } from '../../src/structured/span/span-options.js'
import { SpanSink } from '../../src/structured/span/span-sink.js'

const file = (p: string) =>
  new Uint8Array(readFileSync(path.join(process.cwd(), p)))
const FIELDS = ['labeled_at', 'tool', 'lead_time', 'pmid']

/** Row r's lineage field `name` as read. */
const value = (t: ElementTable, name: string, r: number) => {
  const c = t.extras.get(name)!
  return c.values.value(c.code[r]!)
}

const check = (t: ElementTable) =>
  checkLineage(
    {
      row: Int32Array.from({ length: t.size }, (_, r) => r),
      annotator: t.annotator,
      nAnnotators: t.annotators.size
    },
    t,
    () => true,
    {
      required: ['labeled_at', 'tool'],
      timestamp: 'labeled_at',
      scope: 'all',
      severity: 'warning'
    }
  )

describe('lineage fields of Label Studio exports of spans and boxes', () => {
  it('the PICO crowd export (examples/spans): tool and task data, no created_at', () => {
    const builder = new ElementTableBuilder('span', undefined, FIELDS)
    readLabelStudioSpans(
      file('examples/spans/data/crowd.json'),
      0,
      'crowd.json',
      new SpanSink(builder, new ProblemLog(), DEFAULT_SPAN_OPTIONS)
    )
    const t = builder.finish()
    expect(t.size).toBeGreaterThan(100)
    for (let r = 0; r < t.size; r++) {
      expect(value(t, 'tool', r)).toBe('label-studio')
      expect(value(t, 'labeled_at', r)).toBe('')
      // pmid is a task data key: the item's id again.
      expect(value(t, 'pmid', r)).toBe(t.items.value(t.item[r]!))
    }
    const { report, problems } = check(t)
    expect(report).toMatchObject({
      checked: t.size,
      missing: { labeled_at: t.size, tool: 0 },
      tools: { 'label-studio': t.size },
      first: null
    })
    // The first problem is at the line where the first annotation's object starts.
    expect(problems[0]).toMatchObject({
      severity: 'warning',
      file: 'crowd.json',
      line: t.line[0],
      field: 'labeled_at'
    })
    const text = readFileSync('examples/spans/data/crowd.json', 'utf8')
    expect(text.split('\n')[t.line[0]! - 1]!.trim()).toBe('{')
    const after = text.split('\n').slice(t.line[0]!, t.line[0]! + 3)
    expect(after.join('\n')).toMatch(/"completed_by"/)
  })

  it('the boxes fixture: created_at as labeled_at, lead_time, one row per annotation', () => {
    const builder = new ElementTableBuilder('box', undefined, FIELDS)
    readLabelStudioBoxes(
      file('__fixtures__/boxes/label-studio/boxes.json'),
      0,
      'ls.json',
      { itemKey: 'image_id' },
      builder,
      new ProblemLog()
    )
    const t = builder.finish()
    const rows = Array.from({ length: t.size }, (_, r) => [
      t.items.value(t.item[r]!),
      t.annotators.value(t.annotator[r]!),
      value(t, 'labeled_at', r),
      value(t, 'lead_time', r),
      t.line[r]
    ])
    expect(rows).toEqual([
      [
        'street_0001.jpg',
        'alice@example.com',
        '2024-05-02T10:11:12.000000Z',
        '31.2',
        6
      ],
      ['street_0001.jpg', '12', '', '', 37],
      ['street_0002.jpg', '12', '', '', 71]
    ])
    const { report } = check(t)
    expect(report).toMatchObject({
      checked: 3,
      missing: { labeled_at: 2, tool: 0 },
      invalid_timestamps: 0,
      first: '2024-05-02T10:11:12.000Z'
    })
  })
})
