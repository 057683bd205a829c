import { groupByItem } from '../metrics/agreement-stats.js'
import type { Ratings, ReferenceLabels } from '../model/ratings.js'
import { compareText } from './compare-text.js'
import { csvDocument } from './csv.js'

export type AdjudicationReason =
  | 'tie'
  | 'low_share'
  | 'disagrees_with_reference'
  /** The truth-inference model's posterior of its label is below `min_posterior`. */
  | 'low_posterior'
  /** multi_label, span, box: the annotators' sets agree less than `min_agreement`. */
  | 'low_agreement'

export interface AdjudicationOptions {
  /** An item whose plurality share is below this needs a decision (default 0.5). */
  minShare?: number
  /** Who decides a tie or a low-share item (default 'none'). */
  tieBreak?: 'reference' | 'senior' | 'none'
  /** Senior annotator ids, most senior first (for tieBreak 'senior'). */
  senior?: string[]
  /** Item codes to consider (1 = consider), e.g. the change's touched items; default all. */
  items?: Uint8Array
  /**
   * Item codes (1 = yes) whose inferred label (config `consensus`) has a
   * posterior probability below `min_posterior`: queued as `low_posterior`.
   */
  lowPosterior?: Uint8Array
}

export interface AdjudicationRow {
  item: string
  /** In the order tie, low_share, disagrees_with_reference. */
  reasons: AdjudicationReason[]
  /** The plurality label; null on a tie. */
  majority: string | null
  /** Top label count / ratings of the item (also on a tie). */
  majority_share: number
  reference: string | null
  decision: string | null
  /** 'reference', 'senior:<annotator id>' or null. */
  decided_by: string | null
  /** Annotator id -> label, for the annotators who rated the item. */
  labels: Record<string, string>
  /** multi_label, span, box: the item's agreement (0 to 1, the type's measure). */
  agreement?: number | null
  /** multi_label, span, box: the elements some but not all annotators gave. */
  disagreeing?: string[]
}

export interface AdjudicationQueue {
  /**
   * multi_label, span and box datasets: the rows carry `agreement` and
   * `disagreeing`, and the CSV has a column for each.
   */
  elements?: boolean
  /** Annotators who rated any queued item, by id (code-unit order). */
  annotators: string[]
  /** One row per queued item, by item id (code-unit order). */
  rows: AdjudicationRow[]
  /** Rows with each reason, and rows with a decision. */
  counts: {
    tie: number
    low_share: number
    disagrees_with_reference: number
    /** Present when the truth-inference model ran. */
    low_posterior?: number
    decided: number
    /** multi_label, span, box datasets. */
    low_agreement?: number
  }
}

const DEFAULT_MIN_SHARE = 0.5

/**
 * The items that need a human decision, among `options.items` (or all items):
 *
 * - `tie`: two or more labels share the top count, so the plurality vote does
 *   not decide (as in `majority_vote_accuracy`, docs/metrics.md);
 * - `low_share`: the top count is below `minShare` of the item's ratings. A
 *   three-way 1-1-1 split is both a tie and low-share, and lists both;
 * - `disagrees_with_reference`: the item has a reference label and the vote's
 *   top label is a different one. On a tie, when the reference is none of the
 *   tied labels (no top label agrees with it).
 *
 * An item with one rating is never a tie nor low-share (its share is 1); it
 * is queued only when it disagrees with the reference.
 *
 * Tie-breakers decide only tie and low-share items, where the vote did not
 * decide: `reference` with the item's reference label, `senior` with the label
 * of the first listed senior who rated the item. An item queued only because it
 * disagrees with the reference stays undecided: there the reference itself is
 * in question, and the plurality of annotators is against it.
 *
 * One counting-sort pass (`groupByItem`) and K counters reused per item.
 */
export function adjudicationQueue(
  ratings: Ratings,
  reference: ReferenceLabels | null,
  options: AdjudicationOptions = {}
): AdjudicationQueue {
  const minShare = options.minShare ?? DEFAULT_MIN_SHARE
  const tieBreak = options.tieBreak ?? 'none'
  const mask = options.items
  const K = ratings.categories.length
  const groups = groupByItem(ratings)
  const { start, order } = groups
  const nItems = start.length - 1
  const refOf = reference?.category

  // Senior rank per annotator code (lower is more senior); -1 for others.
  const seniorRank = new Int32Array(Math.max(0, ratings.nAnnotators)).fill(-1)
  if (tieBreak === 'senior' && options.senior !== undefined) {
    const codeOf = new Map(ratings.annotatorIds.map((id, a) => [id, a]))
    options.senior.forEach((id, rank) => {
      const a = codeOf.get(id)
      if (a !== undefined && seniorRank[a] === -1) seniorRank[a] = rank
    })
  }

  const counts = new Int32Array(K)
  const queued = new Uint8Array(Math.max(0, ratings.nAnnotators))
  const rows: AdjudicationRow[] = []
  const lowPosterior = options.lowPosterior
  const tally: AdjudicationQueue['counts'] = {
    tie: 0,
    low_share: 0,
    disagrees_with_reference: 0,
    ...(lowPosterior !== undefined ? { low_posterior: 0 } : {}),
    decided: 0
  }

  for (let i = 0; i < nItems; i++) {
    if (mask !== undefined && mask[i] !== 1) continue
    const from = start[i]!
    const to = start[i + 1]!
    const m = to - from
    if (m === 0) continue

    let top = 0
    let winner = -1
    let tiedAtTop = 0
    for (let p = from; p < to; p++) {
      const n = ++counts[ratings.category[order?.[p] ?? p]!]!
      if (n > top) top = n
    }
    for (let p = from; p < to; p++) {
      const k = ratings.category[order?.[p] ?? p]!
      // Each category once: zero its counter after reading it.
      if (counts[k] === top) {
        tiedAtTop++
        winner = k
      }
      counts[k] = 0
    }
    const tie = tiedAtTop > 1
    const share = top / m
    const truth = refOf !== undefined && i < refOf.length ? refOf[i]! : -1

    const reasons: AdjudicationReason[] = []
    if (tie) reasons.push('tie')
    if (m > 1 && share < minShare) reasons.push('low_share')
    if (truth >= 0 && !isTopLabel(ratings, order, from, to, truth, top))
      reasons.push('disagrees_with_reference')
    if (lowPosterior !== undefined && lowPosterior[i] === 1)
      reasons.push('low_posterior')
    if (reasons.length === 0) continue

    let decision = -1
    let decidedBy: string | null = null
    const undecidedVote = tie || reasons.includes('low_share')
    if (undecidedVote && tieBreak === 'reference' && truth >= 0) {
      decision = truth
      decidedBy = 'reference'
    } else if (undecidedVote && tieBreak === 'senior') {
      let best = -1
      for (let p = from; p < to; p++) {
        const r = order?.[p] ?? p
        const rank = seniorRank[ratings.annotator[r]!]!
        if (
          rank >= 0 &&
          (best < 0 || rank < seniorRank[ratings.annotator[best]!]!)
        )
          best = r
      }
      if (best >= 0) {
        decision = ratings.category[best]!
        decidedBy = `senior:${ratings.annotatorIds[ratings.annotator[best]!]!}`
      }
    }

    const labels: [string, string][] = []
    for (let p = from; p < to; p++) {
      const r = order?.[p] ?? p
      const a = ratings.annotator[r]!
      queued[a] = 1
      labels.push([
        ratings.annotatorIds[a]!,
        ratings.categories[ratings.category[r]!]!
      ])
    }
    for (const reason of reasons) tally[reason] = (tally[reason] ?? 0) + 1
    if (decision >= 0) tally.decided++
    rows.push({
      item: ratings.itemIds[i]!,
      reasons,
      majority: tie ? null : ratings.categories[winner]!,
      majority_share: share,
      reference: truth >= 0 ? ratings.categories[truth]! : null,
      decision: decision >= 0 ? ratings.categories[decision]! : null,
      decided_by: decidedBy,
      labels: labelRecord(labels)
    })
  }

  rows.sort((x, y) => compareText(x.item, y.item))
  const annotators = ratings.annotatorIds
    .filter((_, a) => queued[a] === 1)
    .sort(compareText)
  return { annotators, rows, counts: tally }
}

/** Whether the item's ratings give category k the top count. */
function isTopLabel(
  ratings: Ratings,
  order: Int32Array | null,
  from: number,
  to: number,
  k: number,
  top: number
): boolean {
  let n = 0
  for (let p = from; p < to; p++)
    if (ratings.category[order?.[p] ?? p] === k) n++
  return n === top
}

/**
 * Annotator id -> label, keys in id order. `Object.fromEntries` defines own properties, so an
 * annotator called `__proto__` is a key like any other, not a prototype. With
 * two ratings by one annotator (a builder bug), the first is kept.
 */
function labelRecord(labels: [string, string][]): Record<string, string> {
  const first = new Map<string, string>()
  for (const [id, label] of labels) if (!first.has(id)) first.set(id, label)
  // Keys by id, so the JSONL text does not depend on the rating order.
  return Object.fromEntries([...first].sort((x, y) => compareText(x[0], y[0])))
}

/**
 * Columns: the fixed ones, then (multi_label, span, box) the item's
 * `agreement` and the `disagreeing` elements joined by `; ` (the JSONL file
 * keeps them as a list), then one per annotator; RFC 4180, formula-safe.
 */
export function adjudicationCsv(queue: AdjudicationQueue): string {
  const elements = queue.elements === true
  const header = [
    'item',
    'reason',
    'majority',
    'majority_share',
    'reference',
    'decision',
    'decided_by',
    ...(elements ? ['agreement', 'disagreeing'] : []),
    ...queue.annotators
  ]
  const column = new Map(queue.annotators.map((a, c) => [a, c]))
  const records = queue.rows.map((row) => {
    // One pass over the row's few labels, not a lookup per annotator column.
    const labels = new Array<string>(queue.annotators.length).fill('')
    for (const [a, label] of Object.entries(row.labels)) {
      const c = column.get(a)
      if (c !== undefined) labels[c] = label
    }
    return [
      row.item,
      row.reasons.join(';'),
      row.majority ?? '',
      String(row.majority_share),
      row.reference ?? '',
      row.decision ?? '',
      row.decided_by ?? '',
      ...(elements
        ? [
            row.agreement === null || row.agreement === undefined
              ? ''
              : String(row.agreement),
            (row.disagreeing ?? []).join('; ')
          ]
        : []),
      ...labels
    ]
  })
  return csvDocument(header, records)
}

/** One JSON object per row, each line ended by LF. */
export function adjudicationJsonl(queue: AdjudicationQueue): string {
  return queue.rows.map((row) => JSON.stringify(row) + '\n').join('')
}
