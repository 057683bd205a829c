import type { Ratings } from '../model/ratings.js'

/**
 * Base ratings with the schema migration's renames applied, so that a pure
 * rename is not reported as relabeling and base and head metrics compare like
 * with like. Two old labels renamed into one (a merge) become one category.
 * Returns the ratings and how many of them the renames touched.
 */
export function renameCategories(
  ratings: Ratings,
  renames: ReadonlyMap<string, string>
): { ratings: Ratings; affected: number } {
  if (renames.size === 0) return { ratings, affected: 0 }
  const categories: string[] = []
  const position = new Map<string, number>()
  const remap = new Int32Array(ratings.categories.length)
  ratings.categories.forEach((c, k) => {
    const name = renames.get(c) ?? c
    let p = position.get(name)
    if (p === undefined) {
      p = categories.length
      categories.push(name)
      position.set(name, p)
    }
    remap[k] = p
  })
  const renamed = new Uint8Array(ratings.categories.length)
  ratings.categories.forEach((c, k) => {
    if (renames.has(c)) renamed[k] = 1
  })
  const category = new Int32Array(ratings.category.length)
  let affected = 0
  for (let r = 0; r < category.length; r++) {
    const k = ratings.category[r]!
    category[r] = remap[k]!
    affected += renamed[k]!
  }
  let values = ratings.values
  if (values !== null) {
    const merged = new Float64Array(categories.length)
    ratings.categories.forEach((_, k) => {
      merged[remap[k]!] = values![k]!
    })
    values = merged
  }
  return { ratings: { ...ratings, categories, category, values }, affected }
}
