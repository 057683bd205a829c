import { describe, expect, it } from '@jest/globals'
import { modelMetricsSchema } from '../../src/config/schema.js'
import {
  readModelMetrics,
  resolvePointer
} from '../../src/history/model-metrics.js'
import { rankCorrelations } from '../../src/history/rank-correlations.js'
import type { HistoryRecord } from '../../src/history/types.js'

const config = (c: object) => modelMetricsSchema.parse(c)

describe('model metrics files', () => {
  it('reads JSON values by JSON pointer (RFC 6901), null where absent or not a number', () => {
    const text = JSON.stringify({
      test: { f1: 0.81, 'a/b': 0.5, 'm~n': 0.25, list: [0.1, 0.2] },
      note: 'x'
    })
    expect(
      readModelMetrics(
        text,
        'eval.json',
        config({
          path: 'eval.json',
          values: {
            f1: '/test/f1',
            slash: '/test/a~1b',
            tilde: '/test/m~0n',
            second: '/test/list/1',
            missing: '/test/recall',
            text: '/note',
            proto: '/__proto__'
          }
        })
      )
    ).toEqual({
      f1: 0.81,
      slash: 0.5,
      tilde: 0.25,
      second: 0.2,
      missing: null,
      text: null,
      proto: null
    })
    expect(resolvePointer([1, 2], '/01')).toBeUndefined()
  })

  it('reads the last CSV row, or the last row matching the row rule', () => {
    const text =
      'split,f1,acc\r\ntest,0.7,0.8\r\nval,0.9,0.95\r\ntest,"0.75",0.82\r\nval,0.91,0.96\r\n'
    expect(
      readModelMetrics(
        text,
        'eval.csv',
        config({ path: 'eval.csv', values: { f1: 'f1' } })
      )
    ).toEqual({ f1: 0.91 })
    expect(
      readModelMetrics(
        text,
        'eval.csv',
        config({
          path: 'eval.csv',
          values: { f1: 'f1', acc: 'acc', none: 'recall' },
          row: { column: 'split', equals: 'test' }
        })
      )
    ).toEqual({ f1: 0.75, acc: 0.82, none: null })
  })

  it('names the file when it does not parse, and the config rejects a pointer without /', () => {
    expect(() =>
      readModelMetrics(
        '{',
        'models/eval.json',
        config({ path: 'models/eval.json', values: { f1: '/f1' } })
      )
    ).toThrow(/not valid JSON/)
    expect(
      modelMetricsSchema.safeParse({ path: 'eval.json', values: { f1: 'f1' } })
        .success
    ).toBe(false)
    expect(
      modelMetricsSchema.safeParse({
        path: 'eval.json',
        values: { f1: '/f1' },
        row: { column: 'a', equals: 'b' }
      }).success
    ).toBe(false)
  })
})

// The statistic itself is pinned to scipy in __tests__/metrics/rank-correlation.test.ts.
describe("the history's rank correlations (label metric against model metric)", () => {
  const record = (alpha: number | null, f1: number | null): HistoryRecord =>
    ({
      metrics: { krippendorff_alpha: { value: alpha } },
      model_metrics: { f1 }
    }) as unknown as HistoryRecord

  it('uses only versions where both values are defined (scipy.stats.spearmanr on the rest)', () => {
    // scipy.stats.spearmanr([1,2,3,4,5],[5,6,7,8,7]) -> 0.8207826816681233
    const records = [
      record(1, 5),
      record(null, 9),
      record(2, 6),
      record(3, 7),
      record(4, null),
      record(4, 8),
      record(5, 7)
    ]
    const [c] = rankCorrelations(records)
    expect(c?.label_metric).toBe('krippendorff_alpha')
    expect(c?.model_metric).toBe('f1')
    expect(c?.n).toBe(5)
    expect(c?.rho).toBeCloseTo(0.8207826816681233, 12)
  })

  it('is undefined with a reason at 2 versions with both values', () => {
    const [c] = rankCorrelations([record(1, 1), record(2, 2), record(3, null)])
    expect(c).toEqual({
      label_metric: 'krippendorff_alpha',
      model_metric: 'f1',
      rho: null,
      n: 2,
      reason: '2 versions with both values (at least 3 needed)'
    })
  })
})
