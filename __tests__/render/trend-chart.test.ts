import { describe, expect, it } from '@jest/globals'
import { renderMarkdown } from '../../src/render/markdown/render-markdown.js'
import { trendCharts } from '../../src/render/markdown/trend-chart.js'
import { slowDecayScenario } from './scenarios.js'

describe('the trend chart in the PR comment', () => {
  it('draws each trend-gated metric over the base versions with this PR last', () => {
    const dataset = slowDecayScenario().datasets[0]!
    const charts = trendCharts(dataset)
    expect(charts).toHaveLength(2)
    const alpha = charts[0]!
    expect(alpha).toContain('xychart-beta')
    expect(alpha).toMatch(/x-axis \[("[0-9a-f]{7}", ){10}"this PR"\]/)
    // Ten base versions falling by 0.008, then this change's 0.740.
    expect(alpha).toContain(
      'line [0.8200, 0.8120, 0.8040, 0.7960, 0.7880, 0.7800, 0.7720, 0.7640, 0.7560, 0.7480, 0.7400]'
    )
    // The limit: the best (0.820) less max_decline 0.03; for error_rate, the lowest plus 2 pp.
    expect(alpha).toContain(`line [${Array(11).fill('0.7900').join(', ')}]`)
    expect(charts[1]).toContain(`line [${Array(11).fill('7.00').join(', ')}]`)
    const comment = renderMarkdown(slowDecayScenario())
    expect(comment).toContain('**Trend**')
    // The verdict line names the reference: the best, and of how many versions.
    expect(comment).toContain(
      'from the best of the last 10 versions (0.820 → 0.740)'
    )
  })

  it('draws nothing with fewer than 3 base versions with a value', () => {
    const dataset = slowDecayScenario().datasets[0]!
    dataset.trend!.points = dataset.trend!.points.slice(-2)
    expect(trendCharts(dataset)).toEqual([])
    dataset.trend!.points = [
      ...slowDecayScenario().datasets[0]!.trend!.points.slice(0, 2),
      {
        commit: 'f'.repeat(40),
        date: '2024-05-01T00:00:00Z',
        values: { krippendorff_alpha: null, error_rate: 0.05 }
      }
    ]
    expect(trendCharts(dataset).join('\n')).not.toContain('krippendorff_alpha')
    expect(trendCharts(dataset)).toHaveLength(1)
  })

  it('draws nothing without a trend', () => {
    const dataset = slowDecayScenario().datasets[0]!
    delete dataset.trend
    expect(trendCharts(dataset)).toEqual([])
  })
})
