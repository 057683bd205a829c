import { describe, expect, it } from '@jest/globals'
import {
  REPORT_MARKER,
  TRUNCATION_NOTE,
  renderMarkdown
} from '../../src/report/render-markdown.js'
import { utf8Length } from '../../src/report/utf8-length.js'
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
    expect(body).toContain('1 dataset · head `worktree` (no base)')
  })

  it('has a gates table with one row per gate', () => {
    const gates = tableAfter(body, '| Metric | Bound')
    expect(gates).toHaveLength(2 + 2)
    expect(gates[2]).toContain('`krippendorff_alpha`')
    expect(gates[2]).toContain('0.800')
    expect(gates[2]).toContain('0.862')
    expect(gates[2]).toContain('✅ pass')
    expect(gates[3]).toContain('10.0%')
  })

  it('has a metrics table with values, intervals and n', () => {
    const metrics = tableAfter(body, '| Metric | Value')
    expect(metrics).toHaveLength(2 + 9)
    const accuracy = metrics.find((r) => r.includes('`accuracy`'))!
    expect(tableCells(accuracy).map((c) => c.trim())).toEqual([
      '`accuracy`',
      '93.2%',
      '[91.3%, 94.7%]',
      '300',
      '880'
    ])
    const cohen = metrics.find((r) => r.includes('`cohen_kappa`'))!
    expect(cohen).toContain('—¹')
    expect(body).toContain(
      '¹ cohen\\_kappa needs exactly two annotators; there are 3'
    )
  })

  it('has collapsible detail sections', () => {
    expect(body).toContain(
      '<details><summary>Annotators (3, lowest accuracy first)</summary>'
    )
    expect(body).toContain('Per-class precision, recall and F1 (3 classes)')
    expect(body).toContain('Confusion matrix (3 labels)')
    expect(body).toContain('Pairwise agreement (3 pairs')
    expect(body).not.toContain('Problems:')
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
    expect(body).toContain('## ❌ labelgate failed')
    expect(body).toContain('1 dataset · base `3f2c1ab` → head `9ab1c2d`')
    expect(body).toContain('(from the base)')
  })

  it('lists the notes', () => {
    expect(body).toContain('- config read from the base commit')
  })

  it('shows base, head, delta and this change', () => {
    const metrics = tableAfter(body, '| Metric | Base')
    expect(tableCells(metrics[0]!).map((c) => c.trim())).toEqual([
      'Metric',
      'Base',
      'Head',
      'Δ',
      'This change',
      '95% interval',
      'Items',
      'n'
    ])
    const alpha = metrics.find((r) => r.includes('`krippendorff_alpha`'))!
    expect(
      tableCells(alpha)
        .map((c) => c.trim())
        .slice(1, 5)
    ).toEqual(['0.842', '0.740', '-0.102', '0.410'])
    const errorRate = metrics.find((r) => r.includes('`error_rate`'))!
    expect(errorRate).toContain('+3.3 pp')
    expect(errorRate).toContain('25.0%')
  })

  it('marks each gate with its outcome', () => {
    const gates = tableAfter(body, '| Metric | Bound').slice(2)
    expect(gates).toHaveLength(7)
    const status = gates.map((r) => tableCells(r)[4]!.trim())
    expect(status).toEqual([
      '❌ fail',
      '❌ fail',
      '⚠️ fail',
      '❌ fail',
      '❌ undefined',
      '✅ pass',
      '❌ fail'
    ])
    expect(gates[1]).toContain('0.020')
    expect(gates[6]).toContain('vendor\\_07')
  })

  it('shows the counts and the diff', () => {
    expect(body).toContain(
      '- **Head:** 1,240 items · 4 annotators · 3,720 annotations'
    )
    expect(body).toContain('- **Base:** 1,200 items')
    expect(body).toContain(
      '- **Change:** 40 items added, 0 removed · 120 annotations added, 3 removed · 17 labels changed'
    )
  })

  it('lists problems errors first, open because there are errors', () => {
    expect(body).toContain(
      '<details open><summary>Problems: 1 error, 1 warning</summary>'
    )
    const rows = tableAfter(body, '| Severity').slice(2)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('data/sentiment/annotations\\.csv:17')
    expect(rows[1]).toContain('⚠️ warning')
  })

  it('puts annotators without accuracy last, with the reason', () => {
    const rows = tableAfter(body, '| Annotator | Annotations').slice(2)
    expect(tableCells(rows[0]!)[0]!.trim()).toBe('vendor\\_07')
    expect(tableCells(rows[3]!)[0]!.trim()).toBe('new\\_hire')
    expect(rows[3]).toContain('—¹')
    expectTablesWellFormed(body)
  })
})

describe('renderMarkdown: undefined metrics and several datasets', () => {
  const body = renderMarkdown(loadReport('null-metrics'))

  it('writes each distinct reason once as a footnote', () => {
    expect(
      occurrences(body, 'no reference labels are configured')
    ).toBeLessThanOrEqual(2)
    expect(body).toContain('—¹')
    expect(body).toContain('no pairable unit')
  })

  it('has an overview table of the datasets', () => {
    const overview = tableAfter(body, '| Dataset')
    expect(overview).toHaveLength(2 + 2)
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
    expect(body).toContain('Problems: 66,666 errors, 33,334 warnings')
    expect(body).toContain('and 4,950 more annotators')
    expect(body).toContain('and 99,950 more problems')
    expect(body).toContain('28 labels with the fewest annotations')
    expectTablesWellFormed(body)
    expectDetailsBalanced(body)
  })

  it('drops detail, problem rows first, when the body would not fit', () => {
    const full = renderMarkdown(huge)
    const limit = utf8Length(full) - 100
    const body = renderMarkdown(huge, { maxLength: limit })
    expect(utf8Length(body)).toBeLessThanOrEqual(limit)
    expect(body).toContain(TRUNCATION_NOTE)
    expect(body).not.toContain('and 99,950 more problems')
    expect(body).toContain('and 99,990 more problems')
    expect(body).toContain('Pairwise agreement')
    expect(body).toContain('lowest accuracy first')
  })

  it('drops the later sections as the budget shrinks', () => {
    const body = renderMarkdown(huge, { maxLength: 10_000 })
    expect(utf8Length(body)).toBeLessThanOrEqual(10_000)
    expect(body).not.toContain('Pairwise agreement')
    expect(body).not.toContain('Confusion matrix')
    expect(body).toContain('rows left out to fit the comment limit')
    expect(body).toContain(TRUNCATION_NOTE)
    expect(body).toContain('lowest accuracy first')
    expectTablesWellFormed(body)
    expectDetailsBalanced(body)

    const smaller = renderMarkdown(huge, { maxLength: 5_000 })
    expect(utf8Length(smaller)).toBeLessThanOrEqual(5_000)
    expect(smaller).not.toContain('lowest accuracy first')
    expect(smaller).toContain('### ❌ huge\\-0')
    expect(smaller).toContain('| `krippendorff_alpha` | min |')
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
