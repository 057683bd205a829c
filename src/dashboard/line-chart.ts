/** A line chart as numbers: the page draws it and prints the same numbers as a table. */
export interface Series {
  label: string
  values: (number | null)[]
  /** The 95% interval's ends, where the points have one. */
  low?: (number | null)[]
  high?: (number | null)[]
  /** 'y2': plotted on the right-hand axis (model metrics). */
  axis?: 'y' | 'y2'
  /** Items (or annotations) each value rests on. */
  n?: (number | null)[]
  /** The gate's status on this metric at each version, where one was gated. */
  status?: (string | null)[]
}

export interface LineChart {
  id: string
  title: string
  /** One label per point on the x axis (short commit, or a week). */
  x: string[]
  /** What the x labels are, for the table's header: 'commit' or 'week'. */
  xTitle: 'commit' | 'week'
  /**
   * For commit charts that start later than the history: the index into the
   * dataset's versions of each x (absent: x i is version i).
   */
  versions?: number[]
  series: Series[]
  /** Horizontal lines: the gates' bounds. */
  thresholds: { value: number; label: string }[]
  /** Values are proportions, shown as percents. */
  percent: boolean
  /** The metric the values belong to (for the table's formatting). */
  metric: string
  /** Name of the right-hand axis, when a series uses it. */
  y2?: string
}
