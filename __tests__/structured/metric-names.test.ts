import { describe, expect, it } from '@jest/globals'
import { loadConfig } from '../../src/config/load-config.js'
import { gateSchema } from '../../src/config/schema.js'
import { evaluateGates } from '../../src/gates/evaluate-gates.js'
import {
  BOX_METRICS,
  MULTI_LABEL_METRICS,
  SPAN_METRICS,
  higherIsBetter,
  typeOfMetric
} from '../../src/metrics/names.js'
import type { VersionReport } from '../../src/report/types.js'
import { isUserError } from '../../src/errors.js'

const version = (value: number): VersionReport => ({
  counts: { items: 10, annotators: 2, annotations: 20, reference_items: 10 },
  metrics: { hamming_loss: { value, n_items: 10 } },
  annotators: {},
  distribution: {},
  classes: [],
  confusion: null,
  pairwise: []
})

describe('metric names of the structured types', () => {
  it('hamming_loss is lower-is-better in every form; the others higher', () => {
    for (const m of ['hamming_loss', 'changed.hamming_loss', 'error_rate'])
      expect(higherIsBetter(m)).toBe(false)
    const others = [...MULTI_LABEL_METRICS, ...SPAN_METRICS, ...BOX_METRICS]
      .filter((m) => m !== 'hamming_loss')
      .filter((m) => !higherIsBetter(m))
    expect(others).toEqual([])
  })

  it('each name belongs to one type', () => {
    expect(typeOfMetric('changed.masi_alpha')).toBe('multi_label')
    expect(typeOfMetric('span_f1_strict')).toBe('span')
    expect(typeOfMetric('box_f1_50')).toBe('box')
    expect(typeOfMetric('fleiss_kappa')).toBe('category')
    expect(typeOfMetric('nonsense')).toBeUndefined()
  })

  it('max_drop on hamming_loss bounds a rise: exactly the bound passes, above it fails', () => {
    const judge = (head: number) =>
      evaluateGates(
        { hamming_loss: gateSchema.parse({ max_drop: 0.25 }) },
        { head: version(head), base: version(0.5), changed: null }
      )[0]!
    expect(judge(0.75).status).toBe('pass') // a rise of exactly 0.25
    expect(judge(0.76).status).toBe('fail')
    expect(judge(0.1).status).toBe('pass') // a fall is an improvement
  })

  it('max on hamming_loss: equal to the threshold passes', () => {
    const r = evaluateGates(
      { hamming_loss: gateSchema.parse({ max: 0.5 }) },
      { head: version(0.5), base: null, changed: null }
    )[0]!
    expect(r.status).toBe('pass')
  })
})

describe('the config refuses a gate of another type, at its line', () => {
  const config = (type: string, gate: string) =>
    [
      'version: 1',
      'datasets:',
      '  - name: d',
      '    path: d.csv',
      `    type: ${type}`,
      '    gates:',
      `      ${gate}: { min: 0.5 }`,
      ''
    ].join('\n')
  const refusal = (text: string): string => {
    try {
      loadConfig(text, 'labelgate.yml')
    } catch (e) {
      if (isUserError(e)) return e.format()
      throw e
    }
    return ''
  }

  it.each([
    [
      'multi_label',
      'krippendorff_alpha',
      /krippendorff_alpha is a category metric/
    ],
    ['multi_label', 'changed.box_f1_50', /box_f1_50 is a box metric/],
    ['category', 'masi_alpha', /masi_alpha is a multi_label metric/],
    ['span', 'subset_accuracy', /subset_accuracy is a multi_label metric/],
    [
      'span',
      'annotator.spam_score',
      /annotator\.spam_score is not available for type span datasets \(per-annotator gates: annotator\.accuracy, annotator\.drift\)/
    ]
  ])('%s with %s', (type, gate, message) => {
    const text = refusal(config(type, gate))
    expect(text).toMatch(/^labelgate\.yml:7/)
    expect(text).toMatch(message)
  })

  it.each([
    ['multi_label', 'masi_alpha'],
    ['multi_label', 'changed.hamming_loss'],
    ['multi_label', 'annotator.accuracy'],
    ['box', 'label_shift'],
    ['category', 'krippendorff_alpha'],
    ['span', 'annotator.drift'],
    ['box', 'annotator.drift']
  ])('accepts %s with %s', (type, gate) => {
    const text = config(type, gate).replace(
      '{ min: 0.5 }',
      gate === 'label_shift'
        ? '{ max_jsd: 0.5 }'
        : gate === 'annotator.drift'
          ? '{ max_drop: 0.1 }'
          : '{ min: 0.5 }'
    )
    expect(refusal(text)).toBe('')
  })

  it('refuses multi_label settings on another type; accepts lineage on a structured one', () => {
    expect(
      refusal(
        config('category', 'accuracy').replace(
          '    gates:',
          "    multi_label: { separator: ';' }\n    gates:"
        )
      )
    ).toMatch(/multi_label settings need type: multi_label/)
    expect(
      refusal(
        config('multi_label', 'masi_alpha').replace(
          '    gates:',
          '    lineage: { required: [tool] }\n    gates:'
        )
      )
    ).toBe('')
  })
})
