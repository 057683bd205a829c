import { describe, expect, it } from '@jest/globals'
import { orderGates } from '../../src/render/shared/gate-order.js'
import type { GateResult } from '../../src/report/types.js'

const gate = (over: Partial<GateResult>): GateResult => ({
  metric: 'annotator.accuracy',
  bound: 'min',
  threshold: 0.8,
  value: 0.5,
  status: 'fail',
  severity: 'error',
  message: '',
  ...over
})

describe('orderGates', () => {
  it("lists one gate's failing annotators worst first, gates in config order", () => {
    const rows = [
      gate({ metric: 'krippendorff_alpha', value: 0.7 }),
      gate({ annotator: 'a', value: 0.79 }),
      gate({ annotator: 'b', value: 0.4 }),
      gate({ annotator: 'c', value: null }),
      gate({
        metric: 'annotator.drift',
        bound: 'max_drop',
        threshold: 0.15,
        annotator: 'd0',
        value: 0.16
      }),
      gate({
        metric: 'annotator.drift',
        bound: 'max_drop',
        threshold: 0.15,
        annotator: 'd1',
        value: 0.19
      }),
      gate({ metric: 'error_rate', bound: 'max', threshold: 0.1, value: 0.2 })
    ]
    const failing = orderGates(rows).failing
    expect(failing.map((g) => g.annotator ?? g.metric)).toEqual([
      'krippendorff_alpha',
      'b',
      'a',
      'c',
      'd1',
      'd0',
      'error_rate'
    ])
  })
})
