import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderJunit } from '../../src/render/junit/render-junit.js'
import { xmlText } from '../../src/render/junit/xml-text.js'
import {
  formatFinding,
  reportFindings
} from '../../src/render/lines/finding-lines.js'
import {
  escapeData,
  escapeProperty,
  workflowCommand
} from '../../src/render/lines/workflow-command.js'
import type { Report } from '../../src/report/types.js'
import { validate } from '../helpers/xmllint.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const report = (name: string) =>
  JSON.parse(
    readFileSync(`${ROOT}__fixtures__/report/${name}.json`, 'utf8')
  ) as Report

const hasXmllint = validate('<testsuites/>') !== null
const withXmllint = hasXmllint ? describe : describe.skip

describe('JUnit XML', () => {
  const failing = renderJunit(report('failing'))

  it('has one suite per dataset and one case per gate row and problem, failures = what fails the check', () => {
    expect(failing).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="labelgate" tests="9" failures="6" errors="0">\n {2}<testsuite name="labelgate.sentiment" tests="9" failures="6" errors="0" skipped="0">/
    )
    // The warning-severity error_rate gate passes with its warning in system-out.
    expect(failing).toMatch(
      /<testcase classname="labelgate.sentiment.gates" name="gate error_rate max 0.05">\n\s+<system-out>warning: /
    )
    // fleiss_kappa undefined with on_undefined fail is a failure.
    expect(failing).toMatch(
      /name="gate fleiss_kappa min [\d.]+">\n\s+<failure type="undefined"/
    )
    // A warning problem passes; an error problem fails.
    expect(failing).toMatch(/<system-out>warning: data\/[^<]+<\/system-out>/)
    expect(failing).toMatch(/<failure type="data error" message="/)
  })

  it('marks not_applicable and too_few_items as skipped', () => {
    const r = report('failing')
    const d = r.datasets[0]!
    d.gates = d.gates.slice(0, 2).map((g, i) => ({
      ...g,
      status: i === 0 ? 'not_applicable' : 'too_few_items'
    }))
    d.problems = []
    const xml = renderJunit(r)
    expect(xml).toContain('tests="2" failures="0" errors="0" skipped="2"')
    expect(
      xml.match(/<skipped message="(not_applicable|too_few_items): /g)
    ).toHaveLength(2)
  })

  it('escapes hostile text: no markup, no control characters', () => {
    const xml = renderJunit(report('hostile'))
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(xml).not.toContain('<script>')
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/)
    expect(xml).not.toMatch(/[\u202a-\u202e]/)
  })

  it('xmlText turns every markup character into an entity and drops what XML 1.0 forbids', () => {
    expect(xmlText(`a&b<c>d"e'f\u0001\u001b[31m\uFFFE`)).toBe(
      'a&amp;b&lt;c&gt;d&quot;e&apos;f\uFFFD'
    )
    expect(xmlText('two\nlines\r\tend')).toBe('two lines  end')
  })

  withXmllint('with xmllint', () => {
    it('passes the JUnit XML schema (xmllint --schema), hostile report too', () => {
      for (const name of ['failing', 'hostile', 'passing', 'governance']) {
        const v = validate(renderJunit(report(name)))
        expect([name, v!.output.trim()]).toEqual([name, ''])
        expect(v!.ok).toBe(true)
      }
    })

    it('the schema refuses a case without a classname (the check is not vacuous)', () => {
      const broken = failing.replace(/ classname="[^"]*"/, '')
      const v = validate(broken)!
      expect(v.ok).toBe(false)
      expect(v.output).toContain("The attribute 'classname' is required")
    })
  })
})

describe('workflow commands', () => {
  it('escape % CR LF in the message and also : , in properties', () => {
    expect(escapeData('100%\r\nnext')).toBe('100%25%0D%0Anext')
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A')
    expect(
      workflowCommand(
        'error',
        { file: 'data/a,b.csv', line: 7, title: 'labelgate: x' },
        'label ::error:: here\nnext'
      )
    ).toBe(
      '::error file=data/a%2Cb.csv,line=7,title=labelgate%3A x::label ::error:: here%0Anext'
    )
    expect(workflowCommand('warning', { line: 0 }, 'm')).toBe('::warning::m')
  })
})

describe('finding lines', () => {
  const r = report('failing')

  it('plain: file:line: severity: [dataset] subject: message; gates at the config file', () => {
    const lines = reportFindings(r, { warnings: false }).map((f) =>
      formatFinding(f, 'plain')
    )
    expect(lines.length).toBe(6)
    expect(lines[0]).toMatch(
      /^\.github\/labelgate\.yml: error: \[sentiment\] gate krippendorff_alpha fail: /
    )
    const problem = r.datasets[0]!.problems.find((p) => p.severity === 'error')!
    expect(lines.at(-1)).toBe(
      `${problem.file}:${problem.line}: error: [sentiment] ${problem.field !== undefined ? `field ${problem.field}: ` : ''}${problem.message}`
    )
  })

  it('github: the same findings as ::error / ::warning commands with file and line', () => {
    const lines = reportFindings(r, { warnings: true }).map((f) =>
      formatFinding(f, 'github')
    )
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(6)
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(2)
    const problem = r.datasets[0]!.problems.find((p) => p.severity === 'error')!
    expect(lines).toContain(
      workflowCommand(
        'error',
        {
          file: problem.file,
          line: problem.line,
          title: 'labelgate: sentiment'
        },
        `${problem.field !== undefined ? `field ${problem.field}: ` : ''}${problem.message}`
      )
    )
  })

  it('cleans hostile text of control characters and line breaks', () => {
    for (const format of ['plain', 'github'] as const) {
      for (const f of reportFindings(report('hostile'), { warnings: true })) {
        const line = formatFinding(f, format)
        // eslint-disable-next-line no-control-regex
        expect(line).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e]/)
      }
    }
  })
})
