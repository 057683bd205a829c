import { describe, expect, it } from '@jest/globals'
import {
  buildChangeReport,
  CHANGED_POPULATION,
  TOUCHED_POPULATION
} from '../../src/check/change-report.js'
import { diffRatings } from '../../src/diff/diff-ratings.js'
import type { Ratings, ReferenceLabels } from '../../src/model/ratings.js'
import { ratingsOf, type Row } from '../diff/ratings-helper.js'

// i1 untouched; i2/c relabeled pos → neg; i3/c added; i4/b removed.
const base: Row[] = [
  ['i1', 'a', 'pos'],
  ['i1', 'b', 'pos'],
  ['i1', 'c', 'pos'],
  ['i2', 'a', 'neg'],
  ['i2', 'b', 'neg'],
  ['i2', 'c', 'pos'],
  ['i3', 'a', 'neg'],
  ['i3', 'b', 'pos'],
  ['i4', 'a', 'pos'],
  ['i4', 'b', 'neu']
]
const head: Row[] = [
  ['i1', 'a', 'pos'],
  ['i1', 'b', 'pos'],
  ['i1', 'c', 'pos'],
  ['i2', 'a', 'neg'],
  ['i2', 'b', 'neg'],
  ['i2', 'c', 'neg'],
  ['i3', 'a', 'neg'],
  ['i3', 'b', 'pos'],
  ['i3', 'c', 'pos'],
  ['i4', 'a', 'pos']
]
const GOLD: Record<string, string> = {
  i1: 'pos',
  i2: 'neg',
  i3: 'neg',
  i4: 'pos'
}
const CATEGORIES = ['neg', 'neu', 'pos']

function referenceFor(ratings: Ratings): ReferenceLabels {
  const category = Int32Array.from(ratings.itemIds, (id) =>
    ratings.categories.indexOf(GOLD[id]!)
  )
  return { category, size: category.length }
}

describe('buildChangeReport: one slice, two named populations', () => {
  const headRatings = ratingsOf(head, CATEGORIES)
  const diff = diffRatings(ratingsOf(base, CATEGORIES), headRatings)
  const { report } = buildChangeReport(
    headRatings,
    referenceFor(headRatings),
    diff
  )

  it('counts the touched items with all their head ratings', () => {
    // i2, i3, i4 (i4 only lost a rating): 3 + 3 + 1 head ratings.
    expect(report.counts).toMatchObject({ items: 3, annotations: 7 })
    expect(report.distribution).toEqual({ neg: 4, neu: 0, pos: 3 })
  })

  it('votes with all head ratings of the touched items', () => {
    // i2 neg (3 of 3) right; i3 pos (2 of 3) against gold neg wrong; i4 pos right.
    // The changed votes alone (i2/c neg, i3/c pos) would give 1/2.
    expect(report.metrics.majority_vote_accuracy).toMatchObject({
      value: 2 / 3,
      n_items: 3,
      // One vote per touched reference item, cast by all its head ratings.
      n: 3,
      population: TOUCHED_POPULATION
    })
    // Alpha's own n: the pairable values (i4's single rating is not).
    expect(report.metrics.krippendorff_alpha).toMatchObject({
      n: 6,
      population: TOUCHED_POPULATION
    })
  })

  it('judges only the added or relabeled annotations for accuracy', () => {
    // i2/c neg (right), i3/c pos (wrong).
    expect(report.metrics.accuracy).toMatchObject({
      value: 0.5,
      n: 2,
      population: CHANGED_POPULATION
    })
    expect(report.metrics.error_rate).toMatchObject({
      value: 0.5,
      n: 2,
      population: CHANGED_POPULATION
    })
    const total = report.confusion!.matrix.flat().reduce((s, x) => s + x, 0)
    expect(total).toBe(2)
  })

  it('lists an annotator row per annotator with changed annotations, one population', () => {
    expect(Object.keys(report.annotators)).toEqual(['c'])
    expect(report.annotators.c!.annotations).toBe(2)
    expect(report.annotators.c!.accuracy).toMatchObject({
      value: 0.5,
      n: 2,
      population: CHANGED_POPULATION
    })
  })

  it('states a population and n on every metric, also without a reference', () => {
    const bare = buildChangeReport(headRatings, null, diff).report
    for (const r of [report, bare]) {
      for (const [name, metric] of Object.entries(r.metrics)) {
        expect([name, typeof metric.population]).toEqual([name, 'string'])
        expect([name, typeof metric.n]).toEqual([name, 'number'])
      }
    }
    expect(bare.metrics.accuracy).toMatchObject({
      value: null,
      population: CHANGED_POPULATION
    })
    expect(bare.annotators.c!.annotations).toBe(2)
  })
})
