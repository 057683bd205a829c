import { describe, expect, it } from '@jest/globals'
import { formatFieldPath } from '../../src/config/field-path.js'
import { keysAt } from '../../src/config/keys-at.js'
import { configSchema, GATE_METRICS } from '../../src/config/schema.js'

describe('keysAt', () => {
  it('reads the allowed keys of each mapping from the zod schema', () => {
    expect(keysAt(configSchema, [])).toEqual(['version', 'datasets'])
    expect(keysAt(configSchema, ['datasets', 0])).toEqual([
      'name',
      'path',
      'exclude',
      'format',
      'delimiter',
      'annotator_key',
      'fields',
      'type',
      'box',
      'multi_label',
      'span',
      'level',
      'categories',
      'schema',
      'reference',
      'intervals',
      'bootstrap',
      'adjudication',
      'qc_sample',
      'lineage',
      'slices',
      'consensus',
      'model_metrics',
      'gates'
    ])
    expect(
      keysAt(configSchema, ['datasets', 3, 'reference', 'fields'])
    ).toEqual(['item', 'label'])
    expect(
      keysAt(configSchema, ['datasets', 0, 'gates', 'changed.accuracy'])
    ).toEqual([
      'min',
      'max',
      'max_drop',
      'max_decline',
      'window',
      'max_jsd',
      'severity',
      'min_items',
      'on_undefined',
      'by',
      'pre_existing',
      'significance',
      'column'
    ])
  })

  it('offers the metric names where gates are named', () => {
    expect(keysAt(configSchema, ['datasets', 0, 'gates'])).toBe(GATE_METRICS)
  })

  it('has no keys to offer below a value', () => {
    expect(keysAt(configSchema, ['version'])).toEqual([])
    expect(keysAt(configSchema, ['datasets', 0, 'nonsense', 'x'])).toEqual([])
  })
})

describe('formatFieldPath', () => {
  it('writes indexes in brackets and words after dots', () => {
    expect(formatFieldPath(['datasets', 2, 'fields', 'item'])).toBe(
      'datasets[2].fields.item'
    )
  })

  it('brackets keys that are not plain words, such as dotted metric names', () => {
    expect(
      formatFieldPath(['datasets', 0, 'gates', 'changed.error_rate', 'max'])
    ).toBe('datasets[0].gates["changed.error_rate"].max')
    expect(formatFieldPath(['a b'])).toBe('["a b"]')
  })
})
