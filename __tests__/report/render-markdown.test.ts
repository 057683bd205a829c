import { describe, expect, it } from '@jest/globals'
import {
  REPORT_MARKER,
  TRUNCATION_NOTE,
  renderMarkdown
} from '../../src/render/markdown/render-markdown.js'
import { utf8Length } from '../../src/render/markdown/utf8-length.js'
import {
  largeReport,
  loadReport,
  markdownTables,
  tableCells
} from './report-fixtures.js'

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1
}

/** Every row of every table has as many cells as its header. */
function expectTablesWellFormed(body: string): void {
  const tables = markdownTables(body)
  expect(tables.length).toBeGreaterThan(0)
  for (const table of tables) {
    const width = tableCells(table[0]!).length
    expect(table.length).toBeGreaterThanOrEqual(2)
    for (const row of table) expect(tableCells(row)).toHaveLength(width)
  }
}

function expectDetailsBalanced(body: string): void {
  expect(occurrences(body, '<details')).toBe(occurrences(body, '</details>'))
}

/** The table that follows a line containing `title` (a heading or summary). */
function tableAfter(body: string, title: string): string[] {
  const start = body.indexOf(title)
  expect(start).toBeGreaterThanOrEqual(0)
  return markdownTables(body.slice(start))[0]!
}

describe('renderMarkdown: a passing report', () => {
  const body = renderMarkdown(loadReport('passing'))

  it('starts with the hidden marker on its own line', () => {
    expect(body.split('\n')[0]).toBe(REPORT_MARKER)
    expect(occurrences(body, REPORT_MARKER)).toBe(1)
  })

  it('has a verdict line without a base', () => {
    expect(body).toContain('## ✅ labelgate passed')
    expect(body).toContain('<sub>1 dataset · head `worktree` (no base)')
  })

  it('folds the gates that passed, one row per gate', () => {
    expect(body).toContain('<details><summary>Gates: 2 pass</summary>')
    const gates = tableAfter(body, '| Gate | Value')
    expect(gates).toHaveLength(2 + 2)
    expect(tableCells(gates[2]!).map((c) => c.trim())).toEqual([
      "Krippendorff's α <sub>`krippendorff_alpha`</sub>",
      '0.862',
      '≥\u00a00.800',
      '✅ pass',
      ''
    ])
    expect(gates[3]).toContain('≤\u00a010.0%')
  })

  it('has a metrics table with names, values with intervals and n', () => {
    const metrics = tableAfter(body, '| Metric | Head')
    // Cohen's κ cannot apply with 3 annotators: left out, with one line why.
    expect(metrics).toHaveLength(2 + 8)
    const accuracy = metrics.find((r) => r.includes('Accuracy <sub>'))!
    expect(tableCells(accuracy).map((c) => c.trim())).toEqual([
      'Accuracy <sub>`accuracy`</sub>',
      '93.2%\u00a0(91.3–94.7)',
      '300'
    ])
    expect(body).not.toContain('—¹')
    expect(body).toContain(
      "<sub>Not shown, undefined here: Cohen's κ: needs exactly 2 annotators; this dataset has 3.</sub>"
    )
  })

  it('has collapsible detail sections', () => {
    expect(body).toContain(
      '<details><summary>Annotators (3 with 20+ reference items, lowest accuracy first)</summary>'
    )
    expect(body).toContain('Per-class precision, recall and F1 (3 classes)')
    expect(body).toContain('Confusion matrix (3 labels)')
    expect(body).toContain('Pairwise agreement (3 pairs')
    expect(body).not.toContain('Data problems:')
    expectDetailsBalanced(body)
  })

  it('lists annotators worst first', () => {
    const rows = tableAfter(body, '| Annotator | Annotations').slice(2)
    expect(rows.map((r) => tableCells(r)[0]!.trim())).toEqual([
      'ann\\_02',
      'ann\\_03',
      'ann\\_01'
    ])
  })

  it('ends with the version footer and is not truncated', () => {
    expect(body.trimEnd().endsWith('<sub>labelgate 0\\.1\\.0</sub>')).toBe(true)
    expect(body).not.toContain(TRUNCATION_NOTE)
    expectTablesWellFormed(body)
  })
})

describe('renderMarkdown: a failing report with a base', () => {
  const body = renderMarkdown(loadReport('failing'))

  it('shortens SHAs in the verdict', () => {
    expect(body).toContain('## ❌ labelgate failed: 5 gates, 1 data error')
    expect(body).toContain('1 dataset · base `3f2c1ab` → head `9ab1c2d`')
    expect(body).toContain('(from the base)')
  })

  it('lists the notes', () => {
    expect(body).toContain('- config read from the base commit')
  })

  it('shows base, head, the change head − base and this change', () => {
    const metrics = tableAfter(body, '| Metric | Base')
    expect(tableCells(metrics[0]!).map((c) => c.trim())).toEqual([
      'Metric',
      'Base',
      'Head (95% interval)',
      'Δ head − base',
      'This change (n)',
      'n'
    ])
    const alpha = metrics.find((r) => r.includes('`krippendorff_alpha`'))!
    expect(
      tableCells(alpha)
        .map((c) => c.trim())
        .slice(1, 5)
    ).toEqual(['0.842', '0.740', '-0.102', '0.410\u00a0(40)'])
    const errorRate = metrics.find((r) => r.includes('<sub>`error_rate`'))!
    expect(errorRate).toContain('+3.3\u00a0pp')
    expect(errorRate).toContain('25.0%')
  })

  it('shows failing gates first, then warnings, passes folded', () => {
    const gates = tableAfter(body, '| Gate | Value').slice(2)
    expect(gates).toHaveLength(6)
    const status = gates.map((r) => tableCells(r)[3]!.trim())
    expect(status).toEqual([
      '❌ fail',
      '❌ fail',
      '❌ fail',
      '❌ fail',
      '❌ fail',
      '⚠️ warning'
    ])
    // max_drop: the change head − base against the allowed change.
    expect(tableCells(gates[1]!)[1]!.trim()).toBe('-0.102')
    expect(tableCells(gates[1]!)[2]!.trim()).toBe('Δ\u00a0≥\u00a0-0.020')
    expect(gates[4]).toContain('vendor\\_07')
    expect(body).toContain('<details><summary>Other gates: 1 pass</summary>')
  })

  it('opens with the verdict: failing gates with value vs threshold, and the next step', () => {
    const top = body.split('\n').slice(0, 16).join('\n')
    expect(top).toContain("- ❌ Krippendorff's α: 0.740, needs ≥\u00a00.800")
    expect(top).toContain(
      '- ❌ Accuracy per annotator: vendor\\_07: 62.0%, needs ≥\u00a085.0%'
    )
    expect(top).toContain(
      "- ❌ 1 data error: 1 × label 'postive' is not a category"
    )
    expect(top).toContain('**Next:** fix data/sentiment/annotations\\.csv:17')
    expect(top).toContain('⚠️ 1 gate warning · ⚠️ 1 data warning')
  })

  it('shows the counts and the diff', () => {
    expect(body).toContain(
      '<sub>**Head:** 1,240 items · 4 annotators · 3,720 annotations'
    )
    expect(body).toContain('<br>**Base:** 1,200 items')
    expect(body).toContain(
      '- **Change:** 40 items added, 0 removed · 120 annotations added, 3 removed · 17 labels changed'
    )
  })

  it('groups problems by kind, errors first, open because there are errors', () => {
    expect(body).toContain(
      '<details open><summary>Data problems: 1 error, 1 warning in 2 kinds</summary>'
    )
    const rows = tableAfter(body, '| Severity').slice(2)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('data/sentiment/annotations\\.csv:17')
    expect(rows[1]).toContain('⚠️ warning')
  })

  it('lists annotators with enough reference items, worst first, open when one fails', () => {
    expect(body).toContain(
      '<details open><summary>Annotators (3 with 20+ reference items'
    )
    const rows = tableAfter(body, '| Annotator | Annotations').slice(2)
    expect(tableCells(rows[0]!)[0]!.trim()).toBe('❌ vendor\\_07')
    expect(rows).toHaveLength(3)
    expect(body).toContain(
      '_1 annotator with fewer than 20 reference items not listed._'
    )
    expectTablesWellFormed(body)
  })
})

describe('renderMarkdown: undefined metrics and several datasets', () => {
  const body = renderMarkdown(loadReport('null-metrics'))

  it('says once, by reason, which metrics are left out', () => {
    expect(
      occurrences(body, 'no reference labels are configured')
    ).toBeLessThanOrEqual(2)
    expect(body).toContain('Not shown, undefined here:')
    expect(body).toContain('no pairable unit')
  })

  it('has an overview line per dataset', () => {
    expect(body).toMatch(/^- ✅ \*\*[^*]+\*\*: /m)
    expect(occurrences(body, '\n- ✅ **')).toBe(2)
    expect(body).toContain('2 datasets · base `../snapshots/2024-01`')
  })

  it('says when there are no gates and shows labels without a reference', () => {
    expect(body).toContain('_No gates configured for this dataset._')
    expect(body).toContain('<summary>Labels (3)</summary>')
    expect(body).toContain('_No metrics._')
    expectTablesWellFormed(body)
  })
})

describe('renderMarkdown: hostile strings from data files', () => {
  const body = renderMarkdown(loadReport('hostile'))

  it('lets no raw HTML through', () => {
    expect(body).not.toMatch(/<img/i)
    expect(body).not.toMatch(/<script/i)
    expect(body).not.toMatch(/<b>/)
  })

  it('notifies nobody', () => {
    expect(body).toContain('@\u200Borg/team')
    expect(body).not.toMatch(/@(?!\u200B)org/)
    expect(body).not.toMatch(/#\d/)
  })

  it('has exactly one marker', () => {
    expect(occurrences(body, REPORT_MARKER)).toBe(1)
    expect(occurrences(body, '<!--')).toBe(1)
  })

  it('keeps every table row at its column count', () => {
    expectTablesWellFormed(body)
    expectDetailsBalanced(body)
  })

  it('turns links into text and keeps lines whole', () => {
    expect(body).not.toContain('](javascript')
    expect(body).toContain('line1 line2 line3')
    expect(body).not.toContain('\u001b')
    expect(body).not.toContain('\u202E')
  })

  it('shortens long labels in tables', () => {
    expect(body).not.toContain('L'.repeat(300))
    expect(body).toContain('L'.repeat(30) + '…')
    expect(utf8Length(body)).toBeLessThan(30_000)
  })

  it('does not put a data string into a code span', () => {
    expect(body).toContain('config cfg/\\`evil\\`\\|\\.yml')
  })
})

describe('renderMarkdown: the size budget', () => {
  const huge = largeReport()

  it('keeps 100k problems and 5k annotators under the limit', () => {
    const body = renderMarkdown(huge)
    expect(body.length).toBeLessThanOrEqual(65_000)
    expect(utf8Length(body)).toBeLessThanOrEqual(65_000)
    expect(occurrences(body, REPORT_MARKER)).toBe(1)
    // True counts, grouped by kind: 100,000 rows of two messages are two rows.
    expect(body).toContain(
      'Data problems: 66,666 errors, 33,334 warnings in 2 kinds'
    )
    expect(body).toContain('| 66,666 |')
    expect(body).toContain('and 4,950 more annotators')
    // 40 labels: the largest confusions, not a 40-column matrix.
    expect(body).toContain('Top 10 confusions')
    expectTablesWellFormed(body)
    expectDetailsBalanced(body)
  })

  it('drops pairwise tables first, never the problems, when the body would not fit', () => {
    const full = renderMarkdown(huge)
    const limit = utf8Length(full) - 100
    const body = renderMarkdown(huge, { maxLength: limit })
    expect(utf8Length(body)).toBeLessThanOrEqual(limit)
    expect(body).toContain(TRUNCATION_NOTE)
    expect(body).not.toContain('Pairwise agreement')
    expect(body).toContain('Data problems: 66,666 errors')
    expect(body).toContain('lowest accuracy first')
    // The note sits right under the verdict, not at the bottom.
    expect(body.indexOf(TRUNCATION_NOTE)).toBeLessThan(body.indexOf('### '))
  })

  it('drops the later sections as the budget shrinks', () => {
    const body = renderMarkdown(huge, { maxLength: 10_000 })
    expect(utf8Length(body)).toBeLessThanOrEqual(10_000)
    expect(body).not.toContain('Pairwise agreement')
    expect(body).not.toContain('confusions')
    expect(body).toContain('Data problems: 66,666 errors')
    expect(body).toContain(TRUNCATION_NOTE)
    expect(body).toContain('lowest accuracy first')
    expectTablesWellFormed(body)
    expectDetailsBalanced(body)

    const smaller = renderMarkdown(huge, { maxLength: 5_000 })
    expect(utf8Length(smaller)).toBeLessThanOrEqual(5_000)
    expect(smaller).toContain('### ❌ huge\\-0')
    expect(smaller).toContain('**Gates**')
    expect(smaller).toContain('Data problems: 66,666 errors')
  })

  it('cuts many datasets, closing open sections, with a link', () => {
    const one = loadReport('failing')
    const many = {
      ...one,
      datasets: Array.from({ length: 300 }, (_, i) => ({
        ...one.datasets[0]!,
        name: `huge-${i}`
      }))
    }
    const url = 'https://github.com/o/r/actions/runs/1/attempts/1#summary-2'
    const body = renderMarkdown(many, { summaryUrl: url })
    expect(utf8Length(body)).toBeLessThanOrEqual(65_000)
    expect(body.split('\n')[0]).toBe(REPORT_MARKER)
    expect(body).toContain(
      `${TRUNCATION_NOTE}. [Open the job summary](${url}).`
    )
    expect(body).toContain('### ❌ huge\\-0')
    expect(body).not.toContain('### ❌ huge\\-299')
    expect(body.trimEnd().endsWith('</sub>')).toBe(true)
    expectDetailsBalanced(body)
    // The note is outside any collapsed section.
    const before = body.slice(0, body.indexOf(TRUNCATION_NOTE))
    expect(occurrences(before, '<details')).toBe(
      occurrences(before, '</details>')
    )
  })

  it('does not link a summary URL that is not a plain http(s) URL', () => {
    const body = renderMarkdown(huge, {
      maxLength: 12_000,
      summaryUrl: 'javascript:alert(1)'
    })
    expect(body).toContain(TRUNCATION_NOTE)
    expect(body).not.toContain('javascript')
  })

  it('keeps the marker and the note under a tiny budget', () => {
    const body = renderMarkdown(huge, { maxLength: 1_000 })
    expect(utf8Length(body)).toBeLessThanOrEqual(1_000)
    expect(body.startsWith(REPORT_MARKER + '\n')).toBe(true)
    expect(body).toContain(TRUNCATION_NOTE)
  })
})
