import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { boundRangeProblems } from '../../src/config/bound-range.js'
import { datasetSchema, GATE_METRICS } from '../../src/config/schema.js'
import { metricRange } from '../../src/metrics/names.js'
import { runCli } from '../helpers/run-cli.js'

const problems = (metric: string, gate: object) =>
  boundRangeProblems(metric, gate).map((p) => `${p.bound}: ${p.message}`)

describe('gate bounds outside the metric range', () => {
  it('refuses a min above 1 and a percentage, allows min 1 and max 0 (the limits)', () => {
    expect(problems('accuracy', { min: 1 })).toEqual([])
    expect(problems('error_rate', { max: 0 })).toEqual([])
    expect(problems('accuracy', { min: 1.0001 })).toEqual([
      'min: min 1.0001 is above 1, the largest value accuracy can take: no value can pass; bounds are fractions: 0.010001, not 1.0001'
    ])
    expect(problems('changed.accuracy', { min: 92.5 })).toEqual([
      'min: min 92.5 is above 1, the largest value changed.accuracy can take: no value can pass; bounds are fractions: 0.925, not 92.5'
    ])
    // Above 100 is no percentage: no hint.
    expect(problems('slice.span_f1_strict', { min: 250 })).toEqual([
      'min: min 250 is above 1, the largest value slice.span_f1_strict can take: no value can pass'
    ])
  })

  it('refuses a max below 0 on a fraction and a max above 1 (a gate that can never fail)', () => {
    expect(problems('error_rate', { max: -0.01 })).toEqual([
      'max: max -0.01 is below 0, the smallest value error_rate can take: no value can pass'
    ])
    expect(problems('error_rate', { max: 5 })).toEqual([
      'max: max 5 is above 1, the largest value error_rate can take: the gate can never fail; bounds are fractions: 0.05, not 5'
    ])
    expect(problems('annotator.spam_score', { max: 30 })).toHaveLength(1)
  })

  it('assumes no lower limit for chance-corrected coefficients, and gives them no percentage hint', () => {
    for (const metric of ['krippendorff_alpha', 'fleiss_kappa', 'gwet_ac1']) {
      expect(problems(metric, { max: -5 })).toEqual([])
      expect(problems(metric, { min: -5 })).toEqual([])
      expect(problems(metric, { max_drop: 3, max_decline: 3 })).toEqual([])
      expect(problems(metric, { min: 1 })).toEqual([])
    }
    expect(problems('krippendorff_alpha', { min: 80 })).toEqual([
      'min: min 80 is above 1, the largest value krippendorff_alpha can take: no value can pass'
    ])
    expect(problems('cohen_kappa', { max: 2 })).toEqual([
      'max: max 2 is above 1, the largest value cohen_kappa can take: the gate can never fail'
    ])
  })

  it('refuses a max_drop or max_decline above 1 on a fraction (1 itself is allowed)', () => {
    expect(problems('accuracy', { max_drop: 1, max_decline: 1 })).toEqual([])
    expect(problems('accuracy', { max_drop: 5, max_decline: 3 })).toEqual([
      'max_drop: max_drop 5 is more than accuracy can change (its values run from 0 to 1): the gate can never fail; bounds are fractions: 0.05, not 5',
      'max_decline: max_decline 3 is more than accuracy can change (its values run from 0 to 1): the gate can never fail; bounds are fractions: 0.03, not 3'
    ])
    expect(problems('annotator.drift', { max_drop: 10 })).toEqual([
      'max_drop: max_drop 10 is more than accuracy can change (its values run from 0 to 1): the gate can never fail; bounds are fractions: 0.1, not 10'
    ])
  })

  it('refuses a negative slice gap, and a gap above 1 on a fraction only', () => {
    expect(problems('slice_gap.accuracy', { max: -0.01 })).toEqual([
      'max: max -0.01 is below 0, the smallest gap of accuracy between slices: no value can pass'
    ])
    expect(
      problems('slice_gap.krippendorff_alpha', { max: -0.01 })
    ).toHaveLength(1)
    expect(problems('slice_gap.accuracy', { max: 10 })).toEqual([
      'max: max 10 is above 1, the largest gap of accuracy between slices: the gate can never fail; bounds are fractions: 0.1, not 10'
    ])
    expect(problems('slice_gap.krippendorff_alpha', { max: 1.5 })).toEqual([])
    expect(problems('slice_gap.accuracy', { max: 0 })).toEqual([])
  })

  it('knows the range of every metric a min or max can name', () => {
    const bounded = GATE_METRICS.filter(
      (m) =>
        m !== 'label_shift' &&
        m !== 'annotator.drift' &&
        !m.startsWith('slice_gap.')
    )
    expect(bounded.filter((m) => metricRange(m) === undefined)).toEqual([])
  })

  it('is a config error at the bound it names', () => {
    const r = datasetSchema.safeParse({
      name: 'd',
      path: 'a.csv',
      gates: { accuracy: { min: 80 } }
    })
    expect(r.success).toBe(false)
    expect(r.error!.issues[0]!.path).toEqual(['gates', 'accuracy', 'min'])
  })

  it('stops labelgate check with exit 2 and one line naming file, line and field', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-bound-range-'))
    try {
      writeFileSync(
        path.join(dir, 'labelgate.yml'),
        [
          'version: 1',
          'datasets:',
          '  - name: d',
          '    path: a.csv',
          '    gates:',
          '      accuracy: { min: 80 }',
          ''
        ].join('\n')
      )
      writeFileSync(path.join(dir, 'a.csv'), 'item_id,annotator,label\n')
      const r = await runCli(dir, ['check', '--config', 'labelgate.yml'])
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^labelgate: labelgate\.yml:6:24: field 'datasets\[0\]\.gates\.accuracy\.min': min 80 is above 1, .*bounds are fractions: 0\.8, not 80$/
        )
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
