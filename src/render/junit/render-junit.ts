import { gateMessageWithoutSubject, gateName } from '../shared/gate-name.js'
import { gateEffect } from '../../gates/gate-effect.js'
import { compareProblems } from '../../model/problem.js'
import type { Problem } from '../../model/problem.js'
import type { DatasetReport, GateResult, Report } from '../../report/types.js'
import { formatCoefficient } from '../shared/format-number.js'
import { xmlLines, xmlText } from './xml-text.js'

/**
 * The report as JUnit XML, the test report format GitLab, Jenkins and Azure
 * Pipelines show natively (docs/junit.md has the mapping):
 * - one `<testsuite>` per dataset, named `labelgate.<dataset>`;
 * - one `<testcase>` per gate row (`annotator.*` gates: one per annotator):
 *   an outcome that fails the check is a `<failure>`; `not_applicable` and
 *   `too_few_items` are `<skipped>`; every other outcome passes, and a
 *   warning (`pre_existing`, `undefined` with `on_undefined: warn`, a failed
 *   gate of severity warning) says so in the case's `<system-out>`;
 * - one `<testcase>` per data problem: an error is a `<failure>`, a warning
 *   a passing case whose `<system-out>` holds the warning; an error already
 *   at the base of the change (`pre_existing`) passes too, as a pre-existing
 *   gate does, its `<system-out>` saying `error (already at the base)`.
 * So the failures are exactly what makes `labelgate check` exit 1. Every
 * string from the report is escaped (`xmlText`); no time attributes, so the
 * same report gives the same file.
 */
export function renderJunit(report: Report): string {
  const suites = report.datasets.map((d) => suite(d, report))
  const tests = suites.reduce((n, s) => n + s.tests, 0)
  const failures = suites.reduce((n, s) => n + s.failures, 0)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="labelgate" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.flatMap((s) => s.lines),
    '</testsuites>',
    ''
  ].join('\n')
}

interface Case {
  name: string
  classname: string
  /** The element inside, if any: failure, skipped or system-out. */
  body: string[]
  failed: boolean
  skipped: boolean
}

function suite(
  dataset: DatasetReport,
  report: Report
): { lines: string[]; tests: number; failures: number } {
  const cases = [
    ...dataset.gates.map((g) => gateCase(dataset.name, g)),
    ...[...dataset.problems]
      .sort(compareProblems)
      .map((p) => problemCase(dataset.name, p))
  ]
  const failures = cases.filter((c) => c.failed).length
  const skipped = cases.filter((c) => c.skipped).length
  const properties: [string, string][] = [
    ['head', report.head],
    ['base', report.base ?? ''],
    ['config', report.config.path],
    ['passed', String(dataset.passed)],
    ['files', dataset.files.join(' ')],
    ['reference_files', dataset.reference_files.join(' ')]
  ]
  return {
    tests: cases.length,
    failures,
    lines: [
      `  <testsuite name="${xmlText(`labelgate.${dataset.name}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
      '    <properties>',
      ...properties.map(
        ([name, value]) =>
          `      <property name="${name}" value="${xmlText(value)}"/>`
      ),
      '    </properties>',
      ...cases.flatMap(caseLines),
      '  </testsuite>'
    ]
  }
}

function caseLines(c: Case): string[] {
  const open = `    <testcase classname="${xmlText(c.classname)}" name="${xmlText(c.name)}"`
  if (c.body.length === 0) return [`${open}/>`]
  return [`${open}>`, ...c.body.map((l) => `      ${l}`), '    </testcase>']
}

/**
 * A gate's case is named as the comment names the gate: the readable metric
 * name, the key under `gates:` in labelgate.yml in parentheses (what a user
 * searches the config for), the subject, then the bound as the config writes
 * it: `gate Krippendorff's α (krippendorff_alpha) min 0.8`. Its message
 * starts with the same readable name, so a CI page that shows only the
 * message still says which gate.
 */
function gateCase(dataset: string, g: GateResult): Case {
  const title = gateName(g)
  const name = `gate ${title} ${g.bound} ${g.threshold}`
  const classname = `labelgate.${dataset}.gates`
  const message = `${title}: ${gateMessageWithoutSubject(g)}`
  const details = [
    `status: ${g.status}`,
    `value: ${value(g.value)}`,
    ...(g.base_value !== undefined
      ? [`base value: ${value(g.base_value)}`]
      : []),
    ...(g.n !== undefined ? [`n: ${g.n}`] : []),
    `severity: ${g.severity}`,
    message
  ]
  const effect = gateEffect(g)
  if (effect === 'error') {
    return {
      name,
      classname,
      failed: true,
      skipped: false,
      body: [
        `<failure type="${xmlText(g.status)}" message="${xmlText(message)}">${xmlLines(details)}</failure>`
      ]
    }
  }
  if (g.status === 'not_applicable' || g.status === 'too_few_items') {
    return {
      name,
      classname,
      failed: false,
      skipped: true,
      body: [`<skipped message="${xmlText(`${g.status}: ${message}`)}"/>`]
    }
  }
  const warning = effect === 'warning' ? 'warning: ' : ''
  return {
    name,
    classname,
    failed: false,
    skipped: false,
    body: [
      `<system-out>${xmlLines([`${warning}${message}`, ...details.slice(0, -1)])}</system-out>`
    ]
  }
}

function value(v: number | null): string {
  return v === null ? 'undefined' : formatCoefficient(v, 4)
}

function problemCase(dataset: string, p: Problem): Case {
  const at = p.line > 0 ? `${p.file}:${p.line}` : p.file
  const name = p.field !== undefined ? `${at} (${p.field})` : at
  const classname = `labelgate.${dataset}.problems`
  if (p.severity === 'error' && p.pre_existing !== true) {
    return {
      name,
      classname,
      failed: true,
      skipped: false,
      body: [
        `<failure type="data error" message="${xmlText(p.message)}">${xmlText(`${at}: ${p.message}`)}</failure>`
      ]
    }
  }
  return {
    name,
    classname,
    failed: false,
    skipped: false,
    body: [
      `<system-out>${xmlText(`${p.severity === 'error' ? 'error (already at the base)' : 'warning'}: ${at}: ${p.message}`)}</system-out>`
    ]
  }
}
