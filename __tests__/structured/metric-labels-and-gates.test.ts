import { describe, expect, it } from '@jest/globals'
import { describeGateMetric } from '../../src/config/metric-descriptions.js'
import { gateSchema } from '../../src/config/schema.js'
import { evaluateGates } from '../../src/gates/evaluate-gates.js'
import {
  BOX_METRICS,
  MULTI_LABEL_METRICS,
  SPAN_METRICS,
  higherIsBetter
} from '../../src/metrics/names.js'
import type { VersionReport } from '../../src/report/types.js'
import {
  metricLabel,
  shortMetricLabel
} from '../../src/render/shared/metric-labels.js'

const STRUCTURED = [...MULTI_LABEL_METRICS, ...SPAN_METRICS, ...BOX_METRICS]

describe('every gateable structured metric has a readable label and a description', () => {
  it.each(STRUCTURED)('%s', (metric) => {
    for (const form of [metric, `changed.${metric}`]) {
      const label = metricLabel(form)
      expect(label).not.toContain(metric) // not the JSON name echoed back
      expect(shortMetricLabel(form)).not.toContain('_')
      expect(describeGateMetric(form).length).toBeGreaterThan(30)
    }
    expect(metricLabel(`changed.${metric}`)).toMatch(/\(this change\)$/)
    expect(describeGateMetric(`changed.${metric}`)).toMatch(
      /Over the change's slice/
    )
  })

  it('labels are distinct, so no two metrics read the same', () => {
    const labels = STRUCTURED.map(metricLabel)
    expect(new Set(labels).size).toBe(labels.length)
    const short = STRUCTURED.map(shortMetricLabel)
    expect(new Set(short).size).toBe(short.length)
  })

  it('a few labels as people know them', () => {
    expect(metricLabel('span_f1_strict')).toBe('Span F1 (strict)')
    expect(metricLabel('pairwise_box_f1_50_95')).toBe(
      'Pairwise box F1 (IoU 0.50:0.95)'
    )
    expect(metricLabel('changed.hamming_loss')).toBe(
      'Hamming loss (this change)'
    )
  })
})

/** A report whose every structured metric has `value`. */
const version = (value: number): VersionReport => ({
  counts: { items: 10, annotators: 2, annotations: 20, reference_items: 10 },
  metrics: Object.fromEntries(
    STRUCTURED.map((m) => [m, { value, n: 20, n_items: 10 }])
  ),
  annotators: {},
  distribution: {},
  classes: [],
  confusion: null,
  pairwise: []
})

const judge = (
  metric: string,
  bound: Record<string, number>,
  value: number
): string => {
  const inputs = { head: version(value), base: null, changed: version(value) }
  return evaluateGates({ [metric]: gateSchema.parse(bound) }, inputs)[0]!.status
}

describe('gate boundaries of the structured metrics', () => {
  const higher = STRUCTURED.filter((m) => higherIsBetter(m))

  it.each(higher.flatMap((m) => [m, `changed.${m}`]))(
    '%s: min equal to the value passes, a hair above fails',
    (metric) => {
      expect(judge(metric, { min: 0.6 }, 0.6)).toBe('pass')
      expect(judge(metric, { min: 0.6 }, 0.6 - 1e-9)).toBe('fail')
      expect(judge(metric, { max: 0.6 }, 0.6)).toBe('pass')
    }
  )

  it.each(['hamming_loss', 'changed.hamming_loss'])(
    '%s is lower-is-better: max equal passes, just above fails',
    (metric) => {
      expect(judge(metric, { max: 0.1 }, 0.1)).toBe('pass')
      expect(judge(metric, { max: 0.1 }, 0.1 + 1e-9)).toBe('fail')
      expect(judge(metric, { max: 0.1 }, 0)).toBe('pass')
      expect(judge(metric, { min: 0.1 }, 0.1)).toBe('pass')
    }
  )
})
