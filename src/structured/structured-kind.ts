import type { DatasetConfig } from '../config/schema.js'
import type { IntervalOptions } from '../metrics/interval-options.js'
import type { ClassReport } from '../metrics/confusion-counts.js'
import type { MetricResult, PairwiseAgreement } from '../metrics/result.js'
import type { Problem } from '../model/problem.js'
import type { AccuracyTerms } from './accuracy-terms.js'
import type { RatioDefinition, RowTerms } from './row-terms.js'
import type {
  ElementTable,
  ElementTableBuilder,
  StructuredType
} from './element-table.js'

/**
 * What one label type (multi_label, span, box) plugs into the structured
 * pipeline: its readers per format, its metrics, how to describe one
 * annotation, and its per-item disagreement for adjudication. The pipeline
 * (reading, checking labels against the schema, de-duplication, the diff,
 * the change slice, the label shift, gates and the report) is shared.
 */
export interface StructuredKind {
  readonly type: StructuredType
  /** Readers by format name (`csv`, `jsonl`, `label-studio`, `coco`, ...). */
  readonly readers: Readonly<Record<string, StructuredReader>>
  /** Metrics among annotators: in the change's slice, over all head annotations of the touched items. */
  readonly agreementMetrics: readonly string[]
  /** Metrics against the reference: in the change's slice, over the annotations the change added or relabeled. */
  readonly referenceMetrics: readonly string[]
  /** What `annotators[a].accuracy` means for this type, for the docs and the report. */
  readonly accuracyMeaning: string
  /**
   * The reference metrics that are ratios of sums of `rowTerms` columns:
   * they get item-level linearized intervals where asked (slices).
   */
  readonly ratioMetrics: readonly RatioDefinition[]
  /** Every metric of one version (or slice) of the dataset. */
  measure(input: MeasureInput): StructuredMeasures
  /** A short plain-text form of row `row`'s element set (renderers escape it). */
  describe(table: ElementTable, row: number): string
  /**
   * How far the annotations `rows` (one item's, >= 2) agree, for
   * adjudication. With `listElements` false a kind may skip writing the
   * disagreeing elements (`elements` null): most items are not queued, and
   * the text of their elements would be thrown away.
   */
  disagreement(
    table: ElementTable,
    rows: readonly number[],
    listElements?: boolean,
    /** The `memo` of a measure of `table` (box: its matches, replayed). */
    earlier?: unknown
  ): ItemDisagreement
  /**
   * Files a reader needs besides the one it reads (box: YOLO's classes and
   * sizes files), by repository path, read once per version from the same
   * source as the files (the trusted one for the reference) and handed to
   * every reader call in `auxiliary`; they are never read as annotations.
   */
  auxiliaryFiles?(dataset: DatasetConfig): string[]
}

/** One file to read into `builder` (a reference file when `fields.annotator` is absent). */
export interface StructuredReadInput {
  bytes: Uint8Array
  file: string
  /** The format's name, from the config or the file extension. */
  format: string
  dataset: DatasetConfig
  fields: { item: string; annotator?: string; label: string }
  builder: ElementTableBuilder
  /** Data problems of this file, each at its file:line. */
  problems: Problem[]
  /** The kind's `auxiliaryFiles`, path → bytes (absent files left out). */
  auxiliary: ReadonlyMap<string, Uint8Array>
}

/**
 * Adds every annotation of one file to `input.builder`, one row per
 * annotation (`annotator` -1 for a reference file); input that cannot be read
 * throws a UserError naming file and line.
 */
export type StructuredReader = (input: StructuredReadInput) => void

export interface MeasureInput {
  /** The annotations agreement is measured on (the touched items, in the change's slice). */
  agreement: ElementTable
  /** The annotations judged against the reference (the added or relabeled ones, in the slice). */
  judged: ElementTable
  /** One row per item; null without reference labels. */
  reference: ElementTable | null
  intervals: IntervalOptions
  /** The labels the dataset declares (schema or config), when it does. */
  categories?: readonly string[]
  /** Also return each judged row's `rowTerms` (slices ask for them). */
  rowTerms?: boolean
  /** Also return a `memo` of this call's work, for `earlier` of later calls. */
  remember?: boolean
  /**
   * The `memo` of an earlier call on tables of the same code space (the
   * head's, for the base and the change's slice): a kind may reuse its work
   * where the annotations are the same, with the same results to the bit.
   */
  earlier?: unknown
}

export interface StructuredMeasures {
  /** Every name of `agreementMetrics` and `referenceMetrics`, defined or null with a reason. */
  metrics: Record<string, MetricResult>
  /** Annotator code → the type's accuracy and its other per-annotator metrics. */
  annotators: Map<
    number,
    { accuracy: MetricResult; metrics: Record<string, MetricResult> }
  >
  /** Per label, precision/recall/F1 against the reference; [] without one. */
  classes: ClassReport[]
  /** Annotator pairs sharing >= 2 items. */
  pairwise: PairwiseAgreement[]
  /** Per-label agreement among annotators, where the type has one. */
  perLabel?: LabelAgreement[]
  /**
   * Span and box, with a reference: each judged annotation's terms of its
   * annotator's accuracy (a ratio of sums), for `annotator.drift`.
   */
  accuracyTerms?: AccuracyTerms
  /** With a reference and `rowTerms` asked for: each judged row's terms of `ratioMetrics`. */
  rowTerms?: RowTerms
  /** With `remember`: what the kind keeps for later calls (opaque to the pipeline). */
  memo?: unknown
}

/** One label's agreement among annotators (multi-label: the label's yes/no decisions). */
export interface LabelAgreement {
  label: string
  /** Items with at least two annotations. */
  n_items: number
  /** Annotations holding the label. */
  positives: number
  alpha: MetricResult
  kappa: MetricResult
}

export interface ItemDisagreement {
  /** The item's agreement, 0 to 1 (1: every annotator gave the same set); null when undefined. */
  agreement: number | null
  /** Elements some but not all annotators gave, as short text; null when not listed (`listElements` false). */
  elements: string[] | null
  /** The consensus set as text (multi-label: labels more than half gave), when the type has one. */
  consensus: string | null
}

/** The reference of a structured dataset, as read once from the trusted side. */
export interface TrustedElementReference {
  table: ElementTable
  files: string[]
  problems: Problem[]
}
