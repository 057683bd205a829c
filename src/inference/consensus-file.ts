import { csvDocument } from '../governance/csv.js'
import type { Ratings } from '../model/ratings.js'
import type { TruthInference } from './truth-inference.js'

/** The inferred labels of one dataset, for `--consensus FILE`. */
export interface ConsensusLabels {
  ratings: Ratings
  inference: TruthInference
}

/**
 * Rows by item id (code-unit order): the inferred label (empty on an exact
 * tie), its posterior probability, the item's number of ratings and, in
 * JSON Lines, the posterior of every category.
 */
function rows(c: ConsensusLabels): {
  item: string
  label: string
  posterior: number
  ratings: number
  probabilities: Record<string, number>
}[] {
  const { ratings, inference: t } = c
  const k = t.k
  const out = Array.from(t.groups.items, (code, g) => {
    const label = t.label[g]!
    const probabilities: Record<string, number> = {}
    ratings.categories.forEach((cat, x) => {
      probabilities[cat] = t.posterior[g * k + x]!
    })
    return {
      item: ratings.itemIds[code]!,
      label: label >= 0 ? ratings.categories[label]! : '',
      posterior: label >= 0 ? t.posterior[g * k + label]! : 0,
      ratings: t.groups.start[g + 1]! - t.groups.start[g]!,
      probabilities
    }
  })
  return out.sort((x, y) => (x.item < y.item ? -1 : x.item > y.item ? 1 : 0))
}

/** CSV (RFC 4180, guarded against formula injection): item_id,label,posterior,ratings. */
export function consensusCsv(c: ConsensusLabels): string {
  return csvDocument(
    ['item_id', 'label', 'posterior', 'ratings'],
    rows(c).map((r) => [
      r.item,
      r.label,
      String(r.posterior),
      String(r.ratings)
    ])
  )
}

/** JSON Lines: one object per item with every category's posterior. */
export function consensusJsonl(c: ConsensusLabels): string {
  return rows(c)
    .map(
      (r) =>
        JSON.stringify({
          item_id: r.item,
          label: r.label === '' ? null : r.label,
          posterior: r.posterior,
          ratings: r.ratings,
          probabilities: r.probabilities
        }) + '\n'
    )
    .join('')
}
