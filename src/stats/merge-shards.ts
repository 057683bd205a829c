import { UserError } from '../errors.js'
import type { Level } from '../model/level.js'
import { DENSE_PAIR_INDEX_MAX_ANNOTATORS } from '../metrics/agreement-stats.js'
import { compareProblems, type Problem } from '../model/problem.js'
import type { Shard } from './shard-format.js'

/**
 * The statistics of several shards of one dataset in one code space, items
 * in the order of their order keys: the order the direct path meets them, so
 * that every floating-point sum over items adds the same terms in the same
 * order and the merged report equals the direct one to the last bit.
 */
export interface MergedStatistics {
  dataset: string
  level: Level
  declared: boolean
  reference: boolean
  categories: string[]
  values: Float64Array | null
  annotatorIds: string[]
  /** Per annotator code: ratings, ratings of reference items, and hits. */
  annotations: Int32Array
  compared: Int32Array
  correct: Int32Array
  /** Per item: its id and reference category (-1 when none). */
  itemIds: string[]
  truth: Int32Array
  /** Item j's category counts: `category[e]`, `count[e]` for e in `offset[j] .. offset[j+1]`, categories ascending. */
  offset: Int32Array
  category: Int32Array
  count: Int32Array
  /** Item j's annotators: `raters[raterStart[j] .. raterStart[j+1]]`. */
  raterStart: Int32Array
  raters: Int32Array
  /** Annotator pairs (a < b in merged codes): cells as category of a, category of b, items. */
  pairs: { a: number; b: number; cells: number[] }[]
  files: string[]
  referenceFiles: string[]
  problems: Problem[]
}

/** A shard as read, with the file it came from (for messages). */
export interface NamedShard {
  file: string
  shard: Shard
}

const compareText = (x: string, y: string): number =>
  x < y ? -1 : x > y ? 1 : 0

/**
 * Merges shards of one dataset whose items do not overlap. Category lists
 * are united (declared lists must agree; undeclared ones are sorted as the
 * reader sorts them: numerically at interval and ratio levels, else by code
 * unit), annotators are united by id and ordered by their order keys, and
 * every code is remapped. An item in two shards is an error: shards must
 * partition the items.
 */
export function mergeShards(named: readonly NamedShard[]): MergedStatistics {
  if (named.length === 0) throw new UserError('no statistics shard given')
  const first = named[0]!
  const fail = (n: NamedShard, field: string, what: string): never => {
    throw new UserError(what, { file: n.file, field })
  }
  for (const n of named.slice(1)) {
    const s = n.shard
    if (s.dataset !== first.shard.dataset)
      fail(
        n,
        'dataset',
        `is '${s.dataset}', but ${first.file} is of '${first.shard.dataset}': merge shards of one dataset at a time`
      )
    for (const key of ['level', 'declared', 'reference'] as const)
      if (s[key] !== first.shard[key])
        fail(
          n,
          key,
          `is ${JSON.stringify(s[key])}, but ${JSON.stringify(first.shard[key])} in ${first.file}`
        )
    if (
      s.declared &&
      JSON.stringify(s.categories) !== JSON.stringify(first.shard.categories)
    )
      fail(n, 'categories', `differ from the declared list in ${first.file}`)
  }
  const { level, declared, reference, dataset } = first.shard
  const numeric = first.shard.values !== null

  // Categories: the declared list, or the union sorted as the reader sorts.
  const valueOf = new Map<string, number>()
  const valueFrom = new Map<string, string>()
  for (const { file, shard } of named)
    shard.categories.forEach((c, k) => {
      const v = shard.values?.[k]
      if (v !== undefined) {
        const known = valueOf.get(c)
        if (known !== undefined && known !== v)
          throw new UserError(
            `category '${c}' has the value ${v} here and ${known} in ${valueFrom.get(c)!}`,
            { file, field: `values[${k}]` }
          )
        valueOf.set(c, v)
        if (!valueFrom.has(c)) valueFrom.set(c, file)
      } else valueOf.set(c, NaN)
    })
  const categories = declared
    ? [...first.shard.categories]
    : [...valueOf.keys()].sort(
        numeric
          ? (x, y) => valueOf.get(x)! - valueOf.get(y)! || compareText(x, y)
          : compareText
      )
  const categoryCode = new Map(categories.map((c, k) => [c, k]))
  const values = numeric
    ? Float64Array.from(categories, (c) => valueOf.get(c)!)
    : null

  // Annotators: united by id, ordered by the smallest order key (then by
  // first appearance), as the direct path's first-appearance codes.
  const annotatorOrder = new Map<string, { order: number; seen: number }>()
  for (const { shard } of named)
    for (const a of shard.annotators) {
      const known = annotatorOrder.get(a.id)
      if (known === undefined)
        annotatorOrder.set(a.id, { order: a.order, seen: annotatorOrder.size })
      else if (a.order < known.order) known.order = a.order
    }
  const annotatorIds = [...annotatorOrder.keys()].sort(
    (x, y) =>
      annotatorOrder.get(x)!.order - annotatorOrder.get(y)!.order ||
      annotatorOrder.get(x)!.seen - annotatorOrder.get(y)!.seen
  )
  const annotatorCode = new Map(annotatorIds.map((id, a) => [id, a]))
  const nA = annotatorIds.length
  // Tallies added in doubles (a shard's count may be any safe integer), then
  // checked against the items before they go into 32-bit arrays.
  const annotationSum = new Float64Array(nA)
  const comparedSum = new Float64Array(nA)
  const correctSum = new Float64Array(nA)
  const listedIn: { file: string; index: number }[] = new Array(nA)

  // Items: every shard's, sorted by order key (stable: shard, then position).
  // Typed arrays and an index sort: a million entry objects cost more in
  // garbage collection than the sort itself.
  const categoryMaps: Int32Array[] = []
  const annotatorMaps: Int32Array[] = []
  let total = 0
  for (const { shard } of named) total += shard.items.length
  const keys = new Float64Array(total)
  const shardOf = new Int32Array(total)
  const indexOf = new Int32Array(total)
  // Runs: each shard's items, when in order (as writers write them).
  const runs: number[] = [0]
  let inOrder = true
  let g = 0
  named.forEach(({ file, shard }, s) => {
    categoryMaps.push(
      Int32Array.from(shard.categories, (c) => categoryCode.get(c)!)
    )
    const map = Int32Array.from(shard.annotators, (a) =>
      annotatorCode.get(a.id)!
    )
    annotatorMaps.push(map)
    shard.annotators.forEach((a, i) => {
      annotationSum[map[i]!]! += a.annotations
      comparedSum[map[i]!]! += a.compared
      correctSum[map[i]!]! += a.correct
      listedIn[map[i]!] ??= { file, index: i }
    })
    shard.items.forEach((item, index) => {
      keys[g] = item[1]
      shardOf[g] = s
      indexOf[g] = index
      if (index > 0 && keys[g]! < keys[g - 1]!) inOrder = false
      g++
    })
    runs.push(g)
  })
  const permutation = inOrder
    ? mergeRuns(keys, runs)
    : Int32Array.from({ length: total }, (_, i) => i).sort(
        (x, y) => keys[x]! - keys[y]! || x - y
      )
  const nItems = total
  const itemIds = new Array<string>(nItems)
  const truth = new Int32Array(nItems)
  const offset = new Int32Array(nItems + 1)
  const raterStart = new Int32Array(nItems + 1)
  let nEntries = 0
  let nRaters = 0
  for (let g = 0; g < total; g++) {
    const item = named[shardOf[g]!]!.shard.items[indexOf[g]!]!
    nEntries += item[3].length / 2
    nRaters += item[4].length
  }
  const category = new Int32Array(nEntries)
  const count = new Int32Array(nEntries)
  const raters = new Int32Array(nRaters)
  const where = new Map<string, number>()
  let e = 0
  let r = 0
  permutation.forEach((p, j) => {
    const shard = shardOf[p]!
    const index = indexOf[p]!
    const item = named[shard]!.shard.items[index]!
    const id = item[0]
    const earlier = where.get(id)
    if (earlier !== undefined)
      throw new UserError(
        earlier === shard
          ? `item '${id}' is twice in this shard: one row per item`
          : `item '${id}' is also in ${named[earlier]!.file}${named[earlier]!.file === named[shard]!.file ? ' (the same file, given twice)' : ''}: shards must partition the items`,
        { file: named[shard]!.file, field: `items[${index}]` }
      )
    where.set(id, shard)
    itemIds[j] = id
    const categoryMap = categoryMaps[shard]!
    truth[j] = item[2] === null ? -1 : categoryMap[item[2]]!
    // Categories ascending in the merged space, as the direct path's CSR.
    const first = e
    const flat = item[3]
    for (let f = 0; f < flat.length; f += 2) {
      const k = categoryMap[flat[f]!]!
      let q = e++
      while (q > first && category[q - 1]! > k) {
        category[q] = category[q - 1]!
        count[q] = count[q - 1]!
        q--
      }
      category[q] = k
      count[q] = flat[f + 1]!
    }
    offset[j + 1] = e
    const annotatorMap = annotatorMaps[shard]!
    for (const a of item[4]) raters[r++] = annotatorMap[a]!
    raterStart[j + 1] = r
  })

  // Pair tables: remapped, oriented lower merged code first, added up.
  const pairCells = new Map<number, Map<number, number>>()
  const K = categories.length
  named.forEach(({ shard }, s) => {
    const annotatorMap = annotatorMaps[s]!
    const categoryMap = categoryMaps[s]!
    for (const [x, y, cells] of shard.pairs) {
      const a = annotatorMap[x]!
      const b = annotatorMap[y]!
      const key = Math.min(a, b) * nA + Math.max(a, b)
      let table = pairCells.get(key)
      if (table === undefined) pairCells.set(key, (table = new Map()))
      for (let c = 0; c < cells.length; c += 3) {
        const kx = categoryMap[cells[c]!]!
        const ky = categoryMap[cells[c + 1]!]!
        const cell = a < b ? kx * K + ky : ky * K + kx
        table.set(cell, (table.get(cell) ?? 0) + cells[c + 2]!)
      }
    }
  })
  // The shards' tallies and pair tables must be those of their items (any
  // shard may hold them, the sums are what count): else the merge would
  // report numbers no data could give.
  const rated = new Float64Array(nA)
  const ratedWithReference = new Float64Array(nA)
  // Items each pair rated together, by pair key a·nA + b (a < b): a dense
  // index up to DENSE_PAIR_INDEX_MAX_ANNOTATORS annotators, as PairTables
  // keeps (2,000 items × 1,000 raters are 10^9 pairs: a Map took 100 s).
  const dense =
    nA <= DENSE_PAIR_INDEX_MAX_ANNOTATORS ? new Int32Array(nA * nA) : null
  const sparse = dense === null ? new Map<number, number>() : null
  for (let j = 0; j < nItems; j++) {
    const from = raterStart[j]!
    const to = raterStart[j + 1]!
    for (let p = from; p < to; p++) {
      const a = raters[p]!
      rated[a]!++
      if (truth[j]! >= 0) ratedWithReference[a]!++
      for (let q = from; q < p; q++) {
        const b = raters[q]!
        const key = a < b ? a * nA + b : b * nA + a
        if (dense !== null) dense[key]!++
        else sparse!.set(key, (sparse!.get(key) ?? 0) + 1)
      }
    }
  }

  for (let a = 0; a < nA; a++) {
    const { file, index } = listedIn[a]!
    const tally = (key: string, shards: number, items: number): void => {
      if (shards !== items)
        throw new UserError(
          `the shards' ${key} of annotator '${annotatorIds[a]!}' add up to ${shards}, but ${items} items list them${key === 'annotations' ? '' : ' with a reference label'}`,
          { file, field: `annotators[${index}].${key}` }
        )
    }
    tally('annotations', annotationSum[a]!, rated[a]!)
    tally('compared', comparedSum[a]!, ratedWithReference[a]!)
  }
  const annotations = Int32Array.from(annotationSum)
  const compared = Int32Array.from(comparedSum)
  const correct = Int32Array.from(correctSum)
  // Less the pair tables' totals: what is left, either way, is a mismatch.
  for (const [key, table] of pairCells) {
    let total = 0
    for (const n of table.values()) total += n
    if (dense !== null) dense[key]! -= total
    else sparse!.set(key, (sparse!.get(key) ?? 0) - total)
  }
  const firstLeft = (): [number, number] | undefined => {
    if (sparse !== null) return [...sparse].find(([, n]) => n !== 0)
    const key = dense!.findIndex((n) => n !== 0)
    return key < 0 ? undefined : [key, dense![key]!]
  }
  const left = firstLeft()
  if (left !== undefined) {
    const [key, missing] = left
    const a = Math.floor(key / nA)
    const b = key % nA
    throw new UserError(
      `the shards' pair tables of annotators '${annotatorIds[a]!}' and '${annotatorIds[b]!}' count ${Math.abs(missing)} ${missing > 0 ? 'fewer' : 'more'} common items than the items that list both`,
      { file: listedIn[a]!.file, field: 'pairs' }
    )
  }
  const pairs = [...pairCells.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([key, table]) => ({
      a: Math.floor(key / nA),
      b: key % nA,
      cells: [...table.entries()]
        .sort((x, y) => x[0] - y[0])
        .flatMap(([cell, n]) => [Math.floor(cell / K), cell % K, n])
    }))

  const unite = (lists: string[][]): string[] => [...new Set(lists.flat())]
  const seenProblems = new Set<string>()
  const problems: Problem[] = []
  for (const { shard } of named)
    for (const p of shard.problems) {
      const key = JSON.stringify([
        p.severity,
        p.file,
        p.line,
        p.field,
        p.message
      ])
      if (seenProblems.has(key)) continue
      seenProblems.add(key)
      problems.push(p)
    }
  problems.sort(compareProblems)

  return {
    dataset,
    level,
    declared,
    reference,
    categories,
    values,
    annotatorIds,
    annotations,
    compared,
    correct,
    itemIds,
    truth,
    offset,
    category,
    count,
    raterStart,
    raters,
    pairs,
    files: unite(named.map((n) => n.shard.files)),
    referenceFiles: unite(named.map((n) => n.shard.reference_files)),
    problems
  }
}

/**
 * The positions 0 .. n−1 in order of `keys`, when `keys[runs[r] ..
 * runs[r+1])` are each in order: runs merged pairwise, O(n log runs), stable
 * (the earlier run first on equal keys), no comparator calls.
 */
function mergeRuns(keys: Float64Array, runs: number[]): Int32Array {
  let from = Int32Array.from({ length: keys.length }, (_, i) => i)
  let to = new Int32Array(keys.length)
  let bounds = runs
  while (bounds.length > 2) {
    const next: number[] = [0]
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r]!
      const mid = bounds[r + 1]!
      const hi = r + 2 < bounds.length ? bounds[r + 2]! : mid
      let i = lo
      let j = mid
      let o = lo
      while (i < mid && j < hi)
        to[o++] = keys[from[j]!]! < keys[from[i]!]! ? from[j++]! : from[i++]!
      while (i < mid) to[o++] = from[i++]!
      while (j < hi) to[o++] = from[j++]!
      next.push(hi)
    }
    ;[from, to] = [to, from]
    bounds = next
  }
  return from
}
