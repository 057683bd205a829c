import { describe, expect, it } from '@jest/globals'
import {
  adjudicationCsv,
  adjudicationJsonl,
  adjudicationQueue
} from '../../src/governance/adjudication.js'
import { csvField } from '../../src/governance/csv.js'
import {
  itemMask,
  shuffledRows,
  versionOf,
  type Gold,
  type Row
} from './ratings-helper.js'

// One item per case; annotators a..e.
const rows: Row[] = [
  // clear majority (2 of 3): not queued
  ['i1', 'a', 'X'],
  ['i1', 'b', 'X'],
  ['i1', 'c', 'Y'],
  // 1-1 tie: tie only (share 0.5 is not below 0.5)
  ['i2', 'a', 'X'],
  ['i2', 'b', 'Y'],
  // 1-1-1: tie and low share
  ['i3', 'a', 'X'],
  ['i3', 'b', 'Y'],
  ['i3', 'c', 'Z'],
  // 2-1-1-1: a plurality (X) with share 0.4: low share only
  ['i4', 'a', 'X'],
  ['i4', 'b', 'X'],
  ['i4', 'c', 'Y'],
  ['i4', 'd', 'Z'],
  ['i4', 'e', 'W'],
  // single rating against the reference: disagrees
  ['i5', 'a', 'X'],
  // single rating matching the reference: not queued
  ['i6', 'a', 'X'],
  // clear majority against the reference
  ['i7', 'a', 'X'],
  ['i7', 'b', 'X'],
  ['i7', 'c', 'Y'],
  // tie whose labels do not include the reference
  ['i8', 'c', 'X'],
  ['i8', 'd', 'Y'],
  // tie that includes the reference: tie only
  ['i9', 'd', 'X'],
  ['i9', 'e', 'Y']
]
const gold: Gold[] = [
  ['i1', 'X'],
  ['i5', 'Y'],
  ['i6', 'X'],
  ['i7', 'Y'],
  ['i8', 'Z'],
  ['i9', 'X'],
  ['i10', 'X'] // a reference item nobody rated: nothing to adjudicate
]
const { ratings, reference } = versionOf(rows, gold)

describe('adjudicationQueue reasons', () => {
  it('lists every reason an item has, and only items that have one', () => {
    const queue = adjudicationQueue(ratings, reference)
    expect(
      queue.rows.map((r) => [r.item, r.reasons.join(';'), r.majority])
    ).toEqual([
      ['i2', 'tie', null],
      ['i3', 'tie;low_share', null],
      ['i4', 'low_share', 'X'],
      ['i5', 'disagrees_with_reference', 'X'],
      ['i7', 'disagrees_with_reference', 'X'],
      ['i8', 'tie;disagrees_with_reference', null],
      ['i9', 'tie', null]
    ])
    expect(queue.counts).toEqual({
      tie: 4,
      low_share: 2,
      disagrees_with_reference: 3,
      decided: 0
    })
  })

  it('reports shares, references and labels per annotator', () => {
    const queue = adjudicationQueue(ratings, reference)
    const byItem = new Map(queue.rows.map((r) => [r.item, r]))
    expect(byItem.get('i3')).toEqual({
      item: 'i3',
      reasons: ['tie', 'low_share'],
      majority: null,
      majority_share: 1 / 3,
      reference: null,
      decision: null,
      decided_by: null,
      labels: { a: 'X', b: 'Y', c: 'Z' }
    })
    expect(byItem.get('i4')!.majority_share).toBe(0.4)
    expect(byItem.get('i7')!.majority_share).toBe(2 / 3)
    expect(byItem.get('i7')!.reference).toBe('Y')
    expect(queue.annotators).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('queues nothing against the reference without one', () => {
    const queue = adjudicationQueue(ratings, null)
    expect(queue.rows.map((r) => r.item)).toEqual([
      'i2',
      'i3',
      'i4',
      'i8',
      'i9'
    ])
    expect(queue.counts.disagrees_with_reference).toBe(0)
  })

  it('takes min_share from the options (strictly below)', () => {
    const queue = adjudicationQueue(ratings, null, { minShare: 0.7 })
    const low = queue.rows.filter((r) => r.reasons.includes('low_share'))
    // i1 and i7 (2 of 3) now count; i2, i8, i9 (1 of 2) too.
    expect(low.map((r) => r.item)).toEqual([
      'i1',
      'i2',
      'i3',
      'i4',
      'i7',
      'i8',
      'i9'
    ])
    const exact = adjudicationQueue(ratings, null, { minShare: 2 / 3 })
    expect(exact.rows.some((r) => r.item === 'i1')).toBe(false)
  })

  it('never queues a single rating for a low share', () => {
    const queue = adjudicationQueue(ratings, null, { minShare: 1.5 })
    expect(queue.rows.some((r) => r.item === 'i5' || r.item === 'i6')).toBe(
      false
    )
  })

  it('considers only the items of the mask', () => {
    const queue = adjudicationQueue(ratings, reference, {
      items: itemMask(ratings, ['i1', 'i3', 'i7'])
    })
    expect(queue.rows.map((r) => r.item)).toEqual(['i3', 'i7'])
    // Columns only for annotators of queued items.
    expect(queue.annotators).toEqual(['a', 'b', 'c'])
  })

  it('sorts rows and annotator columns by code units, whatever the rating order', () => {
    const mixed: Row[] = [
      ['b', 'zed', 'X'],
      ['b', 'Zed', 'Y'],
      ['a', 'zed', 'X'],
      ['a', 'Zed', 'Y'],
      ['A10', 'zed', 'X'],
      ['A10', 'Zed', 'Y'],
      ['A2', 'zed', 'X'],
      ['A2', 'Zed', 'Y']
    ]
    const queue = adjudicationQueue(versionOf(mixed).ratings, null)
    expect(queue.rows.map((r) => r.item)).toEqual(['A10', 'A2', 'a', 'b'])
    expect(queue.annotators).toEqual(['Zed', 'zed'])
    for (let shift = 0; shift < mixed.length; shift++)
      expect(
        adjudicationQueue(versionOf(shuffledRows(mixed, shift)).ratings, null)
      ).toEqual(queue)
  })

  it('gives the same queue whatever the rating order', () => {
    const queue = adjudicationQueue(ratings, reference, {
      tieBreak: 'senior',
      senior: ['e', 'c']
    })
    for (const shift of [0, 3, 7]) {
      const other = versionOf(shuffledRows(rows, shift), gold)
      const again = adjudicationQueue(other.ratings, other.reference, {
        tieBreak: 'senior',
        senior: ['e', 'c']
      })
      expect(again).toEqual(queue)
      // The same text too (toEqual ignores the order of object keys).
      expect(adjudicationJsonl(again)).toBe(adjudicationJsonl(queue))
      expect(adjudicationCsv(again)).toBe(adjudicationCsv(queue))
    }
  })
})

describe('adjudicationQueue tie-breakers', () => {
  it('reference: decides ties and low shares that have a reference label', () => {
    const queue = adjudicationQueue(ratings, reference, {
      tieBreak: 'reference'
    })
    const decided = queue.rows.map((r) => [r.item, r.decision, r.decided_by])
    expect(decided).toEqual([
      ['i2', null, null], // no reference label
      ['i3', null, null],
      ['i4', null, null],
      ['i5', null, null], // disagreement only: the reference is in question
      ['i7', null, null],
      ['i8', 'Z', 'reference'], // a tie, decided even against both votes
      ['i9', 'X', 'reference']
    ])
    expect(queue.counts.decided).toBe(2)
  })

  it('reference: decides a low-share item with a reference label', () => {
    const { ratings: r, reference: g } = versionOf(
      [
        ['j', 'a', 'X'],
        ['j', 'b', 'X'],
        ['j', 'c', 'Y'],
        ['j', 'd', 'Z'],
        ['j', 'e', 'W']
      ],
      [['j', 'Y']]
    )
    const [row] = adjudicationQueue(r, g, { tieBreak: 'reference' }).rows
    expect(row).toMatchObject({
      reasons: ['low_share', 'disagrees_with_reference'],
      majority: 'X',
      decision: 'Y',
      decided_by: 'reference'
    })
  })

  it('senior: the first listed senior who rated the item decides', () => {
    const queue = adjudicationQueue(ratings, reference, {
      tieBreak: 'senior',
      senior: ['nobody', 'c', 'b']
    })
    const decided = queue.rows.map((r) => [r.item, r.decision, r.decided_by])
    expect(decided).toEqual([
      ['i2', 'Y', 'senior:b'], // c did not rate i2
      ['i3', 'Z', 'senior:c'],
      ['i4', 'Y', 'senior:c'],
      ['i5', null, null], // not a tie nor a low share
      ['i7', null, null],
      ['i8', 'X', 'senior:c'],
      ['i9', null, null] // no senior rated i9
    ])
    expect(queue.counts.decided).toBe(4)
  })

  it('none (the default) and senior without seniors leave all undecided', () => {
    for (const options of [
      {},
      { tieBreak: 'none' as const },
      { tieBreak: 'senior' as const }
    ]) {
      const queue = adjudicationQueue(ratings, reference, options)
      expect(queue.counts.decided).toBe(0)
      expect(queue.rows.every((r) => r.decided_by === null)).toBe(true)
    }
  })
})

describe('adjudicationCsv', () => {
  it('writes the fixed columns, then one per annotator', () => {
    const queue = adjudicationQueue(ratings, reference, {
      tieBreak: 'reference',
      items: itemMask(ratings, ['i2', 'i8'])
    })
    expect(adjudicationCsv(queue)).toBe(
      'item,reason,majority,majority_share,reference,decision,decided_by,a,b,c,d\r\n' +
        'i2,tie,,0.5,,,,X,Y,,\r\n' +
        'i8,tie;disagrees_with_reference,,0.5,Z,Z,reference,,,X,Y\r\n'
    )
  })

  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    const hostile: Row[] = [
      ["=HYPERLINK('http://x')", '@admin', 'a,"b"'],
      ["=HYPERLINK('http://x')", '__proto__', 'line\nbreak'],
      ['+item', 'tab', '\tlead'],
      ['+item', 'cr', '\rlead'],
      ['-item', 'neg', '-1'],
      ['-item', 'plus', '+2.5e3']
    ]
    const queue = adjudicationQueue(versionOf(hostile).ratings, null)
    expect(queue.rows.map((r) => r.item)).toEqual([
      '+item',
      '-item',
      "=HYPERLINK('http://x')"
    ])
    // An annotator called __proto__ is an own key, not the prototype.
    expect(Object.keys(queue.rows[2]!.labels)).toEqual(['@admin', '__proto__'])
    expect(adjudicationCsv(queue)).toBe(
      'item,reason,majority,majority_share,reference,decision,decided_by,' +
        "'@admin,__proto__,cr,neg,plus,tab\r\n" +
        "'+item,tie,,0.5,,,,,,\"'\rlead\",,,'\tlead\r\n" +
        "'-item,tie,,0.5,,,,,,,-1,+2.5e3,\r\n" +
        '\'=HYPERLINK(\'http://x\'),tie,,0.5,,,,"a,""b""","line\nbreak",,,,\r\n'
    )
  })

  it('csvField guards each formula start but not plain numbers', () => {
    expect(['=1+1', '+1+1', '-1+1', '@x', '\tx', '\rx'].map(csvField)).toEqual([
      "'=1+1",
      "'+1+1",
      "'-1+1",
      "'@x",
      "'\tx",
      '"\'\rx"'
    ])
    expect(
      ['-1', '+2', '-0.5', '-.5', '1e-3', 'plain', ''].map(csvField)
    ).toEqual(['-1', '+2', '-0.5', '-.5', '1e-3', 'plain', ''])
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
  })
})

describe('adjudicationJsonl', () => {
  it('writes one JSON row per line', () => {
    const queue = adjudicationQueue(ratings, reference, {
      tieBreak: 'senior',
      senior: ['c']
    })
    const text = adjudicationJsonl(queue)
    expect(text.endsWith('\n')).toBe(true)
    const lines = text.trimEnd().split('\n')
    expect(lines).toHaveLength(queue.rows.length)
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(queue.rows)
    expect(JSON.parse(lines[1]!)).toEqual({
      item: 'i3',
      reasons: ['tie', 'low_share'],
      majority: null,
      majority_share: 1 / 3,
      reference: null,
      decision: 'Z',
      decided_by: 'senior:c',
      labels: { a: 'X', b: 'Y', c: 'Z' }
    })
  })

  it('is empty for an empty queue', () => {
    const queue = adjudicationQueue(versionOf([['x', 'a', 'A']]).ratings, null)
    expect(queue.rows).toEqual([])
    expect(adjudicationJsonl(queue)).toBe('')
    expect(adjudicationCsv(queue)).toBe(
      'item,reason,majority,majority_share,reference,decision,decided_by\r\n'
    )
  })
})
