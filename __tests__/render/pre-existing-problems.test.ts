import { describe, expect, it } from '@jest/globals'
import { annotateProblems } from '../../src/action/annotate-problems.js'
import { parseReport } from '../../src/action/report-schema.js'
import { raisedWarnings } from '../../src/action/report-warnings.js'
import type { Problem } from '../../src/model/problem.js'
import { buildDashboardModel } from '../../src/dashboard/dashboard-model.js'
import { HISTORY_SCHEMA } from '../../src/history/types.js'
import { renderDashboardPage } from '../../src/render/html/render-dashboard.js'
import { renderJunit } from '../../src/render/junit/render-junit.js'
import { reportFindings } from '../../src/render/lines/finding-lines.js'
import { renderMarkdown } from '../../src/render/markdown/render-markdown.js'
import { buildVerdict } from '../../src/render/shared/verdict.js'
import { renderTerminal } from '../../src/render/terminal/render-terminal.js'
import type { Report } from '../../src/report/types.js'
import { loadReport } from '../report/report-fixtures.js'

const OLD: Problem = {
  severity: 'error',
  file: 'data/labels.csv',
  line: 10,
  message:
    "conflicting labels for item 'i5' by annotator 'alice': 'negative' at data/labels.csv:8 and 'positive' at data/labels.csv:10",
  pre_existing: true
}
const NEW: Problem = {
  severity: 'error',
  file: 'data/labels.csv',
  line: 12,
  message: "label 'maybe' is not a category"
}

/** The passing sample with these problems (passed as the check would say). */
function withProblems(problems: Problem[]): Report {
  const r = loadReport('passing')
  const passed = !problems.some((p) => p.pre_existing !== true)
  r.datasets[0]!.problems = problems
  r.datasets[0]!.passed = passed
  r.passed = passed
  return r
}

describe('an error already at the base of the change', () => {
  const report = withProblems([OLD])

  it('is no reason to fail in the verdict, and is counted apart', () => {
    const v = buildVerdict(report)
    expect(v).toMatchObject({
      passed: true,
      dataErrors: 0,
      preExistingErrors: 1,
      errorKinds: []
    })
    expect(v.nextSteps.filter((s) => s.kind === 'fix')).toEqual([])
  })

  it('shows in the comment as an error already at the base', () => {
    const md = renderMarkdown(report, {})
    expect(md).toContain('## ✅ labelgate passed')
    expect(md).toContain('⏸️ 1 pre-existing data error (already at the base)')
    expect(md).toContain(
      'Data problems: 0 errors, 1 already at the base, 0 warnings in 1 kind'
    )
    expect(md).toContain('| ⏸️ error, already at the base |')
    expect(md).not.toContain('❌')
  })

  it('shows in the terminal as an error at the base, and passes', () => {
    const out = renderTerminal(report, { color: false })
    expect(out).toContain(
      'Problems (0 errors, 1 already at the base, 0 warnings'
    )
    expect(out).toMatch(/error \(at base\) +1 +data\/labels\.csv:10/)
    expect(out.trimEnd().split('\n').at(-1)).toBe('PASSED (exit 0)')
  })

  it('is a passing JUnit case that says so', () => {
    const xml = renderJunit(report)
    expect(xml).toContain('failures="0"')
    expect(xml).toContain(
      '<system-out>error (already at the base): data/labels.csv:10: conflicting labels'
    )
  })

  it('is a warning line and a warning annotation', () => {
    expect(reportFindings(report, { warnings: false })).toEqual([])
    const [finding] = reportFindings(report, { warnings: true })
    expect(finding).toMatchObject({ severity: 'warning', line: 10 })
    expect(finding!.message).toMatch(/\(already at the base\)$/)
    const calls: string[] = []
    annotateProblems(report.datasets[0]!.problems, {
      error: (m, p) => calls.push(`error ${p.title}`),
      warning: (m, p) => calls.push(`warning ${p.title}`),
      notice: (m) => calls.push(`notice ${m}`)
    })
    expect(calls).toEqual([
      'warning labelgate: label error already at the base'
    ])
  })

  it('shows on the dashboard as an error already at the base', () => {
    const page = renderDashboardPage(
      buildDashboardModel(
        { schema: HISTORY_SCHEMA, ref: 'main', version: 'test', datasets: [] },
        report,
        'now'
      )
    )
    expect(page).toContain(
      '<td class="sev-warning">error, already at the base</td><td><code>data/labels.csv:10</code>'
    )
  })

  it('keeps its flag through the report schema', () => {
    const parsed = parseReport(JSON.parse(JSON.stringify(report)))
    expect('report' in parsed && parsed.report.datasets[0]!.problems).toEqual([
      OLD
    ])
  })

  it('next to a new error: only the new one fails', () => {
    const mixed = withProblems([OLD, NEW])
    const v = buildVerdict(mixed)
    expect(v).toMatchObject({
      passed: false,
      dataErrors: 1,
      preExistingErrors: 1
    })
    expect(v.errorKinds.map((k) => k.message)).toEqual([NEW.message])
    const md = renderMarkdown(mixed, {})
    expect(md).toContain('## ❌ labelgate failed: 1 data error')
    expect(md).toContain('- ❌ 1 data error: 1 × ')
    const xml = renderJunit(mixed)
    expect(xml).toContain('failures="1"')
  })
})

describe('fail-on: warning', () => {
  it('counts an error already at the base as a warning', () => {
    const clean = loadReport('passing')
    clean.datasets[0]!.problems = []
    clean.datasets[0]!.gates = clean.datasets[0]!.gates.filter(
      (g) => g.status === 'pass'
    )
    expect(raisedWarnings(clean)).toBe(false)
    expect(raisedWarnings(withProblems([OLD]))).toBe(true)
  })
})
