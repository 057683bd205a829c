export interface ClassReport {
  label: string
  /** Reference annotations of this class (annotations whose item's reference is this label). */
  support: number
  /** Annotations that gave this label on reference items. */
  predicted: number
  precision: number | null
  recall: number | null
  f1: number | null
}

export interface ConfusionMatrix {
  labels: string[]
  matrix: number[][]
  /**
   * With more categories than the report shows: the largest off-diagonal
   * cells of the whole matrix, `[reference label, annotator label, count]`.
   */
  top_cells?: [string, string, number][]
  /** Present when `labels` and `matrix` cover only part of the categories. */
  capped?: ConfusionCap
}

export interface ConfusionCap {
  /** Categories in the full matrix. */
  labels: number
  /** Categories in `labels` and `matrix`. */
  labels_shown: number
  /** Non-zero cells of the full matrix. */
  cells: number
  /** Compared annotations (the sum of the full matrix). */
  annotations: number
  /** Of those, the annotations whose cell is outside `matrix`. */
  annotations_outside: number
}

/**
 * The reference-by-annotator confusion counts, sized by the occupied cells:
 * a dense K×K array while that is small, else a map of the cells that occur.
 * A taxonomy of 10^5 classes has at most one cell per compared rating, not
 * 10^10.
 */
export class ConfusionCounts {
  readonly nCategories: number
  private readonly dense: Float64Array | null
  private readonly sparse: Map<number, number> | null

  constructor(nCategories: number) {
    this.nCategories = nCategories
    const dense = nCategories * nCategories <= DENSE_CONFUSION_CELLS
    this.dense = dense ? new Float64Array(nCategories * nCategories) : null
    this.sparse = dense ? null : new Map()
  }

  /** One annotation of category `label` on an item whose reference is `truth`. */
  add(truth: number, label: number): void {
    const key = truth * this.nCategories + label
    if (this.dense !== null) this.dense[key]!++
    else this.sparse!.set(key, (this.sparse!.get(key) ?? 0) + 1)
  }

  /** `times` annotations of category `label` on items whose reference is `truth`. */
  addTimes(truth: number, label: number, times: number): void {
    const key = truth * this.nCategories + label
    if (this.dense !== null) this.dense[key]! += times
    else this.sparse!.set(key, (this.sparse!.get(key) ?? 0) + times)
  }

  /** Calls `visit` once per non-zero cell, in row-major order. */
  forEachCell(
    visit: (truth: number, label: number, count: number) => void
  ): void {
    const K = this.nCategories
    if (this.dense !== null) {
      for (let key = 0; key < this.dense.length; key++)
        if (this.dense[key]! > 0)
          visit(Math.floor(key / K), key % K, this.dense[key]!)
      return
    }
    const keys = Float64Array.from(this.sparse!.keys()).sort()
    for (const key of keys)
      visit(Math.floor(key / K), key % K, this.sparse!.get(key)!)
  }
}

// 2^20 cells (8 MB): up to 1,024 categories stay a flat array.
const DENSE_CONFUSION_CELLS = 1 << 20

/** Labels and cells beyond these are summarized in the report. */
export const CONFUSION_MAX_LABELS = 50
export const CONFUSION_TOP_CELLS = 100

/**
 * Per-class precision, recall and F1 from the confusion matrix (rows: reference,
 * columns: annotator label), as in scikit-learn's
 * `precision_recall_fscore_support(average=None)`: precision = TP / predicted,
 * recall = TP / support, F1 = 2PR / (P + R) (van Rijsbergen 1979, F with β = 1).
 *
 * Zero denominators: scikit-learn returns 0.0 (with an UndefinedMetricWarning)
 * by default, or 1.0 or NaN via `zero_division`. We return null instead, as for
 * every undefined metric (docs/metrics.md): a class nobody predicted has no
 * precision at all, and a 0 would fail a gate or drag a mean down for what is a
 * lack of data, not an error. F1 is null when P or R is null. When both are
 * defined and 0 (the class was predicted and present, never both at once), F1
 * is 0, as 2·TP / (2·TP + FP + FN) gives and scikit-learn reports.
 */
export function classReportsOf(
  labels: readonly string[],
  confusion: ConfusionCounts
): ClassReport[] {
  const K = labels.length
  const support = new Float64Array(K)
  const predicted = new Float64Array(K)
  const tp = new Float64Array(K)
  confusion.forEachCell((truth, label, count) => {
    support[truth]! += count
    predicted[label]! += count
    if (truth === label) tp[truth] = count
  })
  return labels.map((label, c) => {
    const precision = predicted[c] === 0 ? null : tp[c]! / predicted[c]!
    const recall = support[c] === 0 ? null : tp[c]! / support[c]!
    const f1 =
      precision === null || recall === null
        ? null
        : precision + recall === 0
          ? 0
          : (2 * precision * recall) / (precision + recall)
    return {
      label,
      support: support[c]!,
      predicted: predicted[c]!,
      precision,
      recall,
      f1
    }
  })
}

/**
 * The report's confusion matrix. Up to `CONFUSION_MAX_LABELS` categories: the
 * full K×K matrix. More: the matrix over the `CONFUSION_MAX_LABELS` labels
 * with the most annotations (as reference or as label; category order), the
 * `CONFUSION_TOP_CELLS` largest off-diagonal cells of the whole matrix as
 * `[reference, label, count]`, and `capped` with the totals.
 */
export function confusionMatrixOf(
  labels: readonly string[],
  confusion: ConfusionCounts
): ConfusionMatrix {
  const K = labels.length
  if (K <= CONFUSION_MAX_LABELS) {
    const matrix = Array.from({ length: K }, () => new Array<number>(K).fill(0))
    confusion.forEachCell((t, l, n) => (matrix[t]![l] = n))
    return { labels: [...labels], matrix }
  }
  const weight = new Float64Array(K)
  const top: [number, number, number][] = []
  let cells = 0
  let total = 0
  confusion.forEachCell((t, l, n) => {
    weight[t]! += n
    weight[l]! += n
    cells++
    total += n
    if (t !== l) top.push([t, l, n])
  })
  const shown = Array.from({ length: K }, (_, k) => k)
    .filter((k) => weight[k]! > 0)
    .sort((x, y) => weight[y]! - weight[x]! || x - y)
    .slice(0, CONFUSION_MAX_LABELS)
    .sort((x, y) => x - y)
  const column = new Map(shown.map((k, j) => [k, j]))
  const matrix = shown.map(() => new Array<number>(shown.length).fill(0))
  let inside = 0
  confusion.forEachCell((t, l, n) => {
    const row = column.get(t)
    const col = column.get(l)
    if (row === undefined || col === undefined) return
    matrix[row]![col] = n
    inside += n
  })
  top.sort((x, y) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1])
  return {
    labels: shown.map((k) => labels[k]!),
    matrix,
    top_cells: top
      .slice(0, CONFUSION_TOP_CELLS)
      .map(([t, l, n]) => [labels[t]!, labels[l]!, n]),
    capped: {
      labels: K,
      labels_shown: shown.length,
      cells,
      annotations: total,
      annotations_outside: total - inside
    }
  }
}
