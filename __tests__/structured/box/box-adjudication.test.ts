import { describe, expect, it } from '@jest/globals'
import {
  boxAdjudicationCsv,
  boxAdjudicationQueue
} from '../../../src/structured/box/box-adjudication.js'
import { boxTable } from './box-table-helper.js'

describe('box adjudication queue', () => {
  const table = boxTable([
    // Agree exactly: not queued.
    ['img1', 'ann1', [['car', 0, 0, 10, 10]]],
    ['img1', 'ann2', [['car', 0, 0, 10, 10]]],
    // ann2 misses the person: F1 2/3 at 0.5.
    [
      'img2',
      'ann1',
      [
        ['car', 0, 0, 10, 10],
        ['person', 50, 50, 5, 20]
      ]
    ],
    ['img2', 'ann2', [['car', 0, 0, 10, 10]]],
    // Matched at 0.5 but loosely: the second box is 6/10 of the first, IoU 0.6.
    ['img3', 'ann1', [['car', 0, 0, 10, 10]]],
    ['img3', 'ann2', [['car', 0, 0, 6, 10]]],
    // One annotator only: never queued.
    ['img4', 'ann1', [['car', 0, 0, 10, 10]]]
  ])

  it('queues the items below the F1 or IoU threshold and lists the disagreeing boxes', () => {
    const q = boxAdjudicationQueue(table, { minF1: 1, minIou: 0.7 })
    expect(q.rows.map((r) => [r.item, r.reasons, r.f1_50, r.mean_iou])).toEqual(
      [
        ['img2', ['low_f1'], 2 / 3, 1],
        ['img3', ['low_iou'], 1, 0.6]
      ]
    )
    expect(q.rows[0]!.boxes).toEqual([
      {
        annotator: 'ann1',
        label: 'person',
        x: 50,
        y: 50,
        w: 5,
        h: 20,
        issue: 'unmatched',
        compared_with: ['ann2'],
        iou: null
      }
    ])
    expect(q.rows[1]!.boxes.map((b) => [b.annotator, b.issue, b.iou])).toEqual([
      ['ann1', 'low_iou', 0.6],
      ['ann2', 'low_iou', 0.6]
    ])
    expect(q.counts).toEqual({ low_f1: 1, low_iou: 1 })
  })

  it('defaults: F1 below 0.8, mean IoU below 0.6', () => {
    expect(boxAdjudicationQueue(table).rows.map((r) => r.item)).toEqual([
      'img2'
    ])
  })

  it('a value equal to the threshold is not below it', () => {
    const q = boxAdjudicationQueue(table, { minF1: 2 / 3, minIou: 0.6 })
    expect(q.rows).toEqual([])
  })

  it('keeps to the given items', () => {
    const only = new Uint8Array(table.items.size)
    only[table.items.get('img3')!] = 1
    expect(
      boxAdjudicationQueue(table, { items: only, minIou: 0.7 }).rows.map(
        (r) => r.item
      )
    ).toEqual(['img3'])
  })

  it('writes CSV one record per listed box, guarded against formulas', () => {
    const hostile = boxTable([
      ['=cmd()', 'ann1', [['car', 0, 0, 10, 10]]],
      ['=cmd()', 'ann2', []]
    ])
    const csv = boxAdjudicationCsv(boxAdjudicationQueue(hostile))
    expect(csv.split('\r\n')).toEqual([
      'item,reasons,f1_50,mean_iou,annotator,label,x,y,w,h,issue,compared_with,iou',
      "'=cmd(),low_f1,0,,ann1,car,0,0,10,10,unmatched,ann2,",
      ''
    ])
  })
})
