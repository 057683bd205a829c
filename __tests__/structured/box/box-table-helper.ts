import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  ElementTableBuilder,
  type ElementTable
} from '../../../src/structured/element-table.js'
import { Interner } from '../../../src/model/interner.js'

/** A box: label, x, y, w, h. */
export type Box = [string, number, number, number, number]
/** One annotation: item, annotator, its boxes. */
export type BoxRow = [string, string, Box[]]

export interface BoxSpace {
  items: Interner
  annotators: Interner
  labels: Interner
}

export function newSpace(): BoxSpace {
  return {
    items: new Interner(),
    annotators: new Interner(),
    labels: new Interner()
  }
}

/** A box table from rows, in their order; `annotator` null makes a reference row. */
export function boxTable(
  rows: readonly (readonly [string, string | null, readonly Box[]])[],
  space: BoxSpace = newSpace()
): ElementTable {
  const b = new ElementTableBuilder('box', space)
  const file = b.addFile('boxes.json')
  rows.forEach(([item, annotator, boxes], i) => {
    b.beginRow(
      space.items.intern(item),
      annotator === null ? -1 : space.annotators.intern(annotator),
      file,
      i + 1
    )
    for (const [label, x, y, w, h] of boxes)
      b.addElement(space.labels.intern(label), x, y, w, h)
  })
  return b.finish()
}

export function loadBoxFixture<T>(name: string): T {
  return JSON.parse(
    readFileSync(
      path.join(process.cwd(), '__fixtures__', 'metrics', 'boxes', name),
      'utf8'
    )
  ) as T
}

/** Equal to 12 decimals, or both null. */
export function expectClose(
  actual: number | null | undefined,
  expected: number | null
): void {
  if (expected === null) {
    if (actual !== null) throw new Error(`expected null, got ${actual}`)
    return
  }
  if (
    actual === null ||
    actual === undefined ||
    Math.abs(actual - expected) > 1e-12
  )
    throw new Error(`expected ${expected}, got ${actual}`)
}
