import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { loadConfig } from '../../src/config/load-config.js'
import { GATE_METRICS } from '../../src/config/schema.js'
import { UserError } from '../../src/errors.js'

// A valid config with a mapping at every level the schema has.
const TEMPLATE = [
  'version: 1', //                              0
  'datasets:', //                               1
  '  - name: sentiment', //                     2
  '    path: data/a.csv', //                    3
  '    fields:', //                             4
  '      item: item_id', //                     5
  '      annotator: annotator', //              6
  '      label: label', //                      7
  '    level: ordinal', //                      8
  '    categories: [neg, neu, pos]', //         9
  '    reference:', //                          10
  '      path: data/gold.csv', //               11
  '      fields:', //                           12
  '        item: item_id', //                   13
  '        label: label', //                    14
  '    gates:', //                              15
  '      krippendorff_alpha:', //               16
  '        min: 0.8', //                        17
  '        max_drop: 0.02', //                  18
  '      changed.error_rate: { max: 0.05 }' //  19
]

interface Place {
  /** What the mapping is, as the error's field names it. */
  field: string | undefined
  /** Keys already allowed there: an inserted key must be none of them. */
  allowed: readonly string[]
  indent: number
  /** Line indexes a new `key: value` line may go before (a sibling's start). */
  before: number[]
}

const DATASET_KEYS = [
  'name',
  'path',
  'format',
  'fields',
  'level',
  'categories',
  'reference',
  'gates'
]
const GATE_KEYS = [
  'min',
  'max',
  'max_drop',
  'severity',
  'min_items',
  'on_undefined'
]

const PLACES: Place[] = [
  {
    field: undefined,
    allowed: ['version', 'datasets'],
    indent: 0,
    before: [0, 1, 20]
  },
  {
    field: 'datasets[0]',
    allowed: DATASET_KEYS,
    indent: 4,
    before: [3, 4, 8, 9, 10, 15, 20]
  },
  {
    field: 'datasets[0].fields',
    allowed: ['item', 'annotator', 'label'],
    indent: 6,
    before: [5, 6, 7, 8]
  },
  {
    field: 'datasets[0].reference',
    allowed: ['path', 'format', 'fields'],
    indent: 6,
    before: [11, 12, 15]
  },
  {
    field: 'datasets[0].reference.fields',
    allowed: ['item', 'label'],
    indent: 8,
    before: [13, 14, 15]
  },
  {
    field: 'datasets[0].gates',
    allowed: GATE_METRICS,
    indent: 6,
    before: [16, 19, 20]
  },
  {
    field: 'datasets[0].gates.krippendorff_alpha',
    allowed: GATE_KEYS,
    indent: 8,
    before: [17, 18, 19]
  }
]

// Plain keys that YAML reads as text (not true/false/null or a number).
const unknownKey = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,14}$/)
  .filter((k) => !/^(true|false|null)$/i.test(k))
const scalar = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('0.5', 'yes', '[a, b]', '{ min: 1 }', "'text'", '')
)

function loadError(text: string): UserError {
  try {
    loadConfig(text, 'labelgate.yml')
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('loaded a config with an unknown key')
}

describe('an unknown key anywhere', () => {
  it('the template itself loads', () => {
    expect(loadConfig(TEMPLATE.join('\n'), 'labelgate.yml').version).toBe(1)
  })

  it('is rejected at its own line and column, naming its mapping', () => {
    const insertion = fc.constantFrom(...PLACES).chain((place) =>
      fc.record({
        place: fc.constant(place),
        before: fc.constantFrom(...place.before),
        key: unknownKey.filter((k) => !place.allowed.includes(k)),
        value: scalar
      })
    )
    fc.assert(
      fc.property(insertion, ({ place, before, key, value }) => {
        const lines = [...TEMPLATE]
        lines.splice(before, 0, `${' '.repeat(place.indent)}${key}: ${value}`)
        const error = loadError(lines.join('\n'))
        expect(error.where).toEqual({
          file: 'labelgate.yml',
          line: before + 1,
          column: place.indent + 1,
          field: place.field
        })
        expect(error.message).toMatch(
          place.allowed === GATE_METRICS
            ? `unknown metric '${key}'`
            : `unknown key '${key}'`
        )
      })
    )
  })

  it('is rejected inside a flow mapping too', () => {
    fc.assert(
      fc.property(
        unknownKey.filter((k) => !GATE_KEYS.includes(k)),
        (key) => {
          const lines = [...TEMPLATE]
          lines[19] = `      changed.error_rate: { max: 0.05, ${key}: 1 }`
          const error = loadError(lines.join('\n'))
          expect(error.where).toMatchObject({
            line: 20,
            column: lines[19]!.lastIndexOf(`, ${key}:`) + 3,
            field: 'datasets[0].gates["changed.error_rate"]'
          })
          expect(error.message).toMatch(`unknown key '${key}'`)
        }
      )
    )
  })
})
