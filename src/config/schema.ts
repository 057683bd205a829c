import { z } from 'zod'
import { LEVELS } from '../model/level.js'
import { ANNOTATOR_METRICS, DATASET_METRICS } from '../metrics/names.js'

/** Formats a dataset can be read in; inferred from the file extension when absent. */
export const FORMATS = ['csv', 'tsv', 'jsonl', 'json'] as const
export type Format = (typeof FORMATS)[number]

/** YAML may write a category as a number or boolean; labels compare as canonical text. */
const labelText = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((v) => String(v))

const fieldName = z.string().min(1)

export const gateSchema = z
  .strictObject({
    min: z.number().optional(),
    max: z.number().optional(),
    max_drop: z.number().min(0).optional(),
    severity: z.enum(['error', 'warning']).default('error'),
    min_items: z.number().int().min(0).optional(),
    on_undefined: z.enum(['pass', 'warn', 'fail']).default('fail')
  })
  .refine(
    (g) => g.min !== undefined || g.max !== undefined || g.max_drop !== undefined,
    { message: 'a gate needs at least one of min, max or max_drop' }
  )

/** Every metric a gate may name: dataset metrics, their `changed.` slice, `annotator.*`. */
export const GATE_METRICS: readonly string[] = [
  ...DATASET_METRICS,
  ...DATASET_METRICS.map((m) => `changed.${m}`),
  ...ANNOTATOR_METRICS.map((m) => `annotator.${m}`)
]

const gateMetric = z.string().refine((m) => GATE_METRICS.includes(m), {
  message: 'unknown metric'
})

export const referenceSchema = z.strictObject({
  path: z.string().min(1),
  format: z.enum(FORMATS).optional(),
  fields: z
    .strictObject({
      item: fieldName.default('item_id'),
      label: fieldName.default('label')
    })
    .default({ item: 'item_id', label: 'label' })
})

export const datasetSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
        message: 'use letters, digits, dot, dash and underscore'
      }),
    path: z.string().min(1),
    format: z.enum(FORMATS).optional(),
    fields: z
      .strictObject({
        item: fieldName.default('item_id'),
        annotator: fieldName.default('annotator'),
        label: fieldName.default('label')
      })
      .default({ item: 'item_id', annotator: 'annotator', label: 'label' }),
    level: z.enum(LEVELS).default('nominal'),
    categories: z.array(labelText).min(1).optional(),
    reference: referenceSchema.optional(),
    gates: z.record(gateMetric, gateSchema).default({})
  })
  .superRefine((d, ctx) => {
    if (d.level === 'ordinal' && d.categories === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['categories'],
        message: 'an ordinal dataset needs its ordered categories'
      })
    }
    if (d.categories !== undefined) {
      const seen = new Set<string>()
      d.categories.forEach((c, i) => {
        if (seen.has(c)) {
          ctx.addIssue({
            code: 'custom',
            path: ['categories', i],
            message: `category '${c}' is listed twice`
          })
        }
        seen.add(c)
        if (
          (d.level === 'interval' || d.level === 'ratio') &&
          !Number.isFinite(Number(c))
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['categories', i],
            message: `an ${d.level} category must be a number, not '${c}'`
          })
        }
      })
    }
  })

export const configSchema = z
  .strictObject({
    version: z.literal(1),
    datasets: z.array(datasetSchema).min(1)
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>()
    c.datasets.forEach((d, i) => {
      if (seen.has(d.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['datasets', i, 'name'],
          message: `dataset name '${d.name}' is used twice`
        })
      }
      seen.add(d.name)
    })
  })

export type Config = z.output<typeof configSchema>
export type DatasetConfig = z.output<typeof datasetSchema>
export type ReferenceConfig = z.output<typeof referenceSchema>
export type GateConfig = z.output<typeof gateSchema>
