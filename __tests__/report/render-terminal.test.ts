/* eslint-disable no-control-regex -- these tests are about escape codes */
import { describe, expect, it } from '@jest/globals'
import { renderTerminal } from '../../src/render/terminal/render-terminal.js'
import { largeReport, loadReport } from './report-fixtures.js'

const ESCAPE = /\u001b/

/** The lines after the one that contains `title`, up to the next blank line. */
function section(out: string, title: string): string[] {
  const lines = out.split('\n')
  const start = lines.findIndex((l) => l.includes(title))
  expect(start).toBeGreaterThanOrEqual(0)
  const end = lines.findIndex((l, i) => i > start && l.trim() === '')
  return lines.slice(start + 1, end === -1 ? undefined : end)
}

describe('renderTerminal: a failing report', () => {
  const plain = renderTerminal(loadReport('failing'), { color: false })
  const colored = renderTerminal(loadReport('failing'), { color: true })

  it('has the verdict with short SHAs', () => {
    expect(plain.split('\n')[0]).toBe(
      'labelgate FAILED · 1 dataset · base 3f2c1ab → head 9ab1c2d'
    )
  })

  it('has no escape codes without colour', () => {
    expect(plain).not.toMatch(ESCAPE)
  })

  it('colours pass green, fail red and warnings yellow; no failing row in yellow', () => {
    expect(colored).toContain('\u001b[31mFAILED\u001b[39m')
    expect(colored).toMatch(/\u001b\[32mPASS +\u001b\[39m/)
    expect(colored).toMatch(/\u001b\[31mFAIL +\u001b\[39m/)
    expect(colored).toMatch(/\u001b\[33mWARNING +\u001b\[39m/)
    // An undefined statistic that fails is a failure: red, not yellow.
    expect(colored).toMatch(/\u001b\[31mFAIL \(undefined\)\u001b\[39m/)
    const yellowFailures = colored
      .split('\n')
      .filter((line) => /\u001b\[33m/.test(line) && /FAIL/.test(line))
    expect(yellowFailures).toEqual([])
    // Colour wraps padded text, so the columns match the plain output.
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(plain)
  })

  it('lists every gate, failures first, with value and threshold in one unit', () => {
    const gates = section(plain, '  Gates')
    expect(gates).toHaveLength(11)
    expect(gates[0]).toMatch(/^ {4}FAIL +Krippendorff's α +0\.740 +≥ 0\.800$/)
    expect(gates[1]).toMatch(/-0\.102 +Δ ≥ -0\.020 +0\.842 → 0\.740$/)
    expect(gates[2]).toMatch(/^ {4}FAIL +Error rate \(this change\) +25\.0%/)
    expect(gates[3]).toMatch(/^ {4}FAIL \(undefined\) +Fleiss' κ +— +≥ 0\.600$/)
    // Its reason does not fit beside it: a line of its own under the name,
    // whole, not cut with an ellipsis.
    expect(gates[4]).toBe(
      '                      undefined (items have 2 to 4 ratings); fails (set on_undefined to change this)'
    )
    expect(gates[5]).toContain('Accuracy per annotator · vendor_07')
    expect(gates[6]).toMatch(/^ {4}WARNING +Error rate +8\.3%/)
    expect(gates[7]).toMatch(/^ {4}PASS +Accuracy per annotator · ann_01/)
  })

  it('names gates by readable names; the config keys too wide to sit beside them go in a legend', () => {
    const gates = section(plain, '  Gates')
    // With the keys in parentheses the detail would get too little of the
    // 100 columns ("FAIL (undefined)" and the annotator's name are wide).
    expect(gates.slice(8).join(' ')).toBe(
      "    in the config: Krippendorff's α = krippendorff_alpha, Error rate (this change) =       changed.error_rate, Fleiss' κ = fleiss_kappa, Accuracy per annotator = annotator.accuracy,       Error rate = error_rate"
    )
    // No row names a gate by its key alone.
    for (const row of gates.slice(0, 8)) {
      if (row.startsWith('                      ')) continue // a reason
      expect(row).not.toMatch(/[a-z]+[._][a-z_]+/)
    }
    for (const l of plain.split('\n')) {
      expect([...l].length).toBeLessThanOrEqual(100)
    }
  })

  it('puts the config key in parentheses after the name when the row has room', () => {
    const wide = renderTerminal(loadReport('failing'), {
      color: false,
      width: 140
    })
    const gates = section(wide, '  Gates')
    expect(gates).toHaveLength(8)
    expect(gates[0]).toMatch(
      /^ {4}FAIL +Krippendorff's α \(krippendorff_alpha\) +0\.740 +≥ 0\.800$/
    )
    expect(gates[2]).toContain('Error rate (this change) (changed.error_rate)')
    expect(gates[4]).toMatch(/^ +undefined \(items have 2 to 4 ratings\)/)
    expect(gates[5]).toContain(
      'Accuracy per annotator (annotator.accuracy) · vendor_07'
    )
    expect(wide).not.toContain('in the config: Krippendorff')
    for (const l of wide.split('\n')) {
      expect([...l].length).toBeLessThanOrEqual(140)
    }
    const passing = section(
      renderTerminal(loadReport('passing'), { color: false }),
      '  Gates'
    )
    expect(passing[0]).toMatch(
      /^ {4}PASS +Krippendorff's α \(krippendorff_alpha\) +0\.\d+ +≥ 0\.800$/
    )
  })

  it('lists the metrics with base, head and its interval, Δ head − base and the change', () => {
    const metrics = section(plain, '  Metrics')
    expect(metrics[0]).toMatch(
      /metric +base +head \(95% interval\) +Δ head − base +this change \(n\) +n$/
    )
    // Metrics go by the names people know; the config names, which would
    // push this table past 100 columns, are in a legend line.
    const alpha = metrics.find((l) => l.includes("Krippendorff's α  "))!
    expect(alpha.trim().split(/ {2,}/)).toEqual([
      "Krippendorff's α",
      '0.842',
      '0.740',
      '-0.102',
      // This change's value rests on its own items, not the head's 1,180.
      '0.410 (40)',
      '1,180'
    ])
    expect(metrics.join(' ')).toMatch(
      /in the config: .*Krippendorff's α = krippendorff_alpha/
    )
    for (const line of metrics)
      expect([...line].length).toBeLessThanOrEqual(100)
    const accuracy = metrics.find((l) => /^ +Accuracy/.test(l))!
    expect(accuracy).toContain('91.8% (89.8–93.4)')
    expect(accuracy).toContain('-3.2 pp')
    expect(
      metrics.some((l) =>
        l.includes(
          "not shown: Cohen's κ (cohen_kappa): needs exactly 2 annotators"
        )
      )
    ).toBe(true)
  })

  it('gives the config names a column of their own where the table fits in the width', () => {
    const passing = renderTerminal(loadReport('passing'), { color: false })
    const metrics = section(passing, '  Metrics')
    expect(metrics[0]).toMatch(/^ {4}metric +in config +head \(95% interval\)/)
    expect(
      metrics
        .find((l) => l.includes("Krippendorff's α"))!
        .trim()
        .split(/ {2,}/)
    ).toEqual(["Krippendorff's α", 'krippendorff_alpha', '0.862', '1,180'])
    expect(passing).not.toContain('in the config:')
    for (const line of metrics)
      expect([...line].length).toBeLessThanOrEqual(100)
  })

  it('shows annotators worst first and problems by kind with file:line', () => {
    const annotators = section(plain, 'Annotators (4, lowest accuracy first)')
    expect(annotators[1]).toMatch(/^ {4}vendor_07 +120 +62\.0% \(49\.4–73\.2\)/)
    expect(annotators[4]).toMatch(/^ {4}new_hire +80 +— \[1\]/)
    const problems = section(plain, 'Problems (1 error, 1 warning')
    // At 100 columns each message goes on a line of its own, under the file.
    expect(problems[0]).toMatch(
      /^ {4}error +1 +data\/sentiment\/annotations\.csv:17$/
    )
    expect(problems[1]).toBe(
      "                label 'postive' is not a category; did you mean 'positive'?"
    )
    expect(problems[2]).toMatch(
      /^ {4}warning +1 +data\/sentiment\/annotations\.csv:88$/
    )
  })

  it('shows the counts, the notes, the version and a closing verdict line', () => {
    expect(plain).toContain('  change       40 items added, 0 removed')
    expect(plain).toContain('  - config read from the base commit')
    const lines = plain.trimEnd().split('\n')
    expect(lines.at(-2)).toBe('labelgate 0.1.0')
    expect(lines.at(-1)).toBe('FAILED: 5 gates, 1 data error (exit 1)')
  })

  it('keeps every line within the width, 100 by default', () => {
    for (const line of plain.split('\n')) {
      expect([...line].length).toBeLessThanOrEqual(100)
    }
    const narrow = renderTerminal(loadReport('failing'), {
      color: true,
      width: 60
    })
    for (const line of narrow.replace(/\u001b\[\d+m/g, '').split('\n')) {
      expect([...line].length).toBeLessThanOrEqual(60)
    }
    expect(narrow).toContain('…')
  })
})

describe('renderTerminal: other shapes', () => {
  it('gives reasons for undefined metrics', () => {
    const out = renderTerminal(loadReport('null-metrics'), { color: false })
    expect(out).toContain('labelgate PASSED · 2 datasets')
    expect(out).toContain('No gates configured.')
    expect(out).toContain('no reference labels are configured')
    expect(out).toContain('not shown: ')
    expect(out.trimEnd().split('\n').at(-1)).toBe('PASSED (exit 0)')
    expect(out).toContain('1 annotator ·')
  })

  it('bounds long tables', () => {
    const out = renderTerminal(largeReport(), { color: false })
    expect(out).toContain('and 4,980 more annotators')
    expect(out).toContain('and 10 more classes')
    // 100,000 problems of two kinds: two rows with their true counts.
    const problems = section(out, 'Problems (66,666 errors, 33,334 warnings')
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/^ {4}error +66,666 /)
    expect(out.length).toBeLessThan(40_000)
  })

  it('cannot be steered by data strings', () => {
    const out = renderTerminal(loadReport('hostile'), { color: true })
    expect(out).not.toContain('\u001b[2J')
    expect(out).not.toContain('\u0007')
    expect(out).not.toContain('\u202E')
    expect(out).not.toContain('red\u001b')
    expect(out).toContain('line1 line2 line3')
    // Only our own colour codes remain.
    const codes = out.match(/\u001b\[[0-9;]*[A-Za-z]/g) ?? []
    for (const code of codes)
      expect(code).toMatch(/^\u001b\[(1|2|22|3[1-3]|39)m$/)
    expect(out).not.toContain('L'.repeat(300))
  })
})
