import { UserError } from '../errors.js'
import { LEVELS, type Level } from '../model/level.js'
import type { Problem } from '../model/problem.js'

/**
 * A statistics shard (`labelgate-stats`, version 1; docs/stats-shards.md):
 * the sufficient statistics of a part of one dataset's items, in the
 * shard's own code spaces (category and annotator lists), so that shards of
 * disjoint item sets merge into the statistics of their union. Written by
 * `labelgate stats --shard`, or by any engine that can group ratings by item.
 */
export const SHARD_FORMAT = 'labelgate-stats'
export const SHARD_VERSION = 1

export interface ShardAnnotator {
  id: string
  /**
   * Sort key of the annotator's first rating in the dataset (merged shards
   * order annotators by it; see docs/stats-shards.md, "Order keys").
   */
  order: number
  /** Ratings the annotator gave in this shard. */
  annotations: number
  /** Of those, ratings of items with a reference label, and hits. */
  compared: number
  correct: number
}

/**
 * One item: [id, order, reference category or null, [category, count, ...],
 * [annotator, ...]] with category and annotator codes of the shard.
 */
export type ShardItem = [string, number, number | null, number[], number[]]

/** One annotator pair (codes a ≠ b): [a, b, [category of a, category of b, items, ...]]. */
export type ShardPair = [number, number, number[]]

export interface Shard {
  format: typeof SHARD_FORMAT
  version: typeof SHARD_VERSION
  dataset: string
  level: Level
  /** True when the config declares the category list (then every shard has it, in order). */
  declared: boolean
  /** True when the dataset has reference labels. */
  reference: boolean
  categories: string[]
  /** Numeric value per category at interval and ratio levels, else null. */
  values: number[] | null
  /** Which part of a hash partition of the items this is; null when not one. */
  part: { index: number; count: number } | null
  files: string[]
  reference_files: string[]
  annotators: ShardAnnotator[]
  items: ShardItem[]
  pairs: ShardPair[]
  /** Data problems the reader found (file, line); merged shards keep each once. */
  problems: Problem[]
}

/**
 * Reads a shard's JSON, checking every field a merge relies on: a bad shard is
 * one clear line naming the file and field, never a wrong number.
 */
export function parseShard(text: string, file: string): Shard {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new UserError(
      `not JSON (${(error as Error).message.split('\n')[0]})`,
      { file }
    )
  }
  const fail = (field: string, what: string): never => {
    throw new UserError(what, { file, field })
  }
  if (!isObject(data)) return fail('(top level)', 'a shard is a JSON object')
  if (data.format !== SHARD_FORMAT)
    fail('format', `is not '${SHARD_FORMAT}': not a labelgate statistics shard`)
  if (data.version !== SHARD_VERSION)
    fail(
      'version',
      `is ${JSON.stringify(data.version)}; this labelgate reads version ${SHARD_VERSION}`
    )
  const string = (v: unknown, field: string): string =>
    typeof v === 'string' ? v : fail(field, 'must be a string')
  const count = (v: unknown, field: string): number =>
    Number.isSafeInteger(v) && (v as number) >= 0
      ? (v as number)
      : fail(field, 'must be a whole number >= 0')
  const array = (v: unknown, field: string): unknown[] =>
    Array.isArray(v) ? v : fail(field, 'must be an array')
  const dataset = string(data.dataset, 'dataset')
  const level = string(data.level, 'level')
  if (!(LEVELS as readonly string[]).includes(level))
    fail('level', `must be one of ${LEVELS.join(', ')}`)
  if (typeof data.declared !== 'boolean') fail('declared', 'must be a boolean')
  if (typeof data.reference !== 'boolean')
    fail('reference', 'must be a boolean')
  const categories = array(data.categories, 'categories').map((c, k) =>
    string(c, `categories[${k}]`)
  )
  if (new Set(categories).size !== categories.length)
    fail('categories', 'lists a category twice')
  const K = categories.length
  let values: number[] | null = null
  if (data.values === undefined)
    fail('values', 'is missing: a list at interval and ratio levels, else null')
  if (data.values !== null) {
    values = array(data.values, 'values').map((v, k) =>
      typeof v === 'number' && Number.isFinite(v)
        ? v
        : fail(`values[${k}]`, 'must be a finite number')
    )
    if (values.length !== K) fail('values', 'must have one value per category')
  }
  if ((level === 'interval' || level === 'ratio') !== (values !== null))
    fail('values', 'is a list at interval and ratio levels, else null')
  let part: Shard['part'] = null
  if (data.part !== null && data.part !== undefined) {
    if (!isObject(data.part)) fail('part', 'must be an object or null')
    const p = data.part as Record<string, unknown>
    part = {
      index: count(p.index, 'part.index'),
      count: count(p.count, 'part.count')
    }
    if (part.count < 1) fail('part.count', 'must be 1 or more')
    if (part.index < 1 || part.index > part.count)
      fail('part.index', `must be from 1 to part.count (${part.count})`)
  }
  const files = array(data.files, 'files').map((f, i) =>
    string(f, `files[${i}]`)
  )
  const referenceFiles = array(data.reference_files, 'reference_files').map(
    (f, i) => string(f, `reference_files[${i}]`)
  )
  const annotators = array(data.annotators, 'annotators').map((a, i) => {
    const field = `annotators[${i}]`
    if (!isObject(a)) return fail(field, 'must be an object')
    const order = a.order
    if (typeof order !== 'number' || !Number.isFinite(order))
      fail(`${field}.order`, 'must be a finite number')
    const annotator: ShardAnnotator = {
      id: string(a.id, `${field}.id`),
      order: order as number,
      annotations: count(a.annotations, `${field}.annotations`),
      compared: count(a.compared, `${field}.compared`),
      correct: count(a.correct, `${field}.correct`)
    }
    if (annotator.correct > annotator.compared)
      fail(`${field}.correct`, 'is more than compared')
    if (annotator.compared > annotator.annotations)
      fail(`${field}.compared`, 'is more than annotations')
    return annotator
  })
  if (new Set(annotators.map((a) => a.id)).size !== annotators.length)
    fail('annotators', 'lists an annotator id twice')
  const nA = annotators.length
  const code = (v: unknown, field: string, size: number): number =>
    Number.isInteger(v) && (v as number) >= 0 && (v as number) < size
      ? (v as number)
      : fail(field, `must be a code from 0 to ${size - 1}`)
  const isCode = (v: unknown, size: number): boolean =>
    Number.isInteger(v) && (v as number) >= 0 && (v as number) < size
  const reference = data.reference
  const items = array(data.items, 'items')
  // The last item that listed each annotator (-1: none yet).
  const listedOn = new Int32Array(nA).fill(-1)
  // Checked in place, not copied, and messages built only on a failure: a
  // shard of 10^6 items is 10^6 rows, and per-row copies and strings were
  // most of the merge's garbage-collection time.
  for (let i = 0; i < items.length; i++) {
    const row = items[i]
    const field = (suffix = ''): string => `items[${i}]${suffix}`
    if (!Array.isArray(row) || row.length !== 5)
      fail(field(), 'must be [id, order, reference, counts, annotators]')
    const [id, order, ref, counts, raters] = row as unknown[]
    if (typeof id !== 'string') fail(field('[0]'), 'must be a string')
    if (typeof order !== 'number' || !Number.isFinite(order))
      fail(field('[1]'), 'the order key must be a finite number')
    if (ref !== null && !isCode(ref, K)) code(ref, field('[2]'), K)
    if (ref !== null && !reference)
      fail(
        field('[2]'),
        'is a reference label, but the shard has reference: false'
      )
    if (
      !Array.isArray(counts) ||
      counts.length === 0 ||
      counts.length % 2 !== 0
    )
      fail(field('[3]'), 'must be category, count pairs (at least one)')
    const flat = counts as unknown[]
    let total = 0
    for (let e = 0; e < flat.length; e += 2) {
      const k = flat[e]
      if (!isCode(k, K)) code(k, field(`[3][${e}]`), K)
      for (let f = 0; f < e; f += 2)
        if (flat[f] === k)
          fail(field('[3]'), `lists category ${String(k)} twice`)
      const n = flat[e + 1]
      if (!Number.isSafeInteger(n) || (n as number) < 1)
        fail(field(`[3][${e + 1}]`), 'a count must be a whole number >= 1')
      total += n as number
    }
    if (!Array.isArray(raters)) fail(field('[4]'), 'must be an array')
    const list = raters as number[]
    if (list.length !== total)
      fail(
        field('[4]'),
        `lists ${list.length} annotators, but the counts add up to ${total} ratings (one per annotator)`
      )
    for (let r = 0; r < list.length; r++) {
      const a = list[r]!
      if (!isCode(a, nA)) code(a, field(`[4][${r}]`), nA)
      // A stamp per annotator, not a scan of the list: an item of 1,000
      // raters would cost half a million comparisons.
      if (listedOn[a] === i) fail(field('[4]'), `lists annotator ${a} twice`)
      listedOn[a] = i
    }
  }
  const pairKeys = new Set<number>()
  const pairs = array(data.pairs, 'pairs').map((entry, t): ShardPair => {
    const field = `pairs[${t}]`
    const row = array(entry, field)
    if (row.length !== 3) fail(field, 'must be [a, b, cells]')
    const a = code(row[0], `${field}[0]`, nA)
    const b = code(row[1], `${field}[1]`, nA)
    if (a === b) fail(field, 'pairs two different annotators')
    const cells = array(row[2], `${field}[2]`)
    if (cells.length % 3 !== 0)
      fail(`${field}[2]`, 'must be category, category, count triples')
    const key = Math.min(a, b) * nA + Math.max(a, b)
    if (pairKeys.has(key))
      fail(field, `pairs annotators ${a} and ${b} again: one row per pair`)
    pairKeys.add(key)
    const flat: number[] = []
    for (let e = 0; e < cells.length; e += 3)
      flat.push(
        code(cells[e], `${field}[2][${e}]`, K),
        code(cells[e + 1], `${field}[2][${e + 1}]`, K),
        count(cells[e + 2], `${field}[2][${e + 2}]`)
      )
    return [a, b, flat]
  })
  const problems = array(data.problems ?? [], 'problems').map((p, i) => {
    const field = `problems[${i}]`
    if (!isObject(p)) return fail(field, 'must be an object')
    if (p.severity !== 'error' && p.severity !== 'warning')
      fail(`${field}.severity`, "must be 'error' or 'warning'")
    const line = p.line
    if (!Number.isSafeInteger(line) || (line as number) < 0)
      fail(`${field}.line`, 'must be a whole number >= 0')
    const problem: Problem = {
      severity: p.severity as Problem['severity'],
      file: string(p.file, `${field}.file`),
      line: line as number,
      message: string(p.message, `${field}.message`)
    }
    if (p.field !== undefined) problem.field = string(p.field, `${field}.field`)
    return problem
  })
  return {
    format: SHARD_FORMAT,
    version: SHARD_VERSION,
    dataset,
    level: level as Level,
    declared: data.declared as boolean,
    reference: data.reference as boolean,
    categories,
    values,
    part,
    files,
    reference_files: referenceFiles,
    annotators,
    items: items as ShardItem[],
    pairs,
    problems
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * The shard as JSON: one item and one pair per line, so a shard of 10^6
 * items stays greppable and diffs line by line.
 */
export function serializeShard(shard: Shard): string {
  const { items, pairs, annotators, problems, ...head } = shard
  const lines = [
    ...Object.entries(head).map(
      ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`
    ),
    list('annotators', annotators),
    list('items', items),
    list('pairs', pairs),
    list('problems', problems)
  ]
  return `{\n${lines.join(',\n')}\n}\n`
}

function list(key: string, rows: readonly unknown[]): string {
  if (rows.length === 0) return `  ${JSON.stringify(key)}: []`
  return `  ${JSON.stringify(key)}: [\n${rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`
}
