import { z } from 'zod'
import { loadYamlWith } from '../config/load-config.js'
import { parseConfigYaml } from '../config/parse-config-yaml.js'
import { labelText } from '../config/schema.js'
import { locate } from '../config/yaml-location.js'

const category = z.union([
  labelText,
  z.strictObject({
    name: labelText,
    description: z.string().optional().describe('What the category means')
  })
])

const migration = z.strictObject({
  from: z
    .number()
    .int()
    .positive()
    .describe('The schema version this step migrates from'),
  rename: z
    .record(z.string(), labelText)
    .default({})
    .describe('Old label → new label'),
  remove: z.array(labelText).default([]).describe('Labels that no longer exist')
})

export const labelSchemaFileSchema = z
  .strictObject({
    version: z.number().int().positive().describe('Raise it on every change'),
    categories: z.array(category).min(1),
    migrations: z.array(migration).default([])
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>()
    s.categories.forEach((c, i) => {
      const name = typeof c === 'string' ? c : c.name
      if (seen.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', i],
          message: `category '${name}' is listed twice`
        })
      }
      seen.add(name)
    })
    s.migrations.forEach((m, i) => {
      if (m.from >= s.version) {
        ctx.addIssue({
          code: 'custom',
          path: ['migrations', i, 'from'],
          message: `a migration from version ${m.from} must be older than the schema's version ${s.version}`
        })
      }
    })
  })

/** One migration step of a label schema file. */
export interface Migration {
  /** The schema version this step migrates from. */
  from: number
  /** Old label → new label (a Map: label texts such as 'constructor' are data). */
  rename: ReadonlyMap<string, string>
  remove: readonly string[]
  /** Position of the step in the file's `migrations` list, and its line, for messages. */
  index: number
  line: number
}

/** A versioned label schema: categories, and the migrations from older versions. */
export interface LabelSchema {
  file: string
  version: number
  categories: string[]
  descriptions: Record<string, string>
  migrations: Migration[]
}

export function loadLabelSchema(text: string, file: string): LabelSchema {
  const parsed = loadYamlWith(labelSchemaFileSchema, text, file)
  // Parsed twice (the file is small): the first pass validates, this one
  // keeps the document so that each migration can be named by its line.
  const { doc, lineCounter } = parseConfigYaml(text, file)
  const descriptions: Record<string, string> = {}
  const categories = parsed.categories.map((c) => {
    if (typeof c === 'string') return c
    if (c.description !== undefined) descriptions[c.name] = c.description
    return c.name
  })
  return {
    file,
    version: parsed.version,
    categories,
    descriptions,
    migrations: parsed.migrations.map((m, i) => ({
      from: m.from,
      rename: new Map(Object.entries(m.rename)),
      remove: m.remove,
      index: i,
      line: locate(doc, lineCounter, ['migrations', i], 'value').line
    }))
  }
}
