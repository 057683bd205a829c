import { describe, expect, it } from '@jest/globals'
import { gateSchema } from '../../src/config/schema.js'
import { evaluateGates } from '../../src/gates/evaluate-gates.js'
import { renderMarkdown } from '../../src/render/markdown/render-markdown.js'
import { renderTerminal } from '../../src/render/terminal/render-terminal.js'
import type { VersionReport } from '../../src/report/types.js'
import { loadReport } from '../report/report-fixtures.js'

/**
 * A gate already breached at the base and made a little worse by the change
 * fails; the reviewer must read that the breach is older than the change, in
 * the verdict and beside the gate, with digits that show the step.
 */
function reportWith(baseAlpha: number, headAlpha: number) {
  const report = loadReport('failing')
  const d = report.datasets[0]!
  const at = (value: number): VersionReport => ({
    ...structuredClone(d.head),
    metrics: { krippendorff_alpha: { value, n_items: 100 } }
  })
  d.gates = evaluateGates(
    { krippendorff_alpha: gateSchema.parse({ min: 0.2 }) },
    { head: at(headAlpha), base: at(baseAlpha), changed: null, judge: 'change' }
  )
  d.problems = []
  return report
}

const plain = (text: string): string =>
  text.replace(/\\(.)/g, '$1').replaceAll('\u00a0', ' ')

describe('a breach the change deepened but did not cause', () => {
  it('says so in the verdict, the gates table and the terminal', () => {
    const report = reportWith(0.15223, 0.15202)
    expect(report.datasets[0]!.gates[0]!.status).toBe('fail')
    // As read: escapes dropped, no-break spaces as spaces.
    const body = plain(renderMarkdown(report))
    const clause = 'already breached at the base: 0.1522 → 0.1520'
    const verdict = body.slice(0, body.indexOf('### '))
    expect(verdict).toContain(`needs ≥ 0.200 (${clause})`)
    const row = body.split('\n').find((l) => l.startsWith('| Krippendorff'))
    expect(row).toContain(clause)
    // On a narrow terminal too: a detail that does not fit goes on a line of
    // its own rather than being cut with an ellipsis.
    for (const width of [100, 72]) {
      const out = plain(renderTerminal(report, { color: false, width }))
      expect(out).toContain(clause)
      for (const line of out.split('\n'))
        expect([...line].length).toBeLessThanOrEqual(width)
    }
  })

  it('adds nothing to a breach the change caused', () => {
    const body = plain(renderMarkdown(reportWith(0.25, 0.15)))
    expect(body).toContain("Krippendorff's α: 0.150, needs ≥ 0.200\n")
    expect(body).not.toContain('at the base too')
  })
})
