import { describe, expect, it } from '@jest/globals'
import { ElementTableBuilder } from '../../../src/structured/element-table.js'
import { boxShift, sizeBucket } from '../../../src/structured/box/box-shift.js'
import { boxTable, newSpace } from './box-table-helper.js'

describe('box label shift', () => {
  it('buckets sizes as COCO: small below 32², medium below 96², large from 96²', () => {
    expect(sizeBucket(31.99, 32)).toBe('small')
    expect(sizeBucket(32, 32)).toBe('medium')
    expect(sizeBucket(96, 95.99)).toBe('medium')
    expect(sizeBucket(96, 96)).toBe('large')
  })

  it('counts classes and sizes at base and head, with the distance and the change test', () => {
    const space = newSpace()
    const base = boxTable(
      [
        [
          'a',
          'x',
          [
            ['car', 0, 0, 10, 10],
            ['car', 0, 0, 40, 40]
          ]
        ],
        ['b', 'x', [['person', 0, 0, 100, 100]]]
      ],
      space
    )
    const head = boxTable(
      [
        [
          'a',
          'x',
          [
            ['car', 0, 0, 10, 10],
            ['car', 0, 0, 40, 40]
          ]
        ],
        [
          'b',
          'x',
          [
            ['person', 0, 0, 100, 100],
            ['person', 0, 0, 5, 5]
          ]
        ]
      ],
      space
    )
    // Without image sizes, every box is of unknown size.
    const unknown = boxShift(base, head)
    expect(unknown.unknown_size).toEqual({ base: 3, head: 4 })
    expect(unknown.sizes.jensen_shannon.value).toBeNull()
    for (const t of [base, head])
      for (const item of ['a', 'b'])
        (t.imageSize as Map<number, readonly [number, number]>).set(
          space.items.get(item)!,
          [640, 480]
        )
    const s = boxShift(base, head, Uint8Array.of(0, 1))
    expect(s.classes.labels).toEqual(['car', 'person'])
    expect([s.classes.base, s.classes.head]).toEqual([
      [2, 1],
      [2, 2]
    ])
    expect(s.classes.changed).toEqual([0, 2])
    expect(s.sizes.base).toEqual([1, 1, 1])
    expect(s.sizes.head).toEqual([2, 1, 1])
    expect(s.classes.jensen_shannon.value).toBeGreaterThan(0)
    expect(s.classes.chi_square).not.toBeNull()
  })

  it('identical versions have distance 0', () => {
    const b = new ElementTableBuilder('box')
    b.beginRow(b.items.intern('a'), b.annotators.intern('x'), b.addFile('f'), 1)
    b.addElement(b.labels.intern('car'), 0, 0, 10, 10)
    const t = b.finish()
    expect(boxShift(t, t).classes.jensen_shannon.value).toBe(0)
  })
})
