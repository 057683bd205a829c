import { describe, expect, it } from '@jest/globals'
import { Interner } from '../../src/model/interner.js'
import {
  COORDINATES,
  ElementTableBuilder,
  type ElementTable,
  type StructuredType
} from '../../src/structured/element-table.js'
import {
  elementDifference,
  elementKeys
} from '../../src/structured/table-rows.js'

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

/** The multiset difference of the rows' text keys, counted by hand. */
function byKeys(
  a: ElementTable,
  ra: number,
  b: ElementTable,
  rb: number
): { added: number; removed: number } {
  const count = new Map<string, number>()
  for (const k of elementKeys(a, ra)) count.set(k, (count.get(k) ?? 0) + 1)
  let added = 0
  for (const k of elementKeys(b, rb)) {
    const n = count.get(k) ?? 0
    if (n > 0) count.set(k, n - 1)
    else added++
  }
  let removed = 0
  for (const n of count.values()) removed += n
  return { added, removed }
}

/**
 * Pairs of rows: a random set, and the same set shuffled, with an element
 * changed, dropped, duplicated or added, and 0 written as -0.
 */
function pairs(
  type: StructuredType,
  seed: number
): [ElementTable, ElementTable] {
  const random = rng(seed)
  const space = {
    items: new Interner(),
    annotators: new Interner(),
    labels: new Interner()
  }
  const width = COORDINATES[type]
  const a = new ElementTableBuilder(type, space)
  const b = new ElementTableBuilder(type, space)
  const element = (): number[] => [
    Math.floor(random() * 3),
    ...Array.from({ length: width }, () => Math.floor(random() * 3) * 0.5)
  ]
  for (let r = 0; r < 500; r++) {
    const set = Array.from({ length: Math.floor(random() * 6) }, element)
    let other = set.map((e) => [...e])
    const change = random()
    if (change < 0.2 && other.length > 0) other[0] = element()
    else if (change < 0.3) other.pop()
    else if (change < 0.4 && other.length > 0) other.push([...other[0]!])
    else if (change < 0.5) other.push(element())
    if (random() < 0.5) other = other.sort(() => random() - 0.5)
    other = other.map((e) => e.map((v, k) => (k > 0 && v === 0 ? -0 : v)))
    for (const [builder, elements] of [
      [a, set],
      [b, other]
    ] as const) {
      builder.beginRow(space.items.intern(`i${r}`), 0, 0, r + 1)
      for (const [label, ...coords] of elements)
        builder.addElement(label!, ...coords)
    }
  }
  return [a.finish(), b.finish()]
}

describe('elementDifference counts what the text keys count', () => {
  it.each(['box', 'span', 'multi_label'] as const)(
    'on random %s rows, unchanged, reordered and edited',
    (type) => {
      const [a, b] = pairs(type, type.length)
      let changed = 0
      for (let r = 0; r < a.size; r++) {
        const expected = byKeys(a, r, b, r)
        expect(elementDifference(a, r, b, r)).toEqual(expected)
        expect(elementDifference(b, r, a, r)).toEqual({
          added: expected.removed,
          removed: expected.added
        })
        if (expected.added + expected.removed > 0) changed++
      }
      expect(changed).toBeGreaterThan(100)
      expect(changed).toBeLessThan(a.size)
    }
  )
})
