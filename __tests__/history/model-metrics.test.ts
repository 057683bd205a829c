import { describe, expect, it } from '@jest/globals'
import { modelMetricsSchema } from '../../src/config/schema.js'
import {
  readModelMetrics,
  resolvePointer
} from '../../src/history/model-metrics.js'
import { ranks, spearman } from '../../src/history/spearman.js'

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

describe("Spearman's rank correlation", () => {
  it('gives average ranks to ties', () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1])
  })

  it('matches scipy.stats.spearmanr on a textbook example', () => {
    // scipy.stats.spearmanr([1,2,3,4,5],[5,6,7,8,7]) -> 0.8207826816681233
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).rho).toBeCloseTo(
      0.8207826816681233,
      12
    )
    expect(spearman([1, 2, 3], [3, 2, 1]).rho).toBe(-1)
  })

  it('is undefined with fewer than 3 pairs or a constant side', () => {
    expect(spearman([1, 2], [1, 2])).toEqual({
      rho: null,
      reason: '2 versions with both values; needs at least 3'
    })
    expect(spearman([1, 2, 3], [4, 4, 4]).rho).toBeNull()
  })
})
