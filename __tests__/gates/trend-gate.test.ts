import { describe, expect, it } from '@jest/globals'
import { datasetSchema, gateSchema } from '../../src/config/schema.js'
import { evaluateGates } from '../../src/gates/evaluate-gates.js'
import type { TrendSeries } from '../../src/gates/trend.js'
import type { GateResult, VersionReport } from '../../src/report/types.js'

function version(metric: string, value: number | null): VersionReport {
  return {
    counts: {
      items: 100,
      annotators: 2,
      annotations: 200,
      reference_items: 50
    },
    metrics: { [metric]: { value, n_items: 100 } },
    annotators: {},
    distribution: {},
    classes: [],
    confusion: null,
    pairwise: []
  }
}

const series = (metric: string, values: (number | null)[]): TrendSeries => ({
  points: values.map((value, i) => ({
    commit: `${i}`.padStart(40, '0'),
    date: `2024-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`,
    metrics: { [metric]: { value, n_items: 100 } }
  }))
})

function judge(
  metric: string,
  gate: object,
  head: number | null,
  trend: TrendSeries | null,
  options: { base?: number; judge?: 'change' | 'state' } = {}
): GateResult {
  const results = evaluateGates(
    { [metric]: gateSchema.parse(gate) },
    {
      head: version(metric, head),
      base: options.base === undefined ? null : version(metric, options.base),
      changed: null,
      judge: options.judge,
      trend
    }
  )
  expect(results).toHaveLength(1)
  return results[0]!
}

describe('max_decline (trend gate)', () => {
  const alpha = 'krippendorff_alpha'

  it('passes a head exactly max_decline below the best, fails one just below that', () => {
    const trend = series(alpha, [0.8, 0.83, 0.81])
    // 0.83 - 0.8 = 0.030000000000000027 in binary: the edge still passes.
    const edge = judge(alpha, { max_decline: 0.03 }, 0.8, trend)
    expect(edge.status).toBe('pass')
    expect(edge.trend_best).toEqual({
      value: 0.83,
      commit: '1'.padStart(40, '0'),
      date: '2024-01-02T00:00:00Z',
      versions: 3,
      window: 10
    })
    expect(judge(alpha, { max_decline: 0.03 }, 0.7999, trend).status).toBe(
      'fail'
    )
  })

  it('takes the best of the last window versions only', () => {
    const trend = series(alpha, [0.95, 0.8, 0.8, 0.8])
    expect(
      judge(alpha, { max_decline: 0.03, window: 3 }, 0.78, trend).status
    ).toBe('pass')
    expect(
      judge(alpha, { max_decline: 0.03, window: 4 }, 0.78, trend).status
    ).toBe('fail')
  })

  it('judges error_rate upward: the best is the lowest, a rise is the decline', () => {
    const errorRate = 'error_rate'
    const trend = series(errorRate, [0.05, 0.04, 0.06])
    const rise = judge(errorRate, { max_decline: 0.02 }, 0.07, trend)
    expect(rise.status).toBe('fail')
    expect(rise.trend_best!.value).toBe(0.04)
    expect(judge(errorRate, { max_decline: 0.02 }, 0.06, trend).status).toBe(
      'pass'
    )
    // A fall of the error rate is an improvement, however large.
    expect(judge(errorRate, { max_decline: 0.02 }, 0.0, trend).status).toBe(
      'pass'
    )
  })

  it('is not applicable without history, with one version, or with undefined values only', () => {
    expect(judge(alpha, { max_decline: 0.03 }, 0.5, null).status).toBe(
      'not_applicable'
    )
    const one = judge(alpha, { max_decline: 0.03 }, 0.5, series(alpha, [0.9]))
    expect(one.status).toBe('not_applicable')
    expect(one.message).toContain('at least 2')
    expect(
      judge(alpha, { max_decline: 0.03 }, 0.5, series(alpha, [null, null, 0.9]))
        .status
    ).toBe('not_applicable')
    const noted = judge(alpha, { max_decline: 0.03 }, 0.5, {
      points: null,
      note: 'the clone is shallow'
    })
    expect(noted.status).toBe('not_applicable')
    expect(noted.message).toBe('the clone is shallow')
  })

  it('on a pull request, a decline already at the base and not made worse is pre-existing', () => {
    const trend = series(alpha, [0.9, 0.85, 0.8])
    const kept = judge(alpha, { max_decline: 0.03 }, 0.8, trend, {
      base: 0.8,
      judge: 'change'
    })
    expect(kept.status).toBe('pre_existing')
    // base_value is the base's own value, as on every gate with a base; the
    // value compared with is trend_best.value.
    expect(kept.base_value).toBe(0.8)
    expect(kept.trend_best!.value).toBe(0.9)
    const worse = judge(alpha, { max_decline: 0.03 }, 0.79, trend, {
      base: 0.8,
      judge: 'change'
    })
    expect(worse.status).toBe('fail')
    const strict = judge(
      alpha,
      { max_decline: 0.03, pre_existing: 'fail' },
      0.8,
      trend,
      {
        base: 0.8,
        judge: 'change'
      }
    )
    expect(strict.status).toBe('fail')
  })

  it('on a pull request, reads "made worse" upward for error_rate', () => {
    const errorRate = 'error_rate'
    // Best 4%, the base already at 8% (a rise of 4 pp > 2 pp).
    const trend = series(errorRate, [0.04, 0.05, 0.08])
    const at = (head: number) =>
      judge(errorRate, { max_decline: 0.02 }, head, trend, {
        base: 0.08,
        judge: 'change'
      }).status
    expect(at(0.08)).toBe('pre_existing')
    // Lower (better) than the base, still beyond the limit: not made worse.
    expect(at(0.07)).toBe('pre_existing')
    // Higher than the base: made worse.
    expect(at(0.0800001)).toBe('fail')
    // Back within the limit of the best: a pass.
    expect(at(0.06)).toBe('pass')
  })

  it('is not switched off by a head where the metric became undefined, whatever on_undefined says', () => {
    const trend = series(alpha, [0.9, 0.85, 0.84])
    for (const judge of ['change', 'state'] as const) {
      const r = judge_(judge, 0.84)
      expect(r).toMatchObject({
        status: 'undefined',
        on_undefined: 'fail',
        severity: 'error'
      })
      expect(r.message).toContain('it was 0.840 at the base')
    }
    // Undefined at the base too (or no base): on_undefined still decides.
    expect(judge_('change', null).on_undefined).toBe('pass')
    expect(
      judge(alpha, { max_decline: 0.03, on_undefined: 'pass' }, null, trend)
        .on_undefined
    ).toBe('pass')

    function judge_(mode: 'change' | 'state', base: number | null) {
      const results = evaluateGates(
        {
          [alpha]: gateSchema.parse({ max_decline: 0.03, on_undefined: 'pass' })
        },
        {
          head: version(alpha, null),
          base: version(alpha, base),
          changed: null,
          judge: mode,
          trend
        }
      )
      expect(results).toHaveLength(1)
      return results[0]!
    }
  })

  it('leaves out versions on fewer than min_items items: exactly min_items counts, one fewer does not', () => {
    // An early version on 49 items with alpha 1.0, then 0.9 on exactly 50.
    const sized = (points: [number, number][]): TrendSeries => ({
      points: points.map(([value, n], i) => ({
        commit: `${i}`.padStart(40, '0'),
        date: `2024-01-0${i + 1}T00:00:00Z`,
        metrics: { [alpha]: { value, n_items: n } }
      }))
    })
    const trend = sized([
      [1.0, 49],
      [0.9, 50],
      [0.8, 100]
    ])
    const gate = { max_decline: 0.03, min_items: 50 }
    // The 49-item 1.0 does not set the best: 0.87 is 0.03 below 0.9.
    const edge = judge(alpha, gate, 0.87, trend)
    expect(edge.status).toBe('pass')
    expect(edge.trend_best).toMatchObject({ value: 0.9, versions: 2 })
    expect(edge.message).toContain(
      '1 version with fewer than min_items 50 items left out'
    )
    // The 50-item 0.9 does: 0.85 is 0.05 below it.
    const below = judge(alpha, gate, 0.85, trend)
    expect(below.status).toBe('fail')
    expect(below.trend_best!.value).toBe(0.9)
    // The skipped version keeps its place in the window (as an undefined one
    // does): window 2 holds the 50- and 100-item versions only.
    expect(
      judge(alpha, { ...gate, window: 2 }, 0.85, trend).trend_best
    ).toMatchObject({ value: 0.9, versions: 2, window: 2 })
    // Without min_items every version counts, as before.
    expect(judge(alpha, { max_decline: 0.03 }, 0.87, trend).status).toBe('fail')
    // Too few versions left: not applicable, saying why.
    const few = judge(
      alpha,
      gate,
      0.5,
      sized([
        [1.0, 10],
        [0.95, 49],
        [0.9, 60]
      ])
    )
    expect(few.status).toBe('not_applicable')
    expect(few.message).toContain(
      '1 version with a value of krippendorff_alpha in the window; 2 versions with fewer than min_items 50 items left out'
    )
  })

  it('does not call a decline pre-existing at a base on fewer than min_items items', () => {
    const trend = series(alpha, [0.9, 0.85, 0.8])
    const results = evaluateGates(
      {
        [alpha]: gateSchema.parse({ max_decline: 0.03, min_items: 50 })
      },
      {
        head: version(alpha, 0.8),
        base: {
          ...version(alpha, 0.8),
          metrics: { [alpha]: { value: 0.8, n_items: 49 } }
        },
        changed: null,
        judge: 'change',
        trend
      }
    )
    expect(results[0]!.status).toBe('fail')
  })

  it('carries base_value on every row where there is a base, and none without', () => {
    const trend = series(alpha, [0.9, 0.85, 0.84])
    const gate = { max_decline: 0.03 }
    const base = { base: 0.84, judge: 'change' as const }
    expect(judge(alpha, gate, 0.88, trend, base)).toMatchObject({
      status: 'pass',
      base_value: 0.84
    })
    expect(judge(alpha, gate, 0.8, trend, base)).toMatchObject({
      status: 'fail',
      base_value: 0.84
    })
    expect(judge(alpha, gate, 0.8, series(alpha, [0.84]), base)).toMatchObject({
      status: 'not_applicable',
      base_value: 0.84
    })
    expect(judge(alpha, gate, 0.8, null, base)).toMatchObject({
      status: 'not_applicable',
      base_value: 0.84
    })
    expect(judge(alpha, gate, 0.88, trend)).not.toHaveProperty('base_value')
  })

  it('the config takes max_decline on dataset metrics only, and window only with it', () => {
    const dataset = (gates: object) =>
      datasetSchema.safeParse({ name: 'd', path: 'a.csv', gates })
    expect(
      dataset({ krippendorff_alpha: { max_decline: 0.03, window: 5 } }).success
    ).toBe(true)
    for (const bad of [
      { 'changed.accuracy': { max_decline: 0.03 } },
      { 'annotator.accuracy': { max_decline: 0.03 } },
      { label_shift: { max_decline: 0.03 } },
      { krippendorff_alpha: { min: 0.5, window: 5 } },
      { krippendorff_alpha: { max_decline: 0.03, window: 1 } },
      { krippendorff_alpha: { max_decline: -0.01 } }
    ]) {
      expect(dataset(bad).success).toBe(false)
    }
  })
})
