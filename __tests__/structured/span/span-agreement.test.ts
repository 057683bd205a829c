import { describe, expect, test } from '@jest/globals'
import {
  groupByItem,
  countCategories,
  summarizeItems
} from '../../../src/metrics/agreement-stats.js'
import { krippendorffAlpha } from '../../../src/metrics/krippendorff-alpha.js'
import { spanAgreement } from '../../../src/structured/span/span-agreement.js'
import { spanAdjudicationQueue } from '../../../src/structured/span/span-adjudication.js'
import { indexSpans } from '../../../src/structured/span/span-index.js'
import { overlapMatches } from '../../../src/structured/span/span-matching.js'
import { spanMetrics } from '../../../src/structured/span/span-metrics.js'
import {
  tokenAlpha,
  whitespaceTokens
} from '../../../src/structured/span/token-alpha.js'
import { makeRatings, type RatingRow } from '../../metrics/ratings-helper.js'
import { tablesOf, type TestDoc } from './span-helpers.js'

const doc: TestDoc = {
  item: 'd1',
  text: 'a b c d e f',
  annotations: [
    {
      annotator: 'alice',
      spans: [
        [0, 1, 'PER'],
        [8, 9, 'LOC']
      ]
    },
    {
      annotator: 'bob',
      spans: [
        [0, 5, 'PER'],
        [8, 9, 'LOC']
      ]
    },
    { annotator: 'carol', spans: [] }
  ]
}

describe('pairwise span F1', () => {
  test('hand-computed: counts pooled over pairs, per label, per pair', () => {
    const { table } = tablesOf([doc])
    const a = spanAgreement(indexSpans(table), null)
    // alice-bob: strict 1 match of 4 spans, overlap 2; with carol: 0 of 2 each.
    expect(a.pairwise_span_f1_strict).toEqual({
      value: 2 / 8,
      n_items: 1,
      n: 3
    })
    expect(a.pairwise_span_f1_overlap.value).toBe(4 / 8)
    expect(a.pairs).toEqual([
      { a: 'alice', b: 'bob', n_items: 1, f1_strict: 0.5, f1_overlap: 1 },
      { a: 'alice', b: 'carol', n_items: 1, f1_strict: 0, f1_overlap: 0 },
      { a: 'bob', b: 'carol', n_items: 1, f1_strict: 0, f1_overlap: 0 }
    ])
    expect(a.labels).toEqual([
      { label: 'LOC', spans: 4, f1_strict: 0.5, f1_overlap: 0.5 },
      { label: 'PER', spans: 4, f1_strict: 0, f1_overlap: 0.5 }
    ])
  })

  test('overlap matching is one-to-one and finds the maximum (augmenting path)', () => {
    const { table } = tablesOf([
      {
        item: 'x',
        text: 'aaaaaaaaaa',
        annotations: [
          {
            annotator: 'a',
            spans: [
              [0, 5, 'X'],
              [1, 2, 'X']
            ]
          },
          {
            annotator: 'b',
            spans: [
              [0, 3, 'X'],
              [4, 6, 'X']
            ]
          },
          { annotator: 'c', spans: [[0, 10, 'X']] }
        ]
      }
    ])
    const ix = indexSpans(table)
    // a's [0,5) first takes b's [0,3); a's [1,2) can only use [0,3), so [0,5) moves to [4,6).
    expect(overlapMatches(ix, 0, ix, 1)).toBe(2)
    // One long span matches one of two short ones, not both.
    expect(overlapMatches(ix, 2, ix, 1)).toBe(1)
    expect(overlapMatches(ix, 1, ix, 2)).toBe(1)
  })

  test('undefined with a reason: one annotation per item; no span anywhere', () => {
    const one = tablesOf([
      {
        item: 'i',
        text: 'x',
        annotations: [{ annotator: 'a', spans: [[0, 1, 'A']] }]
      }
    ])
    expect(
      spanAgreement(indexSpans(one.table), null).pairwise_span_f1_strict
    ).toEqual({
      value: null,
      reason: 'no item has two or more annotations (nothing to compare)',
      n_items: 0,
      n: 0
    })
    const empty = tablesOf([
      {
        item: 'i',
        text: 'x',
        annotations: [
          { annotator: 'a', spans: [] },
          { annotator: 'b', spans: [] }
        ]
      }
    ])
    expect(
      spanAgreement(indexSpans(empty.table), null).pairwise_span_f1_overlap
        .reason
    ).toBe('no compared annotation has a span (F1 is 0/0)')
  })

  test('bootstrap interval brackets the value and is deterministic per seed', () => {
    const docs: TestDoc[] = Array.from({ length: 60 }, (_, k) => ({
      item: `d${k}`,
      text: 'w0 w1 w2 w3 w4 w5',
      annotations: [
        {
          annotator: 'a',
          spans: [
            [0, 2, 'A'],
            [6, 8, 'B']
          ]
        },
        {
          annotator: 'b',
          spans:
            k % 3 === 0
              ? [[0, 5, 'A']]
              : [
                  [0, 2, 'A'],
                  [6, 8, 'B']
                ]
        }
      ]
    }))
    const { table } = tablesOf(docs)
    const options = { resamples: 400, seed: 'abc' }
    const one = spanAgreement(
      indexSpans(table),
      options
    ).pairwise_span_f1_strict
    const two = spanAgreement(
      indexSpans(table),
      options
    ).pairwise_span_f1_strict
    expect(one).toEqual(two)
    expect(one.ci!.method).toBe('bootstrap')
    expect(one.ci!.low).toBeLessThan(one.value!)
    expect(one.ci!.high).toBeGreaterThan(one.value!)
    expect(one.ci!.high).toBeLessThanOrEqual(1)
  })
})

describe('token-level alpha', () => {
  test('equals the existing nominal alpha over per-token ratings built independently', () => {
    const words = [
      'EU',
      'rejects',
      'German',
      'call',
      'to',
      'boycott',
      'British',
      'lamb'
    ]
    const text = words.join(' ')
    const starts = words.map(
      (_, k) => words.slice(0, k).join(' ').length + (k > 0 ? 1 : 0)
    )
    const span = (from: number, to: number, label: string) =>
      [starts[from]!, starts[to]! + words[to]!.length, label] as const
    const docs: TestDoc[] = [
      {
        item: 'a',
        text,
        annotations: [
          {
            annotator: 'x',
            spans: [span(0, 0, 'ORG'), span(2, 2, 'MISC'), span(6, 6, 'MISC')]
          },
          { annotator: 'y', spans: [span(0, 0, 'ORG'), span(2, 3, 'MISC')] },
          { annotator: 'z', spans: [span(0, 0, 'LOC'), span(6, 7, 'MISC')] }
        ]
      },
      {
        item: 'b',
        text,
        annotations: [
          { annotator: 'x', spans: [span(1, 1, 'ORG')] },
          { annotator: 'z', spans: [] }
        ]
      },
      {
        item: 'c',
        text,
        annotations: [{ annotator: 'y', spans: [span(0, 7, 'ORG')] }]
      }
    ]
    const { table } = tablesOf(docs)
    const result = tokenAlpha(indexSpans(table), new Map(), null)
    // Independent path: a rating per (token, annotator), value = covering span's label or O.
    const rows: RatingRow[] = []
    for (const d of docs) {
      if (d.annotations.length < 2) continue
      const tokens = whitespaceTokens(d.text)
      for (const an of d.annotations)
        for (let t = 0; t < tokens.length / 2; t++) {
          const covering = an.spans.find(
            ([s, e]) => s < tokens[2 * t + 1]! && tokens[2 * t]! < e
          )
          rows.push([`${d.item}:${t}`, an.annotator, covering?.[2] ?? 'O'])
        }
    }
    const ratings = makeRatings(rows)
    const stats = summarizeItems(countCategories(ratings, groupByItem(ratings)))
    const expected = krippendorffAlpha(stats, 'nominal', null)
    expect(result.value).toBeCloseTo(expected.value!, 12)
    expect(result.n).toBe(stats.pairableRatings)
    expect(result.n_items).toBe(2)
  })
})

describe('adjudication queue', () => {
  test('items below the F1 threshold with the disagreeing spans; an item exactly at the threshold stays out', () => {
    const agree: TestDoc = {
      item: 'same',
      text: 'x y',
      annotations: [
        { annotator: 'alice', spans: [[0, 1, 'A']] },
        { annotator: 'bob', spans: [[0, 1, 'A']] }
      ]
    }
    // 2 matches of 2+3 spans: F1 0.8 exactly.
    const edge: TestDoc = {
      item: 'edge',
      text: 'p q r s',
      annotations: [
        {
          annotator: 'alice',
          spans: [
            [0, 1, 'A'],
            [2, 3, 'A']
          ]
        },
        {
          annotator: 'bob',
          spans: [
            [0, 1, 'A'],
            [2, 3, 'A'],
            [4, 5, 'A']
          ]
        }
      ]
    }
    const { table } = tablesOf([agree, edge, doc])
    const ix = indexSpans(table)
    const rows = spanAdjudicationQueue(ix, spanAgreement(ix, null))
    expect(rows.map((r) => r.item)).toEqual(['d1'])
    expect(rows[0]).toEqual({
      item: 'd1',
      f1: 0.25,
      annotators: ['alice', 'bob', 'carol'],
      disagreeing: [
        {
          start: 0,
          end: 1,
          label: 'PER',
          text: 'a',
          marked_by: ['alice'],
          missing: ['bob', 'carol']
        },
        {
          start: 0,
          end: 5,
          label: 'PER',
          text: 'a b c',
          marked_by: ['bob'],
          missing: ['alice', 'carol']
        },
        {
          start: 8,
          end: 9,
          label: 'LOC',
          text: 'e',
          marked_by: ['alice', 'bob'],
          missing: ['carol']
        }
      ]
    })
    const strict = spanAdjudicationQueue(ix, spanAgreement(ix, null), {
      minF1: 0.8000001
    })
    expect(strict.map((r) => r.item)).toEqual(['d1', 'edge'])
  })
})

describe('span metrics of a version', () => {
  test('without reference, the reference metrics are null with a reason', () => {
    const { table } = tablesOf([doc])
    const m = spanMetrics(table, null, new Map(), null)
    expect(m.metrics.span_f1_strict).toEqual({
      value: null,
      reason: 'the dataset has no reference spans'
    })
    expect(m.metrics.pairwise_span_f1_strict.value).toBe(0.25)
  })
})
