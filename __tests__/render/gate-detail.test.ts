import { describe, expect, it } from '@jest/globals'
import { gateDetail } from '../../src/render/shared/gate-detail.js'
import type { GateResult } from '../../src/report/types.js'
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
