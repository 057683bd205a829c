import { expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Interner } from '../../src/model/interner.js'
import type { computeReference } from '../../src/metrics/reference.js'
import type { Level } from '../../src/model/level.js'
import type { Ratings, ReferenceLabels } from '../../src/model/ratings.js'

/** Repository root, for reading `__fixtures__` from tests. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export type Row = [string, string, string]

/** A fixture written by `script/fixtures/generate.py`. */
export interface EstablishedFixture {
  name: string
  description: string
  level: Level
  categories: string[]
  /** Interval values of the categories, for interval/ratio levels. */
  values?: number[]
  rows?: Row[]
  /** For real-data fixtures: CSV paths relative to the repository root. */
  data?: { annotations: string; gold: string }
  reference?: [string, string][] | null
  generator: Record<string, string>
  expected: Record<string, unknown>
}

export function loadFixture(file: string): EstablishedFixture {
  return JSON.parse(
    readFileSync(`${ROOT}__fixtures__/metrics/established/${file}`, 'utf8')
  ) as EstablishedFixture
}

/**
 * Reads a CSV without quoting (the shared datasets need none): the header
 * names the columns, every other non-empty line is split on commas.
 */
export function readPlainCsv(path: string, columns: string[]): string[][] {
  const lines = readFileSync(path, 'utf8').split('\n')
  const header = lines[0].split(',')
  const at = columns.map((c) => {
    const j = header.indexOf(c)
    if (j < 0) throw new Error(`${path}: no column ${c}`)
    return j
  })
  const out: string[][] = []
  for (let l = 1; l < lines.length; l++) {
    if (lines[l] === '') continue
    const cells = lines[l].split(',')
    out.push(at.map((j) => cells[j]))
  }
  return out
}

/**
 * Builds the metric input the way the pipeline does: items, annotators
 * interned in first-seen order (reference items share the item code space),
 * categories = the given list in its order (declared, or for the real data the
 * sorted labels, as the pipeline does without a declared list); the first
 * rating of a repeated (item, annotator) wins.
 */
export function buildRatings(
  rows: readonly (readonly string[])[],
  categories: readonly string[],
  level: Level = 'nominal',
  referenceRows: readonly (readonly string[])[] = [],
  values?: readonly number[],
  declared = true
): { ratings: Ratings; reference: ReferenceLabels } {
  const items = new Interner()
  const annotators = new Interner()
  const categoryOf = new Map(categories.map((c, k) => [c, k]))
  const code = (label: string): number => {
    const k = categoryOf.get(label)
    if (k === undefined) throw new Error(`label ${label} is not a category`)
    return k
  }
  const seen = new Set<string>()
  const item: number[] = []
  const annotator: number[] = []
  const category: number[] = []
  for (const [i, a, label] of rows) {
    const key = `${i}\u0000${a}`
    if (seen.has(key)) continue
    seen.add(key)
    item.push(items.intern(i))
    annotator.push(annotators.intern(a))
    category.push(code(label))
  }
  const refPairs = referenceRows.map(
    ([i, label]) => [items.intern(i), code(label)] as const
  )
  const refCategory = new Int32Array(items.size).fill(-1)
  for (const [i, k] of refPairs) refCategory[i] = k
  return {
    ratings: {
      level,
      nItems: items.size,
      nAnnotators: annotators.size,
      categories,
      declared,
      values: values ? Float64Array.from(values) : null,
      item: Int32Array.from(item),
      annotator: Int32Array.from(annotator),
      category: Int32Array.from(category),
      row: Int32Array.from(item, (_, r) => r),
      itemIds: items.values,
      annotatorIds: annotators.values
    },
    reference: { category: refCategory, size: refPairs.length }
  }
}

/** Fixture values are compared to this absolute difference. */
export const TOLERANCE = 1e-9

export interface Bounds {
  low: number
  high: number
}
interface ClassExpected {
  label: string
  support: number
  predicted: number
  precision: number
  recall: number
  f1: number
}
interface AnnotatorExpected {
  annotations: number
  compared: number
  correct?: number
  accuracy: number | null
  ci?: Bounds
}
export interface ReferenceExpected {
  compared: number
  accuracy: number
  accuracy_ci: Bounds
  error_rate: number
  error_rate_ci: Bounds
  reference_items: number
  confusion: number[][]
  classes: ClassExpected[]
  annotators: Record<string, AnnotatorExpected>
  majority_vote_accuracy: number | null
  majority_vote_items: number
}

export function expectClose(
  actual: number | null | undefined,
  expected: number
) {
  expect(actual).not.toBeNull()
  expect(actual).toBeDefined()
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(TOLERANCE)
}

/** A library value against ours: both undefined (ours with a reason), or close. */
export function expectValue(
  ours: { value: number | null; reason?: string },
  expected: number | null
): void {
  if (expected === null) {
    expect(ours.value).toBeNull()
    if ('reason' in ours) expect(ours.reason).toBeTruthy()
  } else expectClose(ours.value, expected)
}

/** Checks `computeReference` against sklearn/statsmodels values. */
export function expectReferenceMatches(
  fixture: EstablishedFixture,
  result: ReturnType<typeof computeReference>,
  annotatorIds: readonly string[]
): void {
  const e = fixture.expected as unknown as ReferenceExpected
  const { accuracy, error_rate, majority_vote_accuracy } = result.metrics

  expectClose(accuracy.value, e.accuracy)
  expect(accuracy.n).toBe(e.compared)
  expect(accuracy.n_items).toBe(e.reference_items)
  // The fixture's Wilson interval treats annotations as independent; ours
  // widens it by the design effect of clustering by item (never narrower).
  expect(accuracy.ci!.low).toBeLessThanOrEqual(e.accuracy_ci.low + 1e-12)
  expect(accuracy.ci!.high).toBeGreaterThanOrEqual(e.accuracy_ci.high - 1e-12)
  expect(accuracy.ci?.level).toBe(0.95)
  expect(accuracy.ci?.method).toBe('wilson-cluster')

  expectClose(error_rate.value, e.error_rate)
  expect(error_rate.n).toBe(e.compared)
  expect(error_rate.ci!.low).toBeLessThanOrEqual(e.error_rate_ci.low + 1e-12)
  expect(error_rate.ci!.high).toBeGreaterThanOrEqual(
    e.error_rate_ci.high - 1e-12
  )
  // The error rate's interval is the accuracy's, mirrored.
  expectClose(error_rate.ci?.low, 1 - accuracy.ci!.high)
  expectClose(error_rate.ci?.high, 1 - accuracy.ci!.low)

  expect(result.referenceItems).toBe(e.reference_items)
  expect(majority_vote_accuracy.n_items).toBe(e.majority_vote_items)
  if (e.majority_vote_accuracy === null)
    expect(majority_vote_accuracy.value).toBeNull()
  else expectClose(majority_vote_accuracy.value, e.majority_vote_accuracy)

  // sklearn confusion_matrix(y_true=reference, y_pred=annotator, labels=categories)
  expect(result.confusion.labels).toEqual(fixture.categories)
  expect(result.confusion.matrix).toEqual(e.confusion)

  // sklearn precision_recall_fscore_support(average=None, zero_division=0):
  // where sklearn divided by zero it wrote 0; we write null.
  expect(result.classes.map((c) => c.label)).toEqual(fixture.categories)
  result.classes.forEach((ours, k) => {
    const theirs = e.classes[k]
    expect(ours.support).toBe(theirs.support)
    expect(ours.predicted).toBe(theirs.predicted)
    if (theirs.predicted === 0) expect(ours.precision).toBeNull()
    else expectClose(ours.precision, theirs.precision)
    if (theirs.support === 0) expect(ours.recall).toBeNull()
    else expectClose(ours.recall, theirs.recall)
    if (ours.precision === null || ours.recall === null) {
      expect(ours.f1).toBeNull()
    } else expectClose(ours.f1, theirs.f1)
  })

  const seen = new Set<string>()
  result.annotators.forEach((ours, code) => {
    const id = annotatorIds[code]
    const theirs = e.annotators[id]
    expect(ours).toBeDefined()
    if (ours === undefined) return
    seen.add(id)
    expect(ours.annotations).toBe(theirs.annotations)
    expect(ours.compared).toBe(theirs.compared)
    expect(ours.accuracy.n).toBe(theirs.compared)
    if (theirs.accuracy === null) {
      expect(ours.accuracy.value).toBeNull()
      expect(ours.accuracy.reason).toMatch(/no item with a reference label/)
    } else {
      expect(ours.correct).toBe(theirs.correct)
      expectClose(ours.accuracy.value, theirs.accuracy)
      expectClose(ours.accuracy.ci?.low, theirs.ci?.low as number)
      expectClose(ours.accuracy.ci?.high, theirs.ci?.high as number)
    }
  })
  expect([...seen].sort()).toEqual(Object.keys(e.annotators).sort())
}
