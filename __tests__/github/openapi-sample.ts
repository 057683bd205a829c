/**
 * The smallest value a (dereferenced) OpenAPI 3.0 schema accepts: required
 * properties only, null where nullable, the first enum value, a sample for
 * each string format. The fake builds large GitHub objects (a pull request
 * has ~80 required fields per repository) from this, then sets the fields a
 * test cares about; the validator still checks the result.
 */
type Schema = Record<string, unknown>

const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2026-01-01T00:00:00Z',
  uri: 'https://github.com/acme/labels',
  email: 'octocat@example.com'
}

export function sampleOf(schema: Schema): unknown {
  if (schema.nullable === true) return null
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const options = schema[key] as Schema[] | undefined
    if (!options) continue
    if (key !== 'allOf') return sampleOf(options[0]!)
    return Object.assign({}, ...options.map((o) => sampleOf(o) as object))
  }
  if (Array.isArray(schema.enum)) return schema.enum[0]
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Schema>
      const required = (schema.required ?? []) as string[]
      return Object.fromEntries(
        required.map((name) => [name, sampleOf(props[name] ?? {})])
      )
    }
    case 'array':
      return []
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1
    case 'boolean':
      return false
    case 'string':
      return FORMAT_SAMPLES[schema.format as string] ?? 'x'
    default:
      return null
  }
}
