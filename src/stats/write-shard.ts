import type { DatasetConfig } from '../config/schema.js'
import { groupByItem, PairTables } from '../metrics/agreement-stats.js'
import type { Problem } from '../model/problem.js'
import type { Ratings, ReferenceLabels } from '../model/ratings.js'
import {
  SHARD_FORMAT,
  SHARD_VERSION,
  type Shard,
  type ShardAnnotator,
  type ShardItem,
  type ShardPair
} from './shard-format.js'

/** Part `index` (1-based) of `count` of a hash partition of the items. */
export interface ShardPart {
  index: number
  count: number
}

/**
 * 32-bit FNV-1a of a string's UTF-8 bytes: the partition of items into
 * parts (`fnv1a(id) % count`), simple to write in any language or SQL
 * dialect so that other engines can cut the same parts.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  const step = (byte: number): void => {
    hash = Math.imul(hash ^ byte, 0x01000193)
  }
  // UTF-8 by hand: a TextEncoder per id cost more than the hashing.
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i)
    if (c < 0x80) step(c)
    else if (c < 0x800) {
      step(0xc0 | (c >> 6))
      step(0x80 | (c & 63))
    } else {
      const next = text.charCodeAt(i + 1)
      if (c >= 0xd800 && c < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00)
        i++
        step(0xf0 | (c >> 18))
        step(0x80 | ((c >> 12) & 63))
      } else {
        // A lone surrogate is U+FFFD, as TextEncoder writes it.
        if (c >= 0xd800 && c < 0xe000) c = 0xfffd
        step(0xe0 | (c >> 12))
      }
      step(0x80 | ((c >> 6) & 63))
      step(0x80 | (c & 63))
    }
  }
  return hash >>> 0
}

/** What a shard is cut from: one dataset's ratings as read, and where from. */
export interface ShardSource {
  ratings: Ratings
  reference: ReferenceLabels | null
  files: string[]
  referenceFiles: string[]
  problems: Problem[]
}

/**
 * The shard of a dataset's ratings, or of the items of one part. Order keys
 * are the direct path's codes (first appearance in the files), so merged
 * parts sum in the direct path's order. Annotators are those with a rating
 * in the shard; categories are the whole category space.
 */
export function shardOfRatings(
  dataset: DatasetConfig,
  source: ShardSource,
  part: ShardPart | null
): Shard {
  const { ratings, reference } = source
  const groups = groupByItem(ratings)
  const { start, order } = groups
  const { annotator, category } = ratings
  const K = ratings.categories.length
  const refOf = reference?.category
  const local = new Int32Array(Math.max(0, ratings.nAnnotators)).fill(-1)
  const annotators: ShardAnnotator[] = []
  const codeOf = (a: number): number => {
    if (local[a]! < 0) {
      local[a] = annotators.length
      annotators.push({
        id: ratings.annotatorIds[a]!,
        order: a,
        annotations: 0,
        compared: 0,
        correct: 0
      })
    }
    return local[a]!
  }
  const items: ShardItem[] = []
  const pairs = new PairTables(Math.max(0, ratings.nAnnotators), K)
  const scratch = new Int32Array(K)
  for (let i = 0; i + 1 < start.length; i++) {
    const from = start[i]!
    const to = start[i + 1]!
    if (from === to) continue
    const id = ratings.itemIds[i]!
    if (part !== null && fnv1a(id) % part.count !== part.index - 1) continue
    const truth = refOf !== undefined && i < refOf.length ? refOf[i]! : -1
    const raters: number[] = []
    const used: number[] = []
    for (let p = from; p < to; p++) {
      const r = order?.[p] ?? p
      const k = category[r]!
      const a = codeOf(annotator[r]!)
      raters.push(a)
      if (scratch[k]!++ === 0) used.push(k)
      const tally = annotators[a]!
      tally.annotations++
      if (truth >= 0) {
        tally.compared++
        if (k === truth) tally.correct++
      }
      for (let q = p + 1; q < to; q++) {
        const s = order?.[q] ?? q
        // One rating per (item, annotator); a repeat is not a pair.
        if (annotator[s] !== annotator[r])
          pairs.add(annotator[r]!, k, annotator[s]!, category[s]!)
      }
    }
    used.sort((x, y) => x - y)
    const counts: number[] = []
    for (const k of used) {
      counts.push(k, scratch[k]!)
      scratch[k] = 0
    }
    items.push([id, i, truth >= 0 ? truth : null, counts, raters])
  }
  const KK = K * K
  const pairRows: ShardPair[] = pairs.tables
    .map((t): ShardPair => {
      const cells: number[] = []
      for (let cell = 0; cell < KK; cell++)
        if (t.counts[cell]! > 0)
          cells.push(Math.floor(cell / K), cell % K, t.counts[cell]!)
      return [local[t.a]!, local[t.b]!, cells]
    })
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
  return {
    format: SHARD_FORMAT,
    version: SHARD_VERSION,
    dataset: dataset.name,
    level: ratings.level,
    declared: ratings.declared,
    reference: reference !== null,
    categories: [...ratings.categories],
    values: ratings.values === null ? null : Array.from(ratings.values),
    part,
    files: source.files,
    reference_files: source.referenceFiles,
    annotators,
    items,
    pairs: pairRows,
    problems: source.problems
  }
}
