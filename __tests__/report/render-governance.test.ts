/* eslint-disable no-control-regex -- these tests are about control characters */
import { describe, expect, it } from '@jest/globals'
import type { DriftRow } from '../../src/governance/annotator-drift.js'
import type { AdjudicationRow } from '../../src/governance/adjudication.js'
import {
  REPORT_MARKER,
  TRUNCATION_NOTE,
  renderMarkdown
} from '../../src/render/markdown/render-markdown.js'
import { renderTerminal } from '../../src/render/terminal/render-terminal.js'
import type { DatasetReport, Report } from '../../src/report/types.js'
import { utf8Length } from '../../src/render/markdown/utf8-length.js'
import {
  largeGovernanceReport,
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

/** The first table after the first line that contains `title`. */
function tableAfter(body: string, title: string): string[] {
  const start = body.indexOf(title)
  expect(start).toBeGreaterThanOrEqual(0)
  return markdownTables(body.slice(start))[0]!
}

function cells(row: string): string[] {
  return tableCells(row).map((c) => c.trim())
}

/** The `governance` fixture with its first dataset changed by `edit`. */
function withIntent(edit: (d: DatasetReport) => DatasetReport): Report {
  const report = loadReport('governance')
  return {
    ...report,
    datasets: [edit(report.datasets[0]!), ...report.datasets.slice(1)]
  }
}

function driftRows(n: number): DriftRow[] {
  const template = loadReport('governance').datasets[0]!.annotator_drift[0]!
  return Array.from({ length: n }, (_, i) => ({
    ...template,
    annotator: `rater-${String(i).padStart(3, '0')}`,
    flagged: i < 3
  }))
}

describe('renderMarkdown: annotator drift', () => {
  const body = renderMarkdown(loadReport('governance'))
  const intent = body.slice(0, body.indexOf('### ✅ plain'))

  it('comes after the existing sections of the dataset', () => {
    expect(intent.indexOf('**Annotator drift:**')).toBeGreaterThan(
      intent.indexOf('<summary>Labels (2)</summary>')
    )
    expect(intent.indexOf('**Adjudication queue:**')).toBeGreaterThan(
      intent.indexOf('**Annotator drift:**')
    )
    expect(intent.indexOf('**QC sample:**')).toBeGreaterThan(
      intent.indexOf('**Adjudication queue:**')
    )
  })

  it('says how many annotators are flagged and who is not listed', () => {
    expect(intent).toContain(
      '**Annotator drift:** 2 of 4 annotators in this change flagged ⚠️'
    )
    expect(intent).toContain(
      '1 more annotator without reference items in this change is not listed.'
    )
  })

  it('lists annotators worst first with accuracy, drop, p and kappa', () => {
    const table = tableAfter(intent, '**Annotator drift:**')
    expect(cells(table[0]!)).toEqual([
      'Annotator',
      'Accuracy at base (n)',
      'This change (n)',
      'Head (n)',
      'Δ (change − base)',
      'p (one-sided)',
      'Mean κ base → head'
    ])
    // @team|lead has fewer than 20 reference items in the change: counted, not listed.
    expect(table).toHaveLength(2 + 3)
    expect(intent).toContain(
      '1 annotator with fewer than 20 reference items in the change or at the base is not listed.'
    )
    expect(cells(table[2]!)).toEqual([
      '⚠️ vendor\\_07',
      '92.0% (240)',
      '61.0% (41)',
      '87.5% (281)',
      '-31.0\u00a0pp',
      '< 0.001',
      '0.710 → 0.640'
    ])
    expect(table[3]).toMatch(/^\| ⚠️ &lt;img src=x/)
    expect(cells(table[3]!)[6]).toBe('0.680 → —')
    expect(cells(table[4]!)[0]).toBe('ann\\`01\\` x')
    expect(cells(table[4]!)[4]).toBe('+2.0\u00a0pp')
    expect(intent).not.toContain('new\\_hire |')
  })

  it('is left out without an accuracy in the change', () => {
    const plain = body.slice(body.indexOf('### ✅ plain'))
    expect(plain).not.toContain('Annotator drift')
    for (const name of ['passing', 'failing', 'with-diff'] as const) {
      expect(renderMarkdown(loadReport(name))).not.toContain('Annotator drift')
    }
  })

  it('names the test that gave the p-values, in the comment and the terminal', () => {
    const withTests = (tests: DriftRow['test'][]): Report =>
      withIntent((d) => ({
        ...d,
        annotator_drift: driftRows(tests.length).map((r, i) => ({
          ...r,
          test: tests[i]
        }))
      }))
    const terminal = (r: Report): string =>
      renderTerminal(r, { color: false, width: 400 })
    const z = withTests(['z', 'z'])
    expect(renderMarkdown(z)).toContain(
      '(one-sided two-proportion z-test of accuracy in this change against the base)'
    )
    expect(terminal(z)).toContain(
      '; one-sided two-proportion z-test of this change against the base)'
    )
    const exact = withTests(['fisher-exact', 'fisher-exact'])
    expect(renderMarkdown(exact)).toContain(
      "(one-sided Fisher's exact test of accuracy in this change"
    )
    expect(renderMarkdown(exact)).not.toContain('z-test')
    expect(terminal(exact)).toContain("; one-sided Fisher's exact test of")
    const mixed = withTests(['z', 'fisher-exact'])
    expect(renderMarkdown(mixed)).toContain(
      "(one-sided two-proportion z-test, or Fisher's exact test where counts are small, of accuracy"
    )
  })

  it('lists annotators with enough items in one section, open when one is flagged', () => {
    const some = renderMarkdown(
      withIntent((d) => ({ ...d, annotator_drift: driftRows(25) }))
    )
    expect(some).toContain('3 of 25 annotators in this change flagged ⚠️')
    expect(some).toContain(
      '<details open><summary>Drift per annotator (25 with 20+ reference items)</summary>'
    )
    expect(tableAfter(some, 'Drift per annotator (25')).toHaveLength(2 + 25)

    const many = renderMarkdown(
      withIntent((d) => ({ ...d, annotator_drift: driftRows(80) }))
    )
    expect(tableAfter(many, 'Drift per annotator (80')).toHaveLength(2 + 50)
    expect(many).toContain('_and 30 more annotators._')
    expectDetailsBalanced(many)
  })

  it('is folded when nobody is flagged, and leaves out annotators with few items', () => {
    const calm = renderMarkdown(
      withIntent((d) => ({
        ...d,
        annotator_drift: driftRows(25).map((r, i) => ({
          ...r,
          flagged: false,
          changed: i < 5 ? { ...r.changed, n: 3 } : r.changed
        }))
      }))
    )
    expect(calm).toContain(
      '<details><summary>Drift per annotator (20 with 20+ reference items)</summary>'
    )
    expect(calm).toContain(
      '5 annotators with fewer than 20 reference items in the change or at the base are not listed.'
    )
  })
})

describe('renderMarkdown: adjudication queue', () => {
  const body = renderMarkdown(loadReport('governance'))

  it('has one line with the counts and points to the file', () => {
    expect(body).toContain(
      '**Adjudication queue:** 5 items need a decision among the items this ' +
        'change touched: 2 ties, 2 low-share, 2 disagree with the reference; ' +
        '2 decided by the tie-breaker. The full queue is in the adjudication ' +
        "file (the action's `adjudication` output; the CLI's `--adjudication FILE`)."
    )
    expect(body).toContain(
      '**Adjudication queue:** no item needs a decision among all items.'
    )
  })

  it('has a collapsed table of the queued items', () => {
    expect(body).toContain('<summary>First 5 of 5 queued items</summary>')
    const table = tableAfter(body, 'First 5 of 5 queued items')
    expect(table).toHaveLength(2 + 5)
    expect(cells(table[0]!)).toEqual([
      'Item',
      'Reasons',
      'Majority (share)',
      'Reference',
      'Decision',
      'Votes'
    ])
    // Natural order of the item ids; find each row by its id.
    const row = (id: string): string[] =>
      cells(table.find((r) => cells(r)[0] === id)!)
    expect(row('a\\|b c \\`code\\`')).toEqual([
      'a\\|b c \\`code\\`',
      'tie',
      '— (50.0%)',
      '—',
      'refund (senior @\u200Bteam\\|lead)',
      'billing\u00a01 · refund\u00a01'
    ])
    expect(row('i\\-0007').slice(1, 5)).toEqual([
      'tie, low share',
      '— (33.3%)',
      'billing',
      'billing (reference)'
    ])
    const last = cells(table.find((r) => r.includes('@\u200Beveryone'))!)
    expect(last[1]).toBe('disagrees with the reference')
    expect(last[3]).toBe('@\u200Beveryone')
  })

  it('shows 20 rows and a few labels per item', () => {
    const template = loadReport('governance').datasets[0]!.adjudication!
    const row = template.rows[2]!
    const rows: AdjudicationRow[] = Array.from({ length: 30 }, (_, i) => ({
      ...row,
      item: `i-${i}`,
      labels: Object.fromEntries(
        Array.from({ length: 9 }, (_, a) => [`a${a}`, 'billing'])
      )
    }))
    const out = renderMarkdown(
      withIntent((d) => ({
        ...d,
        adjudication: { ...template, total: 1_234, rows }
      }))
    )
    const table = tableAfter(out, 'First 20 of 1,234 queued items')
    expect(table).toHaveLength(2 + 20)
    // Vote counts, not who voted what.
    expect(cells(table[2]!)[5]).toBe('billing\u00a09')
    expect(out).toContain('_and 1,214 more items in the file._')
  })
})

describe('renderMarkdown: QC sample', () => {
  const body = renderMarkdown(loadReport('governance'))

  it('has one line with the size, the formula and the strata', () => {
    expect(body).toContain(
      '**QC sample:** 8 of 20 annotations · Cochran: ±20.0% at 80.0% ' +
        'confidence (p = 0.50, z = 1.282): n0 = 10.3 → n = 8 with the finite ' +
        'population correction · 5 strata (label × annotator). The sampled ' +
        'annotations are in the QC sample file, not in this comment'
    )
    expect(body).toContain(
      '**QC sample:** 3 of 30 annotations · a fixed size · 1 stratum (label × annotator).'
    )
  })

  it('has a collapsed strata table, not the sampled rows', () => {
    const table = tableAfter(body, 'Strata (5, by label then annotator)')
    expect(table).toHaveLength(2 + 5)
    expect(cells(table[2]!)).toEqual([
      '\\`\\`\\` &lt;/details&gt;  \\# pwned',
      '&lt;img src=x onerror=alert\\(1\\)&gt;',
      '2',
      '1'
    ])
    expect(body).not.toContain('i\\-0003')
    expect(body).not.toContain('i\\-0052')
  })

  it('bounds the strata table', () => {
    const template = loadReport('governance').datasets[0]!.qc_sample!
    const strata = Array.from({ length: 70 }, (_, i) => ({
      label: `l${i}`,
      annotator: 'a',
      population: 2,
      sampled: 1
    }))
    const out = renderMarkdown(
      withIntent((d) => ({ ...d, qc_sample: { ...template, strata } }))
    )
    expect(tableAfter(out, 'Strata (70,')).toHaveLength(2 + 50)
    expect(out).toContain('_and 20 more strata._')
  })
})

describe('renderMarkdown: governance sections with hostile strings', () => {
  const body = renderMarkdown(loadReport('governance'))

  it('lets no raw HTML, mention or break through', () => {
    expect(body).not.toContain('<img')
    expect(body).not.toMatch(/@(team|everyone)/)
    expect(body).not.toMatch(/(^|[^\\])# pwned/m)
    expect(occurrences(body, REPORT_MARKER)).toBe(1)
    expect(body).not.toContain('\nc `code`')
    expect(body).not.toContain('\nx |')
  })

  it('keeps every table at its column count and sections balanced', () => {
    expectTablesWellFormed(body)
    expectDetailsBalanced(body)
  })

  it('renders reports written before these fields', () => {
    const old = withIntent((d) => {
      const copy: Partial<DatasetReport> = { ...d }
      delete copy.adjudication
      delete copy.qc_sample
      delete copy.annotator_drift
      return copy as DatasetReport
    })
    const out = renderMarkdown(old)
    expect(out.slice(0, out.indexOf('### ✅ plain'))).not.toMatch(
      /Annotator drift|Adjudication queue|QC sample/
    )
    expect(renderTerminal(old, { color: false })).toContain('intent')
  })
})

describe('renderMarkdown: governance sections and the size budget', () => {
  const huge = largeGovernanceReport()

  it('keeps 10k queued items and 2k drift rows under the limit', () => {
    const body = renderMarkdown(huge)
    expect(utf8Length(body)).toBeLessThanOrEqual(65_000)
    expect(body.split('\n')[0]).toBe(REPORT_MARKER)
    expect(body).toContain(
      '**Annotator drift:** 100 of 2,000 annotators in this change flagged ⚠️'
    )
    expect(body).toContain('**Adjudication queue:** 10,000 items need')
    expect(body).toContain('**QC sample:** 5,000 of 50,000 annotations')
    expect(body).toContain(
      "| Krippendorff's α <sub>`krippendorff_alpha`</sub> |"
    )
    expect(body).not.toContain('<img')
    expectTablesWellFormed(body)
    expectDetailsBalanced(body)
  })

  it('drops the governance tables before gates and metrics', () => {
    const body = renderMarkdown(huge, { maxLength: 12_000 })
    expect(utf8Length(body)).toBeLessThanOrEqual(12_000)
    expect(body).toContain(TRUNCATION_NOTE)
    expect(body).not.toContain('queued items</summary>')
    expect(body).not.toContain('<summary>Strata')
    expect(body).not.toContain('Drift per annotator')
    expect(body).toContain('**Adjudication queue:** 10,000 items need')
    expect(body).toContain('**QC sample:** 5,000 of 50,000 annotations')
    expect(body).toContain('(rows left out to fit the size limit)')
    expectTablesWellFormed(body)
    expectDetailsBalanced(body)

    const smaller = renderMarkdown(huge, { maxLength: 6_000 })
    expect(utf8Length(smaller)).toBeLessThanOrEqual(6_000)
    expect(smaller).not.toContain('| Annotator | Accuracy at base (n)')
    expect(smaller).toContain('**Annotator drift:** 100 of 2,000')
    expect(smaller).toContain('**Adjudication queue:** 10,000 items need')
    expect(smaller).toContain('**QC sample:** 5,000 of 50,000 annotations')
    expect(smaller).toContain('| Metric | Head (95% interval) | n |')
    expect(smaller).toContain(
      "Krippendorff's α <sub>`krippendorff_alpha`</sub>"
    )
    expectTablesWellFormed(smaller)
    expectDetailsBalanced(smaller)
  })

  it('shortens the governance tables first under a moderate budget', () => {
    const full = renderMarkdown(huge)
    const body = renderMarkdown(huge, { maxLength: utf8Length(full) - 100 })
    expect(body).toContain(TRUNCATION_NOTE)
    // The chart, pairwise and confusion tables go first; the governance tables are still there.
    expect(body).toContain('queued items</summary>')
    expect(body).toContain('| Annotator | Accuracy at base (n)')
  })
})

describe('renderTerminal: governance sections', () => {
  // Wide enough for the long governance lines: these tests are about content.
  const out = renderTerminal(loadReport('governance'), {
    color: false,
    width: 400
  })
  const lines = out.split('\n')

  /** The lines after the one that starts with `title`, up to a blank line. */
  function block(title: string): string[] {
    const start = lines.findIndex((l) => l.startsWith(title))
    expect(start).toBeGreaterThanOrEqual(0)
    const end = lines.findIndex((l, i) => i > start && l.trim() === '')
    return lines.slice(start, end === -1 ? undefined : end)
  }

  it('lists drift worst first, flagged rows marked', () => {
    const drift = block('  Annotator drift')
    expect(drift[0]).toBe(
      '  Annotator drift (2 of 4 annotators in this change flagged; one-sided test of this change against the base)'
    )
    expect(drift).toHaveLength(2 + 4)
    expect(drift[2]).toMatch(
      /^ {4}FLAGGED +vendor_07 +92\.0% \(240\) +61\.0% \(41\) +87\.5% \(281\) +-31\.0 pp +< 0\.001 +0\.710 → 0\.640$/
    )
    expect(drift[3]).toMatch(/^ {4}FLAGGED +<img src=x onerror=alert\(1\)> /)
    expect(drift[4]).toMatch(/^ {13}@team\|lead /)
    expect(drift[5]).toContain('ann`01` x')
  })

  it('shows at most 10 drift rows', () => {
    const many = renderTerminal(
      withIntent((d) => ({ ...d, annotator_drift: driftRows(25) })),
      { color: false }
    )
    expect(many).toContain('rater-009')
    expect(many).not.toContain('rater-010')
    expect(many).toContain('    and 15 more annotators')
  })

  it('gives the adjudication counts and the first items with reasons', () => {
    const queue = block('  Adjudication queue')
    expect(queue[0]).toBe(
      '  Adjudication queue: 5 items need a decision among the items this change touched: 2 ties, 2 low-share, 2 disagree with the reference; 2 decided by the tie-breaker'
    )
    expect(queue[1]).toBe('    the full queue: --adjudication FILE')
    expect(queue[2]).toMatch(
      /^ {4}item +reasons +majority +reference +decision$/
    )
    expect(queue).toHaveLength(3 + 5)
    expect(queue[3]).toMatch(/^ {4}a\|b c `code` +tie +— +— +refund$/)
    expect(queue[4]).toMatch(/^ {4}i-0007 +tie, low share +/)
    expect(out).toContain(
      '  Adjudication queue: no item needs a decision among all items'
    )
  })

  it('gives the QC sample in one line', () => {
    expect(out).toContain(
      '  QC sample: 8 of 20 annotations · Cochran: ±20.0% at 80.0% confidence (p = 0.50, z = 1.282): n0 = 10.3 → n = 8 with the finite population correction · 5 strata (label × annotator)'
    )
    expect(out).toContain('    the sampled annotations: --qc-sample FILE')
    expect(out).not.toContain('i-0003')
  })

  it('keeps data on one line, without control characters', () => {
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/)
    expect(out).not.toContain('\nx ')
    expect(out).not.toContain('\nc `code`')
  })

  it('colours the flag only when asked', () => {
    const colored = renderTerminal(loadReport('governance'), {
      color: true,
      width: 400
    })
    expect(colored).toContain('\u001b[33mFLAGGED\u001b[39m')
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(out)
  })

  it('stays bounded with 10k queued items and 2k drift rows', () => {
    const big = renderTerminal(largeGovernanceReport(), { color: false })
    expect(big).toContain('    and 1,990 more annotators')
    expect(big).toContain('    and 9,990 more items')
    expect(big).toContain('5,000 strata')
    expect(big.length).toBeLessThan(200_000)
  })
})
