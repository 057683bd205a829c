import { describe, expect, it } from '@jest/globals'
import { renderTerminal } from '../../src/render/terminal/render-terminal.js'
import { loadReport } from './report-fixtures.js'

/** The lines after the one that contains `title`, up to the next blank line. */
function section(out: string, title: string): string[] {
  const lines = out.split('\n')
  const start = lines.findIndex((l) => l.includes(title))
  expect(start).toBeGreaterThanOrEqual(0)
  const end = lines.findIndex((l, i) => i > start && l.trim() === '')
  return lines.slice(start + 1, end === -1 ? undefined : end)
}

/**
 * A table too wide for the terminal used to be cut at the right edge, which
 * drops its last columns: the values, not just some padding.
 */
describe('renderTerminal: wide tables keep their last columns at 100 columns', () => {
  it('annotator drift: every row keeps its Δ, p and kappa', () => {
    const out = renderTerminal(loadReport('governance'), { color: false })
    const table = section(out, 'Annotator drift').filter(
      (l) => !l.startsWith('    the base')
    )
    const rows = table.filter((l) => /\d+\.\d% \(\d+\)/.test(l))
    expect(rows.length).toBeGreaterThan(0)
    for (const line of table) expect([...line].length).toBeLessThanOrEqual(100)
    for (const row of rows) {
      expect(row).not.toMatch(/…$/)
      // Δ change − base, then p, then mean kappa base → head.
      expect(row).toMatch(/[-+±]\d+\.\d pp {2,}\S.* {2,}\S+ → \S+$/)
    }
  })

  it('label shift: a long label is cut, not the Δ share column', () => {
    const report = loadReport('with-diff')
    const shift = report.datasets[0]!.label_shift!
    shift.labels[0] = `positive_${'x'.repeat(60)}`
    const out = renderTerminal(report, { color: false })
    const rows = section(out, 'label shift:').slice(1)
    expect(rows).toHaveLength(4)
    for (const row of rows) {
      expect([...row].length).toBeLessThanOrEqual(100)
      expect(row).toMatch(/[-+±]\d+\.\d pp$/)
    }
  })

  it('problems: a long message is wrapped under its file, not cut', () => {
    const report = loadReport('failing')
    const message =
      "conflicting reference labels for item 'i-0042': 'negative' at data/gold/gold.csv:2 and 'positive' at data/gold/gold.csv:32"
    report.datasets[0]!.problems.push({
      severity: 'error',
      file: 'data/gold/gold.csv',
      line: 32,
      message
    })
    const out = renderTerminal(report, { color: false })
    const lines = section(out, 'Problems')
    for (const line of lines) {
      expect([...line].length).toBeLessThanOrEqual(100)
      expect(line).not.toMatch(/…$/)
    }
    const at = lines.findIndex((l) => l.endsWith('data/gold/gold.csv:32'))
    expect(at).toBeGreaterThanOrEqual(0)
    const wrapped = lines
      .slice(at + 1, at + 3)
      .map((l) => l.trim())
      .join(' ')
    expect(wrapped).toBe(message)
  })
})
