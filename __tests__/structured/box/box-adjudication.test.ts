import { describe, expect, it } from '@jest/globals'
import { itemBoxDisagreement } from '../../../src/structured/box/box-adjudication.js'
import { boxKind } from '../../../src/structured/box/box-kind.js'
import { boxTable } from './box-table-helper.js'

describe('one item’s box disagreement (the adjudication queue’s input)', () => {
  const table = boxTable([
    // Rows 0-1 agree exactly.
    ['img1', 'ann1', [['car', 0, 0, 10, 10]]],
    ['img1', 'ann2', [['car', 0, 0, 10, 10]]],
    // Rows 2-3: ann2 misses the person: F1 2/3 at 0.5.
    [
      'img2',
      'ann1',
      [
        ['car', 0, 0, 10, 10],
        ['person', 50, 50, 5, 20]
      ]
    ],
    ['img2', 'ann2', [['car', 0, 0, 10, 10]]],
    // Rows 4-5: matched at 0.5 but loosely: the second box is 6/10 of the first, IoU 0.6.
    ['img3', 'ann1', [['car', 0, 0, 10, 10]]],
    ['img3', 'ann2', [['car', 0, 0, 6, 10]]],
    // Rows 6-7: nobody drew a box.
    ['img4', 'ann1', []],
    ['img4', 'ann2', []]
  ])

  it('lists a box without a partner, with the annotators it is missing from', () => {
    const d = itemBoxDisagreement(table, [2, 3])
    expect([d.f1_50, d.mean_iou]).toEqual([2 / 3, 1])
    expect(d.boxes).toEqual([
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
  })

  it('lists both boxes of a loose match (IoU below 0.7), not one at the threshold', () => {
    const d = itemBoxDisagreement(table, [4, 5])
    expect(d.boxes.map((b) => [b.annotator, b.issue, b.iou])).toEqual([
      ['ann1', 'low_iou', 0.6],
      ['ann2', 'low_iou', 0.6]
    ])
    expect(itemBoxDisagreement(table, [4, 5], 0.6).boxes).toEqual([])
  })

  it('the kind’s agreement is the smaller of F1 and mean IoU; 1 when nobody drew a box', () => {
    expect(boxKind.disagreement(table, [0, 1])).toEqual({
      agreement: 1,
      elements: [],
      consensus: null
    })
    expect(boxKind.disagreement(table, [2, 3])).toEqual({
      agreement: 2 / 3,
      elements: ['ann1: person [50 50 5 20] has no match at IoU 0.5 in ann2'],
      consensus: null
    })
    expect(boxKind.disagreement(table, [4, 5]).agreement).toBe(0.6)
    expect(boxKind.disagreement(table, [6, 7]).agreement).toBe(1)
  })
})
