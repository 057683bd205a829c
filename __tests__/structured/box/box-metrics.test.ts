import { describe, expect, it } from '@jest/globals'
import { boxAgreement } from '../../../src/structured/box/box-agreement.js'
import { boxReference } from '../../../src/structured/box/box-reference.js'
import {
  boxTable,
  expectClose,
  loadBoxFixture,
  newSpace,
  type Box,
  type BoxRow
} from './box-table-helper.js'

interface Scores {
  precision_50: number | null
  recall_50: number | null
  f1_50: number | null
  f1_50_95: number | null
  mean_iou: number | null
  predicted: number
  reference: number
}
interface DatasetFixture {
  rows: BoxRow[]
  reference: [string, Box[]][]
  expected: {
    agreement: {
      n_items: number
      pairwise_box_f1_50: number
      pairwise_box_f1_50_95: number
      pairwise_box_mean_iou: number
      classes: Record<
        string,
        {
          boxes: number
          f1_50: number | null
          f1_50_95: number | null
          mean_iou: number | null
        }
      >
      pairs: Record<
        string,
        { n_items: number; f1_50: number | null; mean_iou: number | null }
      >
    }
    reference: {
      n_items: number
      box_precision_50: number
      box_recall_50: number
      box_f1_50: number
      box_f1_50_95: number
      box_mean_iou: number
      box_macro_f1_50: number
      classes: Record<string, Scores>
      annotators: Record<string, Scores & { n_items: number }>
    }
  }
}

const fixture = loadBoxFixture<DatasetFixture>('dataset.json')
const space = newSpace()
const table = boxTable(fixture.rows, space)
const reference = boxTable(
  fixture.reference.map(([item, boxes]) => [item, null, boxes] as const),
  space
)

describe('box agreement pinned to scipy (script/fixtures/boxes/generate_boxes.py)', () => {
  const result = boxAgreement(table)
  const want = fixture.expected.agreement

  it('dataset metrics', () => {
    expectClose(
      result.metrics.pairwise_box_f1_50.value,
      want.pairwise_box_f1_50
    )
    expectClose(
      result.metrics.pairwise_box_f1_50_95.value,
      want.pairwise_box_f1_50_95
    )
    expectClose(
      result.metrics.pairwise_box_mean_iou.value,
      want.pairwise_box_mean_iou
    )
    expect(result.metrics.pairwise_box_f1_50.n_items).toBe(want.n_items)
  })

  it('per class', () => {
    expect(result.classes.map((c) => c.label)).toEqual(
      Object.keys(want.classes).sort()
    )
    for (const c of result.classes) {
      const w = want.classes[c.label]!
      expect(c.boxes).toBe(w.boxes)
      expectClose(c.f1_50, w.f1_50)
      expectClose(c.f1_50_95, w.f1_50_95)
      expectClose(c.mean_iou, w.mean_iou)
    }
  })

  it('per annotator pair', () => {
    expect(result.pairs.map((p) => `${p.a}|${p.b}`)).toEqual(
      Object.keys(want.pairs).sort()
    )
    for (const p of result.pairs) {
      const w = want.pairs[`${p.a}|${p.b}`]!
      expect(p.n_items).toBe(w.n_items)
      expectClose(p.f1_50, w.f1_50)
      expectClose(p.mean_iou, w.mean_iou)
    }
  })
})

describe('box metrics against the reference pinned to scipy', () => {
  const result = boxReference(table, reference)
  const want = fixture.expected.reference

  it('micro and macro', () => {
    for (const name of [
      'box_precision_50',
      'box_recall_50',
      'box_f1_50',
      'box_f1_50_95',
      'box_mean_iou',
      'box_macro_f1_50'
    ] as const) {
      expectClose(result.metrics[name].value, want[name])
    }
    expect(result.metrics.box_f1_50.n_items).toBe(want.n_items)
  })

  it('per class and per annotator', () => {
    expect(result.classes.map((c) => c.label)).toEqual(
      Object.keys(want.classes).sort()
    )
    for (const c of result.classes) {
      const w = want.classes[c.label]!
      expect([c.predicted, c.reference]).toEqual([w.predicted, w.reference])
      for (const k of [
        'precision_50',
        'recall_50',
        'f1_50',
        'f1_50_95',
        'mean_iou'
      ] as const)
        expectClose(c[k], w[k])
    }
    expect(result.annotators.map((a) => a.annotator)).toEqual(
      Object.keys(want.annotators).sort()
    )
    for (const a of result.annotators) {
      const w = want.annotators[a.annotator]!
      expect(a.n_items).toBe(w.n_items)
      for (const k of [
        'precision_50',
        'recall_50',
        'f1_50',
        'f1_50_95',
        'mean_iou'
      ] as const)
        expectClose(a[k], w[k])
    }
  })

  it('bootstrap intervals are seeded and bracket the value', () => {
    const options = { bootstrap: { resamples: 400, seed: 'abc' } }
    const one = boxReference(table, reference, options)
    const two = boxReference(table, reference, options)
    expect(one.metrics).toEqual(two.metrics)
    for (const m of Object.values(one.metrics)) {
      if (m.ci === undefined) continue
      expect(m.ci.low).toBeLessThanOrEqual(m.value!)
      expect(m.ci.high).toBeGreaterThanOrEqual(m.value!)
      expect(m.ci.high).toBeGreaterThan(m.ci.low)
      expect(m.ci.method).toBe('bootstrap')
    }
    expect(one.metrics.box_f1_50.ci).toBeDefined()
    const other = boxReference(table, reference, {
      bootstrap: { resamples: 400, seed: 'abd' }
    })
    expect(other.metrics.box_f1_50.ci).not.toEqual(one.metrics.box_f1_50.ci)
  })
})

describe('undefined, never NaN', () => {
  it('no boxes anywhere: null with a reason', () => {
    const t = boxTable([
      ['i1', 'a', []],
      ['i1', 'b', []]
    ])
    const r = boxAgreement(t)
    expect(r.metrics.pairwise_box_f1_50).toMatchObject({
      value: null,
      n_items: 1
    })
    expect(r.metrics.pairwise_box_f1_50.reason).toMatch(/drew a box/)
    expect(r.metrics.pairwise_box_mean_iou.value).toBeNull()
  })

  it('one annotator per item: nothing to compare', () => {
    const t = boxTable([['i1', 'a', [['car', 0, 0, 5, 5]]]])
    expect(boxAgreement(t).metrics.pairwise_box_f1_50.reason).toMatch(
      /two or more annotators/
    )
  })

  it('boxes that all miss: F1 0 and mean IoU null', () => {
    const t = boxTable([
      ['i1', 'a', [['car', 0, 0, 5, 5]]],
      ['i1', 'b', [['car', 50, 50, 5, 5]]]
    ])
    const r = boxAgreement(t)
    expect(r.metrics.pairwise_box_f1_50.value).toBe(0)
    expect(r.metrics.pairwise_box_mean_iou.value).toBeNull()
  })

  it('reference side: no reference item gives null for every metric', () => {
    const space = newSpace()
    const t = boxTable([['i1', 'a', [['car', 0, 0, 5, 5]]]], space)
    const ref = boxTable([['i2', null, [['car', 0, 0, 5, 5]]]], space)
    const r = boxReference(t, ref)
    for (const m of Object.values(r.metrics)) {
      expect(m.value).toBeNull()
      expect(m.reason).toMatch(/reference/)
    }
  })

  it('an IoU of exactly 0.5 is a match at 0.5 and at no higher threshold', () => {
    const space = newSpace()
    const t = boxTable([['i1', 'a', [['car', 0, 0, 10, 10]]]], space)
    const ref = boxTable([['i1', null, [['car', 0, 0, 5, 10]]]], space)
    const r = boxReference(t, ref)
    expect(r.metrics.box_f1_50.value).toBe(1)
    expect(r.metrics.box_f1_50_95.value).toBeCloseTo(0.1, 15)
    expect(r.metrics.box_mean_iou.value).toBe(0.5)
  })
})
