import { describe, expect, it } from '@jest/globals'
import { mermaidText } from '../../src/render/markdown/mermaid-chart.js'
import {
  REPORT_MARKER,
  SUMMARY_TRUNCATION_NOTE,
  TRUNCATION_NOTE,
  renderMarkdown
} from '../../src/render/markdown/render-markdown.js'
import { renderTerminal } from '../../src/render/terminal/render-terminal.js'
import type { Report } from '../../src/report/types.js'
import { utf8Length } from '../../src/render/markdown/utf8-length.js'
import {
  HOSTILE_LABELS,
  hostileDiffReport,
  largeDiffReport,
  largeReport,
  loadReport,
  markdownTables,
  tableCells
} from './report-fixtures.js'

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1
}

function expectTablesWellFormed(body: string): void {
  for (const table of markdownTables(body)) {
    const width = tableCells(table[0]!).length
    expect(table.length).toBeGreaterThanOrEqual(2)
    for (const row of table) expect(tableCells(row)).toHaveLength(width)
  }
}

function expectDetailsBalanced(body: string): void {
  expect(occurrences(body, '<details')).toBe(occurrences(body, '</details>'))
}

/** Lines that open or close a code fence come in pairs. */
function fenceLines(body: string): number {
  return body.split('\n').filter((l) => l.startsWith('```')).length
}

/** The lines inside each ```mermaid block. */
function mermaidBlocks(body: string): string[][] {
  const blocks: string[][] = []
  const lines = body.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```mermaid') continue
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'))
    expect(end).toBeGreaterThan(i)
    expect(lines[end]).toBe('```')
    blocks.push(lines.slice(i + 1, end))
    i = end
  }
  return blocks
}

function tableAfter(body: string, title: string): string[] {
  const start = body.indexOf(title)
  expect(start).toBeGreaterThanOrEqual(0)
  return markdownTables(body.slice(start))[0]!
}

function cells(row: string): string[] {
  return tableCells(row).map((c) => c.trim())
}

/** The body of the dataset whose heading contains `name`. */
function datasetPart(body: string, name: string): string {
  const start = body.indexOf(`### ✅ ${name}`)
  expect(start).toBeGreaterThanOrEqual(0)
  const next = body.indexOf('\n### ', start + 1)
  return body.slice(start, next === -1 ? undefined : next)
}

describe('renderMarkdown: what changed', () => {
  const body = renderMarkdown(loadReport('with-diff'))
  const sentiment = datasetPart(body, 'sentiment')
  const fresh = datasetPart(body, 'new\\_batch')

  it('comes right after the gates table, before the metrics', () => {
    const gates = sentiment.indexOf('**Gates**')
    const changed = sentiment.indexOf('**What changed**')
    const metrics = sentiment.indexOf('**Metrics**')
    expect(gates).toBeGreaterThan(0)
    expect(changed).toBeGreaterThan(gates)
    expect(metrics).toBeGreaterThan(changed)
    const between = sentiment.slice(gates, changed)
    expect(markdownTables(between)).toHaveLength(1)
  })

  it('has the diff counts and the shift statistics', () => {
    expect(sentiment).toContain(
      '- **Change:** 40 items added, 0 removed · 120 annotations added, 0 removed · 17 labels changed'
    )
    expect(occurrences(body, '- **Change:**')).toBe(2)
    expect(sentiment).toContain(
      '- **Label shift:** Jensen-Shannon distance 0.117 · chi-square test (new vs unchanged labels) χ² = 99.63, df = 3, p < 0.001'
    )
  })

  it('has the class distribution base → head with shares and Δ', () => {
    const table = tableAfter(sentiment, 'Class distribution, base → head')
    expect(cells(table[0]!)).toEqual([
      'Label',
      'Base',
      'Base share',
      'Head',
      'Head share',
      'Δ share (head − base)'
    ])
    expect(table.slice(2).map(cells)).toEqual([
      ['positive', '1,500', '41.7%', '1,560', '41.9%', '+0.3\u00a0pp'],
      ['negative', '1,200', '33.3%', '1,180', '31.7%', '-1.6\u00a0pp'],
      ['neutral', '900', '25.0%', '880', '23.7%', '-1.3\u00a0pp'],
      ['mixed', '0', '0.0%', '100', '2.7%', '+2.7\u00a0pp']
    ])
    // The label counts are not repeated in a "Labels" section.
    expect(sentiment).not.toContain('<summary>Labels')
  })

  it('charts the labels whose share moved by 1 pp or more, largest move first', () => {
    const [chart] = mermaidBlocks(sentiment)
    // positive moved +0.3 pp: under 1 pp, so it has no bar.
    expect(chart).toEqual([
      'xychart-beta horizontal',
      '  title "Change of label share, head - base (pp, top 3 movers)"',
      '  x-axis ["mixed (+2.7)", "negative (-1.6)", "neutral (-1.3)"]',
      '  y-axis "pp moved" 0 --> 3',
      '  bar [2.7, 1.6, 1.3]'
    ])
    expect(sentiment.indexOf('```mermaid')).toBeGreaterThan(
      sentiment.indexOf('Class distribution')
    )
  })

  it('lists the relabeled annotations, folded, with "showing N of M"', () => {
    expect(sentiment).toContain(
      '<details><summary>Relabeled annotations (showing 12 of 17)</summary>'
    )
    const table = tableAfter(sentiment, 'Relabeled annotations')
    expect(cells(table[0]!)).toEqual(['Item', 'Annotator', 'Old → new label'])
    expect(table).toHaveLength(2 + 12)
    expect(cells(table[2]!)).toEqual([
      'i\\-0100',
      'ann\\_01',
      'positive → negative'
    ])
  })

  it('says when the dataset is new and shows only the head', () => {
    expect(fresh).toContain(
      '- **New dataset:** it is not at the base, so all of it is added.'
    )
    expect(fresh).not.toContain('Label shift')
    expect(fresh).not.toContain('Relabeled')
    const table = tableAfter(fresh, 'Class distribution at the head')
    expect(table.slice(2).map(cells)).toEqual([
      ['spam', '30', '25.0%'],
      ['ham', '90', '75.0%']
    ])
    // Nothing to compare with, so nothing moved: no chart.
    expect(mermaidBlocks(fresh)).toHaveLength(0)
  })

  it('is well formed', () => {
    expectTablesWellFormed(body)
    expectDetailsBalanced(body)
    expect(fenceLines(body)).toBe(2)
    expect(body).not.toContain(TRUNCATION_NOTE)
  })

  it('draws a chart only when a share moved by 1 pp, at most 10 bars', () => {
    const report = loadReport('with-diff')
    const shift = report.datasets[0]!.label_shift!
    const withLabels = (n: number): Report => ({
      ...report,
      datasets: [
        {
          ...report.datasets[0]!,
          label_shift: {
            ...shift,
            labels: Array.from({ length: n }, (_, i) => `l${i}`),
            base: Array.from({ length: n }, () => 5),
            // Every other label grows: every share moves by 1 pp or more.
            head: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 10 : 2))
          }
        }
      ]
    })
    expect(renderMarkdown(withLabels(1))).not.toContain('```mermaid')
    expect(renderMarkdown(withLabels(2))).toContain('```mermaid')
    const many = renderMarkdown(withLabels(31))
    const [chart] = mermaidBlocks(many)
    expect(chart![4]!.split(',')).toHaveLength(10)
    expect(chart![1]).toContain('top 10 movers')
    expect(many).toContain('Class distribution, base → head (31 labels)')
    // No share moved by 1 pp: no chart.
    const still = {
      ...withLabels(3),
      datasets: [
        {
          ...withLabels(3).datasets[0]!,
          label_shift: {
            ...shift,
            labels: ['a', 'b'],
            base: [500, 500],
            head: [505, 495]
          }
        }
      ]
    }
    expect(renderMarkdown(still)).not.toContain('```mermaid')
  })

  it('counts relabels that the report does not list', () => {
    const failing = renderMarkdown(loadReport('failing'))
    expect(failing).toContain('**What changed**')
    expect(failing).toContain(
      '_17 relabeled annotations, not listed in the report._'
    )
    expect(failing).not.toContain('```mermaid')
  })
})

describe('renderMarkdown: hostile labels in the change', () => {
  const body = renderMarkdown(hostileDiffReport())

  it('cannot leave the Mermaid block or its strings', () => {
    expect(fenceLines(body)).toBe(2)
    const [chart] = mermaidBlocks(body)
    expect(chart).toHaveLength(5)
    expect(chart![0]).toBe('xychart-beta horizontal')
    const axis = chart![2]!
    const match = /^ {2}x-axis \[(.*)\]$/.exec(axis)
    expect(match).not.toBeNull()
    const labels = match![1]!.split(', ')
    expect(labels).toHaveLength(Math.min(10, HOSTILE_LABELS.length))
    for (const label of labels) {
      expect(label).toMatch(/^"[^"]+"$/)
      expect(label).not.toMatch(/[`<>[\]%#;:@]|-->|--/)
    }
    expect(new Set(labels).size).toBe(labels.length)
    expect(chart![4]).toMatch(/^ {2}bar \[[\d., ]+\]$/)
  })

  it('keeps every table row at its column count', () => {
    expectTablesWellFormed(body)
    expectDetailsBalanced(body)
    const distribution = tableAfter(body, 'Class distribution')
    expect(distribution).toHaveLength(2 + HOSTILE_LABELS.length)
    const relabeled = tableAfter(body, 'Relabeled annotations')
    expect(relabeled).toHaveLength(2 + HOSTILE_LABELS.length)
    expect(body).toContain(
      `Relabeled annotations (showing ${HOSTILE_LABELS.length} of ${HOSTILE_LABELS.length + 5})`
    )
  })

  it('lets no HTML, mention, heading or marker through', () => {
    expect(body).not.toMatch(/<script/i)
    expect(body).not.toMatch(/@(?!\u200B)user/)
    expect(body).not.toMatch(/^# /m)
    expect(occurrences(body, REPORT_MARKER)).toBe(1)
    expect(body).not.toContain('%%{')
    expect(body).toContain('line1 line2')
  })
})

describe('renderMarkdown: the budget with a change', () => {
  const huge = largeDiffReport()
  const full = renderMarkdown(huge)

  it('keeps 10,000 relabels and long labels under the limit', () => {
    expect(utf8Length(full)).toBeLessThanOrEqual(65_000)
    expect(full).toContain('Relabeled annotations (showing')
    expect(full).toContain('of 123,456)')
    expect(full).toContain('**What changed**')
    expect(full).not.toContain('z'.repeat(100))
    expectTablesWellFormed(full)
    expectDetailsBalanced(full)
    expect(fenceLines(full) % 2).toBe(0)
  })

  it('drops relabeled rows and the chart before gates and metrics', () => {
    const render = (limit: number): string => {
      const body = renderMarkdown(huge, { maxLength: limit })
      expect(utf8Length(body)).toBeLessThanOrEqual(limit)
      expect(body).toContain(TRUNCATION_NOTE)
      expectTablesWellFormed(body)
      expectDetailsBalanced(body)
      expect(fenceLines(body) % 2).toBe(0)
      // Gates, metrics and the change's summary always stay.
      expect(body).toContain('**Gates**')
      expect(body).toContain("Krippendorff's α <sub>`krippendorff_alpha`</sub>")
      expect(body).toContain('**Metrics**')
      expect(body).toContain('- **Label shift:** Jensen-Shannon distance')
      return body
    }
    // The chart and the pairwise table go first, then relabeled rows.
    const some = render(20_000)
    expect(some).toContain('Relabeled annotations (showing 10 of 123,456)')
    expect(some).not.toContain('```mermaid')
    expect(some).not.toContain('Pairwise agreement')

    const fewer = render(15_000)
    expect(fewer).toContain(
      '**Relabeled annotations:** 123,456 (rows left out to fit the size limit).'
    )
    expect(fewer).not.toContain('```mermaid')
    expect(fewer).toContain('lowest accuracy first')

    const least = render(5_000)
    expect(least).not.toContain('```mermaid')
    expect(least).not.toContain('Relabeled annotations (showing')
    expect(least).not.toContain('Class distribution')
  })

  it('keeps charts whole when many datasets are cut', () => {
    const report = loadReport('with-diff')
    const many: Report = {
      ...report,
      datasets: Array.from({ length: 30 }, (_, i) => ({
        ...report.datasets[i % 2]!,
        // Failing, so that every dataset gets its full section.
        passed: false,
        name: `d-${i}`
      }))
    }
    for (let limit = 2_000; limit < 12_000; limit += 131) {
      const body = renderMarkdown(many, { maxLength: limit })
      expect(utf8Length(body)).toBeLessThanOrEqual(limit)
      expect(fenceLines(body) % 2).toBe(0)
      for (const chart of mermaidBlocks(body)) {
        expect(chart[0]).toBe('xychart-beta horizontal')
        expect(chart[chart.length - 1]).toMatch(/^ {2}bar \[/)
      }
      expectDetailsBalanced(body)
      expect(body).toContain(TRUNCATION_NOTE)
    }
  })
})

describe('renderMarkdown: the truncation note of the job summary', () => {
  const huge = largeReport()

  it('points the summary to the JSON report, not to itself', () => {
    const url = 'https://github.com/o/r/actions/runs/1/attempts/1#summary-2'
    const body = renderMarkdown(huge, {
      target: 'summary',
      maxLength: 10_000,
      summaryUrl: url
    })
    expect(utf8Length(body)).toBeLessThanOrEqual(10_000)
    expect(body).toContain(SUMMARY_TRUNCATION_NOTE)
    expect(body).toContain("the action's `report` output")
    expect(body).not.toContain(TRUNCATION_NOTE)
    expect(body).not.toContain('job summary]')
    expect(body).not.toContain(url)

    const cut = renderMarkdown(huge, { target: 'summary', maxLength: 1_000 })
    expect(cut).toContain(SUMMARY_TRUNCATION_NOTE)
  })

  it('keeps the comment note by default', () => {
    const body = renderMarkdown(huge, { target: 'comment', maxLength: 10_000 })
    expect(body).toContain(TRUNCATION_NOTE)
    expect(body).not.toContain(SUMMARY_TRUNCATION_NOTE)
  })
})

describe('mermaidText', () => {
  it('keeps ordinary labels', () => {
    expect(mermaidText('positive')).toBe('positive')
    expect(mermaidText("très bien (5/5), don't")).toBe("très bien (5/5), don't")
    expect(mermaidText('非常に良い')).toBe('非常に良い')
  })

  it('removes what could end a string, a line, a block or start syntax', () => {
    expect(mermaidText('```')).toBe('')
    expect(mermaidText('"]')).toBe('')
    expect(mermaidText('a --> b')).toBe('a - b')
    expect(mermaidText('<script>x</script>')).toBe('script x /script')
    expect(mermaidText('line1\nline2')).toBe('line1 line2')
    expect(mermaidText('%%{init}%%')).toBe('init')
    expect(mermaidText('#59;')).toBe('59')
  })

  it('shortens', () => {
    expect(Array.from(mermaidText('x'.repeat(100)))).toHaveLength(24)
    expect(mermaidText('x'.repeat(100)).endsWith('…')).toBe(true)
  })
})

describe('renderTerminal: changes', () => {
  const out = renderTerminal(loadReport('with-diff'), { color: false })
  const lines = out.split('\n')

  it('lists the first 10 relabels and counts the rest', () => {
    const start = lines.indexOf('  Changes')
    expect(start).toBeGreaterThan(lines.indexOf('  Gates'))
    expect(start).toBeLessThan(lines.indexOf('  Metrics'))
    expect(lines[start + 1]).toBe('    17 relabeled annotations')
    expect(lines[start + 2]).toMatch(/^ {6}item +annotator +old → new label$/)
    expect(lines[start + 3]).toMatch(
      /^ {6}i-0100 +ann_01 +positive → negative$/
    )
    expect(lines[start + 13]).toBe('      and 7 more relabeled annotations')
  })

  it('shows the distribution shift with its statistics', () => {
    expect(out).toContain(
      '    label shift: Jensen-Shannon distance 0.117 · chi-square χ² = 99.63, df = 3, p < 0.001'
    )
    expect(out).toMatch(/\n {6}mixed +0 {2}→ +100 +0\.0% → 2\.7% +\+2\.7 pp\n/)
    expect(out).toMatch(
      /\n {6}negative +1,200 {2}→ +1,180 +33\.3% → 31\.7% +-1\.6 pp\n/
    )
  })

  it('says when a dataset is new and shows the head labels', () => {
    const fresh = out.slice(out.indexOf('new_batch'))
    expect(fresh).toContain('    new dataset: not at the base')
    expect(fresh).toContain('    labels at the head')
    expect(fresh).toMatch(/\n {6}ham +90 +75\.0%\n/)
    expect(fresh).not.toContain('Jensen-Shannon')
  })

  it('keeps hostile labels on their line', () => {
    const hostile = renderTerminal(hostileDiffReport(), {
      color: false,
      width: 400
    })
    expect(hostile).toContain('line1 line2')
    const start = hostile.split('\n').indexOf('  Changes')
    const rows = hostile.split('\n').slice(start + 3, start + 13)
    for (const row of rows) expect(row).toMatch(/^ {6}\S.* → /)
  })

  it('stays short with 10,000 relabels', () => {
    const big = renderTerminal(largeDiffReport(), { color: false })
    expect(big).toContain('123,456 relabeled annotations')
    expect(big).toContain('and 123,446 more relabeled annotations')
    expect(big).not.toContain('z'.repeat(100))
    expect(big.length).toBeLessThan(60_000)
  })

  it('shows no change block without a diff', () => {
    const plain = renderTerminal(loadReport('passing'), { color: false })
    expect(plain).not.toContain('Changes')
  })
})
