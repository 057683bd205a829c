import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderJunit } from '../../src/render/junit/render-junit.js'
import { xmlText } from '../../src/render/junit/xml-text.js'
import { metricLabel } from '../../src/render/shared/metric-labels.js'
import {
  formatFinding,
  reportFindings
} from '../../src/render/lines/finding-lines.js'
import {
  escapeData,
  escapeProperty,
  workflowCommand
} from '../../src/render/lines/workflow-command.js'
import { renderTerminal } from '../../src/render/terminal/render-terminal.js'
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
      /<testcase classname="labelgate.sentiment.gates" name="gate Error rate \(error_rate\) max 0.05">\n\s+<system-out>warning: Error rate \(error_rate\): /
    )
    // fleiss_kappa undefined with on_undefined fail is a failure.
    expect(failing).toMatch(
      /name="gate Fleiss&apos; κ \(fleiss_kappa\) min [\d.]+">\n\s+<failure type="undefined" message="Fleiss&apos; κ \(fleiss_kappa\): /
    )
    // A warning problem passes; an error problem fails.
    expect(failing).toMatch(/<system-out>warning: data\/[^<]+<\/system-out>/)
    expect(failing).toMatch(/<failure type="data error" message="/)
  })

  it('names every gate case by its readable name, with the config key in parentheses after it', () => {
    const r = report('failing')
    const xml = renderJunit(r)
    const names = [
      ...xml.matchAll(/classname="[^"]*\.gates" name="([^"]*)"/g)
    ].map((m) => m[1]!)
    expect(names).toHaveLength(r.datasets[0]!.gates.length)
    expect(names).toContain(
      'gate Krippendorff&apos;s α (krippendorff_alpha) min 0.8'
    )
    expect(names).toContain(
      'gate Error rate (this change) (changed.error_rate) max 0.08'
    )
    // The annotator is named once, after the gate, and not again in the message.
    expect(names).toContain(
      'gate Accuracy per annotator (annotator.accuracy) · vendor_07 min 0.85'
    )
    expect(xml).toContain(
      'message="Accuracy per annotator (annotator.accuracy) · vendor_07: 62.0% &lt; min 85.0%"'
    )
    // A config key never stands in for the name: it only appears in parentheses.
    r.datasets[0]!.gates.forEach((g) => {
      const start = `gate ${xmlText(metricLabel(g.metric))} (${g.metric})`
      expect(names.some((n) => n.startsWith(start))).toBe(true)
    })
    for (const name of names) expect(name).toMatch(/^gate [A-Z]/)
    for (const key of new Set(r.datasets[0]!.gates.map((g) => g.metric))) {
      const bare = xml
        .split(`(${key})`)
        .join('')
        .match(new RegExp(`[ "]${key.replace('.', '\\.')}[ :"]`))
      expect([key, bare]).toEqual([key, null])
    }
  })

  it('names slice gates readably, with the slice after the key', () => {
    const xml = renderJunit(report('slices'))
    expect(xml).toContain(
      'name="gate Accuracy per slice (slice.accuracy) · language=de min 0.82"'
    )
    expect(xml).toContain(
      'name="gate Accuracy gap between slices (slice_gap.accuracy) · by language, worst de max 0.05"'
    )
    expect(xml).toContain(
      'message="Accuracy per slice (slice.accuracy) · language=de: 80.0% &lt; min 82.0%'
    )
  })

  it('names multi_label, span and box gates readably in the JUnit XML and the terminal', () => {
    const r = report('passing')
    const d = r.datasets[0]!
    const template = d.gates[0]!
    d.gates = [
      ['masi_alpha', "Krippendorff's α (MASI)"],
      ['subset_accuracy', 'Subset accuracy (exact set)'],
      ['span_f1_strict', 'Span F1 (strict)'],
      ['pairwise_span_f1_overlap', 'Pairwise span F1 (overlap)'],
      ['box_f1_50', 'Box F1 (IoU 0.5)'],
      ['pairwise_box_mean_iou', 'Pairwise mean IoU']
    ].map(([metric]) => ({ ...template, metric: metric! }))
    const xml = renderJunit(r)
    const terminal = renderTerminal(r, { color: false })
    // The terminal uses the short form where there is one.
    for (const [metric, name, short = name] of [
      ['masi_alpha', "Krippendorff's α (MASI)"],
      ['subset_accuracy', 'Subset accuracy (exact set)', 'Subset accuracy'],
      ['span_f1_strict', 'Span F1 (strict)'],
      ['pairwise_span_f1_overlap', 'Pairwise span F1 (overlap)'],
      ['box_f1_50', 'Box F1 (IoU 0.5)'],
      ['pairwise_box_mean_iou', 'Pairwise mean IoU']
    ] as const) {
      expect(xml).toContain(
        `name="gate ${xmlText(name)} (${metric}) ${template.bound} ${template.threshold}"`
      )
      expect(terminal).toMatch(
        new RegExp(
          `^ {4}PASS +${short.replace(/[().]/g, '\\$&')} \\(${metric}\\) `,
          'm'
        )
      )
    }
    for (const l of terminal.split('\n')) {
      expect([...l].length).toBeLessThanOrEqual(100)
    }
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

  it('xmlText turns every markup character into an entity, shows control characters as escapes and replaces what XML 1.0 forbids', () => {
    expect(xmlText(`a&b<c>d"e'f\u0001\u001b[31m\uFFFE`)).toBe(
      'a&amp;b&lt;c&gt;d&quot;e&apos;f\\u0001\\u001b[31m\uFFFD'
    )
    expect(xmlText('two\nlines\r\tend')).toBe('two lines  end')
  })

  withXmllint('with xmllint', () => {
    it('passes the JUnit XML schema (xmllint --schema), hostile report too', () => {
      for (const name of [
        'failing',
        'hostile',
        'passing',
        'governance',
        'slices'
      ]) {
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
