import { z } from 'zod'
import { describeGateMetric } from './metric-descriptions.js'
import {
  configSchema,
  GATE_METRICS,
  gateMetricSchema,
  gateSchema
} from './schema.js'

/** Where the committed schema is published, for `$schema=` in users' configs. */
export const SCHEMA_URL =
  'https://raw.githubusercontent.com/labelgate/labelgate/main/schema/labelgate.schema.json'

type JsonObject = Record<string, unknown>

const GATE_REF = '#/definitions/gate'

/**
 * The JSON Schema of the config file, for editor completion and checking
 * (committed as schema/labelgate.schema.json). Built from the zod schema so
 * that the two cannot drift. Input side: keys with defaults are optional and
 * show their default. Draft 7, which editors' YAML and JSON support reads best.
 * Checks that JSON Schema cannot say (min ≤ max, unique names) stay in zod.
 */
export function buildJsonSchema(): JsonObject {
  let gate: JsonObject | undefined
  const generated = z.toJSONSchema(configSchema, {
    io: 'input',
    target: 'draft-7',
    override: ({ zodSchema, jsonSchema }) => {
      const json = jsonSchema as JsonObject
      if (json.type === 'integer' && json.maximum === Number.MAX_SAFE_INTEGER) {
        // zod's bound for safe integers is noise to a reader of the config.
        delete json.maximum
      }
      if (zodSchema === gateSchema) {
        // The refinement "at least one bound", as JSON Schema can say it.
        json.anyOf = ['min', 'max', 'max_drop', 'max_decline', 'max_jsd'].map(
          (key) => ({
            required: [key]
          })
        )
      }
      if (
        zodSchema instanceof z.ZodRecord &&
        zodSchema.keyType === gateMetricSchema
      ) {
        gate = json.additionalProperties as JsonObject
        // Listing every metric as a property is what lets editors complete
        // the keys; propertyNames rejects any other.
        json.propertyNames = { enum: [...GATE_METRICS] }
        json.properties = Object.fromEntries(
          GATE_METRICS.map((metric) => [
            metric,
            {
              description: describeGateMetric(metric),
              allOf: [{ $ref: GATE_REF }]
            }
          ])
        )
        json.additionalProperties = { $ref: GATE_REF }
      }
    }
  }) as JsonObject

  const { $schema, ...rest } = generated
  return {
    $schema,
    $id: SCHEMA_URL,
    title: 'labelgate config',
    description:
      'The labelgate config file (.github/labelgate.yml or labelgate.yml): datasets of versioned labels and the quality gates they must pass.',
    ...rest,
    definitions: {
      ...(rest.definitions as JsonObject | undefined),
      ...(gate === undefined ? {} : { gate })
    }
  }
}
