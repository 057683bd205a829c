import { describe, expect, it } from '@jest/globals'
import {
  compareProblems,
  failsDataset,
  markPreExisting,
  type Problem
} from '../../src/model/problem.js'

const FILES = ['data/a.csv', 'data/b.csv']

const conflict = (
  first: number,
  second: number,
  file = 'data/a.csv'
): Problem => ({
  severity: 'error',
  file,
  line: second,
  message: `conflicting labels for item 'i5' by annotator 'alice': 'negative' at ${file}:${first} and 'positive' at ${file}:${second}`
})

describe('markPreExisting (errors already at the base of a change)', () => {
  it('marks an error the base has, once the lines its message names are set aside', () => {
    const [p] = markPreExisting([conflict(12, 20)], [conflict(10, 18)], FILES)
    expect(p).toMatchObject({ line: 20, pre_existing: true })
    expect(failsDataset(p!)).toBe(false)
  })

  it('sets aside `line N` and `row N` too', () => {
    const at = (n: number): Problem => ({
      severity: 'error',
      file: 'data/a.csv',
      line: n + 3,
      message: `duplicate of line ${n} (item 'i1')`
    })
    expect(markPreExisting([at(9)], [at(4)], FILES)[0]!.pre_existing).toBe(true)
    const row = (n: number): Problem => ({
      severity: 'error',
      file: 'data/a.parquet',
      line: n,
      message: `item is empty (column 'item_id', row ${n}); the row is skipped`
    })
    expect(markPreExisting([row(9)], [row(4)], FILES)[0]!.pre_existing).toBe(
      true
    )
  })

  it('matches as a multiset: two at the head and one at the base leave one new', () => {
    const marked = markPreExisting(
      [conflict(10, 18), conflict(10, 19)],
      [conflict(10, 18)],
      FILES
    )
    expect(marked.map((p) => p.pre_existing)).toEqual([true, undefined])
    expect(marked.filter(failsDataset)).toHaveLength(1)
  })

  it('leaves as new what differs in severity, file, field or wording', () => {
    const base: Problem = {
      severity: 'error',
      file: 'data/a.csv',
      line: 3,
      field: 'label',
      message: "label 'x' is not a category"
    }
    const heads: Problem[] = [
      { ...base, file: 'data/renamed.csv' },
      { ...base, field: 'item_id' },
      { ...base, message: "label 'y' is not a category" },
      { ...base, severity: 'warning' }
    ]
    for (const h of heads) {
      expect(
        markPreExisting([h], [base], FILES)[0]!.pre_existing
      ).toBeUndefined()
    }
    // A renamed file: its messages name the new file, and nothing matches.
    expect(
      markPreExisting(
        [conflict(10, 18, 'data/b.csv')],
        [conflict(10, 18)],
        FILES
      )[0]!.pre_existing
    ).toBeUndefined()
  })

  it('matches a capped kind summary only when identical', () => {
    const summary = (n: number): Problem => ({
      severity: 'error',
      file: 'data/a.csv',
      line: 5000,
      message: `... and ${n} more conflicting labels`
    })
    expect(
      markPreExisting([summary(123)], [summary(123)], FILES)[0]!.pre_existing
    ).toBe(true)
    expect(
      markPreExisting([summary(124)], [summary(123)], FILES)[0]!.pre_existing
    ).toBeUndefined()
  })

  it('keeps numbers that are not line numbers', () => {
    const values = (n: number): Problem => ({
      severity: 'error',
      file: 'data/a.csv',
      line: 2,
      message: `timestamp '2026-01-0${n}' is in the future`
    })
    expect(
      markPreExisting([values(2)], [values(1)], FILES)[0]!.pre_existing
    ).toBeUndefined()
  })

  it('sorts new errors before those already at the base, and warnings last', () => {
    const old = { ...conflict(1, 2), pre_existing: true as const }
    const fresh = { ...conflict(1, 9), file: 'data/b.csv' }
    const warning: Problem = { ...conflict(1, 1), severity: 'warning' }
    expect([warning, old, fresh].sort(compareProblems)).toEqual([
      fresh,
      old,
      warning
    ])
  })
})
