import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'
import { z } from 'zod'
import { buildJsonSchema } from '../../src/config/json-schema.js'
import { GATE_METRICS } from '../../src/config/schema.js'
import { fixture, fixtureNames } from './fixtures.js'

const SCHEMA_FILE = new URL(
  '../../schema/labelgate.schema.json',
  import.meta.url
)
const REGENERATE =
  'UPDATE_SCHEMA=1 npm test -- __tests__/config/json-schema.test.ts'

const generated = `${JSON.stringify(buildJsonSchema(), null, 2)}\n`
if (process.env.UPDATE_SCHEMA) writeFileSync(SCHEMA_FILE, generated)
const committed = existsSync(SCHEMA_FILE)
  ? readFileSync(SCHEMA_FILE, 'utf8')
  : ''

type Json = Record<string, unknown>
const schema = JSON.parse(generated) as Json
const dataset = ((schema.properties as Json).datasets as { items: Json }).items
const datasetProps = dataset.properties as Record<string, Json>
const gate = (schema.definitions as Record<string, Json>).gate!
const gateProps = gate.properties as Record<string, Json>

describe('schema/labelgate.schema.json', () => {
  it('is what buildJsonSchema() makes from the zod schema', () => {
    if (committed !== generated) {
      throw new Error(
        `schema/labelgate.schema.json is out of date with src/config/schema.ts; regenerate it with: ${REGENERATE}`
      )
    }
    expect(committed).toBe(generated)
  })

  it('enumerates the metric names under gates, for completion', () => {
    const gates = datasetProps.gates!
    expect(gates.propertyNames).toEqual({ enum: [...GATE_METRICS] })
    expect(Object.keys(gates.properties as Json)).toEqual([...GATE_METRICS])
    expect(gates.additionalProperties).toEqual({
      $ref: '#/definitions/gate'
    })
    expect(
      (gates.properties as Record<string, Json>)['changed.error_rate']
    ).toMatchObject({ allOf: [{ $ref: '#/definitions/gate' }] })
  })

  it('describes the input side: defaults shown, defaulted keys optional', () => {
    expect(schema.required).toEqual(['version', 'datasets'])
    expect(dataset.required).toEqual(['name', 'path'])
    expect(datasetProps.level!.default).toBe('nominal')
    expect(datasetProps.fields!.default).toEqual({
      item: 'item_id',
      annotator: 'annotator',
      label: 'label'
    })
    expect(gate.required).toBeUndefined()
    expect(gateProps.severity!.default).toBe('error')
    expect(gateProps.on_undefined!.default).toBe('fail')
  })

  it('says a gate needs a bound', () => {
    expect(gate.anyOf).toEqual([
      { required: ['min'] },
      { required: ['max'] },
      { required: ['max_drop'] },
      { required: ['max_decline'] },
      { required: ['max_jsd'] }
    ])
  })

  // What an editor does with the schema: the shipped example configs (which
  // use every kind of bound, label_shift's max_jsd included) must validate.
  it.each(['examples/labelgate.yml', 'examples/governance/labelgate.yml'])(
    'accepts the example config %s',
    (file) => {
      const validate = new Ajv({ strict: false, allErrors: true }).compile(
        JSON.parse(generated) as object
      )
      const config = parse(
        readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
      ) as unknown
      const valid = validate(config)
      expect(valid ? [] : validate.errors).toEqual([])
    }
  )

  it('gives every key a description', () => {
    const undescribed: string[] = []
    const visit = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return
      const properties = (node as Json).properties as
        Record<string, Json> | undefined
      for (const [key, child] of Object.entries(properties ?? {})) {
        if (typeof child.description !== 'string') {
          undescribed.push(`${path}.${key}`)
        }
      }
      for (const [key, child] of Object.entries(node)) {
        visit(child, `${path}.${key}`)
      }
    }
    visit(schema, '$')
    expect(undescribed).toEqual([])
    expect(schema.title).toBe('labelgate config')
  })
})

describe('the committed JSON Schema checks configs like loadConfig', () => {
  // zod's fromJSONSchema lets an object with `anyOf` through unchecked, so
  // the gate's "needs a bound" rule (pinned above) is left out here; without
  // it the gate's keys are checked.
  const json = JSON.parse(committed || generated) as Json
  delete (json.definitions as Record<string, Json>).gate!.anyOf
  const check = z.fromJSONSchema(json)

  it.each(fixtureNames('valid'))('accepts valid/%s', (name) => {
    expect(check.safeParse(parse(fixture(`valid/${name}`))).success).toBe(true)
  })

  it.each([
    'unknown-metric.yml',
    'unknown-dataset-key.yml',
    'unknown-gate-key.yml',
    'unknown-root-key.yml',
    'bad-level.yml',
    'bad-severity.yml',
    'wrong-version.yml',
    'empty-datasets.yml',
    'missing-path.yml',
    'negative-max-drop.yml',
    'fractional-min-items.yml',
    'bad-name.yml'
  ])('rejects invalid/%s', (name) => {
    expect(check.safeParse(parse(fixture(`invalid/${name}`))).success).toBe(
      false
    )
  })
})
