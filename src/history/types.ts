import type { DatasetType } from '../metrics/names.js'
import type { MetricResult } from '../metrics/result.js'
import type { Problem } from '../model/problem.js'
import type { GateResult, SliceReport, VersionReport } from '../report/types.js'

/** The history JSON (`labelgate history --json`). Extend; never rename or remove a key. */
export const HISTORY_SCHEMA = 'labelgate-history/1'

export interface History {
  schema: typeof HISTORY_SCHEMA
  /** The branch or revision whose first-parent history was walked. */
  ref: string
  /** labelgate version that wrote it. */
  version: string
  datasets: DatasetHistory[]
}

export interface DatasetHistory {
  name: string
  /** Oldest first: one record per commit that changed the dataset's files or config. */
  versions: HistoryRecord[]
  /** Per annotator, accuracy on the reference items over versions and weeks; significant falls first. */
  annotators: AnnotatorTrend[]
  /**
   * Spearman's rank correlation of each label metric with each model metric
   * over the versions where both have a value; [] without `model_metrics`.
   */
  correlations: RankCorrelation[]
}

export interface RankCorrelation {
  label_metric: string
  model_metric: string
  /** Spearman's rho (average ranks for ties); null with a reason when undefined. */
  rho: number | null
  /** Versions with both values. */
  n: number
  reason?: string
}

export interface HistoryRecord {
  commit: string
  /** Committer date, ISO 8601. */
  date: string
  author: string
  subject: string
  /** Content key the record was cached under (blob ids, config, labelgate version). */
  key: string
  /**
   * The dataset's `type` in the config at this commit, which decides its
   * metric names. Absent in histories written before it was recorded
   * (`recordType` reads those).
   */
  type?: DatasetType
  counts: VersionReport['counts']
  /** Every dataset metric with its interval, as in the check's report. */
  metrics: Record<string, MetricResult>
  annotators: VersionReport['annotators']
  /** Share of annotations per label (sums to 1; {} without annotations). */
  class_shares: Record<string, number>
  /** The gates as the check evaluated them at this commit (state only, no base). */
  gates: GateResult[]
  /** As `labelgate check --head <commit>` would say: no failed error gate, no error problem. */
  passed: boolean
  /** The version's data problems, errors first (at most 20; `problem_count` has all). */
  problems: Problem[]
  problem_count: { errors: number; warnings: number }
  /**
   * The version could not be checked (what `labelgate check` at this commit
   * exits 2 with: a file that does not parse, a bad config); the numbers are empty.
   */
  error: string | null
  /** Values read from the config's `model_metrics` file at this commit; null where absent. */
  model_metrics: Record<string, number | null> | null
  /** Commit date of the model metrics file's last change at or before this commit. */
  model_metrics_date: string | null
  /**
   * Quality by slice (config `slices`) as the check at this commit reports it
   * (its dataset's `slices`): per metadata column and value the counts and
   * metrics, and per column and metric the gap. Absent when the check at this
   * commit computed none (no `slices` in its config, or the version has `error`).
   */
  slices?: SliceReport
}

export interface AnnotatorTrend {
  annotator: string
  /** Accuracy per version (index into `versions`); null where the annotator has no reference item. */
  by_version: (MetricResult | null)[]
  /** Weekly buckets (ISO week start, Monday, UTC) from lineage timestamps; [] without them. */
  by_week: { week: string; accuracy: MetricResult }[]
  /** First vs last accuracy over the window: the fall, and whether it is significant (two-proportion test). */
  decline: {
    from: number
    to: number
    p_value: number | null
    significant: boolean
  } | null
}
