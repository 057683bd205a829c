import { describe, expect, it } from '@jest/globals'
import { gateSchema } from '../../src/config/schema.js'
import { evaluateGates, gateEffect } from '../../src/gates/evaluate-gates.js'
import type { MetricResult } from '../../src/metrics/result.js'
import type { VersionReport } from '../../src/report/types.js'

function version(
  metrics: Record<string, MetricResult>,
  annotators: Record<string, MetricResult> = {}
): VersionReport {
  return {
    counts: { items: 10, annotators: 2, annotations: 20, reference_items: 5 },
    metrics,
    annotators: Object.fromEntries(
      Object.entries(annotators).map(([id, accuracy]) => [
        id,
        { annotations: accuracy.n ?? 0, accuracy }
      ])
    ),
    distribution: {},
    classes: [],
    confusion: null,
    pairwise: []
  }
}

const gate = (g: object) => gateSchema.parse(g)

describe('evaluateGates', () => {
  it('passes and fails min and max bounds, with readable messages', () => {
    const head = version({
      krippendorff_alpha: { value: 0.74, n_items: 100 },
      error_rate: { value: 0.04, n: 300 }
    })
    const results = evaluateGates(
      {
        krippendorff_alpha: gate({ min: 0.8 }),
        error_rate: gate({ max: 0.05 })
      },
      { head, base: null, changed: null }
    )
    expect(results).toHaveLength(2)
    expect(results[0]).toMatchObject({
      metric: 'krippendorff_alpha',
      bound: 'min',
      threshold: 0.8,
      value: 0.74,
      status: 'fail',
      severity: 'error',
      message: '0.740 < min 0.800'
    })
    expect(results[1]).toMatchObject({
      metric: 'error_rate',
      status: 'pass',
      message: '4.0% ≤ max 5.0%'
    })
    expect(gateEffect(results[0]!)).toBe('error')
    expect(gateEffect(results[1]!)).toBeNull()
  })

  it('treats a value equal to the threshold as passing', () => {
    const head = version({ fleiss_kappa: { value: 0.6, n_items: 60 } })
    const [r] = evaluateGates(
      { fleiss_kappa: gate({ min: 0.6, max: 0.6 }) },
      { head, base: null, changed: null }
    )
    expect(r!.status).toBe('pass')
  })

  it('is undefined when the metric is null, and fails by default with the reason', () => {
    const head = version({
      fleiss_kappa: { value: null, reason: 'items have 2 to 4 ratings' }
    })
    const [r] = evaluateGates(
      { fleiss_kappa: gate({ min: 0.6 }) },
      { head, base: null, changed: null }
    )
    expect(r!.status).toBe('undefined')
    expect(r!.message).toContain('items have 2 to 4 ratings')
    expect(gateEffect(r!)).toBe('error')
  })

  it('applies min_items and on_undefined', () => {
    const head = version({ fleiss_kappa: { value: 0.9, n_items: 20 } })
    const [warn, pass] = [
      evaluateGates(
        {
          fleiss_kappa: gate({ min: 0.6, min_items: 50, on_undefined: 'warn' })
        },
        { head, base: null, changed: null }
      )[0]!,
      evaluateGates(
        {
          fleiss_kappa: gate({ min: 0.6, min_items: 50, on_undefined: 'pass' })
        },
        { head, base: null, changed: null }
      )[0]!
    ]
    expect(warn.status).toBe('undefined')
    expect(warn.message).toContain('20 items, fewer than min_items 50')
    expect(gateEffect(warn)).toBe('warning')
    expect(gateEffect(pass)).toBeNull()
  })

  it('honours severity: warning', () => {
    const head = version({ accuracy: { value: 0.5, n: 100 } })
    const [r] = evaluateGates(
      { accuracy: gate({ min: 0.9, severity: 'warning' }) },
      { head, base: null, changed: null }
    )
    expect(r!.status).toBe('fail')
    expect(gateEffect(r!)).toBe('warning')
  })

  it('judges every annotator with at least min_items reference items', () => {
    const head = version(
      {},
      {
        ann_a: { value: 0.95, n: 40 },
        ann_b: { value: 0.7, n: 30 },
        ann_c: { value: 0.1, n: 3 },
        ann_d: { value: null, reason: 'no reference item' }
      }
    )
    const results = evaluateGates(
      { 'annotator.accuracy': gate({ min: 0.85, min_items: 20 }) },
      { head, base: null, changed: null }
    )
    expect(results.map((r) => [r.annotator, r.status])).toEqual([
      ['ann_a', 'pass'],
      ['ann_b', 'fail']
    ])
    expect(results[1]!.message).toBe('ann_b: 70.0% < min 85.0%')
  })

  it('is undefined for max_drop and changed.* without a base', () => {
    const head = version({ krippendorff_alpha: { value: 0.8, n_items: 10 } })
    const results = evaluateGates(
      {
        krippendorff_alpha: gate({ max_drop: 0.02 }),
        'changed.krippendorff_alpha': gate({ min: 0.7 })
      },
      { head, base: null, changed: null }
    )
    expect(results.map((r) => r.status)).toEqual(['undefined', 'undefined'])
    expect(results[0]!.message).toContain('no base value')
    expect(results[1]!.message).toContain('no change slice')
  })

  it('measures max_drop in the direction that is worse', () => {
    const base = version({
      krippendorff_alpha: { value: 0.82, n_items: 10 },
      error_rate: { value: 0.05, n: 10 }
    })
    const head = version({
      krippendorff_alpha: { value: 0.79, n_items: 10 },
      error_rate: { value: 0.06, n: 10 }
    })
    const results = evaluateGates(
      {
        krippendorff_alpha: gate({ max_drop: 0.02 }),
        error_rate: gate({ max_drop: 0.02 })
      },
      { head, base, changed: head }
    )
    expect(results[0]).toMatchObject({ status: 'fail' })
    expect(results[0]!.message).toContain('worse by 0.030')
    expect(results[1]).toMatchObject({ status: 'pass' })
  })
})
