import { describe, expect, it } from '@jest/globals'
import { itemBoxDisagreement } from '../../../src/structured/box/box-adjudication.js'
import { boxKind } from '../../../src/structured/box/box-kind.js'
import type { ElementTable } from '../../../src/structured/element-table.js'
import { structuredAdjudication } from '../../../src/structured/structured-adjudication.js'
import type { AdjudicationConfig } from '../../../src/structured/structured-config.js'
import { boxTable, newSpace, type Box } from './box-table-helper.js'

/** mulberry32: seeded, so a failure reproduces. */
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

const LABELS = ['car', 'person', 'sign']

/**
 * Items with 1 to 4 annotators who each copy, jitter, relabel or drop the
 * item's true boxes (so agreement spans 0 to 1), some with no box at all;
 * a reference on every third item.
 */
function randomTables(seed: number): {
  table: ElementTable
  reference: ElementTable
} {
  const random = rng(seed)
  const space = newSpace()
  const rows: [string, string | null, Box[]][] = []
  const refs: [string, string | null, Box[]][] = []
  for (let i = 0; i < 300; i++) {
    const truth: Box[] = Array.from(
      { length: Math.floor(random() * 6) },
      () => [
        LABELS[Math.floor(random() * LABELS.length)]!,
        Math.round(random() * 500),
        Math.round(random() * 300),
        5 + Math.round(random() * 60),
        5 + Math.round(random() * 60)
      ]
    )
    const annotators = 1 + Math.floor(random() * 4)
    for (let a = 0; a < annotators; a++) {
      const boxes: Box[] = []
      for (const [l, x, y, w, h] of truth) {
        const r = random()
        if (r < 0.1) continue
        const j = r < 0.3 ? 8 : 1
        boxes.push([
          r > 0.95 ? LABELS[(LABELS.indexOf(l) + 1) % LABELS.length]! : l,
          x + Math.round((random() - 0.5) * j),
          y + Math.round((random() - 0.5) * j),
          w,
          h
        ])
      }
      rows.push([`img${i}`, `ann${(i + a) % 5}`, boxes])
    }
    if (i % 3 === 0) refs.push([`img${i}`, null, truth])
  }
  return { table: boxTable(rows, space), reference: boxTable(refs, space) }
}

/**
 * The queue as it was built before agreement and listing were split: every
 * item's disagreement listed in full, queued when its agreement is below
 * the threshold (box sets have no consensus, so that is the only reason).
 */
function referenceQueue(
  table: ElementTable,
  minAgreement: number
): { item: string; agreement: number; disagreeing: string[] }[] {
  const byItem = new Map<number, number[]>()
  for (let r = 0; r < table.size; r++) {
    const list = byItem.get(table.item[r]!) ?? []
    list.push(r)
    byItem.set(table.item[r]!, list)
  }
  const out: { item: string; agreement: number; disagreeing: string[] }[] = []
  for (const [item, rows] of byItem) {
    if (rows.length < 2) continue
    const d = boxKind.disagreement(table, rows)
    expect(d.elements).not.toBeNull()
    if (d.agreement! < minAgreement)
      out.push({
        item: table.items.value(item),
        agreement: d.agreement!,
        disagreeing: d.elements!
      })
  }
  return out.sort((x, y) => (x.item < y.item ? -1 : x.item > y.item ? 1 : 0))
}

const config = (minAgreement: number): AdjudicationConfig => ({
  scope: 'all',
  min_share: 0.5,
  tie_break: 'reference',
  senior: [],
  min_agreement: minAgreement
})

describe('the box adjudication queue lists elements only for queued items', () => {
  it.each([1, 2, 3])(
    'gives the queue of the list-everything reference (seed %i)',
    (seed) => {
      const { table, reference } = randomTables(seed)
      for (const min of [0.5, 0.8, 1]) {
        const queue = structuredAdjudication(table, reference, config(min))
        const expected = referenceQueue(table, min)
        // Neither empty nor everything: the comparison has both kinds of item.
        expect(expected.length).toBeGreaterThan(0)
        expect(
          queue.rows.map((r) => [r.item, r.agreement, r.disagreeing])
        ).toEqual(expected.map((r) => [r.item, r.agreement, r.disagreeing]))
        // Tie-break by the reference: its text is there for queued items that have one.
        for (const row of queue.rows) expect(row.decision).toBe(row.reference)
        expect(queue.rows.some((r) => r.reference !== null)).toBe(true)
      }
    }
  )

  it('an item exactly at min_agreement is not queued; just above it is', () => {
    // Two annotators, one matched pair and one unmatched box: F1 2/3, IoU 1.
    const table = boxTable([
      [
        'img1',
        'a',
        [
          ['car', 0, 0, 10, 10],
          ['car', 50, 50, 10, 10]
        ]
      ],
      ['img1', 'b', [['car', 0, 0, 10, 10]]]
    ])
    expect(structuredAdjudication(table, null, config(2 / 3)).rows).toEqual([])
    const queued = structuredAdjudication(table, null, config(0.67)).rows
    expect(queued.map((r) => [r.item, r.agreement])).toEqual([['img1', 2 / 3]])
    expect(queued[0]!.disagreeing).toEqual([
      'a: car [50 50 10 10] has no match at IoU 0.5 in b'
    ])
  })

  it('the pooled F1 and mean IoU without listing equal the listed ones', () => {
    const { table } = randomTables(7)
    const byItem = new Map<number, number[]>()
    for (let r = 0; r < table.size; r++)
      byItem.set(table.item[r]!, [...(byItem.get(table.item[r]!) ?? []), r])
    let compared = 0
    for (const rows of byItem.values()) {
      if (rows.length < 2) continue
      const full = itemBoxDisagreement(table, rows)
      const quick = itemBoxDisagreement(
        table,
        rows,
        undefined,
        undefined,
        false
      )
      expect([quick.f1_50, quick.mean_iou]).toEqual([full.f1_50, full.mean_iou])
      expect(quick.boxes).toEqual([])
      compared++
    }
    expect(compared).toBeGreaterThan(100)
  })
})
