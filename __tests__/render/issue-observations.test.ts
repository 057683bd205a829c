/* eslint-disable no-control-regex -- the terminal tests are about escape codes */
import { describe, expect, it } from '@jest/globals'
import { annotateProblems } from '../../src/action/annotate-problems.js'
import type { Problem } from '../../src/model/problem.js'
import { renderMarkdown } from '../../src/render/markdown/render-markdown.js'
import { renderTerminal } from '../../src/render/terminal/render-terminal.js'
import type { Report } from '../../src/report/types.js'
import { metricLabel } from '../../src/render/shared/metric-labels.js'
import {
  loadReport,
  markdownTables,
  tableCells
} from '../report/report-fixtures.js'
import { expectWellFormedComment } from './comment-structure.js'
import {
  HEAD_SHA,
  manyProblemsScenario,
  manyRelabelsScenario,
  manyWarningsScenario,
  SCENARIOS,
  threeDatasetsScenario,
  twentyLabelsScenario
} from './scenarios.js'

/** What a reviewer sees without scrolling: the first 40 lines. */
function firstScreen(body: string): string {
  return body.split('\n').slice(0, 40).join('\n')
}

const NBSP = '\u00a0'

describe('the 12 observations of the comment and the terminal report, replayed', () => {
  it('1: a failing error gate is never hidden behind warnings or counted into "N more"', () => {
    const body = renderMarkdown(manyWarningsScenario())
    // The label shift failure and every drift failure are rows in the open table.
    const open = body.slice(0, body.indexOf('<details'))
    expect(open).toContain('Label shift (Jensen-Shannon distance)')
    for (let i = 0; i < 33; i++) expect(open).toContain(`drifter\\-${i} |`)
    expect(body).not.toMatch(/more gate rows that passed or are not shown/)
    // Errors before warnings.
    expect(open.indexOf('drifter\\-0')).toBeLessThan(open.indexOf('warn\\-0'))
    // And the verdict names both.
    const top = firstScreen(body)
    expect(top).toContain(
      'Label shift (Jensen-Shannon distance): 0.117, needs ≤'
    )
    expect(top).toContain('Accuracy drift per annotator: 33 annotators, worst')
  })

  it('2: truncation drops charts and tables first, keeps the problems, and says so under the verdict', () => {
    const report = twentyLabelsScenario()
    report.datasets[0]!.problems = manyProblemsScenario().datasets[0]!.problems
    report.passed = false
    const full = renderMarkdown(report)
    expect(full).toContain('```mermaid')
    const cut = renderMarkdown(report, {
      maxLength: full.length - 200,
      summaryUrl: 'https://github.com/o/r/actions/runs/1'
    })
    expect(cut).not.toContain('```mermaid')
    expect(cut).toContain('Data problems: 1,123 errors')
    const noteLine = cut
      .split('\n')
      .findIndex((l) => l.includes('Report truncated'))
    expect(noteLine).toBeGreaterThan(0)
    expect(noteLine).toBeLessThan(
      cut.split('\n').findIndex((l) => l.startsWith('### '))
    )
    expect(cut).toContain(
      '[Open the job summary](https://github.com/o/r/actions/runs/1)'
    )
  })

  it('3: problems are grouped by kind with true counts (a reader\'s "and 123 more" is 123)', () => {
    const body = renderMarkdown(manyProblemsScenario())
    expect(body).toContain('## ❌ labelgate failed: 5 gates, 1,123 data errors')
    expect(body).toContain('Data problems: 1,123 errors, 0 warnings in')
    const table = markdownTables(body.slice(body.indexOf('Data problems')))[0]!
    // Six messages and the counted rest: a handful of rows, not 1,000.
    expect(table.length - 2).toBeLessThanOrEqual(7)
    const counts = table
      .slice(2)
      .map((r) => Number(tableCells(r)[2]!.trim().replace(/,/g, '')))
    expect(counts.reduce((s, n) => s + n, 0)).toBe(1123)
  })

  it('4: with several datasets the failing one comes first; passing ones are one line each', () => {
    const body = renderMarkdown(threeDatasetsScenario())
    const lines = body.split('\n')
    const overview = lines.filter((l) => /^- [✅❌] \*\*/.test(l))
    expect(overview[0]).toMatch(
      /^- ❌ \*\*gamma\*\*: 5 failing gates, 1 gate warning/
    )
    expect(overview).toHaveLength(3)
    expect(body).toContain('### ❌ gamma')
    expect(body).not.toContain('### ✅ alpha')
    expect(body).not.toContain('### ✅ beta')
  })

  it('5: one unit convention: differences signed, head − base, pp for proportions', () => {
    const body = renderMarkdown(manyWarningsScenario())
    const row = body.split('\n').find((l) => l.includes('drifter\\-0 |'))!
    const cells = tableCells(row).map((c) => c.trim())
    // The drift row: accuracy fell 16 pp in the change; the limit is a 15 pp fall.
    expect(cells[1]).toBe(`-16.0${NBSP}pp`)
    expect(cells[2]).toBe(`Δ${NBSP}≥${NBSP}-15.0${NBSP}pp`)
    const failing = renderMarkdown(loadReport('failing'))
    const metrics = failing
      .split('\n')
      .find((l) => l.includes('<sub>`error_rate`</sub>') && l.includes('pp'))!
    expect(metrics).toContain(`+3.3${NBSP}pp`)
    expect(failing).not.toMatch(/Drop \(base/)
  })

  it('6: the drift table lists only annotators with enough items, folded unless flagged', () => {
    const report = manyWarningsScenario()
    const d = report.datasets[0]!
    d.annotator_drift = d.annotator_drift.map((r, i) => ({
      ...r,
      flagged: false,
      changed: { ...r.changed, n: i < 30 ? 1 : 40 }
    }))
    const body = renderMarkdown(report)
    expect(body).toContain(
      '<details><summary>Drift per annotator (3 with 20+ reference items)</summary>'
    )
    expect(body).toContain(
      '30 annotators with fewer than 20 reference items in the change or at the base are not listed.'
    )
  })

  it('7: the class-share chart only when a share moved ≥ 1 pp, as horizontal bars of the top movers', () => {
    const body = renderMarkdown(twentyLabelsScenario())
    const chart = body.slice(body.indexOf('```mermaid'))
    expect(chart).toContain('xychart-beta horizontal')
    const bars = /bar \[([^\]]*)\]/.exec(chart)![1]!.split(', ')
    expect(bars.length).toBeLessThanOrEqual(10)
    for (const b of bars) expect(Number(b)).toBeGreaterThanOrEqual(1)
    // The chart comes after the gates and the problems.
    expect(body.indexOf('```mermaid')).toBeGreaterThan(
      body.indexOf('**Gates**')
    )
  })

  it('8: a confusion matrix wider than 6 labels is shown as its top confusions', () => {
    const body = renderMarkdown(twentyLabelsScenario())
    expect(body).toContain(
      'Top 10 confusions (reference → annotator label; 12 labels)'
    )
    for (const table of markdownTables(body)) {
      expect(tableCells(table[0]!).length).toBeLessThanOrEqual(7)
    }
  })

  it('9: coefficients that cannot apply are left out with one line; human names; no wrapping inside values', () => {
    const report = loadReport('failing')
    report.datasets[0]!.head.counts.annotators = 176
    const body = renderMarkdown(report)
    expect(body).toContain(
      "Cohen's κ: needs exactly 2 annotators; this dataset has 176"
    )
    expect(body).not.toMatch(/\| Cohen's κ <sub>/)
    expect(body).toContain(
      "| Krippendorff's α <sub>`krippendorff_alpha`</sub> |"
    )
    expect(body).toContain(`91.8%${NBSP}(89.8–93.4)`)
    expect(body).not.toContain('[89.8%, 93.4%]')
  })

  it('10: vote counts, natural sort of ids, problem locations linked at the head commit', () => {
    const relabels = renderMarkdown(manyRelabelsScenario())
    const table = markdownTables(
      relabels.slice(relabels.indexOf('Relabeled annotations (showing'))
    )[0]!
    const ids = table.slice(2).map((r) => tableCells(r)[0]!.trim())
    expect(ids.slice(0, 3)).toEqual(['1\\_', '2\\_', '3\\_'])
    const problems = renderMarkdown(manyProblemsScenario(), {
      repositoryUrl: 'https://github.com/o/r'
    })
    expect(problems).toContain(
      `[data/sentiment/annotations\\.csv:2](https://github.com/o/r/blob/${HEAD_SHA}/data/sentiment/annotations.csv#L2)`
    )
    // Labels that are old names of migrated categories: the next step is `labelgate migrate`.
    expect(firstScreen(problems)).toContain(
      "run `labelgate migrate`: 'neg', 'pos' are old names"
    )
    const governance = renderMarkdown(loadReport('governance'))
    expect(governance).toContain('| Votes |')
  })

  it('11: terminal: failures first, width-aware, annotator rows capped, a closing verdict line', () => {
    const report = manyWarningsScenario()
    const out = renderTerminal(report, { color: true })
    const plain = out.replace(/\u001b\[\d+m/g, '')
    const lines = plain.trimEnd().split('\n')
    expect(lines.at(-1)).toBe('FAILED: 34 gates (exit 1)')
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(100)
    const gates = lines.slice(lines.indexOf('  Gates') + 1)
    expect(gates[0]).toMatch(/^ {4}FAIL +Label shift \(JSD\) /)
    expect(plain).toContain(
      'and 23 more Accuracy drift per annotator (annotator.drift) rows'
    )
    expect(plain).toContain(
      'and 19 more Accuracy per annotator (annotator.accuracy) rows'
    )
    const yellowFailures = out
      .split('\n')
      .filter((l) => l.includes('\u001b[33m') && /\bFAIL\b/.test(l))
    expect(yellowFailures).toEqual([])
  })

  it('12: annotations are budgeted per step across datasets, with one notice', () => {
    const problems = (file: string): Problem[] =>
      Array.from({ length: 12 }, (_, i) => ({
        severity: 'error' as const,
        file,
        line: i + 2,
        message: `bad ${i}`
      }))
    const report: Report = threeDatasetsScenario()
    report.datasets.forEach((d, i) => (d.problems = problems(`data/${i}.csv`)))
    const calls: string[] = []
    annotateProblems(
      report.datasets.flatMap((d) => d.problems),
      {
        error: (m) => calls.push(`error ${m}`),
        warning: (m) => calls.push(`warning ${m}`),
        notice: (m) => calls.push(`notice ${m}`)
      }
    )
    expect(calls.filter((c) => c.startsWith('error'))).toHaveLength(10)
    expect(calls.filter((c) => c.startsWith('notice'))).toHaveLength(1)
    expect(calls.at(-1)).toMatch(/^notice labelgate: 26 more data problem/)
  })
})

describe('the scenario matrix: every comment is well formed and shows what failed first', () => {
  it.each(Object.keys(SCENARIOS))('%s', (name) => {
    const report = SCENARIOS[name]!()
    const body = renderMarkdown(report)
    expectWellFormedComment(body)
    const summary = renderMarkdown(report, {
      maxLength: 1_048_576,
      target: 'summary'
    })
    expectWellFormedComment(summary.length > 65_536 ? '' : summary)
    const top = firstScreen(body)
    expect(top).toMatch(/^## (✅ labelgate passed|❌ labelgate failed)/m)
    // Every failing error gate is named in the first 40 lines.
    const failing = report.datasets.flatMap((d) =>
      d.gates.filter((g) => g.status === 'fail' && g.severity === 'error')
    )
    const missing = failing
      .map((g) => metricLabel(g.metric))
      .filter((label) => !top.includes(label))
    expect(missing).toEqual([])
  })
})
