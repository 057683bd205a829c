import { z } from 'zod'
import { loadYamlWith } from '../config/load-config.js'
import { labelText } from '../config/schema.js'

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

/** A versioned label schema (DESIGN section 3, the governance issue). */
export interface LabelSchema {
  file: string
  version: number
  categories: string[]
  descriptions: Record<string, string>
  migrations: { from: number; rename: Record<string, string>; remove: string[] }[]
}

export function loadLabelSchema(text: string, file: string): LabelSchema {
  const parsed = loadYamlWith(labelSchemaFileSchema, text, file)
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
    migrations: parsed.migrations
  }
}
