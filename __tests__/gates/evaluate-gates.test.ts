import { describe, expect, it } from '@jest/globals'
import { gateSchema } from '../../src/config/schema.js'
import {
  evaluateGates,
  gateEffect,
  type GateInputs
} from '../../src/gates/evaluate-gates.js'
import type { DriftRow } from '../../src/governance/annotator-drift.js'
import type { MetricResult } from '../../src/metrics/result.js'
import type { GateResult, VersionReport } from '../../src/report/types.js'

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
const headOnly = (head: VersionReport): GateInputs => ({
  head,
  base: null,
  changed: null
})
const one = (metric: string, g: object, inputs: GateInputs): GateResult => {
  const results = evaluateGates({ [metric]: gate(g) }, inputs)
  expect(results).toHaveLength(1)
  return results[0]!
}
const alpha = (value: number | null, extra: Partial<MetricResult> = {}) =>
  version({ krippendorff_alpha: { value, n_items: 100, ...extra } })
const errorRate = (value: number, extra: Partial<MetricResult> = {}) =>
  version({ error_rate: { value, n: 100, ...extra } })

describe('min and max', () => {
  it('passes and fails, with readable messages', () => {
    const head = version({
      krippendorff_alpha: { value: 0.74, n_items: 100 },
      error_rate: { value: 0.04, n: 300 }
    })
    const results = evaluateGates(
      {
        krippendorff_alpha: gate({ min: 0.8 }),
        error_rate: gate({ max: 0.05 })
      },
      headOnly(head)
    )
    expect(results[0]).toMatchObject({
      metric: 'krippendorff_alpha',
      bound: 'min',
      threshold: 0.8,
      value: 0.74,
      status: 'fail',
      severity: 'error',
      n: 100,
      message: '0.740 < min 0.800'
    })
    expect(results[1]).toMatchObject({
      metric: 'error_rate',
      status: 'pass',
      message: '4.0% ≤ max 5.0%'
    })
    expect(gateEffect(results[0]!)).toBe('error')
    expect(gateEffect(results[1]!)).toBeNull()
    // Head only: no base_value key at all.
    expect('base_value' in results[0]!).toBe(false)
  })

  it('passes a value equal to the threshold and fails the next value beyond it, for min and for max', () => {
    const at = (v: number, g: object) =>
      one(
        'fleiss_kappa',
        g,
        headOnly(version({ fleiss_kappa: { value: v, n_items: 60 } }))
      ).status
    expect(at(0.6, { min: 0.6 })).toBe('pass')
    expect(at(0.6 - 1e-9, { min: 0.6 })).toBe('fail')
    expect(at(0.6, { max: 0.6 })).toBe('pass')
    expect(at(0.6 + 1e-9, { max: 0.6 })).toBe('fail')
    // Float noise on an exact 0.6 (Fleiss' kappa (8/9 − 26/36) / (1 − 26/36)
    // computes as 0.5999999999999996) is equal: it prints as 0.600.
    expect(at(0.5999999999999996, { min: 0.6 })).toBe('pass')
    expect(at(0.6000000000000004, { max: 0.6 })).toBe('pass')
    // error_rate (lower is better) under max, both directions.
    const er = (v: number) =>
      one('error_rate', { max: 0.05 }, headOnly(errorRate(v))).status
    expect(er(0.05)).toBe('pass')
    expect(er(0.0500001)).toBe('fail')
    expect(er(0.01)).toBe('pass')
  })

  it('shows the digits that tell a breach from the threshold when they print alike', () => {
    const message = (metric: string, g: object, head: VersionReport) =>
      one(metric, g, headOnly(head)).message
    expect(message('krippendorff_alpha', { min: 0.8 }, alpha(0.7996))).toBe(
      '0.7996 < min 0.8000'
    )
    expect(message('error_rate', { max: 0.05 }, errorRate(0.05004))).toBe(
      '5.004% > max 5.000%'
    )
    // A pass keeps the usual digits.
    expect(message('krippendorff_alpha', { min: 0.8 }, alpha(0.8004))).toBe(
      '0.800 ≥ min 0.800'
    )
  })

  it('honours severity: warning', () => {
    const r = one(
      'accuracy',
      { min: 0.9, severity: 'warning' },
      headOnly(version({ accuracy: { value: 0.5, n: 100 } }))
    )
    expect(r.status).toBe('fail')
    expect(gateEffect(r)).toBe('warning')
  })
})

describe('label_shift', () => {
  const shift = (value: number) =>
    one(
      'label_shift',
      { max_jsd: 0.1 },
      {
        head: version({}),
        base: version({}),
        changed: version({}),
        labelShift: {
          labels: ['neg', 'pos'],
          base: [1, 1],
          head: [1, 1],
          jensen_shannon: { value },
          chi_square: null
        }
      }
    )

  it('passes a distance equal to max_jsd (up to float noise) and fails one beyond it, showing the digits that differ', () => {
    expect(shift(0.1).status).toBe('pass')
    expect(shift(0.1 + 4e-17).status).toBe('pass')
    expect(shift(0.1 + 1e-9).status).toBe('fail')
    const beyond = shift(0.1004)
    expect(beyond.status).toBe('fail')
    expect(beyond.message).toBe(
      'Jensen-Shannon distance 0.1004 > max_jsd 0.1000'
    )
    expect(shift(0.117).message).toBe(
      'Jensen-Shannon distance 0.117 > max_jsd 0.100'
    )
  })
})

describe('undefined', () => {
  it('is undefined when the metric is null, and fails by default with the reason', () => {
    const head = version({
      fleiss_kappa: { value: null, reason: 'items have 2 to 4 ratings' }
    })
    const r = one('fleiss_kappa', { min: 0.6 }, headOnly(head))
    expect(r.status).toBe('undefined')
    expect(r.message).toContain('items have 2 to 4 ratings')
    expect(gateEffect(r)).toBe('error')
  })

  it('follows on_undefined when nothing was defined at the base', () => {
    const head = version({
      fleiss_kappa: { value: null, reason: 'no variation' }
    })
    const warn = one(
      'fleiss_kappa',
      { min: 0.6, on_undefined: 'warn' },
      headOnly(head)
    )
    const pass = one(
      'fleiss_kappa',
      { min: 0.6, on_undefined: 'pass' },
      headOnly(head)
    )
    expect(gateEffect(warn)).toBe('warning')
    expect(gateEffect(pass)).toBeNull()
    // Undefined at the base too: still on_undefined.
    const both = one(
      'fleiss_kappa',
      { min: 0.6, on_undefined: 'warn' },
      { head, base: head, changed: head, judge: 'change' }
    )
    expect(gateEffect(both)).toBe('warning')
  })

  it('fails, whatever on_undefined says, when the base had a value', () => {
    // One added rating makes Fleiss' kappa undefined: the gate must not switch off.
    const base = version({ fleiss_kappa: { value: 0.71, n_items: 50 } })
    const head = version({
      fleiss_kappa: { value: null, reason: 'items have 2 to 3 ratings' }
    })
    for (const judge of ['change', 'state'] as const) {
      for (const onUndefined of ['warn', 'pass'] as const) {
        const r = one(
          'fleiss_kappa',
          { min: 0.6, on_undefined: onUndefined },
          { head, base, changed: head, judge }
        )
        expect(r).toMatchObject({
          status: 'undefined',
          on_undefined: 'fail',
          severity: 'error',
          base_value: 0.71
        })
        expect(r.message).toBe(
          'undefined: items have 2 to 3 ratings; it was 0.710 at the base, so the gate fails whatever on_undefined says'
        )
        expect(gateEffect(r)).toBe('error')
      }
    }
  })
})

describe('too_few_items', () => {
  it('judges exactly min_items and reports one fewer as too few, never failing', () => {
    const at = (n: number) =>
      one(
        'fleiss_kappa',
        { min: 0.6, min_items: 50 },
        headOnly(version({ fleiss_kappa: { value: 0.5, n_items: n } }))
      )
    expect(at(50).status).toBe('fail')
    const few = at(49)
    expect(few).toMatchObject({ status: 'too_few_items', n: 49, value: 0.5 })
    expect(few.message).toBe('49 items, fewer than min_items 50; not judged')
    expect(gateEffect(few)).toBeNull()
  })

  it('reports an undefined value on fewer than min_items as too few, and judges it undefined from exactly min_items', () => {
    const kappa = (n_items: number) => ({
      fleiss_kappa: {
        value: null,
        reason: 'a single category is in use, so chance agreement is 1',
        n_items
      }
    })
    const g = { min: 0.6, min_items: 50 }
    const few = one('fleiss_kappa', g, headOnly(version(kappa(49))))
    expect(few).toMatchObject({ status: 'too_few_items', n: 49, value: null })
    expect(few.message).toBe(
      '49 items, fewer than min_items 50; not judged (undefined: a single category is in use, so chance agreement is 1)'
    )
    expect(gateEffect(few)).toBeNull()
    const enough = one('fleiss_kappa', g, headOnly(version(kappa(50))))
    expect(enough.status).toBe('undefined')
    expect(gateEffect(enough)).toBe('error')
    // Falling below min_items stays too few, even where the base had a value.
    const base = version({ fleiss_kappa: { value: 0.7, n_items: 80 } })
    const head = version(kappa(49))
    expect(
      one('fleiss_kappa', g, { head, base, changed: head, judge: 'change' })
        .status
    ).toBe('too_few_items')
    // Undefined without a count (not reported at this level): no n to call
    // too few, so it stays undefined.
    const uncounted = version({
      fleiss_kappa: { value: null, reason: 'nominal only' }
    })
    expect(one('fleiss_kappa', g, headOnly(uncounted)).status).toBe('undefined')
  })

  it('applies min_items to both sides of max_drop', () => {
    const base = alpha(0.9, { n_items: 30 })
    const head = alpha(0.5, { n_items: 30 })
    const g = { max_drop: 0.1, min_items: 30 }
    expect(
      one('krippendorff_alpha', g, { head, base, changed: head }).status
    ).toBe('fail')
    const fewBase = one('krippendorff_alpha', g, {
      head,
      base: alpha(0.9, { n_items: 29 }),
      changed: head
    })
    expect(fewBase.status).toBe('too_few_items')
    expect(fewBase.message).toContain('the base has 29 items')
  })
})

describe('not_applicable', () => {
  it('marks every base-comparing gate without a base, and never fails', () => {
    const head = version(
      { krippendorff_alpha: { value: 0.8, n_items: 10 } },
      { a: { value: 0.9, n: 30 } }
    )
    const results = evaluateGates(
      {
        krippendorff_alpha: gate({ max_drop: 0.02 }),
        'changed.krippendorff_alpha': gate({ min: 0.7 }),
        label_shift: gate({ max_jsd: 0.1 }),
        'annotator.drift': gate({ max_drop: 0.1 }),
        'annotator.accuracy': gate({ max_drop: 0.1 })
      },
      { head, base: null, changed: null, labelShift: null, drift: null }
    )
    expect(results.map((r) => r.status)).toEqual(
      Array(5).fill('not_applicable')
    )
    expect(results.map(gateEffect)).toEqual(Array(5).fill(null))
    expect(results[1]!.message).toContain('no change slice')
  })

  it('marks a changed.* gate when the change added nothing to measure', () => {
    const changed = version({
      accuracy: { value: null, reason: 'no reference item', n_items: 0, n: 0 }
    })
    const r = one(
      'changed.accuracy',
      { min: 0.9 },
      {
        head: changed,
        base: version({ accuracy: { value: 0.95, n: 10 } }),
        changed
      }
    )
    expect(r).toMatchObject({ status: 'not_applicable', base_value: 0.95 })
  })

  it('marks max_drop when the base value is undefined', () => {
    const r = one(
      'krippendorff_alpha',
      { max_drop: 0.02 },
      {
        head: alpha(0.8),
        base: alpha(null, { reason: 'one category' }),
        changed: alpha(0.8)
      }
    )
    expect(r.status).toBe('not_applicable')
    expect(r.message).toContain('undefined at the base (one category)')
  })
})

describe('max_drop', () => {
  it('passes a drop of exactly max_drop and fails anything more, in the worse direction of each metric', () => {
    const drop = (metric: string, from: number, to: number, maxDrop: number) =>
      one(
        metric,
        { max_drop: maxDrop },
        {
          head: version({ [metric]: { value: to, n_items: 10 } }),
          base: version({ [metric]: { value: from, n_items: 10 } }),
          changed: null
        }
      )
    // Exact binary fractions: 0.75 − 0.5 is exactly 0.25.
    expect(drop('accuracy', 0.75, 0.5, 0.25).status).toBe('pass')
    expect(drop('accuracy', 0.75, 0.5 - 1e-9, 0.25).status).toBe('fail')
    expect(drop('accuracy', 0.5, 0.75, 0).status).toBe('pass')
    expect(drop('accuracy', 0.75, 0.75 - 1e-9, 0).status).toBe('fail')
    // error_rate: a rise is the drop.
    expect(drop('error_rate', 0.25, 0.5, 0.25).status).toBe('pass')
    expect(drop('error_rate', 0.25, 0.5 + 1e-9, 0.25).status).toBe('fail')
    expect(drop('error_rate', 0.5, 0.25, 0).status).toBe('pass')
    expect(drop('error_rate', 0.25, 0.25 + 1e-9, 0).status).toBe('fail')
    const r = drop('krippendorff_alpha', 0.82, 0.79, 0.02)
    expect(r).toMatchObject({ status: 'fail', base_value: 0.82, value: 0.79 })
    // One convention: the change head − base, signed, in the metric's
    // difference unit; the threshold as the size of the allowed worsening.
    expect(r.message).toBe('0.820 → 0.790 (Δ -0.030, max drop 0.020)')
    expect(drop('accuracy', 0.75, 0.5, 0.01).message).toBe(
      '75.0% → 50.0% (Δ -25.0\u00a0pp, max drop 1.0\u00a0pp)'
    )
    // For a lower-is-better metric the worse direction is a rise.
    expect(drop('error_rate', 0.25, 0.5, 0.01).message).toBe(
      '25.0% → 50.0% (Δ +25.0\u00a0pp, max rise 1.0\u00a0pp)'
    )
    expect(drop('accuracy', 0.5, 0.75, 0).message).toBe(
      '50.0% → 75.0% (Δ +25.0\u00a0pp), no worse than the base'
    )
  })

  it('with significance, fails only a significant drop (Wald test on the standard errors)', () => {
    const judge = (seBase: number, seHead: number) =>
      one(
        'krippendorff_alpha',
        { max_drop: 0.02, significance: 0.05 },
        {
          head: alpha(0.7, { se: seHead }),
          base: alpha(0.8, { se: seBase }),
          changed: null
        }
      )
    // z = 0.1 / sqrt(0.03² + 0.04²) = 2, p = 0.02275.
    const sig = judge(0.03, 0.04)
    expect(sig.status).toBe('fail')
    expect(sig.message).toContain('one-sided p = 0.023, significant at 0.05')
    // z = 0.1 / sqrt(0.06² + 0.08²) = 1, p = 0.159.
    const noise = judge(0.06, 0.08)
    expect(noise.status).toBe('pass')
    expect(noise.message).toContain('p = 0.16, not significant at 0.05')
  })

  it('with significance, reads the standard error off the interval when se is absent', () => {
    // 95% normal intervals with se 0.03 and 0.04.
    const ci = (v: number, se: number) => ({
      low: v - 1.959963984540054 * se,
      high: v + 1.959963984540054 * se,
      level: 0.95,
      method: 'gwet' as const
    })
    const r = one(
      'krippendorff_alpha',
      { max_drop: 0.02, significance: 0.0228 },
      {
        head: alpha(0.7, { ci: ci(0.7, 0.04) }),
        base: alpha(0.8, { ci: ci(0.8, 0.03) }),
        changed: null
      }
    )
    // p = 0.02275 < 0.0228, and ≥ 0.0227 would pass: the SE is recovered to many digits.
    expect(r.status).toBe('fail')
  })

  it('with significance but no standard error, a drop beyond max_drop is undefined', () => {
    const r = one(
      'krippendorff_alpha',
      { max_drop: 0.02, significance: 0.05 },
      { head: alpha(0.7), base: alpha(0.8), changed: null }
    )
    expect(r.status).toBe('undefined')
    expect(r.message).toContain('cannot be tested')
    // Within max_drop it passes without a test.
    expect(
      one(
        'krippendorff_alpha',
        { max_drop: 0.2, significance: 0.05 },
        { head: alpha(0.7), base: alpha(0.8), changed: null }
      ).status
    ).toBe('pass')
  })
})

describe('by: lower | upper', () => {
  const ci = (low: number, high: number) => ({
    low,
    high,
    level: 0.95,
    method: 'gwet' as const
  })
  const withCi = (value: number, low: number, high: number) =>
    alpha(value, { ci: ci(low, high) })
  const at = (g: object, head: VersionReport) =>
    one('krippendorff_alpha', g, headOnly(head))

  it('min by lower needs the lower end to clear the threshold (equal passes)', () => {
    expect(at({ min: 0.8, by: 'lower' }, withCi(0.9, 0.8, 0.95)).status).toBe(
      'pass'
    )
    expect(
      at({ min: 0.8, by: 'lower' }, withCi(0.9, 0.8 - 1e-9, 0.95)).status
    ).toBe('fail')
    const r = at({ min: 0.8, by: 'lower' }, withCi(0.9, 0.7996, 0.95))
    expect(r).toMatchObject({ status: 'fail', by: 'lower', value: 0.9 })
    expect(r.message).toMatch(
      /^lower bound 0\.7996 \(estimate 0\.900, 95% interval \[0\.800, 0\.950\]\) < min 0\.8000/
    )
  })

  it('min by upper fails only when even the upper end is below', () => {
    expect(at({ min: 0.8, by: 'upper' }, withCi(0.7, 0.6, 0.8)).status).toBe(
      'pass'
    )
    expect(
      at({ min: 0.8, by: 'upper' }, withCi(0.7, 0.6, 0.8 - 1e-9)).status
    ).toBe('fail')
  })

  it('max by upper needs the upper end under the threshold; by lower fails only when even the lower end is above', () => {
    const er = (value: number, low: number, high: number) =>
      errorRate(value, { ci: ci(low, high) })
    const atEr = (g: object, head: VersionReport) =>
      one('error_rate', g, headOnly(head))
    expect(atEr({ max: 0.05, by: 'upper' }, er(0.03, 0.01, 0.05)).status).toBe(
      'pass'
    )
    expect(
      atEr({ max: 0.05, by: 'upper' }, er(0.03, 0.01, 0.05 + 1e-9)).status
    ).toBe('fail')
    expect(atEr({ max: 0.05, by: 'lower' }, er(0.08, 0.05, 0.1)).status).toBe(
      'pass'
    )
    expect(
      atEr({ max: 0.05, by: 'lower' }, er(0.08, 0.05 + 1e-9, 0.1)).status
    ).toBe('fail')
  })

  it('is undefined, saying why, when the metric has no interval', () => {
    const r = at({ min: 0.8, by: 'lower' }, alpha(0.9))
    expect(r.status).toBe('undefined')
    expect(r.message).toContain('has no confidence interval')
  })
})

describe('sample-size honesty', () => {
  it('says when the interval straddles the threshold and how many items would make the verdict firm', () => {
    const head = alpha(0.82, {
      n_items: 40,
      ci: { low: 0.61, high: 0.95, level: 0.95, method: 'gwet' }
    })
    const r = one('krippendorff_alpha', { min: 0.8 }, headOnly(head))
    // n × (h / m)² = 40 × (0.21 / 0.02)² = 4410.
    expect(r.status).toBe('pass')
    expect(r.items_for_firm_verdict).toBe(4410)
    expect(r.message).toBe(
      '0.820 ≥ min 0.800; the 95% interval [0.610, 0.950] straddles 0.800: about 4,410 items would make the verdict firm at this estimate (now 40)'
    )
    expect(r.ci).toEqual(head.metrics.krippendorff_alpha!.ci)
  })

  it('uses the half-width on the threshold side, and is silent when the interval clears it', () => {
    // Estimate below the threshold: the upper half-width, 0.9 − 0.7 = 0.2, margin 0.1: 4 × n.
    const below = one(
      'krippendorff_alpha',
      { min: 0.8 },
      headOnly(
        alpha(0.7, {
          n_items: 25,
          ci: { low: 0.65, high: 0.9, level: 0.95, method: 'gwet' }
        })
      )
    )
    expect(below.items_for_firm_verdict).toBe(100)
    const clear = one(
      'krippendorff_alpha',
      { min: 0.8 },
      headOnly(
        alpha(0.9, {
          ci: { low: 0.8, high: 0.95, level: 0.95, method: 'gwet' }
        })
      )
    )
    expect('items_for_firm_verdict' in clear).toBe(false)
    const tie = one(
      'krippendorff_alpha',
      { min: 0.8 },
      headOnly(
        alpha(0.8, { ci: { low: 0.7, high: 0.9, level: 0.95, method: 'gwet' } })
      )
    )
    expect(tie.items_for_firm_verdict).toBeNull()
    expect(tie.message).toContain('no number of items makes it firm')
    // A tie up to float noise is a tie, not a call for some 10³¹ items.
    const noisyTie = one(
      'krippendorff_alpha',
      { min: 0.6 },
      headOnly(
        alpha(0.5999999999999996, {
          ci: { low: 0.5, high: 0.7, level: 0.95, method: 'gwet' }
        })
      )
    )
    expect(noisyTie.status).toBe('pass')
    expect(noisyTie.items_for_firm_verdict).toBeNull()
  })
})

describe('judge the change: pre_existing', () => {
  const change = (
    base: VersionReport,
    head: VersionReport,
    extra: Partial<GateInputs> = {}
  ): GateInputs => ({ head, base, changed: head, judge: 'change', ...extra })

  it('is pre-existing when breached at the base and not made worse, naming the base value', () => {
    const r = one(
      'krippendorff_alpha',
      { min: 0.8 },
      change(alpha(0.7), alpha(0.7))
    )
    expect(r).toMatchObject({
      status: 'pre_existing',
      base_value: 0.7,
      value: 0.7
    })
    expect(r.message).toBe(
      '0.700 < min 0.800; already breached at the base (0.700) and not made worse by this change'
    )
    expect(gateEffect(r)).toBe('warning')
    // Improved but still breached: pre-existing too.
    expect(
      one('krippendorff_alpha', { min: 0.8 }, change(alpha(0.7), alpha(0.75)))
        .status
    ).toBe('pre_existing')
  })

  it('treats differences within 1e-9 as equal and anything worse as made worse', () => {
    expect(
      one(
        'krippendorff_alpha',
        { min: 0.8 },
        change(alpha(0.7), alpha(0.7 - 1e-12))
      ).status
    ).toBe('pre_existing')
    const worse = one(
      'krippendorff_alpha',
      { min: 0.8 },
      change(alpha(0.7), alpha(0.7 - 1e-6))
    )
    expect(worse.status).toBe('fail')
    // Base and head round alike at 3 decimals: the message shows the digits
    // that tell them apart, so "made worse" can be seen to be true.
    expect(worse.message).toContain(
      'breached at the base too (0.700000 at the base, 0.699999 now) and made worse'
    )
    const small = one(
      'krippendorff_alpha',
      { min: 0.2 },
      change(alpha(0.15223), alpha(0.15202))
    )
    expect(small.message).toBe(
      '0.152 < min 0.200; breached at the base too (0.1522 at the base, 0.1520 now) and made worse'
    )
    const plain = one(
      'krippendorff_alpha',
      { min: 0.2 },
      change(alpha(0.16), alpha(0.15))
    )
    expect(plain.message).toContain('(0.160 at the base) and made worse')
  })

  it('reads "worse" from the bound: higher is worse under max (error_rate), both directions', () => {
    const g = { max: 0.05 }
    expect(
      one('error_rate', g, change(errorRate(0.08), errorRate(0.08))).status
    ).toBe('pre_existing')
    expect(
      one('error_rate', g, change(errorRate(0.08), errorRate(0.07))).status
    ).toBe('pre_existing')
    expect(
      one('error_rate', g, change(errorRate(0.08), errorRate(0.081))).status
    ).toBe('fail')
    // Newly breached.
    expect(
      one('error_rate', g, change(errorRate(0.05), errorRate(0.051))).status
    ).toBe('fail')
  })

  it('fails a new breach, a breach in state mode, and with pre_existing: fail', () => {
    expect(
      one('krippendorff_alpha', { min: 0.8 }, change(alpha(0.85), alpha(0.79)))
        .status
    ).toBe('fail')
    expect(
      one(
        'krippendorff_alpha',
        { min: 0.8 },
        { ...change(alpha(0.7), alpha(0.7)), judge: 'state' }
      ).status
    ).toBe('fail')
    const strict = one(
      'krippendorff_alpha',
      { min: 0.8, pre_existing: 'fail' },
      change(alpha(0.7), alpha(0.7))
    )
    expect(strict.status).toBe('fail')
    expect(strict.message).toContain('pre_existing: fail')
  })

  it('is not pre-existing when the base could not be judged (too few items there)', () => {
    const r = one(
      'krippendorff_alpha',
      { min: 0.8, min_items: 50 },
      change(alpha(0.7, { n_items: 40 }), alpha(0.7))
    )
    expect(r.status).toBe('fail')
  })

  it('compares the bound the gate uses (by: lower)', () => {
    const ci = (low: number) => ({
      low,
      high: 0.9,
      level: 0.95,
      method: 'gwet' as const
    })
    const g = { min: 0.8, by: 'lower' }
    // More items, same estimate: the lower end rises, still below: pre-existing.
    expect(
      one(
        'krippendorff_alpha',
        g,
        change(alpha(0.82, { ci: ci(0.7) }), alpha(0.82, { ci: ci(0.75) }))
      ).status
    ).toBe('pre_existing')
    expect(
      one(
        'krippendorff_alpha',
        g,
        change(alpha(0.82, { ci: ci(0.7) }), alpha(0.82, { ci: ci(0.65) }))
      ).status
    ).toBe('fail')
  })

  it('never applies to changed.* gates, whose rows still carry the base value', () => {
    const r = one(
      'changed.krippendorff_alpha',
      { min: 0.8 },
      change(alpha(0.7), alpha(0.7))
    )
    expect(r).toMatchObject({ status: 'fail', base_value: 0.7 })
  })
})

describe('per-annotator gates', () => {
  it('judges every annotator with at least min_items reference items, summarising the others', () => {
    const head = version(
      {},
      {
        ann_a: { value: 0.95, n: 40 },
        ann_b: { value: 0.7, n: 20 },
        ann_c: { value: 0.1, n: 19 },
        ann_d: { value: null, reason: 'no reference item', n: 0 }
      }
    )
    const results = evaluateGates(
      { 'annotator.accuracy': gate({ min: 0.85, min_items: 20 }) },
      headOnly(head)
    )
    expect(results.map((r) => [r.annotator, r.status])).toEqual([
      ['ann_a', 'pass'],
      ['ann_b', 'fail'],
      [undefined, 'too_few_items'],
      [undefined, 'not_applicable']
    ])
    expect(results[1]!.message).toBe('ann_b: 70.0% < min 85.0%')
    expect(results[2]!.message).toBe(
      '1 annotator with fewer than min_items 20 reference items, not judged: ann_c (19)'
    )
    expect(results[3]!.message).toBe(
      '1 annotator without reference items, not judged: ann_d'
    )
    expect(results.slice(2).map(gateEffect)).toEqual([null, null])
  })

  it('is undefined when no annotator has a reference item at all', () => {
    const head = version(
      {},
      { a: { value: null, reason: 'no reference item', n: 0 } }
    )
    expect(
      one('annotator.accuracy', { min: 0.85 }, headOnly(head)).status
    ).toBe('undefined')
  })

  it('on a change, judges annotators in the change; untouched ones only where breached, as pre-existing', () => {
    const base = version(
      {},
      {
        a: { value: 0.9, n: 30 },
        b: { value: 0.6, n: 30 },
        c: { value: 0.95, n: 30 }
      }
    )
    const head = version(
      {},
      {
        a: { value: 0.8, n: 40 },
        b: { value: 0.6, n: 30 },
        c: { value: 0.95, n: 30 }
      }
    )
    const results = evaluateGates(
      { 'annotator.accuracy': gate({ min: 0.85, severity: 'warning' }) },
      {
        head,
        base,
        changed: head,
        judge: 'change',
        changedAnnotators: new Set(['a'])
      }
    )
    expect(results.map((r) => [r.annotator, r.status, r.base_value])).toEqual([
      ['a', 'fail', 0.9],
      ['b', 'pre_existing', 0.6]
    ])
    expect(results[1]!.message).toBe(
      'b: 60.0% < min 85.0%; already breached at the base (60.0%) and not made worse by this change'
    )
    // Nobody in the change: one neutral row.
    const none = evaluateGates(
      { 'annotator.accuracy': gate({ min: 0.5 }) },
      {
        head,
        base,
        changed: head,
        judge: 'change',
        changedAnnotators: new Set()
      }
    )
    expect(none.map((r) => r.status)).toEqual(['not_applicable'])
  })

  it('on a change, a breach whose base had fewer than min_items is new, not pre-existing', () => {
    // b had 10 reference items at the base (not judged there) and reaches 20
    // with this change, at the same 50%: the first judgement of b is a breach.
    const results = evaluateGates(
      { 'annotator.accuracy': gate({ min: 0.85, min_items: 20 }) },
      {
        head: version({}, { b: { value: 0.5, n: 20 } }),
        base: version({}, { b: { value: 0.5, n: 10 } }),
        changed: version({}, { b: { value: 0.5, n: 10 } }),
        judge: 'change',
        changedAnnotators: new Set(['b'])
      }
    )
    expect(results.map((r) => [r.annotator, r.status])).toEqual([['b', 'fail']])
    // With min_items met at the base, the same breach is pre-existing.
    const judged = evaluateGates(
      { 'annotator.accuracy': gate({ min: 0.85, min_items: 10 }) },
      {
        head: version({}, { b: { value: 0.5, n: 20 } }),
        base: version({}, { b: { value: 0.5, n: 10 } }),
        changed: version({}, { b: { value: 0.5, n: 10 } }),
        judge: 'change',
        changedAnnotators: new Set(['b'])
      }
    )
    expect(judged.map((r) => r.status)).toEqual(['pre_existing'])
  })
})

describe('annotator.drift', () => {
  const metric = (value: number | null, n: number): MetricResult =>
    value === null ? { value, reason: 'none', n: 0 } : { value, n, n_items: n }
  const drift = (
    annotator: string,
    base: [number | null, number],
    changed: [number | null, number],
    p: number | null = null
  ): DriftRow => ({
    annotator,
    base: metric(...base),
    changed: metric(...changed),
    head: metric(...base),
    drop: base[0] !== null && changed[0] !== null ? base[0] - changed[0] : null,
    z: null,
    p_value: p,
    test: p === null ? null : 'fisher-exact',
    flagged: false,
    kappa_base: { value: null, reason: 'x' },
    kappa_head: { value: null, reason: 'x' }
  })
  const inputs = (rows: DriftRow[]): GateInputs => ({
    head: version({}),
    base: version({}),
    changed: version({}),
    drift: rows,
    judge: 'change'
  })

  it('reports annotators below min_items as too few (stating n) and never fails on them', () => {
    const results = evaluateGates(
      { 'annotator.drift': gate({ max_drop: 0.1 }) },
      inputs([drift('x', [0.9, 40], [0, 3]), drift('y', [1, 20], [0.5, 20])])
    )
    expect(results.map((r) => [r.annotator, r.status])).toEqual([
      ['y', 'fail'],
      [undefined, 'too_few_items']
    ])
    expect(results[1]!.message).toBe(
      '1 annotator with fewer than min_items 20 reference items in the change or at the base, not judged: x (3 in the change, 40 at the base)'
    )
  })

  it('passes a drop of exactly max_drop', () => {
    const [r] = evaluateGates(
      { 'annotator.drift': gate({ max_drop: 0.25 }) },
      inputs([drift('y', [0.75, 20], [0.5, 20])])
    )
    expect(r!.status).toBe('pass')
    // The change head − base, signed, in pp; the threshold as max drop.
    expect(r!.message).toBe(
      'y: accuracy 75.0% at the base → 50.0% in the change (Δ -25.0\u00a0pp, max drop 25.0\u00a0pp)'
    )
  })

  it('with significance, fails only a significant drop', () => {
    const g = { 'annotator.drift': gate({ max_drop: 0.1, significance: 0.05 }) }
    const [noise] = evaluateGates(
      g,
      inputs([drift('y', [1, 20], [0.5, 20], 0.06)])
    )
    expect(noise!.status).toBe('pass')
    expect(noise!.message).toContain(
      "one-sided Fisher's exact p = 0.060); not significant at 0.05"
    )
    const [real] = evaluateGates(
      g,
      inputs([drift('y', [1, 20], [0.5, 20], 0.0001)])
    )
    expect(real!.status).toBe('fail')
    expect(real!.message).toContain('p < 0.001')
  })

  it('leaves out annotators with no annotation in the change', () => {
    const results = evaluateGates(
      { 'annotator.drift': gate({ max_drop: 0.1 }) },
      inputs([drift('z', [0.9, 40], [null, 0])])
    )
    expect(results.map((r) => r.status)).toEqual(['not_applicable'])
    expect(results[0]!.message).toBe(
      'no annotator has annotations in this change'
    )
  })
})

describe('gateEffect', () => {
  it('counts fail and undefined, warns on pre_existing, ignores the neutral outcomes', () => {
    const base = {
      metric: 'm',
      bound: 'min' as const,
      threshold: 0,
      value: null,
      severity: 'error' as const,
      message: ''
    }
    expect(gateEffect({ ...base, status: 'pass' })).toBeNull()
    expect(gateEffect({ ...base, status: 'not_applicable' })).toBeNull()
    expect(gateEffect({ ...base, status: 'too_few_items' })).toBeNull()
    expect(gateEffect({ ...base, status: 'pre_existing' })).toBe('warning')
    expect(gateEffect({ ...base, status: 'fail' })).toBe('error')
    expect(
      gateEffect({ ...base, status: 'undefined', on_undefined: 'fail' })
    ).toBe('error')
  })
})
