import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  applyTextEdits,
  cellElements,
  setEdits
} from '../../src/migrate/label-set-text.js'

/*
 * Over generated label cells (labels, spaces, empty parts, one- or
 * two-character separators) and generated renames: the rewritten cell, split
 * as the multi_label reader splits it, holds the renamed labels in order
 * with a label a rename made equal to an earlier one dropped; without such
 * a merge, every part keeps the white space around it.
 */

const split = (text: string, sep: string): string[] =>
  text.trim() === ''
    ? []
    : text
        .split(sep)
        .map((p) => p.trim())
        .filter((p) => p !== '')

const label = fc.constantFrom('A', 'B', 'C', 'ORG', 'x y', 'é')
const space = fc.constantFrom('', ' ', '  ', '\t')

describe('label set cells', () => {
  it('renames labels in place and keeps each label once after a merge', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(space, fc.option(label), space), { maxLength: 8 }),
        fc.constantFrom('|', ';', ' | ', '||'),
        fc.dictionary(
          fc.constantFrom('A', 'B', 'x y', 'é'),
          fc.constantFrom('A', 'C', 'ORG', 'new')
        ),
        (parts, sep, map) => {
          const text = parts.map(([l, v, r]) => `${l}${v ?? ''}${r}`).join(sep)
          // A generated cell whose spaces make the separator (' | ') ambiguous is skipped.
          fc.pre(
            split(text, sep).join('\u0000') ===
              parts
                .map(([, v]) => v)
                .filter((v) => v !== null)
                .join('\u0000')
          )
          const renames = new Map(Object.entries(map))
          const relabel = (l: string): string | undefined =>
            renames.has(l) && renames.get(l) !== l ? renames.get(l) : undefined
          let merges = 0
          const edits = setEdits(
            cellElements(text, sep),
            relabel,
            (l) => l,
            () => merges++
          )
          const out = applyTextEdits(text, edits)
          // The expected set, by the rule: rename, then drop a label equal to
          // an earlier one when a rename made them equal.
          const expected: string[] = []
          const renamedBefore = new Map<string, boolean>()
          let expectedMerges = 0
          for (const l of split(text, sep)) {
            const to = relabel(l)
            const now = to ?? l
            const earlier = renamedBefore.get(now)
            if (earlier !== undefined && (earlier || to !== undefined)) {
              expectedMerges++
              continue
            }
            if (earlier === undefined) renamedBefore.set(now, to !== undefined)
            expected.push(now)
          }
          expect(split(out, sep)).toEqual(expected)
          expect(merges).toBe(expectedMerges)
          expect(edits.length === 0).toBe(out === text)
          // Without a merge: same parts, same white space around each, so
          // only label text moved.
          const shape = (t: string): string[] =>
            t.split(sep).map((p) => p.replace(/\S(.*\S)?/u, '·'))
          expect(
            merges > 0 || shape(out).join(sep) === shape(text).join(sep)
          ).toBe(true)
        }
      ),
      { numRuns: 500 }
    )
  })
})
