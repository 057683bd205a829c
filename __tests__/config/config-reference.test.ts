import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import {
  buildConfigReference,
  CONFIG_REFERENCE_COMMAND
} from '../../src/config/config-reference.js'
import { buildJsonSchema } from '../../src/config/json-schema.js'
import { GATE_METRICS } from '../../src/config/schema.js'

const DOC_FILE = new URL('../../docs/config.md', import.meta.url)

// Formatted as `npm run format:check` would, so the committed file passes it.
async function generate(): Promise<string> {
  const path = fileURLToPath(DOC_FILE)
  const options = (await prettier.resolveConfig(path)) ?? {}
  return prettier.format(buildConfigReference(), {
    ...options,
    filepath: path
  })
}

type Json = Record<string, unknown>

/** Every key path of the JSON Schema, as `a.b[].c`. */
function keyPaths(node: Json, prefix: string, out: string[]): string[] {
  const forms = (node.anyOf as Json[] | undefined) ?? [node]
  for (const form of forms) {
    for (const [key, child] of Object.entries(
      (form.properties ?? {}) as Record<string, Json>
    )) {
      if (prefix.endsWith('gates')) continue // metrics, listed on their own
      const path = prefix === '' ? key : `${prefix}.${key}`
      out.push(key)
      const inner = child.type === 'array' ? (child.items as Json) : child
      keyPaths(inner, path, out)
    }
  }
  return out
}

describe('docs/config.md', () => {
  it('is what the generator makes from the zod schema', async () => {
    const generated = await generate()
    if (process.env.UPDATE_SCHEMA) writeFileSync(DOC_FILE, generated)
    const committed = existsSync(DOC_FILE) ? readFileSync(DOC_FILE, 'utf8') : ''
    if (committed !== generated) {
      throw new Error(
        `docs/config.md is out of date with src/config/schema.ts; regenerate it with: ${CONFIG_REFERENCE_COMMAND}`
      )
    }
    expect(committed).toBe(generated)
  })

  const text = buildConfigReference()

  it('lists every key of the schema and every gate metric', () => {
    const rows = new Set(
      [...text.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1])
    )
    const keys = keyPaths(buildJsonSchema(), '', [])
    expect(keys.length).toBeGreaterThan(30)
    expect(keys.filter((k) => !rows.has(k))).toEqual([])
    expect(GATE_METRICS.filter((m) => !rows.has(m))).toEqual([])
    expect(text).not.toMatch(/^\| `[^`]+` \|\s*\|$/m) // a metric without a line
  })

  it('shows defaults, required keys and allowed values', () => {
    expect(text).toMatch(
      /^\| `level` \| string \| `"nominal"` \| `nominal`, `ordinal`, `interval`, `ratio` \|/m
    )
    expect(text).toMatch(/^\| `path` \| string \| required \| non-empty \|/m)
    expect(text).toMatch(/^\| `item` \| string \| `"item_id"` \|/m)
    expect(text).toMatch(
      /^\| `on_undefined` \| string \| `"fail"` \| `pass`, `warn`, `fail` \|/m
    )
    expect(text).toMatch(/^\| `max_jsd` \| number \| — \| ≥ 0; ≤ 1 \|/m)
    expect(text).toMatch(
      /^\| `resamples` \| integer \| `1000` \| ≥ 100; ≤ 100000 \|/m
    )
  })
})
