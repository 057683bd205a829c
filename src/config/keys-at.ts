import { z } from 'zod'
import { GATE_METRICS, gateMetricSchema } from './schema.js'

/**
 * The keys a mapping at `path` may hold, read from the zod schema itself so the
 * lists in "did you mean" and in the JSON Schema cannot drift from what is
 * accepted: an object's fields, or for `gates` the metric names.
 */
export function keysAt(
  schema: z.ZodType,
  path: readonly PropertyKey[]
): readonly string[] {
  const target = schemaAt(schema, path)
  if (target instanceof z.ZodObject) return Object.keys(target.shape)
  if (target instanceof z.ZodRecord && target.keyType === gateMetricSchema) {
    return GATE_METRICS
  }
  return []
}

/** The schema that checks the value at `path`, wrappers removed. */
export function schemaAt(
  schema: z.ZodType,
  path: readonly PropertyKey[]
): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(schema)
  for (const segment of path) {
    if (current instanceof z.ZodObject && typeof segment === 'string') {
      const field = (current.shape as Record<string, z.ZodType | undefined>)[
        segment
      ]
      current = field
    } else if (current instanceof z.ZodArray && typeof segment === 'number') {
      current = current.element as z.ZodType
    } else if (current instanceof z.ZodRecord) {
      current = current.valueType as z.ZodType
    } else {
      return undefined
    }
    if (current === undefined) return undefined
    current = unwrap(current)
  }
  return current
}

/** Look through optional, default and pipe (the input side) to the checked type. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodReadonly
    ) {
      current = current.unwrap() as z.ZodType
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType
    } else {
      return current
    }
  }
}
