import type { Level } from './level.js'

/**
 * The input of every metric: valid ratings only, one per (item, annotator),
 * labels mapped to category indices. Built from an `AnnotationTable` after the
 * schema checks and duplicate resolution (conflicting duplicates keep the first
 * record in file order, like `annotations_dedup.csv` in the shared datasets).
 *
 * Category space:
 * - declared `categories` in their declared order (unused ones keep their position);
 * - else, the distinct labels used (by annotators or the reference), sorted, so
 *   the order of records never changes a result; numerically for interval/ratio.
 */
export interface Ratings {
  readonly level: Level
  /** Size of the item code space (codes come from the dataset's item interner). */
  readonly nItems: number
  /** Size of the annotator code space. */
  readonly nAnnotators: number
  /** Category index -> label text. */
  readonly categories: readonly string[]
  /** True when the config declared the categories (Gwet's q is then their count). */
  readonly declared: boolean
  /** Numeric value of each category, for interval and ratio levels; else null. */
  readonly values: Float64Array | null
  /** One entry per rating. */
  readonly item: Int32Array
  readonly annotator: Int32Array
  readonly category: Int32Array
  /**
   * The annotation-table row each rating was kept from (its file, line and
   * lineage fields). Ratings built by `buildRatings` compute it on first use
   * when every row was kept (then it is 0, 1, 2, ...).
   */
  readonly row: Int32Array
  /** Item code -> item id, annotator code -> annotator id (for reports). */
  readonly itemIds: readonly string[]
  readonly annotatorIds: readonly string[]
  /**
   * The interners behind the item and annotator codes, when known. Two
   * versions with the same ones share a code space (see `diffRatings`).
   */
  readonly itemSpace?: IdSpace
  readonly annotatorSpace?: IdSpace
}

/** An interner seen from the metrics: one id decoded on demand. */
export interface IdSpace {
  value(code: number): string
}

/** Trusted labels: category index per item code, -1 where the item has none. */
export interface ReferenceLabels {
  readonly category: Int32Array
  /** Number of items that have a reference label. */
  readonly size: number
}

/** The fields a derived set of ratings replaces (`withRatings`). */
export type RatingsChanges = Partial<
  Pick<
    Ratings,
    'categories' | 'values' | 'item' | 'annotator' | 'category' | 'row'
  >
>

/**
 * `ratings` with some fields replaced (a slice of its rows, its categories
 * renumbered). Not `{ ...ratings, ...changes }`: a spread runs the lazy
 * getters of `buildRatings`' ratings, decoding every id (10^6 strings, about
 * 0.1 s) and making the identity row array, which the metrics never read;
 * here they stay lazy.
 */
export function withRatings(
  ratings: Ratings,
  changes: RatingsChanges
): Ratings {
  const row = changes.row
  return {
    level: ratings.level,
    nItems: ratings.nItems,
    nAnnotators: ratings.nAnnotators,
    categories: changes.categories ?? ratings.categories,
    declared: ratings.declared,
    values: changes.values !== undefined ? changes.values : ratings.values,
    item: changes.item ?? ratings.item,
    annotator: changes.annotator ?? ratings.annotator,
    category: changes.category ?? ratings.category,
    itemSpace: ratings.itemSpace,
    annotatorSpace: ratings.annotatorSpace,
    get row() {
      return row ?? ratings.row
    },
    get itemIds() {
      return ratings.itemIds
    },
    get annotatorIds() {
      return ratings.annotatorIds
    }
  }
}
