#!/usr/bin/env node
/**
 * Extract the GitHub REST operations labelgate calls from GitHub's OpenAPI
 * description into a small committed fixture. The loopback fake of the GitHub
 * API in __tests__/github/fake-github.ts validates every request against it.
 *
 * Re-run (after bumping the spec version below, or to add an operation):
 *
 *     mkdir -p /tmp/openapi && cd /tmp/openapi && npm init -y
 *     npm i @octokit/openapi@23.0.2
 *     cd -  # back to the repository root
 *     node script/openapi/extract.mjs /tmp/openapi/node_modules/@octokit/openapi
 *
 * The package is ~400 MB unpacked, so it is installed outside the repository
 * and is not a dependency. Never import its index: it loads all ten specs.
 * This reads one dereferenced file (~73 MB, ~1 s) and writes
 * __fixtures__/github/openapi-operations.json. The output is deterministic:
 * the same package version rewrites the same file.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The operations we call (the first five) or plan to call (the last two). */
const OPERATIONS = [
  'users/get-authenticated',
  'issues/list-comments',
  'issues/create-comment',
  'issues/update-comment',
  'issues/delete-comment',
  'pulls/get',
  'repos/get-content'
]

/** Keys dropped from every operation: prose and examples, not validation. */
const DROPPED = new Set(['examples', 'example', 'description', 'externalDocs'])

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..'
)
const packageDir = path.resolve(
  process.argv[2] ?? '/tmp/openapi/node_modules/@octokit/openapi'
)
const out = path.join(root, '__fixtures__', 'github', 'openapi-operations.json')

const pkg = JSON.parse(
  readFileSync(path.join(packageDir, 'package.json'), 'utf8')
)
if (pkg.name !== '@octokit/openapi') {
  throw new Error(`${packageDir} is ${pkg.name}, not @octokit/openapi`)
}
const spec = JSON.parse(
  readFileSync(
    path.join(packageDir, 'generated', 'api.github.com.deref.json'),
    'utf8'
  )
)

const operations = []
for (const [template, item] of Object.entries(spec.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    if (!OPERATIONS.includes(operation?.operationId)) continue
    operations.push({
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path: template,
      summary: operation.summary,
      // Path-level parameters apply to every method of the path.
      parameters: strip([
        ...(item.parameters ?? []),
        ...(operation.parameters ?? [])
      ]),
      requestBody: strip(operation.requestBody),
      responses: strip(operation.responses),
      'x-github': operation['x-github']
    })
  }
}
const missing = OPERATIONS.filter(
  (id) => !operations.some((o) => o.operationId === id)
)
if (missing.length > 0)
  throw new Error(`not in the spec: ${missing.join(', ')}`)
operations.sort(
  (a, b) =>
    OPERATIONS.indexOf(a.operationId) - OPERATIONS.indexOf(b.operationId)
)

mkdirSync(path.dirname(out), { recursive: true })
const fixture = {
  source: 'generated/api.github.com.deref.json',
  package: `${pkg.name}@${pkg.version}`,
  openapi: spec.openapi,
  infoVersion: spec.info.version,
  generatedBy: 'script/openapi/extract.mjs',
  operations
}
writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`)
console.log(
  `${path.relative(root, out)}: ${operations.length} operations from ${fixture.package}`
)

/** A deep copy without DROPPED keys (schema property names are kept). */
function strip(value, inProperties = false) {
  if (Array.isArray(value)) return value.map((v) => strip(v))
  if (value === null || typeof value !== 'object') return value
  const copy = {}
  for (const [key, v] of Object.entries(value)) {
    if (!inProperties && DROPPED.has(key)) continue
    copy[key] = strip(v, key === 'properties' && !inProperties)
  }
  return copy
}
