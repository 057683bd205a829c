import { afterEach, describe, expect, it, jest } from '@jest/globals'
import {
  agreementMatches,
  boxAgreement
} from '../../../src/structured/box/box-agreement.js'
import {
  boxReference,
  referenceMatches
} from '../../../src/structured/box/box-reference.js'
import { itemBoxDisagreement } from '../../../src/structured/box/box-adjudication.js'
import { BoxMatcher } from '../../../src/structured/box/match-boxes.js'
import { rowsByItem } from '../../../src/structured/table-rows.js'
import { sameRows } from '../../../src/structured/box/match-log.js'
import { sliceTable } from '../../../src/structured/table-rows.js'
import {
  boxTable,
  newSpace,
  type Box,
  type BoxSpace
} from './box-table-helper.js'

type Row = [string, string | null, Box[]]

function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ANNOTATORS = ['ann_a', 'ann_b', 'ann_c']
const CLASSES = ['car', 'person', 'sign']

/**
 * `items` images, 3 annotators jittering a shared truth (so that matches
 * land on both sides of every IoU threshold), a reference on 2 of 3 images.
 */
function headRows(items: number, random: () => number): Row[] {
  const rows: Row[] = []
  for (let i = 0; i < items; i++) {
    const truth: Box[] = Array.from(
      { length: Math.floor(random() * 6) },
      () => [
        CLASSES[Math.floor(random() * CLASSES.length)]!,
        Math.round(random() * 5000) / 10,
        Math.round(random() * 5000) / 10,
        10 + Math.round(random() * 800) / 10,
        10 + Math.round(random() * 800) / 10
      ]
    )
    for (const a of ANNOTATORS)
      rows.push([
        `img${i}`,
        a,
        truth
          .filter(() => random() > 0.1)
          .map(([l, x, y, w, h]) => [
            random() < 0.05 ? CLASSES[(CLASSES.indexOf(l) + 1) % 3]! : l,
            x + Math.round((random() - 0.5) * 80) / 10,
            y + Math.round((random() - 0.5) * 80) / 10,
            w,
            h
          ])
      ])
    if (i % 3 !== 2) rows.push([`img${i}`, null, truth])
  }
  return rows
}

interface Changes {
  /** Items where one annotator's boxes moved (that annotator). */
  moved: Map<string, string>
  /** Items whose reference boxes moved. */
  referenceMoved: Set<string>
}

/**
 * The base: the head with one annotator's boxes moved on some images, an
 * annotator missing on others, the boxes of others listed in another
 * order (the same set: reusable), and some reference boxes moved.
 */
function baseRows(head: Row[], random: () => number): [Row[], Changes] {
  const changes: Changes = { moved: new Map(), referenceMoved: new Set() }
  const out: Row[] = []
  for (const [item, annotator, boxes] of head) {
    const i = Number(item.slice(3))
    if (annotator === null) {
      if (i % 7 === 3 && boxes.length > 0) {
        changes.referenceMoved.add(item)
        out.push([
          item,
          null,
          boxes.map(([l, x, y, w, h]) => [l, x + 3, y, w, h])
        ])
      } else out.push([item, null, boxes])
      continue
    }
    if (i % 5 === 1 && annotator === 'ann_c') continue // removed
    if (i % 5 === 2 && annotator === ANNOTATORS[i % 3] && boxes.length > 0) {
      changes.moved.set(item, annotator)
      out.push([
        item,
        annotator,
        boxes.map(([l, x, y, w, h]) => [l, x + 1 + random(), y, w, h])
      ])
      continue
    }
    out.push([item, annotator, i % 5 === 3 ? [...boxes].reverse() : boxes])
  }
  return [out, changes]
}

function tables(rows: Row[], space: BoxSpace) {
  return {
    annotations: boxTable(
      rows.filter((r) => r[1] !== null),
      space
    ),
    reference: boxTable(
      rows.filter((r) => r[1] === null),
      space
    )
  }
}

const bootstrap = { resamples: 50, seed: 'reuse' }

/** Counts the assignments solved while `run` runs. */
function matchesMade<T>(run: () => T): [T, number] {
  const spy = jest.spyOn(BoxMatcher.prototype, 'match')
  try {
    const result = run()
    return [result, spy.mock.calls.length]
  } finally {
    spy.mockRestore()
  }
}

afterEach(() => {
  jest.restoreAllMocks()
})

describe('replaying the head matches', () => {
  const space = newSpace()
  const head = headRows(60, rng(7))
  const [base, changes] = baseRows(head, rng(11))
  const h = tables(head, space)
  const b = tables(base, space)
  const agreementLog = agreementMatches(h.annotations)
  const referenceLog = referenceMatches(h.annotations, h.reference)
  const headAgreement = boxAgreement(h.annotations, {
    bootstrap,
    record: agreementLog
  })
  const headReference = boxReference(h.annotations, h.reference, {
    bootstrap,
    rowTerms: true,
    record: referenceLog
  })

  it('leaves the recording call as it was', () => {
    expect(headAgreement).toEqual(boxAgreement(h.annotations, { bootstrap }))
    expect(headReference).toEqual(
      boxReference(h.annotations, h.reference, { bootstrap, rowTerms: true })
    )
  })

  it('gives the base the same results as matching it again, matching only the changed images', () => {
    const [direct, directCalls] = matchesMade(() =>
      boxAgreement(b.annotations, { bootstrap })
    )
    const [reused, reusedCalls] = matchesMade(() =>
      boxAgreement(b.annotations, { bootstrap, earlier: agreementLog })
    )
    expect(reused).toEqual(direct)
    // Per moved image (all three annotators there): the moved annotator's
    // two pairs; the third pair and every other image are replayed.
    const expected = 2 * changes.moved.size
    expect(changes.moved.size).toBeGreaterThan(5)
    expect(reusedCalls).toBe(expected)
    expect(directCalls).toBeGreaterThan(3 * expected)

    const [directRef, directRefCalls] = matchesMade(() =>
      boxReference(b.annotations, b.reference, { bootstrap, rowTerms: true })
    )
    const [reusedRef, reusedRefCalls] = matchesMade(() =>
      boxReference(b.annotations, b.reference, {
        bootstrap,
        rowTerms: true,
        earlier: referenceLog
      })
    )
    expect(reusedRef).toEqual(directRef)
    // Per image with a reference: every annotation if the reference moved,
    // else the moved annotator's.
    let expectedRef = 0
    for (let i = 0; i < 60; i++) {
      if (i % 3 === 2) continue
      const item = `img${i}`
      const annotators = i % 5 === 1 ? 2 : 3
      if (changes.referenceMoved.has(item)) expectedRef += annotators
      else if (changes.moved.has(item)) expectedRef++
    }
    expect(changes.referenceMoved.size).toBeGreaterThan(2)
    expect(reusedRefCalls).toBe(expectedRef)
    expect(directRefCalls).toBeGreaterThan(expectedRef)
  })

  it('gives the change slice the same results without matching anything', () => {
    const touched = (i: number): boolean => i % 4 === 1
    const touchedTable = sliceTable(h.annotations, (r) =>
      touched(Number(space.items.value(h.annotations.item[r]!).slice(3)))
    )
    // The changed annotations: some of the touched images' rows.
    const changedTable = sliceTable(
      h.annotations,
      (r) =>
        touched(Number(space.items.value(h.annotations.item[r]!).slice(3))) &&
        h.annotations.annotator[r] !== space.annotators.intern('ann_b')
    )
    const [direct] = matchesMade(() =>
      boxAgreement(touchedTable, { bootstrap })
    )
    const [reused, calls] = matchesMade(() =>
      boxAgreement(touchedTable, { bootstrap, earlier: agreementLog })
    )
    expect(reused).toEqual(direct)
    expect(calls).toBe(0)
    expect(direct.item.length).toBe(15)

    const [directRef] = matchesMade(() =>
      boxReference(changedTable, h.reference, { bootstrap, rowTerms: true })
    )
    const [reusedRef, refCalls] = matchesMade(() =>
      boxReference(changedTable, h.reference, {
        bootstrap,
        rowTerms: true,
        earlier: referenceLog
      })
    )
    expect(reusedRef).toEqual(directRef)
    expect(refCalls).toBe(0)
    // And the slice is not the head: its sums differ.
    expect(reusedRef.metrics.box_f1_50).not.toEqual(
      headReference.metrics.box_f1_50
    )
  })

  it('replays the include mask of the head itself', () => {
    const include = new Uint8Array(space.items.size)
    for (let c = 0; c < include.length; c += 3) include[c] = 1
    const [reused, calls] = matchesMade(() =>
      boxAgreement(h.annotations, {
        include,
        bootstrap,
        earlier: agreementLog
      })
    )
    expect(reused).toEqual(boxAgreement(h.annotations, { include, bootstrap }))
    expect(calls).toBe(0)
  })
})

describe('the adjudication queue replaying the agreement matches', () => {
  it('gives each image the same pooled F1 and mean IoU, matching only pairs listed against name order', () => {
    const space = newSpace()
    const rows = headRows(40, rng(3)).filter((r) => r[1] !== null)
    // Images 0-9 list their annotators in reverse name order: the agreement
    // matched (ann_a, ann_b), the queue's loop meets (ann_b, ann_a).
    const listed = [
      ...rows.filter((r) => Number(r[0].slice(3)) < 10).reverse(),
      ...rows.filter((r) => Number(r[0].slice(3)) >= 10)
    ]
    const table = boxTable(listed, space)
    const log = agreementMatches(table)
    boxAgreement(table, { record: log })
    const { start, rows: order } = rowsByItem(table)
    let reversed = 0
    for (let i = 0; i + 1 < start.length; i++) {
      const mine = Array.from(order.subarray(start[i]!, start[i + 1]!))
      const [direct] = matchesMade(() =>
        itemBoxDisagreement(table, mine, undefined, undefined, false)
      )
      const [reused, calls] = matchesMade(() =>
        itemBoxDisagreement(table, mine, undefined, undefined, false, log)
      )
      expect(reused).toEqual(direct)
      const first = Number(space.items.value(i).slice(3)) < 10
      expect(calls).toBe(first ? 3 : 0)
      if (first) reversed++
    }
    expect(reversed).toBe(10)
  })
})

describe('sameRows', () => {
  it('maps a row to the earlier row of its item and annotator with the same boxes, in any order', () => {
    const space = newSpace()
    const earlier = boxTable(
      [
        [
          'i1',
          'a',
          [
            ['car', 1, 2, 3, 4],
            ['car', 0, 0, 1, 1]
          ]
        ],
        ['i1', 'b', [['car', 1, 2, 3, 4]]],
        ['i2', 'a', []],
        ['i2', 'b', [['sign', 5, 5, 5, 5]]]
      ],
      space
    )
    const table = boxTable(
      [
        ['i2', 'b', [['sign', 5, 5, 5, 5.000001]]], // moved
        ['i1', 'b', [['person', 1, 2, 3, 4]]], // relabeled
        [
          'i1',
          'a',
          [
            ['car', 0, 0, 1, 1],
            ['car', 1, 2, 3, 4]
          ]
        ], // reordered
        ['i2', 'a', []],
        ['i3', 'a', []], // new image
        ['i2', 'c', []] // new annotator
      ],
      space
    )
    expect(Array.from(sameRows(earlier, table))).toEqual([-1, -1, 0, 2, -1, -1])
    // Another code space: nothing is the same.
    const other = boxTable([['i2', 'a', []]])
    expect(Array.from(sameRows(other, table))).toEqual([-1, -1, -1, -1, -1, -1])
  })
})
