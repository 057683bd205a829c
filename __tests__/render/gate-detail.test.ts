import { describe, expect, it } from '@jest/globals'
import { gateDetail } from '../../src/render/shared/gate-detail.js'
import type { GateResult } from '../../src/report/types.js'
import { renderTerminal } from '../../src/render/terminal/render-terminal.js'
import { loadReport } from '../report/report-fixtures.js'

const dataset = loadReport('passing').datasets[0]!

function annotatorRow(status: GateResult['status']): GateResult {
  return {
    metric: 'annotator.accuracy',
    bound: 'min',
    threshold: 0.3,
    value: 0.15,
    status,
    severity: 'error',
    annotator: 'A1757',
    message:
      status === 'pre_existing'
        ? 'A1757: 15.0% < min 30.0%; already breached at the base (15.0%) and not made worse by this change'
        : 'A1757: 15.0% < min 30.0%'
  }
}

describe('the detail beside a per-annotator gate row', () => {
  it.each(['fail', 'pre_existing', 'too_few_items'] as const)(
    'does not repeat the annotator, who has a place of their own (%s)',
    (status) => {
      const detail = gateDetail(dataset, annotatorRow(status))
      expect(detail.startsWith('15.0% < min 30.0%')).toBe(true)
      expect(detail).not.toContain('A1757')
    }
  )
})

describe('a long gate detail in the terminal', () => {
  it('keeps the closing count of a list it cuts', () => {
    const report = loadReport('passing')
    const ids = Array.from(
      { length: 5 },
      (_, i) => `A${i}XXXXXXXXXXXXXXXXXXXXXXXXXX (3)`
    )
    report.datasets[0]!.gates.push({
      metric: 'annotator.accuracy',
      bound: 'min',
      threshold: 0.2,
      value: null,
      status: 'too_few_items',
      severity: 'error',
      message: `42 annotators with fewer than min_items 5 reference items, not judged: ${ids.join(', ')}, and 37 more`
    })
    const out = renderTerminal(report, { color: false, width: 100 })
    expect(out).toMatch(/…,\s+and 37 more\n/)
  })
})

describe('the annotator table in the terminal', () => {
  it('claims no accuracy order when no annotator has an accuracy', () => {
    const report = loadReport('passing')
    const head = report.datasets[0]!.head
    expect(renderTerminal(report, { color: false })).toContain(
      ', lowest accuracy first)'
    )
    for (const a of Object.values(head.annotators))
      a.accuracy = {
        value: null,
        reason: 'no reference labels are configured'
      } as typeof a.accuracy
    const out = renderTerminal(report, { color: false })
    expect(out).toMatch(/^ {2}Annotators \(\d+\)$/m)
    expect(out).not.toContain('lowest accuracy first')
  })
})

describe('the n beside a judged gate', () => {
  it('has thousands separators, as every count in the report', () => {
    const row: GateResult = {
      metric: 'krippendorff_alpha',
      bound: 'min',
      threshold: 0.6,
      value: 0.7,
      status: 'pass',
      severity: 'error',
      n: 12345,
      message: '0.700 ≥ min 0.600'
    }
    expect(gateDetail(dataset, row)).toContain('n 12,345')
  })
})
