import { describe, expect, it } from '@jest/globals'
import { multiLabelKind } from '../../src/structured/multi-label/multi-label-kind.js'
import { setTable } from '../helpers/set-table.js'

// 60 items, 3 annotators; the third often drops a label.
const SETS = [['a', 'b'], ['b'], ['c'], ['a', 'c'], [], ['b', 'c']]
const rows: [string, string, string[]][] = []
const reference: [string, null, string[]][] = []
for (let i = 0; i < 60; i++) {
  const truth = SETS[i % SETS.length]!
  reference.push([`i${i}`, null, truth])
  rows.push([`i${i}`, 'x', truth], [`i${i}`, 'y', i % 4 === 0 ? ['a'] : truth])
  rows.push([`i${i}`, 'z', i % 3 === 0 ? truth.slice(1) : truth])
}

function measure(seed: string) {
  const t = setTable(rows)
  return multiLabelKind.measure({
    agreement: t,
    judged: t,
    reference: setTable(reference, t),
    intervals: { method: 'bootstrap', resamples: 300, seed }
  }).metrics
}

describe('multi_label bootstrap intervals (intervals: bootstrap)', () => {
  it('every defined metric gets a seeded percentile interval around its value', () => {
    const metrics = measure('head-sha/d/head')
    const outside = Object.entries(metrics).filter(
      ([, m]) =>
        m.value === null ||
        m.ci === undefined ||
        m.ci.method !== 'bootstrap' ||
        !(m.ci.low <= m.value && m.value <= m.ci.high) ||
        !(m.ci.high - m.ci.low > 0)
    )
    expect(outside.map(([name]) => name)).toEqual([])
  })

  it('is the same for the same seed and differs for another', () => {
    expect(measure('s1')).toEqual(measure('s1'))
    expect(measure('s1').masi_alpha!.ci).not.toEqual(
      measure('s2').masi_alpha!.ci
    )
  })

  it('analytic (the default) gives no interval for these metrics', () => {
    const t = setTable(rows)
    const m = multiLabelKind.measure({
      agreement: t,
      judged: t,
      reference: setTable(reference, t),
      intervals: { method: 'analytic' }
    }).metrics
    expect(Object.values(m).filter((x) => x.ci !== undefined)).toEqual([])
  })
})
