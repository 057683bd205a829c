import { describe, expect, it } from '@jest/globals'
import { diffRatings } from '../../src/diff/diff-ratings.js'
import type { Ratings } from '../../src/model/ratings.js'
import {
  flaggedItems,
  flaggedRatings,
  ratingsOf,
  type Row
} from './ratings-helper.js'

const base: Row[] = [
  ['i1', 'ann', 'pos'],
  ['i1', 'bob', 'pos'],
  ['i2', 'ann', 'neg'],
  ['i2', 'bob', 'pos'],
  ['i3', 'ann', 'neg']
]

const zero = {
  items_added: 0,
  items_removed: 0,
  annotations_added: 0,
  annotations_removed: 0,
  labels_changed: 0
}

describe('diffRatings counts', () => {
  it('finds no change between a version and itself', () => {
    const a = ratingsOf(base)
    const diff = diffRatings(a, ratingsOf(base))
    expect(diff.report).toEqual(zero)
    expect(diff.relabeled).toEqual([])
    expect(diff.touchedItems).toEqual(new Uint8Array(3))
    expect(diff.changedRatings).toEqual(new Uint8Array(5))
  })

  it('counts a new item and each of its annotations', () => {
    const head = ratingsOf([
      ...base,
      ['i4', 'ann', 'pos'],
      ['i4', 'cat', 'neg']
    ])
    const diff = diffRatings(ratingsOf(base), head)
    expect(diff.report).toEqual({
      ...zero,
      items_added: 1,
      annotations_added: 2
    })
    expect(flaggedItems(head, diff.touchedItems)).toEqual(['i4'])
    expect(flaggedRatings(head, diff.changedRatings)).toEqual([
      'i4/ann',
      'i4/cat'
    ])
  })

  it('counts an item whose only annotation was removed as removed, not touched', () => {
    const head = ratingsOf(base.slice(0, 4))
    const diff = diffRatings(ratingsOf(base), head)
    expect(diff.report).toEqual({
      ...zero,
      items_removed: 1,
      annotations_removed: 1
    })
    expect(diff.touchedItems).toEqual(new Uint8Array(2))
  })

  it('counts an item interned at the head but left without ratings as removed', () => {
    // i3's record at the head was invalid: the item has a code, no rating.
    const valid = ratingsOf(base.slice(0, 4))
    const head: Ratings = {
      ...valid,
      nItems: 3,
      itemIds: [...valid.itemIds, 'i3']
    }
    const diff = diffRatings(ratingsOf(base), head)
    expect(diff.report).toEqual({
      ...zero,
      items_removed: 1,
      annotations_removed: 1
    })
    expect(diff.touchedItems).toEqual(new Uint8Array(3))
  })

  it('touches an item that lost one of several annotations', () => {
    const head = ratingsOf(
      base.filter((r) => !(r[0] === 'i2' && r[1] === 'bob'))
    )
    const diff = diffRatings(ratingsOf(base), head)
    expect(diff.report).toEqual({ ...zero, annotations_removed: 1 })
    expect(flaggedItems(head, diff.touchedItems)).toEqual(['i2'])
    // Nothing at the head was added or relabeled.
    expect(flaggedRatings(head, diff.changedRatings)).toEqual([])
  })

  it('sees a renamed annotator as annotations removed plus added', () => {
    const head = ratingsOf(
      base.map(([i, a, l]): Row => [i, a === 'bob' ? 'robert' : a, l])
    )
    const diff = diffRatings(ratingsOf(base), head)
    expect(diff.report).toEqual({
      ...zero,
      annotations_added: 2,
      annotations_removed: 2
    })
    expect(flaggedItems(head, diff.touchedItems)).toEqual(['i1', 'i2'])
    expect(flaggedRatings(head, diff.changedRatings)).toEqual([
      'i1/robert',
      'i2/robert'
    ])
  })

  it('compares labels by text across different category and item orders', () => {
    const a = ratingsOf(base, ['neg', 'pos'])
    // Reversed rows and categories: every code differs from the base's.
    const head = ratingsOf(
      [...base]
        .reverse()
        .map(([i, a, l]): Row => [i, a, i === 'i2' && a === 'ann' ? 'pos' : l]),
      ['pos', 'neg']
    )
    const diff = diffRatings(a, head)
    expect(diff.report).toEqual({ ...zero, labels_changed: 1 })
    expect(diff.relabeled).toEqual([
      { item: 'i2', annotator: 'ann', from: 'neg', to: 'pos' }
    ])
    expect(flaggedItems(head, diff.touchedItems)).toEqual(['i2'])
    expect(flaggedRatings(head, diff.changedRatings)).toEqual(['i2/ann'])
  })

  it('relabels to and from a category only one side has', () => {
    const head = ratingsOf(
      base.map(([i, a, l]): Row => [i, a, l === 'neg' ? 'negative' : l])
    )
    const diff = diffRatings(ratingsOf(base), head)
    expect(diff.report).toEqual({ ...zero, labels_changed: 2 })
    expect(diff.relabeled).toEqual([
      { item: 'i2', annotator: 'ann', from: 'neg', to: 'negative' },
      { item: 'i3', annotator: 'ann', from: 'neg', to: 'negative' }
    ])
  })

  it('counts every kind of change at once', () => {
    const head = ratingsOf([
      ['i3', 'ann', 'pos'], // relabeled
      ['i1', 'ann', 'pos'],
      ['i1', 'cat', 'neg'], // added; i1/bob removed
      ['i5', 'bob', 'neg'], // new item
      ['i5', 'ann', 'neg']
      // i2 removed with 2 annotations
    ])
    const diff = diffRatings(ratingsOf(base), head)
    expect(diff.report).toEqual({
      items_added: 1,
      items_removed: 1,
      annotations_added: 3,
      annotations_removed: 3,
      labels_changed: 1
    })
    expect(flaggedItems(head, diff.touchedItems)).toEqual(['i1', 'i3', 'i5'])
    expect(flaggedRatings(head, diff.changedRatings)).toEqual([
      'i1/cat',
      'i3/ann',
      'i5/ann',
      'i5/bob'
    ])
  })
})

describe('diffRatings relabeled list', () => {
  const many: Row[] = []
  for (const item of ['b', 'a', 'c'])
    for (const annotator of ['y', 'x']) many.push([item, annotator, 'p'])
  const flipped = many.map(([i, a]): Row => [i, a, 'q'])

  it('lists relabels by item id, then annotator id', () => {
    const diff = diffRatings(ratingsOf(many), ratingsOf(flipped))
    expect(diff.report.labels_changed).toBe(6)
    expect(diff.relabeled.map((r) => `${r.item}/${r.annotator}`)).toEqual([
      'a/x',
      'a/y',
      'b/x',
      'b/y',
      'c/x',
      'c/y'
    ])
  })

  it('keeps the first `relabeledLimit` and still counts them all', () => {
    const diff = diffRatings(ratingsOf(many), ratingsOf(flipped), {
      relabeledLimit: 3
    })
    expect(diff.report.labels_changed).toBe(6)
    expect(diff.relabeled.map((r) => `${r.item}/${r.annotator}`)).toEqual([
      'a/x',
      'a/y',
      'b/x'
    ])
    expect(
      diffRatings(ratingsOf(many), ratingsOf(flipped), { relabeledLimit: 0 })
        .relabeled
    ).toEqual([])
  })

  it('lists 50 by default', () => {
    const rows: Row[] = []
    for (let i = 0; i < 80; i++) rows.push([`item${1000 + i}`, 'a', 'p'])
    const diff = diffRatings(
      ratingsOf(rows),
      ratingsOf(rows.map(([i, a]): Row => [i, a, 'q']))
    )
    expect(diff.report.labels_changed).toBe(80)
    expect(diff.relabeled).toHaveLength(50)
    expect(diff.relabeled[49]!.item).toBe('item1049')
  })
})

describe('diffRatings on rows the builder should not give', () => {
  it('counts a repeated (item, annotator) once, by its first rating', () => {
    const head = ratingsOf([...base, ['i1', 'ann', 'neg']])
    const diff = diffRatings(ratingsOf(base), head)
    expect(diff.report).toEqual(zero)
    const repeatedAtBase = diffRatings(head, ratingsOf(base))
    expect(repeatedAtBase.report).toEqual(zero)
  })

  it('skips ratings whose codes are out of range', () => {
    const valid = ratingsOf(base)
    const head: Ratings = {
      ...valid,
      item: Int32Array.from([...valid.item, 7]),
      annotator: Int32Array.from([...valid.annotator, 0]),
      category: Int32Array.from([...valid.category, 0])
    }
    const diff = diffRatings(valid, head)
    expect(diff.report).toEqual(zero)
    expect(diff.changedRatings).toHaveLength(6)
  })
})
