// Result types owned by their producers, composed here and re-exported.
export type { ClassReport, ConfusionCap, ConfusionMatrix, PairwiseAgreement }
import type { Level } from '../model/level.js'
import type { Problem, Severity } from '../model/problem.js'
import type { Interval, MetricResult } from '../metrics/result.js'
import type {
  AdjudicationQueue,
  AdjudicationRow
} from '../governance/adjudication.js'
import type { DriftRow } from '../governance/annotator-drift.js'
import type {
  ClassReport,
  ConfusionCap,
  ConfusionMatrix
} from '../metrics/reference.js'
import type { PairwiseAgreement } from '../metrics/result.js'
import type { LineageReport } from '../governance/lineage.js'
import type { QcSample } from '../governance/qc-sample.js'
import type { ConsensusReport } from '../inference/consensus-report.js'
import type { DatasetType } from '../metrics/names.js'
import type { LabelAgreement } from '../structured/structured-kind.js'
import type { SliceReport } from '../slices/slice-report.js'

/** The JSON report (docs/report-json.md). Extend; never rename or remove a key. */
export const REPORT_SCHEMA = 'labelgate-report/1'

export interface Report {
  schema: typeof REPORT_SCHEMA
  /** No failed gate and no data problem of severity error (but `pre_existing` ones). */
  passed: boolean
  /** Commit SHA, folder path, or null without a base. */
  base: string | null
  /** Commit SHA, folder path, or "worktree". */
  head: string
  /** Where the config came from. */
  config: { path: string; source: 'base' | 'head' | 'file' }
  datasets: DatasetReport[]
  /** Notes for people, for example "config read from the base commit". */
  notes: string[]
  /** labelgate version that wrote the report. */
  version: string
}

export interface DatasetReport {
  name: string
  passed: boolean
  /** What one annotation is (docs/label-types.md); absent in reports of category datasets before it existed. */
  type?: DatasetType
  /** multi_label, span, box: what `annotators[a].accuracy` means for this type. */
  annotator_accuracy?: string
  level: Level
  /** Files read for this dataset at the head (paths relative to the root). */
  files: string[]
  reference_files: string[]
  head: VersionReport
  base: VersionReport | null
  changed: VersionReport | null
  diff: DiffReport | null
  /** The first relabeled annotations (bounded; `diff.labels_changed` has the count). */
  relabeled: Relabel[]
  /** Class distribution base vs head; null without a base. */
  label_shift: LabelShiftReport | null
  /**
   * box datasets: boxes per COCO area range (`labels` small, medium, large)
   * base vs head, as the label shift; null without a base; absent for the
   * other types (docs/label-types.md).
   */
  box_size_shift?: BoxSizeShiftReport | null
  /** The label schema's change base → head (version, added, removed, renamed); null when none. */
  schema_change: SchemaChangeReport | null
  /** Items needing a decision (config `adjudication`); null when not configured. */
  adjudication: AdjudicationReport | null
  /** The QC sample (config `qc_sample`); null when not configured. */
  qc_sample: QcSample | null
  /** Per annotator: accuracy at base, in the change and at head; [] without a base. */
  annotator_drift: DriftRow[]
  /** Lineage checks over the annotations in scope (config `lineage`); null when not configured. */
  lineage: LineageReport | null
  gates: GateResult[]
  problems: Problem[]
  /** The base branch's latest versions, for `max_decline` gates and the trend chart; absent without such a gate. */
  trend?: TrendReport
  /** The config's `model_metrics` file at the head (a git head only); absent otherwise. */
  model_metrics?: ModelMetricsReport
  /** Quality by slice (config `slices`): head metrics per metadata value and the gaps; absent when not configured. */
  slices?: SliceReport
}

export interface ModelMetricsReport {
  path: string
  /** The values at the head; null when the file is missing or unreadable. */
  values: Record<string, number | null> | null
  /** Committer date of the file's last change; null when none is in the history. */
  date: string | null
  /** Committer date of the label files' last change. */
  labels_date: string | null
  /** The change gives labels and the model's evaluation is older than them (or missing). */
  stale: boolean
}

export type {
  LineageReport,
  ConsensusReport,
  LabelAgreement,
  DatasetType,
  SliceReport
}

export interface TrendReport {
  /** Base-branch versions, oldest first (the base's own last), with the dataset-level gated metrics' values. */
  points: {
    commit: string
    date: string
    values: Record<string, number | null>
  }[]
  /** Why there are no or few versions (no git base, a shallow clone); null when none. */
  note: string | null
}

export interface Relabel {
  item: string
  annotator: string
  from: string
  to: string
}

export interface AdjudicationReport {
  scope: 'changed' | 'all'
  /** Queued items in all; `rows` lists at most the first 1,000 (the file has all). */
  total: number
  counts: AdjudicationQueue['counts']
  annotators: string[]
  rows: AdjudicationRow[]
}

export interface SchemaChangeReport {
  from_version: number
  to_version: number
  added: string[]
  removed: string[]
  renamed: { from: string; to: string }[]
  /** Base annotations whose label the migration renamed. */
  affected_annotations: number
}

export interface LabelShiftReport {
  labels: string[]
  base: number[]
  head: number[]
  /** Head annotations per label that the change added or relabeled. */
  changed?: number[]
  /** Head annotations per label that the change kept unchanged. */
  unchanged?: number[]
  /** Jensen-Shannon distance (log base 2, in [0, 1]). */
  jensen_shannon: MetricResult
  /** Pearson's chi-square test of homogeneity, new (changed) vs unchanged labels. */
  chi_square: { statistic: number; df: number; p_value: number } | null
}

/** The label shift's shape over box area ranges, with the boxes that have no range. */
export interface BoxSizeShiftReport extends LabelShiftReport {
  /** Boxes of images of unknown size (normalized or percent units): in no range, left out above. */
  unknown_size: { base: number; head: number }
}

export interface VersionReport {
  counts: Counts
  metrics: Record<string, MetricResult>
  annotators: Record<string, AnnotatorReport>
  /** Annotations per label (all valid ratings), in category order. */
  distribution: Record<string, number>
  /** Per-class precision/recall/F1 against the reference; [] without one. */
  classes: ClassReport[]
  /** Rows: reference label; columns: annotator label. Null without a reference. */
  confusion: ConfusionMatrix | null
  /** Annotator-by-annotator Cohen's kappa for pairs sharing >= 2 items. */
  pairwise: PairwiseAgreement[]
  /** The truth-inference model's summary (config `consensus`); absent when not configured. */
  consensus?: ConsensusReport
  /** multi_label: per label, binary alpha and mean pairwise kappa of the yes/no decisions. */
  per_label?: LabelAgreement[]
  /**
   * Sections the JSON report shortened (absent when nothing was): each says
   * how many entries there were, how many are shown, and which were kept.
   */
  capped?: Partial<Record<CappedSection, SectionCap>>
}

export type CappedSection =
  'annotators' | 'pairwise' | 'classes' | 'distribution'

export interface SectionCap {
  total: number
  shown: number
  /** Which entries were kept, for example "lowest accuracy first". */
  kept: string
}

export interface Counts {
  items: number
  annotators: number
  annotations: number
  /** Items that have a reference label and at least one rating. */
  reference_items: number
  /** multi_label, span, box: elements (labels, spans, boxes) in all annotations. */
  elements?: number
}

export interface AnnotatorReport {
  annotations: number
  accuracy: MetricResult
  /** The truth-inference model's estimate (config `consensus`): n is the annotator's ratings. */
  estimated_accuracy?: MetricResult
  /** MACE's spamming probability (consensus method `mace`): n is the annotator's ratings. */
  spam_score?: MetricResult
  /** multi_label, span, box: the type's other per-annotator metrics against the reference. */
  metrics?: Record<string, MetricResult>
}

export interface DiffReport {
  items_added: number
  items_removed: number
  annotations_added: number
  annotations_removed: number
  /** Annotations whose label changed; multi_label, span, box: whose element set changed. */
  labels_changed: number
  /** multi_label, span, box: elements (labels, spans, boxes) added, as multisets per annotation. */
  elements_added?: number
  /** multi_label, span, box: elements removed. */
  elements_removed?: number
}

/**
 * `pass` and `fail`; `not_applicable` (a base-comparing gate without a base, a
 * per-annotator gate without data on one side) and `too_few_items` (below
 * `min_items`) are shown and never fail; `pre_existing` (on a PR or merge
 * group: breached at the base and not made worse) warns unless the gate says
 * `pre_existing: fail`; `undefined` (a statistic undefined on enough data)
 * follows `on_undefined`.
 */
export type GateStatus =
  | 'pass'
  | 'fail'
  | 'undefined'
  | 'not_applicable'
  | 'too_few_items'
  | 'pre_existing'
export type GateBound = 'min' | 'max' | 'max_drop' | 'max_decline' | 'max_jsd'

export interface GateResult {
  /** As written in the config: `krippendorff_alpha`, `changed.error_rate`, `annotator.accuracy`. */
  metric: string
  bound: GateBound
  threshold: number
  value: number | null
  status: GateStatus
  severity: Severity
  message: string
  /** For `annotator.*` gates: the annotator the row is about. */
  annotator?: string
  /**
   * For `slice.*` and `slice_gap.*` gates: the column judged, and the slice
   * value the row is about (`slice.*`: the value; `slice_gap.*`: the worst).
   */
  slice?: { column: string; value: string | null }
  /** Present when status is `undefined`: whether that fails, warns or passes. */
  on_undefined?: 'pass' | 'warn' | 'fail'
  /** The same gate's value at the base, where there is a base (null: undefined there). */
  base_value?: number | null
  /** Items (or annotations) the value rests on. */
  n?: number
  /** What was compared with the threshold: the point estimate, or an end of the interval. */
  by?: 'value' | 'lower' | 'upper'
  /** The interval of the value, where the metric has one. */
  ci?: Interval
  /**
   * When `ci` straddles the threshold: about how many items (or annotations)
   * would make the verdict firm at the current estimate; null when the
   * estimate equals the threshold.
   */
  items_for_firm_verdict?: number | null
  /**
   * For `max_decline`: the best value (highest; lowest for error_rate) of the
   * last `window` versions on the base branch, the version that had it, and
   * how many versions with a value the window held.
   */
  trend_best?: TrendBest
}

export interface TrendBest {
  value: number
  commit: string
  date: string
  versions: number
  window: number
}
