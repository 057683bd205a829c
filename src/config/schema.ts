import { z } from 'zod'
import { LEVELS } from '../model/level.js'
import { repositoryPathProblem } from './repository-path.js'
import { boundRangeProblems } from './bound-range.js'
import { INFERENCE_METHODS } from '../inference/truth-inference.js'
import {
  ANNOTATOR_METRICS,
  ANNOTATOR_METRICS_BY_TYPE,
  BOX_METRICS,
  CONSENSUS_METRICS,
  DATASET_METRICS,
  METRICS_BY_TYPE,
  MULTI_LABEL_METRICS,
  SPAN_METRICS,
  typeOfMetric,
  type DatasetType
} from '../metrics/names.js'

// Descriptions below reach editors through the generated JSON Schema
// (schema/labelgate.schema.json); keep them short and in the user's words.

/**
 * Formats a dataset can be read in; inferred from the file extension when
 * absent (never label-studio or prodigy: those exports are .json and .jsonl,
 * so they are chosen with `format:`).
 */
export const FORMATS = [
  'csv',
  'tsv',
  'jsonl',
  'json',
  'label-studio',
  'label-studio-min',
  'label-studio-csv',
  'prodigy',
  'conll',
  'parquet',
  'coco',
  'yolo'
] as const
export type Format = (typeof FORMATS)[number]

/** The annotation field names when the config gives none. */
export const DEFAULT_FIELDS = {
  item: 'item_id',
  annotator: 'annotator',
  label: 'label'
} as const

/**
 * Formats the reference labels of a category dataset can be read in: plain
 * records (Parquet included), and a Label Studio JSON export's ground-truth
 * annotations (`ground_truth: true`).
 */
export const REFERENCE_FORMATS = [
  'csv',
  'tsv',
  'jsonl',
  'json',
  'label-studio',
  'parquet'
] as const

/**
 * Field separators a delimited file may use. `\t` and `tab` are accepted
 * besides a real tab: in YAML, '\t' in single quotes is a backslash and a t.
 */
export const DELIMITERS = [',', ';', '\t', '|', '\\t', 'tab'] as const
export type Delimiter = (typeof DELIMITERS)[number]

/** Formats whose files are delimited text, where `delimiter:` applies. */
export const DELIMITED_FORMATS: readonly Format[] = [
  'csv',
  'tsv',
  'label-studio-csv'
]

const delimiter = z
  .enum(DELIMITERS)
  .optional()
  .describe(
    "Field separator of a delimited file (csv, tsv, label-studio-csv): ',', ';', tab (\"\\t\" or tab) or '|'. Default ',' (a tab for tsv)."
  )

/** How one person is keyed in Label Studio exports: its user id or its email. */
export const ANNOTATOR_KEYS = ['id', 'email'] as const
export type AnnotatorKey = (typeof ANNOTATOR_KEYS)[number]

/** Formats only box datasets are read in (their reference too). */
export const BOX_FORMATS = ['coco', 'yolo', 'label-studio'] as const

/** YAML may write a category as a number or boolean; labels compare as canonical text. */
export const labelText = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((v) => String(v))

const fieldName = z.string().min(1)

const format = z
  .enum(FORMATS)
  .optional()
  .describe(
    'File format; inferred from the file extension when absent. label-studio (JSON export), label-studio-min (JSON-MIN export), label-studio-csv (CSV export) and prodigy (JSONL) are only used when named here; conll (span datasets) also from .conll, .bio, .bioes.'
  )

const referenceFormat = z
  .enum(FORMATS)
  .optional()
  .describe(
    'File format; inferred from the file extension when absent. A category dataset takes csv, tsv, jsonl, json, or label-studio for the ground-truth annotations of a Label Studio JSON export (with ground_truth: true); multi_label, span and box references also the other tool formats (coco and yolo: box datasets only).'
  )

export const gateSchema = z
  .strictObject({
    min: z
      .number()
      .optional()
      .describe(
        "The metric must be at least this value, in the metric's own scale: a fraction for shares and rates (0.8, not 80). A min above the metric's largest value (1) is refused."
      ),
    max: z
      .number()
      .optional()
      .describe(
        "The metric must be at most this value, in the metric's own scale (0.05, not 5). A max outside the metric's range (above 1; below 0 for shares and rates) is refused."
      ),
    max_drop: z
      .number()
      .min(0)
      .optional()
      .describe(
        "The metric may fall at most this much below the base version's value (higher-is-better metrics) or rise this much above it (error_rate)."
      ),
    max_decline: z
      .number()
      .min(0)
      .optional()
      .describe(
        "A trend gate: the head may be at most this much below the best of the last `window` versions on the base branch (above the lowest, for error_rate). Needs the base branch's history; without it the gate is not_applicable."
      ),
    window: z
      .number()
      .int()
      .min(2)
      .max(1000)
      .optional()
      .describe(
        'For max_decline: how many of the latest versions of the base branch the best is taken from (default 10).'
      ),
    max_jsd: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        'For label_shift: the largest Jensen-Shannon distance (0 to 1) allowed between the base and head label distributions.'
      ),
    severity: z
      .enum(['error', 'warning'])
      .default('error')
      .describe('A failed error gate fails the check; a warning only reports.'),
    min_items: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(
        "Fewer items than this: the gate reports 'too_few_items' and does not fail; for annotator.* gates, per annotator (reference items)."
      ),
    on_undefined: z
      .enum(['pass', 'warn', 'fail'])
      .default('fail')
      .describe(
        'What a gate does when its statistic is undefined on enough data (e.g. no variation). A gate defined at the base and undefined at the head fails whatever this says.'
      ),
    by: z
      .enum(['value', 'lower', 'upper'])
      .optional()
      .describe(
        "What min and max compare: the point estimate (value, default), or an end of the metric's confidence interval (lower, upper)."
      ),
    pre_existing: z
      .enum(['warn', 'fail'])
      .optional()
      .describe(
        'On pull requests and merge groups, a gate already breached at the base and not made worse warns (default) or fails.'
      ),
    significance: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .describe(
        'For max_drop and annotator.drift: a drop larger than max_drop fails only when it is also significant at this level (one-sided p-value below it), e.g. 0.05. For slice_gap.*: a gap larger than max fails only when it is significant at this level once corrected for the comparisons made (two-sided; default 0.05).'
      ),
    column: z
      .string()
      .min(1)
      .optional()
      .describe(
        "For slice.* and slice_gap.*: judge only the slices of this column (one of the dataset's slices); default every column."
      )
  })
  .superRefine((g, ctx) => {
    if (
      g.min === undefined &&
      g.max === undefined &&
      g.max_drop === undefined &&
      g.max_decline === undefined &&
      g.max_jsd === undefined
    ) {
      ctx.addIssue({
        code: 'custom',
        message:
          'a gate needs at least one of min, max, max_drop, max_decline or max_jsd'
      })
    }
    if (g.window !== undefined && g.max_decline === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['window'],
        message: 'window is the span of a trend gate: give max_decline'
      })
    }
    if (g.by !== undefined && g.min === undefined && g.max === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['by'],
        message: 'by chooses what min and max compare: give min or max'
      })
    }
    if (g.min !== undefined && g.max !== undefined && g.min > g.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['min'],
        message: `min ${g.min} is above max ${g.max}: no value can pass`
      })
    }
  })
  .describe('Bounds for one metric.')

/** Every dataset metric of any dataset type. */
const ALL_DATASET_METRICS: readonly string[] = [
  ...DATASET_METRICS,
  ...MULTI_LABEL_METRICS,
  ...SPAN_METRICS,
  ...BOX_METRICS
]

/**
 * Every metric a gate may name: dataset metrics (of any type; the dataset's
 * `type` narrows them), their `changed.` slice, `annotator.*`.
 */
export const GATE_METRICS: readonly string[] = [
  ...ALL_DATASET_METRICS,
  ...ALL_DATASET_METRICS.map((m) => `changed.${m}`),
  ...ANNOTATOR_METRICS.map((m) => `annotator.${m}`),
  ...CONSENSUS_METRICS,
  'label_shift',
  ...ALL_DATASET_METRICS.map((m) => `slice.${m}`),
  ...ALL_DATASET_METRICS.map((m) => `slice_gap.${m}`)
]

/**
 * The key schema of `gates`. A refined string, not an enum: a record keyed by
 * an enum would require every metric. Exported so that error messages and the
 * JSON Schema can offer `GATE_METRICS` where this key is checked.
 */
export const gateMetricSchema = z
  .string()
  .refine((m) => GATE_METRICS.includes(m), { message: 'unknown metric' })

const scope = z
  .enum(['changed', 'all'])
  .default('changed')
  .describe(
    "'changed': the change's slice (everything without a base); 'all': every item."
  )

export const adjudicationSchema = z
  .strictObject({
    scope,
    min_share: z
      .number()
      .gt(0)
      .max(1)
      .default(0.5)
      .describe('Queue an item whose plurality label has a smaller share.'),
    tie_break: z
      .enum(['reference', 'senior', 'none'])
      .default('none')
      .describe(
        'Who decides a tie or a low-share item: the reference label, the first listed senior annotator who rated it, or nobody.'
      ),
    senior: z
      .array(z.string().min(1))
      .default([])
      .describe('Annotator ids, most senior first, for tie_break: senior.'),
    min_agreement: z
      .number()
      .gt(0)
      .max(1)
      .default(0.5)
      .describe(
        "multi_label, span and box datasets: queue an item whose annotators' sets agree less than this (the type's item agreement, 0 to 1)."
      )
  })
  .describe('The adjudication queue: items that need a decision.')

export const qcSampleSchema = z
  .union([
    z.strictObject({
      size: z
        .number()
        .int()
        .positive()
        .describe('Sample this many annotations.'),
      scope
    }),
    z.strictObject({
      margin: z
        .number()
        .gt(0)
        .lt(1)
        .describe("Cochran's margin of error, e.g. 0.05."),
      confidence: z
        .number()
        .gt(0)
        .lt(1)
        .default(0.95)
        .describe('Confidence level, e.g. 0.95.'),
      scope
    })
  ])
  .describe(
    "A stratified QC sample of the change's annotations: a fixed size, or Cochran's formula with finite population correction."
  )

export const lineageSchema = z
  .strictObject({
    required: z
      .array(fieldName)
      .default([])
      .describe(
        'Lineage fields (columns or JSON keys, e.g. labeled_at, tool) every annotation in scope must have, non-empty.'
      ),
    timestamp: fieldName
      .optional()
      .describe(
        'A field holding when the annotation was made: an ISO 8601 date-time with a zone (2024-05-01T12:00:00Z), not in the future.'
      ),
    scope,
    severity: z
      .enum(['error', 'warning'])
      .default('error')
      .describe(
        'A missing or bad lineage field fails the check (error) or only reports (warning).'
      )
  })
  .superRefine((l, ctx) => {
    const seen = new Set<string>()
    l.required.forEach((f, i) => {
      if (seen.has(f)) {
        ctx.addIssue({
          code: 'custom',
          path: ['required', i],
          message: `lineage field '${f}' is listed twice`
        })
      }
      seen.add(f)
    })
    if (l.required.length === 0 && l.timestamp === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'lineage needs required fields, a timestamp field, or both'
      })
    }
  })
  .describe(
    'Provenance checks: required lineage fields and a valid timestamp on every annotation in scope.'
  )

export const consensusSchema = z
  .strictObject({
    method: z
      .enum(INFERENCE_METHODS)
      .default('dawid_skene')
      .describe(
        "The model: 'dawid_skene' (a confusion matrix per annotator), 'one_coin' (one accuracy per annotator) or 'mace' (competence and spamming)."
      ),
    max_iterations: z
      .number()
      .int()
      .min(1)
      .max(10000)
      .optional()
      .describe('EM rounds at most (default 100; MACE 50).'),
    tolerance: z
      .number()
      .min(0)
      .max(1)
      .default(1e-5)
      .describe(
        'Stop when the log-likelihood per rating grows by less than this.'
      ),
    smoothing: z
      .number()
      .min(0)
      .max(100)
      .default(0.01)
      .describe(
        "Pseudo-count added to every confusion-matrix cell, so an annotator with few ratings gets no zero probability (0 gives crowd-kit's estimates)."
      ),
    min_posterior: z
      .number()
      .gt(0)
      .max(1)
      .default(0.9)
      .describe(
        "Items whose inferred label has a lower posterior probability join the adjudication queue (reason 'low_posterior') when adjudication is configured."
      )
  })
  .describe(
    "Truth inference from the annotations alone: each item's most probable label and each annotator's estimated accuracy, where gold labels are few or absent."
  )
/** `delimiter:` with a format that is not delimited text is a mistake. */
function delimiterProblem(
  format: string | undefined,
  given: Delimiter | undefined,
  ctx: z.RefinementCtx
): void {
  if (given === undefined || format === undefined) return
  if (!(DELIMITED_FORMATS as readonly string[]).includes(format)) {
    ctx.addIssue({
      code: 'custom',
      path: ['delimiter'],
      message: `delimiter applies to ${DELIMITED_FORMATS.join(', ')} files, not to format ${format}`
    })
  }
}

/** A file or glob relative to the repository root that stays inside it. */
const repositoryPath = z
  .string()
  .min(1)
  .superRefine((pattern, ctx) => {
    const problem = repositoryPathProblem(pattern)
    if (problem !== undefined)
      ctx.addIssue({ code: 'custom', message: problem })
  })

export const referenceSchema = z
  .strictObject({
    path: repositoryPath.describe(
      'Trusted labels: a file or a glob, relative to the repository root.'
    ),
    format: referenceFormat,
    delimiter,
    ground_truth: z
      .literal(true)
      .optional()
      .describe(
        "With format: label-studio: the reference is the export's annotations marked ground truth (the star in Label Studio). They are then left out of the dataset's ratings."
      ),
    fields: z
      .strictObject({
        item: fieldName
          .default('item_id')
          .describe('Column (or JSON key) of the item id.'),
        label: fieldName
          .default('label')
          .describe('Column (or JSON key) of the trusted label.')
      })
      .default({ item: 'item_id', label: 'label' })
      .describe(
        'Where the reference file keeps each value. label-studio: item as for the dataset (default the task id), label the from_name of the choices control.'
      )
  })
  .superRefine((r, ctx) => {
    if (r.ground_truth === true && r.format !== 'label-studio') {
      ctx.addIssue({
        code: 'custom',
        path: ['ground_truth'],
        message:
          'ground_truth reads a Label Studio export: set format: label-studio'
      })
    }
    delimiterProblem(r.format, r.delimiter, ctx)
  })
  .describe('Trusted (gold / anchor) labels to measure annotators against.')

export const modelMetricsSchema = z
  .strictObject({
    path: repositoryPath.describe(
      "The model's evaluation file (JSON or CSV), relative to the repository root, e.g. the report a training pipeline commits."
    ),
    format: z
      .enum(['json', 'csv'])
      .optional()
      .describe(
        'File format; from the extension (.csv, else JSON) when absent.'
      ),
    values: z
      .record(
        z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
          message:
            'expected letters, digits, dot, dash and underscore, starting with a letter or digit'
        }),
        z.string()
      )
      .refine((v) => Object.keys(v).length > 0, {
        message: 'name at least one value'
      })
      .describe(
        'Name → where the value is: a JSON pointer (RFC 6901, e.g. /test/f1) for JSON, a column name for CSV.'
      ),
    row: z
      .strictObject({
        column: z.string().min(1).describe('Column to match.'),
        equals: z.string().describe('Text the column must hold.')
      })
      .optional()
      .describe(
        'CSV only: read the last row whose column holds this text; without it, the last row.'
      )
  })
  .superRefine((m, ctx) => {
    const csv =
      m.format === 'csv' ||
      (m.format === undefined && m.path.toLowerCase().endsWith('.csv'))
    if (!csv && m.row !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['row'],
        message: 'row chooses a CSV row: the file is JSON'
      })
    }
    if (!csv) {
      for (const [name, pointer] of Object.entries(m.values)) {
        if (pointer !== '' && !pointer.startsWith('/')) {
          ctx.addIssue({
            code: 'custom',
            path: ['values', name],
            message: `'${pointer}' is not a JSON pointer (it starts with /, e.g. /test/f1)`
          })
        }
      }
    }
  })
  .describe(
    "The model's evaluation results, read next to the label metrics by labelgate history; a pull request that changes labels without a newer model evaluation gets a note."
  )

export const datasetSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
        message:
          'expected letters, digits, dot, dash and underscore, starting with a letter or digit'
      })
      .describe('Unique name, used in reports.'),
    path: repositoryPath.describe(
      'Annotation files: a file or a glob, relative to the repository root.'
    ),
    exclude: z
      .array(repositoryPath)
      .optional()
      .describe(
        "Globs of files that path selects but that are not annotation files. The dataset's own reference and schema files are never read as annotations."
      ),
    format,
    delimiter,
    annotator_key: z
      .enum(ANNOTATOR_KEYS)
      .optional()
      .describe(
        'Label Studio exports: key each annotator by user id (default) or by email, so that one person given once as an id and once as {id, email} is one annotator. Ids keep emails out of reports.'
      ),
    fields: z
      .strictObject({
        item: fieldName
          .default(DEFAULT_FIELDS.item)
          .describe(
            'Column (or JSON key) of the item id. label-studio, label-studio-min, label-studio-csv: a task data key (data.text_id; default the task id); prodigy: a key (default _input_hash).'
          ),
        annotator: fieldName
          .default(DEFAULT_FIELDS.annotator)
          .describe(
            'Column (or JSON key) of the annotator id. label-studio: always completed_by; label-studio-min and label-studio-csv: always annotator; prodigy: a key (default _annotator_id, else _session_id).'
          ),
        label: fieldName
          .default(DEFAULT_FIELDS.label)
          .describe(
            'Column (or JSON key) of the label. label-studio: the from_name of the choices control (needed when there are several); label-studio-min and label-studio-csv: the from_name, which is the column (needed unless it is label).'
          )
      })
      .default({ ...DEFAULT_FIELDS })
      .describe('Where the annotation files keep each value.'),
    type: z
      .enum(['category', 'multi_label', 'span', 'box'])
      .default('category')
      .describe(
        "What one annotation is: one category per item ('category'), a set of labels ('multi_label'), a set of labeled text spans ('span') or a set of labeled bounding boxes ('box')."
      ),
    box: z
      .strictObject({
        annotator: z
          .enum(['file_name', 'key'])
          .default('file_name')
          .describe(
            "coco: who drew a file's boxes: 'file_name' (one file per annotator, named after them: alice.json) or 'key' (each annotation's fields.annotator key)."
          ),
        classes: repositoryPath
          .optional()
          .describe(
            'yolo: the class names, one a line (classes.txt, obj.names) or a data.yaml with names; class id = position.'
          ),
        sizes: repositoryPath
          .optional()
          .describe(
            'yolo: image sizes, CSV image,width,height or JSON {image: [width, height]}; without it boxes stay normalized (IoU is unchanged; box sizes are unknown).'
          )
      })
      .optional()
      .describe('Settings of type: box.'),
    multi_label: z
      .strictObject({
        separator: z
          .string()
          .min(1)
          .default('|')
          .describe(
            "CSV/TSV: the text between two labels in one label cell (default '|'); an empty cell is the empty set."
          )
      })
      .optional()
      .describe('Settings of type: multi_label.'),
    span: z
      .strictObject({
        overlap: z
          .enum(['allow', 'forbid'])
          .default('allow')
          .describe(
            "'forbid': two spans of one annotation that share a character are an error (flat NER); 'allow' (default) accepts nested and crossing spans."
          ),
        scheme: z
          .enum(['auto', 'bio', 'bioes'])
          .default('auto')
          .describe(
            "CoNLL tag scheme: 'bio' (IOB2), 'bioes', or 'auto' (default: bioes when a file has an E- or S- tag)."
          ),
        text_field: fieldName
          .default('text')
          .describe(
            "Label Studio: the task data key that holds the text (default 'text')."
          ),
        tag_column: z
          .number()
          .int()
          .min(2)
          .optional()
          .describe('CoNLL: the 1-based column of the tag (default the last).'),
        annotator_column: z
          .number()
          .int()
          .min(2)
          .optional()
          .describe(
            "CoNLL: the 1-based column of the annotator id (default: the file's name is the annotator)."
          )
      })
      .optional()
      .describe('Settings of type: span.'),
    level: z
      .enum(LEVELS)
      .default('nominal')
      .describe(
        "Level of measurement (Krippendorff): it chooses the distance between labels. 'ordinal' needs categories."
      ),
    categories: z
      .array(labelText)
      .min(1)
      .optional()
      .describe(
        'The allowed labels, in order for ordinal data; any other label is an error at its file:line.'
      ),
    schema: repositoryPath
      .optional()
      .describe(
        'A versioned label schema file (version, categories, migrations) that takes the place of categories.'
      ),
    reference: referenceSchema.optional(),
    intervals: z
      .enum(['analytic', 'bootstrap'])
      .optional()
      .describe(
        "Default 'analytic'. How standard errors and 95% intervals are made: 'analytic' (Gwet's variance with a t interval for agreement, Wilson with the clustering design effect for accuracy) or 'bootstrap' (seeded item-level percentile bootstrap, deterministic per commit)."
      ),
    bootstrap: z
      .strictObject({
        resamples: z
          .number()
          .int()
          .min(100)
          .max(100000)
          .default(1000)
          .describe('Number of bootstrap resamples.')
      })
      .optional()
      .describe("Settings of intervals: 'bootstrap'."),
    adjudication: adjudicationSchema.optional(),
    qc_sample: qcSampleSchema.optional(),
    lineage: lineageSchema.optional(),
    slices: z
      .array(fieldName)
      .min(1)
      .optional()
      .describe(
        'Quality by slice: metadata columns (or JSON keys) of the annotation files, e.g. [language, source]. Every metric is also reported per value of each; gates slice.<metric> and slice_gap.<metric> judge them. Not on CoNLL or YOLO files (no record fields).'
      ),
    consensus: consensusSchema.optional(),
    model_metrics: modelMetricsSchema.optional(),
    gates: z
      .record(gateMetricSchema, gateSchema)
      .default({})
      .describe('Metric name → bounds. The check fails when a gate fails.')
  })
  .superRefine((d, ctx) => {
    for (const metric of Object.keys(d.gates)) {
      const problem = gateTypeProblem(d.type, metric)
      if (problem !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['gates', metric],
          message: problem
        })
      }
    }
    sliceProblems(d, ctx)
    // CoNLL and YOLO files hold tokens or coordinates, no record fields.
    if (
      d.lineage !== undefined &&
      (d.format === 'conll' || d.format === 'yolo')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['lineage'],
        message: `format ${d.format} carries no lineage fields (lineage reads record fields: use a format that has them, e.g. ${d.format === 'conll' ? 'label-studio or prodigy' : 'coco or label-studio'})`
      })
    }
    for (const [path, f] of [
      [['format'], d.format],
      [['reference', 'format'], d.reference?.format]
    ] as const) {
      if (f === 'conll' && d.type !== 'span') {
        ctx.addIssue({
          code: 'custom',
          path: [...path],
          message: `format conll holds entity spans: it needs type: span (this dataset's type is ${d.type})`
        })
      }
    }
    if (d.span !== undefined && d.type !== 'span') {
      ctx.addIssue({
        code: 'custom',
        path: ['span'],
        message: `span settings need type: span (this dataset's type is ${d.type})`
      })
    }
    if (
      d.reference?.format !== undefined &&
      d.type === 'category' &&
      !(REFERENCE_FORMATS as readonly string[]).includes(d.reference.format)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['reference', 'format'],
        message: `reference labels of a category dataset are plain records (${REFERENCE_FORMATS.join(', ')}); ${d.reference.format} is for multi_label, span and box references`
      })
    }
    // A category dataset's label-studio reference is the export's starred
    // (ground-truth) annotations; a multi_label, span or box dataset's is a
    // separate export of the expert's annotations, read whole.
    if (
      d.type === 'category' &&
      d.reference?.format === 'label-studio' &&
      d.reference.ground_truth !== true
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['reference', 'ground_truth'],
        message:
          "a label-studio reference is the export's ground-truth annotations: set ground_truth: true"
      })
    }
    if (d.type !== 'category' && d.reference?.ground_truth === true) {
      ctx.addIssue({
        code: 'custom',
        path: ['reference', 'ground_truth'],
        message: `ground_truth applies to category datasets; a ${d.type} reference is a separate file of the expert's annotations`
      })
    }
    if (d.consensus !== undefined && d.type !== 'category') {
      ctx.addIssue({
        code: 'custom',
        path: ['consensus'],
        message: `consensus (truth inference) needs type: category (this dataset's type is ${d.type})`
      })
    }
    if (d.box !== undefined && d.type !== 'box') {
      ctx.addIssue({
        code: 'custom',
        path: ['box'],
        message: `box settings need type: box (this dataset's type is ${d.type})`
      })
    }
    if (d.type !== 'box') {
      const boxOnly = ['coco', 'yolo']
      if (d.format !== undefined && boxOnly.includes(d.format))
        ctx.addIssue({
          code: 'custom',
          path: ['format'],
          message: `format ${d.format} holds bounding boxes: it needs type: box`
        })
      const rf = d.reference?.format
      if (rf !== undefined && boxOnly.includes(rf))
        ctx.addIssue({
          code: 'custom',
          path: ['reference', 'format'],
          message: `reference format ${rf} is read for type: box datasets only`
        })
    }
    if (d.type === 'box' && d.format === 'yolo' && d.box?.classes === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['box', 'classes'],
        message:
          'format yolo needs box.classes: the file that names the class ids'
      })
    if (d.multi_label !== undefined && d.type !== 'multi_label') {
      ctx.addIssue({
        code: 'custom',
        path: ['multi_label'],
        message: `multi_label settings need type: multi_label (this dataset's type is ${d.type})`
      })
    }
    for (const [metric, gate] of Object.entries(d.gates)) {
      const only = (allowed: string, bounds: (keyof typeof gate)[]) => {
        for (const b of bounds) {
          if (gate[b] !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['gates', metric, b],
              message: `${metric} takes only ${allowed}`
            })
          }
        }
      }
      if (metric === 'label_shift') {
        only('max_jsd', [
          'min',
          'max',
          'max_drop',
          'max_decline',
          'significance'
        ])
      } else if (metric === 'annotator.drift') {
        only(
          'max_drop (the fall in accuracy from base to the change) and significance',
          ['min', 'max', 'max_jsd', 'max_decline']
        )
      } else if (metric.startsWith('slice_gap.')) {
        only(
          'max (the largest gap between slices), significance and min_items',
          ['min', 'max_drop', 'max_decline', 'max_jsd', 'by']
        )
      } else if (metric.startsWith('slice.')) {
        only('min or max (every slice with min_items items must meet it)', [
          'max_drop',
          'max_decline',
          'max_jsd',
          'significance'
        ])
      } else if (
        metric.startsWith('changed.') ||
        metric.startsWith('annotator.')
      ) {
        // A trend follows one quantity over versions; the change's slice and
        // the annotators differ from one version to the next.
        only('min, max or max_drop (max_decline is for dataset metrics)', [
          'max_jsd',
          'max_decline'
        ])
      } else {
        only('min, max, max_drop or max_decline', ['max_jsd'])
      }
    }
    for (const [metric, gate] of Object.entries(d.gates)) {
      for (const { bound, message } of boundRangeProblems(metric, gate)) {
        ctx.addIssue({
          code: 'custom',
          path: ['gates', metric, bound],
          message
        })
      }
    }
    for (const [metric, gate] of Object.entries(d.gates)) {
      const sliceGate =
        metric.startsWith('slice.') || metric.startsWith('slice_gap.')
      if (
        gate.significance !== undefined &&
        gate.max_drop === undefined &&
        !metric.startsWith('slice_gap.')
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['gates', metric, 'significance'],
          message: 'significance tests a drop: give max_drop'
        })
      }
      if (gate.column !== undefined && !sliceGate) {
        ctx.addIssue({
          code: 'custom',
          path: ['gates', metric, 'column'],
          message: 'column chooses the slices of slice.* and slice_gap.* gates'
        })
      }
    }
    for (const metric of Object.keys(d.gates)) {
      const consensusGate =
        (CONSENSUS_METRICS as readonly string[]).includes(metric) ||
        metric === 'annotator.estimated_accuracy' ||
        metric === 'annotator.spam_score'
      if (consensusGate && d.consensus === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['gates', metric],
          message: `${metric} needs a consensus section (the truth-inference model)`
        })
      } else if (
        metric === 'annotator.spam_score' &&
        d.consensus?.method !== 'mace'
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['gates', metric],
          message: "annotator.spam_score needs consensus method 'mace'"
        })
      }
    }
    delimiterProblem(d.format, d.delimiter, ctx)
    if (
      d.annotator_key !== undefined &&
      d.format !== undefined &&
      !d.format.startsWith('label-studio')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['annotator_key'],
        message: `annotator_key applies to Label Studio exports, not to format ${d.format}`
      })
    }
    if (d.schema !== undefined && d.categories !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['schema'],
        message:
          'give the categories either in the config or in the schema file, not both'
      })
    }
    if (
      d.level === 'ordinal' &&
      d.categories === undefined &&
      d.schema === undefined
    ) {
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
  .describe(
    'One set of annotation files with one field mapping and label schema.'
  )

/**
 * `slices` and the gates that read them: each column once, and a slice
 * gate needs the slices (and, with `column`, one of them). Structured
 * formats without record fields (CoNLL, YOLO) are refused when read.
 */
function sliceProblems(
  d: {
    type: DatasetType
    slices?: string[]
    gates: Record<string, { column?: string }>
  },
  ctx: z.RefinementCtx
): void {
  const seen = new Set<string>()
  d.slices?.forEach((c, i) => {
    if (seen.has(c)) {
      ctx.addIssue({
        code: 'custom',
        path: ['slices', i],
        message: `slice column '${c}' is listed twice`
      })
    }
    seen.add(c)
  })
  for (const [metric, gate] of Object.entries(d.gates)) {
    if (!metric.startsWith('slice.') && !metric.startsWith('slice_gap.'))
      continue
    if (d.slices === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['gates', metric],
        message: `${metric} judges slices: name the metadata columns in slices, e.g. slices: [language]`
      })
    } else if (gate.column !== undefined && !seen.has(gate.column)) {
      ctx.addIssue({
        code: 'custom',
        path: ['gates', metric, 'column'],
        message: `column '${gate.column}' is not among the dataset's slices (${d.slices.join(', ')})`
      })
    }
  }
}

/**
 * Why a gate's metric does not fit the dataset's type (a multi-label dataset
 * has no Fleiss' kappa, a category dataset no hamming_loss); undefined when
 * it fits or is unknown altogether (the key schema says so).
 */
function gateTypeProblem(
  type: DatasetType,
  metric: string
): string | undefined {
  if (metric === 'label_shift') return undefined
  if (metric.startsWith('annotator.')) {
    const name = metric.slice('annotator.'.length)
    if (
      !(ANNOTATOR_METRICS as readonly string[]).includes(name) ||
      ANNOTATOR_METRICS_BY_TYPE[type].includes(name)
    )
      return undefined
    return `${metric} is not available for type ${type} datasets (per-annotator gates: ${ANNOTATOR_METRICS_BY_TYPE[type].map((m) => `annotator.${m}`).join(', ')})`
  }
  const owner = typeOfMetric(metric)
  if (owner === undefined || owner === type) return undefined
  const name = metric.replace(/^changed\./, '')
  const own = METRICS_BY_TYPE[type]
  return `${name} is a ${owner} metric; this dataset's type is ${type} (its metrics: ${own.join(', ')})`
}

/** The only config version this labelgate reads. */
export const CONFIG_VERSION = 1

export const configSchema = z
  .strictObject({
    version: z
      .literal(CONFIG_VERSION)
      .describe('Config format version; this labelgate reads version 1.'),
    datasets: z
      .array(datasetSchema)
      .min(1)
      .describe('The labeled datasets to check.')
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

export type { DatasetType }
export type Config = z.output<typeof configSchema>
export type DatasetConfig = z.output<typeof datasetSchema>
export type ReferenceConfig = z.output<typeof referenceSchema>
export type GateConfig = z.output<typeof gateSchema>
export type LineageConfig = z.output<typeof lineageSchema>
export type ConsensusConfig = z.output<typeof consensusSchema>
export type ModelMetricsConfig = z.output<typeof modelMetricsSchema>
