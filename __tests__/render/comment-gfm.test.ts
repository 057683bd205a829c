import { describe, expect, it } from '@jest/globals'
import { renderMarkdown } from '../../src/render/markdown/render-markdown.js'
import type { Report } from '../../src/report/types.js'
import { metricLabel } from '../../src/render/shared/metric-labels.js'
import { gfmStructureProblems } from './gfm-structure.js'
import { SCENARIOS } from './scenarios.js'

/** GitHub's limit on a comment body, in characters. */
const COMMENT_LIMIT = 65_536

/** What a reviewer sees without scrolling: the first 40 lines. */
function firstScreen(body: string): string {
  return body.split('\n').slice(0, 40).join('\n')
}

/** The comment as the action posts it (src/action/comment-body.ts). */
function comment(report: Report): string {
  return renderMarkdown(report, {
    summaryUrl: 'https://github.com/owner/repo/actions/runs/1',
    repositoryUrl: 'https://github.com/owner/repo'
  })
}

describe('the structure checker, on bodies GitHub would break', () => {
  it('finds a row with a cell too many, even though the parser pads rows', () => {
    const body = '| a | b |\n| --- | --- |\n| 1 | 2 |\n| 1 | 2 | 3 |\n'
    expect(gfmStructureProblems(body)).toEqual([
      'table row without 2 cells: | 1 | 2 | 3 |'
    ])
  })

  it('finds a row with a cell too few and accepts escaped pipes and code', () => {
    expect(
      gfmStructureProblems('| a | b |\n| --- | --- |\n| 1 |\n')
    ).toHaveLength(1)
    expect(
      gfmStructureProblems('| a | b |\n| --- | --- |\n| x \\| y | `c` |\n')
    ).toEqual([])
  })

  it('finds a table whose delimiter row does not match, left as a paragraph', () => {
    const problems = gfmStructureProblems('| a | b |\n| --- |\n| 1 | 2 |\n')
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^a table that does not parse/)
  })

  it('finds tags the sanitizer strips, block and inline, and stray comments', () => {
    expect(gfmStructureProblems('<div>\n<span>x</span>\n</div>\n')).toEqual([
      '<span> is not kept by GitHub',
      '<span> is not kept by GitHub'
    ])
    expect(gfmStructureProblems('text <style>x</style> text')).toEqual([
      '<style> is not kept by GitHub',
      '<style> is not kept by GitHub'
    ])
    expect(
      gfmStructureProblems('<!-- labelgate:report -->\n<!-- x -->\n')
    ).toHaveLength(1)
    expect(
      gfmStructureProblems(
        '<!-- labelgate:report -->\n<details><summary>s</summary>\n\nx\n</details>\n'
      )
    ).toEqual([])
  })
})

describe('the verdict line of a max_drop gate', () => {
  it('gives the change and the levels it runs between, not the head level alone', () => {
    const top = firstScreen(comment(SCENARIOS.fail!()))
    expect(top).toContain(
      "- ❌ Krippendorff's α: Δ\u00a0-0.102 (0.842 → 0.740), needs Δ\u00a0≥\u00a0-0.020"
    )
  })
})

describe('every comment of the scenario matrix, parsed as GitHub parses it', () => {
  for (const [name, build] of Object.entries(SCENARIOS)) {
    describe(`scenario ${name}`, () => {
      const report = build()
      const body = comment(report)

      it("fits GitHub's comment limit", () => {
        expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
      })

      it('has well-formed tables and only the HTML GitHub keeps', () => {
        expect(gfmStructureProblems(body)).toEqual([])
      })

      it('shows the verdict and every failing error gate in the first 40 lines', () => {
        const top = firstScreen(body)
        expect(top).toContain(
          report.passed ? '## ✅ labelgate passed' : '## ❌ labelgate failed'
        )
        const failing = report.datasets.flatMap((d) =>
          d.gates.filter((g) => g.status === 'fail' && g.severity === 'error')
        )
        expect(failing.length > 0).toBe(!report.passed)
        for (const gate of failing)
          expect(top).toContain(`❌ ${metricLabel(gate.metric)}`)
      })
    })
  }
})
