import { z } from 'zod'
import type { Report } from '../report/types.js'
import { REPORT_SCHEMA } from '../report/types.js'

/*
 * The JSON report as the fork pattern's poster accepts it. The file comes
 * from a run whose workflow a fork can change, so it is data to check: every
 * part the Markdown renderer reads is typed here (unknown keys are dropped,
 * so nothing unchecked reaches the renderer), and every string and list has
 * a bound. The renderer escapes every string it writes. Sections that later
 * versions added default to empty, so an older checking run still posts.
 */

/** A name: label, id, file path. */
const MAX_TEXT = 10_000
/** A sentence that may quote data: messages, reasons, notes. */
const MAX_MESSAGE = 100_000
/** Any list or map (rows, labels, annotators, problems). */
const MAX_ROWS = 100_000

const text = z.string().max(MAX_TEXT)
const message = z.string().max(MAX_MESSAGE)
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_ROWS)
const map = <T extends z.ZodType>(value: T) =>
  z
    .record(text, value)
    .refine((r) => Object.keys(r).length <= MAX_ROWS, 'too many keys')
const count = z.number().int().min(0)
const num = z.number()
const severity = z.enum(['error', 'warning'])

const interval = z.object({
  low: num,
  high: num,
  level: num,
  method: z.enum([
    'wilson',
    'wilson-cluster',
    'gwet',
    'bootstrap',
    'mover',
    'linearized'
  ])
})

const metric = z.object({
  value: num.nullable(),
  reason: message.optional(),
  n_items: count.optional(),
  n: count.optional(),
  se: num.nullable().optional(),
  ci: interval.optional(),
  population: text.optional()
})

const counts = z.object({
  items: count,
  annotators: count,
  annotations: count,
  reference_items: count,
  elements: count.optional()
})

const version = z.object({
  counts,
  metrics: map(metric),
  annotators: map(
    z.object({
      annotations: count,
      accuracy: metric,
      estimated_accuracy: metric.optional(),
      spam_score: metric.optional(),
      metrics: map(metric).optional()
    })
  ),
  distribution: map(count),
  classes: list(
    z.object({
      label: text,
      support: count,
      predicted: count,
      precision: num.nullable(),
      recall: num.nullable(),
      f1: num.nullable()
    })
  ),
  confusion: z
    .object({
      labels: list(text),
      matrix: list(list(count)),
      top_cells: list(z.tuple([text, text, count])).optional(),
      capped: z
        .object({
          labels: count,
          labels_shown: count,
          cells: count,
          annotations: count,
          annotations_outside: count
        })
        .optional()
    })
    .nullable(),
  pairwise: list(
    z.object({
      a: text,
      b: text,
      n_items: count,
      kappa: num.nullable(),
      percent_agreement: num.nullable(),
      similarity: num.nullable().optional()
    })
  ),
  consensus: z
    .object({
      method: z.enum(['dawid_skene', 'one_coin', 'mace']),
      skipped: message.optional(),
      iterations: count,
      converged: z.boolean(),
      log_likelihood: num.nullable(),
      items: count,
      min_posterior: num,
      low_posterior_items: count,
      versus_reference: z.object({
        annotators: count,
        spearman: num.nullable(),
        mean_absolute_difference: num.nullable()
      }),
      categories: list(text),
      confusion: list(z.object({ annotator: text, matrix: list(list(num)) }))
    })
    .optional(),
  per_label: list(
    z.object({
      label: text,
      n_items: count,
      positives: count,
      alpha: metric,
      kappa: metric
    })
  ).optional(),
  capped: z
    .partialRecord(
      z.enum(['annotators', 'pairwise', 'classes', 'distribution']),
      z.object({ total: count, shown: count, kept: message })
    )
    .optional()
})

const gate = z.object({
  metric: text,
  bound: z.enum(['min', 'max', 'max_drop', 'max_decline', 'max_jsd']),
  threshold: num,
  value: num.nullable(),
  status: z.enum([
    'pass',
    'fail',
    'undefined',
    'not_applicable',
    'too_few_items',
    'pre_existing'
  ]),
  severity,
  message,
  annotator: text.optional(),
  slice: z.object({ column: text, value: text.nullable() }).optional(),
  on_undefined: z.enum(['pass', 'warn', 'fail']).optional(),
  base_value: num.nullable().optional(),
  n: count.optional(),
  by: z.enum(['value', 'lower', 'upper']).optional(),
  ci: interval.optional(),
  items_for_firm_verdict: count.nullable().optional(),
  trend_best: z
    .object({
      value: num,
      commit: text,
      date: text,
      versions: count,
      window: count
    })
    .optional()
})

const sliceEnd = z
  .object({ value: text, estimate: num, n_items: count })
  .nullable()

const problem = z.object({
  severity,
  file: text,
  line: count,
  message,
  field: text.optional(),
  pre_existing: z.literal(true).optional()
})

const dataset = z.object({
  name: text,
  passed: z.boolean(),
  type: z.enum(['category', 'multi_label', 'span', 'box']).optional(),
  annotator_accuracy: message.optional(),
  level: z.enum(['nominal', 'ordinal', 'interval', 'ratio']),
  files: list(text),
  reference_files: list(text),
  head: version,
  base: version.nullable(),
  changed: version.nullable(),
  diff: z
    .object({
      items_added: count,
      items_removed: count,
      annotations_added: count,
      annotations_removed: count,
      labels_changed: count,
      elements_added: count.optional(),
      elements_removed: count.optional()
    })
    .nullable(),
  relabeled: list(
    z.object({ item: text, annotator: text, from: text, to: text })
  ).default([]),
  label_shift: z
    .object({
      labels: list(text),
      base: list(num),
      head: list(num),
      jensen_shannon: metric,
      chi_square: z
        .object({ statistic: num, df: num, p_value: num })
        .nullable(),
      changed: list(num).optional(),
      unchanged: list(num).optional()
    })
    .nullable()
    .default(null),
  box_size_shift: z
    .object({
      labels: list(text),
      base: list(num),
      head: list(num),
      jensen_shannon: metric,
      chi_square: z
        .object({ statistic: num, df: num, p_value: num })
        .nullable(),
      changed: list(num).optional(),
      unchanged: list(num).optional(),
      unknown_size: z.object({ base: count, head: count })
    })
    .nullable()
    .optional(),
  schema_change: z
    .object({
      from_version: num,
      to_version: num,
      added: list(text),
      removed: list(text),
      renamed: list(z.object({ from: text, to: text })),
      affected_annotations: count
    })
    .nullable()
    .default(null),
  adjudication: z
    .object({
      scope: z.enum(['changed', 'all']),
      total: count,
      counts: z.object({
        tie: count,
        low_share: count,
        disagrees_with_reference: count,
        low_posterior: count.optional(),
        decided: count,
        low_agreement: count.optional()
      }),
      annotators: list(text),
      rows: list(
        z.object({
          item: text,
          reasons: list(
            z.enum([
              'tie',
              'low_share',
              'disagrees_with_reference',
              'low_posterior',
              'low_agreement'
            ])
          ),
          majority: text.nullable(),
          majority_share: num,
          reference: text.nullable(),
          decision: text.nullable(),
          decided_by: text.nullable(),
          labels: map(text),
          agreement: num.nullable().optional(),
          disagreeing: list(text).optional()
        })
      )
    })
    .nullable()
    .default(null),
  qc_sample: z
    .object({
      size: count,
      population: count,
      formula: z
        .object({ n0: num, z: num, margin: num, confidence: num, p: num })
        .nullable(),
      strata: list(
        z.object({
          label: text,
          annotator: text,
          population: count,
          sampled: count
        })
      ),
      rows: list(z.object({ item: text, annotator: text, label: text }))
    })
    .nullable()
    .default(null),
  annotator_drift: list(
    z.object({
      annotator: text,
      base: metric,
      changed: metric,
      head: metric,
      drop: num.nullable(),
      z: num.nullable(),
      p_value: num.nullable(),
      test: z.enum(['z', 'fisher-exact', 'cluster-z']).nullable().optional(),
      flagged: z.boolean(),
      kappa_base: metric,
      kappa_head: metric
    })
  ).default([]),
  lineage: z
    .object({
      scope: z.enum(['changed', 'all']),
      required: list(text),
      timestamp: text.nullable(),
      severity,
      checked: count,
      missing: map(count),
      invalid_timestamps: count,
      future_timestamps: count,
      incomplete: count,
      tools: map(count).nullable(),
      annotators: count,
      first: text.nullable(),
      last: text.nullable()
    })
    .nullable()
    .default(null),
  gates: list(gate),
  problems: list(problem),
  trend: z
    .object({
      points: list(
        z.object({
          commit: text,
          date: text,
          values: map(num.nullable())
        })
      ),
      note: message.nullable()
    })
    .optional(),
  model_metrics: z
    .object({
      path: text,
      values: map(num.nullable()).nullable(),
      date: text.nullable(),
      labels_date: text.nullable(),
      stale: z.boolean()
    })
    .optional(),
  slices: z
    .object({
      columns: list(text),
      groups: list(
        z.object({
          column: text,
          value: text,
          counts,
          metrics: map(metric)
        })
      ),
      gaps: list(
        z.object({
          column: text,
          metric: text,
          groups_compared: count,
          worst: sliceEnd,
          best: sliceEnd,
          gap: num.nullable(),
          reason: message.optional(),
          ci: interval.optional(),
          min_items: count.optional(),
          p_value: num.nullable().optional(),
          test: text.optional(),
          comparisons: count.optional(),
          p_adjusted: num.nullable().optional(),
          significant: z.boolean().optional()
        })
      ),
      capped: z.object({ total: count, shown: count, kept: message }).optional()
    })
    .optional()
})

const report = z.object({
  schema: z.literal(REPORT_SCHEMA),
  passed: z.boolean(),
  base: text.nullable(),
  head: text,
  config: z.object({
    path: text,
    source: z.enum(['base', 'head', 'file'])
  }),
  datasets: z.array(dataset).max(1_000),
  notes: list(message),
  version: text
})

/**
 * The report, typed, or the first reason it is not one (a path and zod's
 * message, for the warning).
 */
export function parseReport(
  value: unknown
): { report: Report } | { error: string } {
  const parsed = report.safeParse(value)
  if (parsed.success) return { report: parsed.data satisfies Report }
  const issue = parsed.error.issues[0]
  const where = issue?.path.map(String).join('.') ?? ''
  return {
    error: `${where || 'the report'}: ${issue?.message ?? 'invalid'}`
  }
}
