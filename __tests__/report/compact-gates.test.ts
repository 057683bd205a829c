import { describe, expect, it } from '@jest/globals'
import { compactAnnotatorGates } from '../../src/render/shared/compact-gates.js'
import { renderMarkdown } from '../../src/render/markdown/render-markdown.js'
import { renderTerminal } from '../../src/render/terminal/render-terminal.js'
import { schemaChangeText } from '../../src/render/shared/schema-change-text.js'
import type { GateResult } from '../../src/report/types.js'
import { loadReport } from './report-fixtures.js'

const row = (
  annotator: string | undefined,
  status: GateResult['status']
): GateResult => ({
  metric: annotator === undefined ? 'accuracy' : 'annotator.accuracy',
  bound: 'min',
  threshold: 0.8,
  value: status === 'pass' ? 0.9 : 0.5,
  status,
  severity: 'error',
  message: 'm',
  ...(annotator === undefined ? {} : { annotator })
})

describe('compactAnnotatorGates', () => {
  it('keeps failing annotator rows and folds the passing ones into one row', () => {
    const gates = [
      row(undefined, 'pass'),
      row('a', 'pass'),
      row('b', 'fail'),
      row('c', 'pass'),
      row('d', 'pass')
    ]
    const out = compactAnnotatorGates(gates)
    expect(
      out.map((g) => [g.metric, g.annotator, g.status, g.message])
    ).toEqual([
      ['accuracy', undefined, 'pass', 'm'],
      ['annotator.accuracy', 'b', 'fail', 'm'],
      ['annotator.accuracy', undefined, 'pass', '3 annotators pass']
    ])
    // The input rows are not changed.
    expect(gates[1]!.annotator).toBe('a')
  })

  it('keeps a single passing row as it is', () => {
    const gates = [row('a', 'fail'), row('b', 'pass')]
    expect(compactAnnotatorGates(gates)).toEqual(gates)
  })

  it('is used by both renderers', () => {
    const report = loadReport('passing')
    const d = report.datasets[0]!
    d.gates = Array.from({ length: 120 }, (_, i) =>
      row(`ann_${i}`, i === 7 ? 'fail' : 'pass')
    )
    const md = renderMarkdown(report)
    expect(md).toContain('119 annotators pass')
    expect(md).toContain('ann\\_7')
    expect(md).not.toContain('ann\\_8')
    const text = renderTerminal(report, { color: false })
    expect(text).toContain('119 annotators pass')
    expect(text).not.toContain('ann_8 ')
  })
})

describe('schemaChangeText', () => {
  it('says what the migration did', () => {
    expect(
      schemaChangeText(
        {
          from_version: 1,
          to_version: 2,
          added: ['mixed'],
          removed: ['spam'],
          renamed: [{ from: 'pos', to: 'positive' }],
          affected_annotations: 12
        },
        (t) => `'${t}'`
      )
    ).toBe(
      "v1 → v2: renamed 'pos' → 'positive'; added 'mixed'; removed 'spam' (12 base annotations renamed before the diff)"
    )
  })
})
