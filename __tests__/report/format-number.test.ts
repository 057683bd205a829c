import { describe, expect, it } from '@jest/globals'
import {
  formatChiSquare,
  formatCoefficient,
  formatCount,
  formatDelta,
  formatDifference,
  formatGateNumbers,
  formatInterval,
  formatMetricInterval,
  formatMetricValue,
  formatPercent,
  formatPoints,
  formatPValue,
  formatShare,
  isPercentMetric
} from '../../src/render/shared/format-number.js'

const ci = { low: 0.8123, high: 0.8614, level: 0.95, method: 'wilson' as const }

describe('format-number', () => {
  it('shows coefficients to 3 places and null as a dash', () => {
    expect(formatCoefficient(0.74)).toBe('0.740')
    expect(formatCoefficient(-0.1234)).toBe('-0.123')
    expect(formatCoefficient(-0.0001)).toBe('0.000')
    expect(formatCoefficient(null)).toBe('—')
    expect(formatCoefficient(Number.NaN)).toBe('—')
  })

  it('shows proportions as percents to 1 place', () => {
    expect(formatPercent(0.9318)).toBe('93.2%')
    expect(formatPercent(1)).toBe('100.0%')
    expect(formatPercent(undefined)).toBe('—')
  })

  it('knows which metrics are percents', () => {
    expect(isPercentMetric('accuracy')).toBe(true)
    expect(isPercentMetric('changed.error_rate')).toBe(true)
    expect(isPercentMetric('annotator.accuracy')).toBe(true)
    expect(isPercentMetric('majority_vote_accuracy')).toBe(true)
    expect(isPercentMetric('krippendorff_alpha')).toBe(false)
    expect(formatMetricValue('error_rate', 0.05)).toBe('5.0%')
    expect(formatMetricValue('fleiss_kappa', 0.6)).toBe('0.600')
  })

  it('formats intervals in the metric style', () => {
    expect(formatInterval(ci, false)).toBe('[0.812, 0.861]')
    expect(formatMetricInterval('accuracy', ci)).toBe('[81.2%, 86.1%]')
    expect(formatMetricInterval('accuracy', undefined)).toBe('')
  })

  it('signs differences, in percentage points for percents', () => {
    expect(formatDelta('krippendorff_alpha', 0.74, 0.842)).toBe('-0.102')
    expect(formatDelta('krippendorff_alpha', 0.9, 0.8)).toBe('+0.100')
    expect(formatDelta('error_rate', 0.0825, 0.05)).toBe('+3.3 pp')
    expect(formatDelta('error_rate', 0.05, 0.05)).toBe('0.0 pp')
    expect(formatDelta('error_rate', null, 0.05)).toBe('—')
    expect(formatDifference('accuracy', 0.02, false)).toBe('2.0 pp')
  })

  it('groups thousands the same everywhere', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(1200)).toBe('1,200')
    expect(formatCount(100_000)).toBe('100,000')
    expect(formatCount(1_234_567)).toBe('1,234,567')
  })

  it('never shows a failing gate value equal to its threshold', () => {
    const gate = {
      metric: 'error_rate',
      bound: 'max',
      threshold: 0.05,
      value: 0.05004
    }
    const shown = formatGateNumbers(gate)
    expect(shown.value).not.toBe(shown.threshold)
    expect(shown).toEqual({ threshold: '5.000%', value: '5.004%' })
    expect(
      formatGateNumbers({ ...gate, metric: 'fleiss_kappa', value: 0.7 })
    ).toEqual({ threshold: '0.050', value: '0.700' })
  })

  it('shows a max_drop threshold as a difference and the value as a metric', () => {
    expect(
      formatGateNumbers({
        metric: 'accuracy',
        bound: 'max_drop',
        threshold: 0.02,
        value: 0.9
      })
    ).toEqual({ threshold: '2.0 pp', value: '90.0%' })
  })
})

describe('format-number: the label shift', () => {
  it('shows shares and their differences in percentage points', () => {
    expect(formatShare(1, 3)).toBe('33.3%')
    expect(formatShare(0, 0)).toBe('—')
    expect(formatPoints(0.0321)).toBe('+3.2 pp')
    expect(formatPoints(-0.016)).toBe('-1.6 pp')
    expect(formatPoints(0.0001)).toBe('0.0 pp')
    expect(formatPoints(null)).toBe('—')
  })

  it('shows p-values as people read them', () => {
    expect(formatPValue(1.8e-21)).toBe('p < 0.001')
    expect(formatPValue(0.000999)).toBe('p < 0.001')
    expect(formatPValue(0.001)).toBe('p = 0.001')
    expect(formatPValue(0.04213)).toBe('p = 0.042')
    expect(formatPValue(1)).toBe('p = 1.000')
    expect(formatPValue(Number.NaN)).toBe('p —')
  })

  it('shows a chi-square test in one phrase', () => {
    expect(
      formatChiSquare({ statistic: 99.628819, df: 3, p_value: 1.8e-21 })
    ).toBe('χ² = 99.63, df = 3, p < 0.001')
    expect(
      formatChiSquare({ statistic: 0.5, df: 1, p_value: 0.47950012 })
    ).toBe('χ² = 0.50, df = 1, p = 0.480')
  })
})
