import { Ajv, type ValidateFunction } from 'ajv'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Validates requests (and the fake's responses) against the GitHub REST
 * operations in `__fixtures__/github/openapi-operations.json`, extracted from
 * GitHub's OpenAPI description by `script/openapi/extract.mjs`.
 */

type Schema = Record<string, unknown>

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema: Schema
  'x-multi-segment'?: boolean
}

interface Operation {
  operationId: string
  method: string
  path: string
  parameters: Parameter[]
  requestBody?: {
    required?: boolean
    content: Record<string, { schema: Schema }>
  }
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>
}

export interface OperationsFixture {
  package: string
  infoVersion: string
  openapi: string
  operations: Operation[]
}

export interface RequestToCheck {
  method: string
  /** Path without the API prefix (`/api/v3` on GitHub Enterprise Server). */
  pathname: string
  query: URLSearchParams
  contentType?: string
  /** The raw request body; empty when none was sent. */
  body: string
}

export interface Matched {
  operationId: string
  params: Record<string, string>
}

const FIXTURE = fileURLToPath(
  new URL('../../__fixtures__/github/openapi-operations.json', import.meta.url)
)

export function loadOperations(): OperationsFixture {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as OperationsFixture
}

/**
 * OpenAPI 3.0 `nullable: true` as JSON Schema: Ajv knows the keyword only
 * next to `type` and then still rejects null against an `enum` without it,
 * and the spec also puts it on `allOf`/`anyOf` schemas without a type.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema)
  if (schema === null || typeof schema !== 'object') return schema
  const copy: Schema = {}
  for (const [key, value] of Object.entries(schema)) {
    // Property names are data, not keywords: recurse into their schemas.
    copy[key] =
      key === 'properties' && value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)])
          )
        : toJsonSchema(value)
  }
  if (copy.nullable !== true) {
    delete copy.nullable
    return copy
  }
  delete copy.nullable
  if (typeof copy.type === 'string') {
    copy.type = [copy.type, 'null']
    if (Array.isArray(copy.enum) && !copy.enum.includes(null)) {
      copy.enum = [...(copy.enum as unknown[]), null]
    }
    return copy
  }
  return { anyOf: [copy, { type: 'null' }] }
}

export class OpenApiValidator {
  readonly fixture: OperationsFixture
  private readonly ajv: Ajv
  private readonly compiled = new Map<unknown, ValidateFunction>()
  private readonly routes: { operation: Operation; regex: RegExp }[]

  constructor(fixture: OperationsFixture = loadOperations()) {
    this.fixture = fixture
    this.ajv = new Ajv({ strict: false, allErrors: true })
    for (const format of formatsIn(fixture)) {
      this.ajv.addFormat(format, FORMATS[format] ?? true)
    }
    this.routes = fixture.operations.map((operation) => ({
      operation,
      regex: templateRegex(operation)
    }))
  }

  /** The operation a method and path belong to, with its path parameters. */
  match(method: string, pathname: string): Matched | undefined {
    for (const { operation, regex } of this.routes) {
      if (operation.method !== method.toUpperCase()) continue
      const found = regex.exec(pathname)
      if (!found) continue
      const params = Object.fromEntries(
        Object.entries(found.groups ?? {}).map(([k, v]) => [
          k,
          decodeURIComponent(v)
        ])
      )
      return { operationId: operation.operationId, params }
    }
    return undefined
  }

  /** Every way the request departs from its operation; empty when valid. */
  validateRequest(request: RequestToCheck): string[] {
    const label = `${request.method} ${request.pathname}`
    const matched = this.match(request.method, request.pathname)
    if (!matched) return [`${label}: no such operation in the OpenAPI fixture`]
    const operation = this.operation(matched.operationId)
    const problems: string[] = []
    const report = (where: string, errors: string[]) =>
      problems.push(...errors.map((e) => `${label} ${where}${e}`))

    for (const p of operation.parameters.filter((p) => p.in === 'path')) {
      report(
        `path ${p.name}`,
        this.check(p.schema, coerce(matched.params[p.name], p.schema))
      )
    }
    const queryParams = operation.parameters.filter((p) => p.in === 'query')
    for (const name of new Set(request.query.keys())) {
      const p = queryParams.find((q) => q.name === name)
      if (!p) {
        problems.push(`${label}: unknown query parameter ${name}`)
        continue
      }
      report(
        `query ${name}`,
        this.check(p.schema, coerce(request.query.get(name)!, p.schema))
      )
    }
    for (const p of queryParams.filter((q) => q.required)) {
      if (!request.query.has(p.name)) {
        problems.push(`${label}: missing query parameter ${p.name}`)
      }
    }

    const spec = operation.requestBody
    const hasBody = request.body.trim() !== ''
    if (!spec) {
      if (hasBody) problems.push(`${label}: a body where none is defined`)
      return problems
    }
    if (!hasBody) {
      if (spec.required) problems.push(`${label}: missing request body`)
      return problems
    }
    const type = (request.contentType ?? '').split(';')[0].trim()
    const media = spec.content[type]
    if (!media) {
      problems.push(
        `${label}: content type ${JSON.stringify(type)} not accepted`
      )
      return problems
    }
    let json: unknown
    try {
      json = JSON.parse(request.body)
    } catch {
      problems.push(`${label}: body is not JSON`)
      return problems
    }
    report('body', this.check(media.schema, json))
    return problems
  }

  /** Whether a response the fake sends matches the operation's schema. */
  validateResponse(
    operationId: string,
    status: number,
    data: unknown
  ): string[] {
    const response = this.operation(operationId).responses[String(status)]
    if (!response) return [`${operationId}: status ${status} not documented`]
    const schema = response.content?.['application/json']?.schema
    if (!schema) return []
    return this.check(schema, data).map(
      (e) => `${operationId} ${status} response${e}`
    )
  }

  private operation(id: string): Operation {
    const operation = this.fixture.operations.find((o) => o.operationId === id)
    if (!operation) throw new Error(`no operation ${id} in the fixture`)
    return operation
  }

  private check(schema: Schema, data: unknown): string[] {
    let validate = this.compiled.get(schema)
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Schema)
      this.compiled.set(schema, validate)
    }
    if (validate(data)) return []
    return (validate.errors ?? []).map(
      (e) => `${e.instancePath || ''} ${e.message ?? 'is invalid'}`
    )
  }
}

/** `/repos/{owner}/{repo}` → a regex with one named group per parameter. */
function templateRegex(operation: Operation): RegExp {
  const multi = new Set(
    operation.parameters.filter((p) => p['x-multi-segment']).map((p) => p.name)
  )
  const source = operation.path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1]
      if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      return `(?<${name}>${multi.has(name) ? '.+' : '[^/]+'})`
    })
    .join('')
  return new RegExp(`^${source}$`)
}

/** Path and query values arrive as text; compare numbers as numbers. */
function coerce(value: string | undefined, schema: Schema): unknown {
  if (value === undefined) return undefined
  if (
    (schema.type === 'integer' || schema.type === 'number') &&
    /^-?\d+(\.\d+)?$/.test(value)
  ) {
    return Number(value)
  }
  if (schema.type === 'boolean' && (value === 'true' || value === 'false')) {
    return value === 'true'
  }
  return value
}

const FORMATS: Record<string, RegExp> = {
  'date-time':
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i
}

/** Formats used in the fixture; those without a check above accept anything. */
function formatsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => formatsIn(v, found))
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'format' && typeof v === 'string') found.add(v)
      else formatsIn(v, found)
    }
  }
  return found
}
