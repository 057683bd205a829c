import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { computeAgreement } from '../../src/metrics/agreement.js'
import type { MetricResult } from '../../src/metrics/result.js'
import type { Level } from '../../src/model/level.js'
import { makeRatings, type RatingRow } from './ratings-helper.js'

// Produced by irrCAC itself (script/fixtures/irrcac.R) on irrCAC's example
// datasets; cac.raw4raters and cont3x3abstractors are also printed in
// irrCAC's README, with the same figures.
interface Expected {
  value: number
  se: number
  conf_int?: string
  low?: number
  high?: number
}
interface Case {
  name: string
  level: Level
  categories?: string[]
  rows: RatingRow[]
  expected: Record<string, Expected>
}
const fixture = JSON.parse(
  readFileSync('__fixtures__/metrics/irrcac/intervals.json', 'utf8')
) as { cases: Case[] }

/** One unit in the 4th significant digit of `x`. */
const fourthDigit = (x: number): number =>
  10 ** (Math.floor(Math.log10(Math.abs(x))) - 3)

function expectSignificant(actual: number, expected: number): void {
  // irrCAC rounds its raw-function outputs to 5 decimals, so allow that
  // rounding on top of half a unit in the 4th significant digit.
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    fourthDigit(expected) / 2 + 5e-6
  )
}

function expectMatches(metric: MetricResult, expected: Expected): void {
  expect(metric.value).not.toBeNull()
  expectSignificant(metric.value!, expected.value)
  expectSignificant(metric.se!, expected.se)
  expect(metric.ci?.method).toBe('gwet')
  expect(metric.ci?.level).toBe(0.95)
  if (expected.conf_int !== undefined) {
    const [low, high] = expected.conf_int.slice(1, -1).split(',').map(Number)
    expect(Math.abs(metric.ci!.low - low!)).toBeLessThanOrEqual(0.0005 + 1e-9)
    expect(Math.abs(metric.ci!.high - high!)).toBeLessThanOrEqual(0.0005 + 1e-9)
  } else {
    expectSignificant(metric.ci!.low, expected.low!)
    expectSignificant(metric.ci!.high, expected.high!)
  }
}

const checks = fixture.cases.flatMap((c) =>
  Object.keys(c.expected).map((metric) => [c.name, metric] as const)
)

describe('standard errors and intervals match irrCAC', () => {
  it.each(checks)('%s: %s', (name, metric) => {
    const c = fixture.cases.find((x) => x.name === name)!
    // irrCAC's quadratic weights on numeric categories are Krippendorff's
    // interval metric.
    const interval = metric === 'krippendorff_alpha_interval'
    const metrics = computeAgreement(
      makeRatings(c.rows, {
        level: interval ? 'interval' : c.level,
        categories: c.categories
      })
    ).metrics
    const key = (
      interval ? 'krippendorff_alpha' : metric
    ) as keyof typeof metrics
    expectMatches(metrics[key], c.expected[metric]!)
  })

  it('reports irrCAC README figures for cac.raw4raters', () => {
    // Printed in irrCAC's README.md (pa.coeff.raw, gwet.ac1.raw, krippen.alpha.raw).
    const c = fixture.cases.find((x) => x.name === 'cac.raw4raters')!
    const m = computeAgreement(makeRatings(c.rows)).metrics
    expect(m.percent_agreement.se!.toFixed(5)).toBe('0.12561')
    expect(m.gwet_ac1.se!.toFixed(5)).toBe('0.14295')
    expect(m.krippendorff_alpha.se!.toFixed(5)).toBe('0.14548')
    // The interval's lower end, printed to 3 decimals; the upper is clipped at 1.
    expect(m.gwet_ac1.ci!.low.toFixed(3)).toBe('0.461')
    expect(m.gwet_ac1.ci!.high).toBe(1)
  })
})
