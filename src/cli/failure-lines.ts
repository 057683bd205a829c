import { gateEffect } from '../gates/evaluate-gates.js'
import { cleanText } from '../util/clean-text.js'
import type { Report } from '../report/types.js'

/** Problem lines `--quiet` prints before it says how many more there are. */
const MAX_PROBLEM_LINES = 20

/**
 * What made a check fail, one line each, for `--quiet`: every gate whose
 * outcome is an error, then the data problems of severity error (the first
 * 20 of them, then a count). Names, messages and paths come from label files
 * and configs, so each line is cleaned of control characters.
 */
export function failureLines(report: Report): string[] {
  const lines: string[] = []
  for (const dataset of report.datasets) {
    const name = cleanText(dataset.name)
    for (const gate of dataset.gates) {
      if (gateEffect(gate) !== 'error') continue
      const who =
        gate.annotator !== undefined ? ` [${cleanText(gate.annotator)}]` : ''
      lines.push(
        `labelgate: ${name}: gate ${cleanText(gate.metric)}${who} ${gate.status}: ${cleanText(gate.message)}`
      )
    }
    const errors = dataset.problems.filter((p) => p.severity === 'error')
    for (const p of errors.slice(0, MAX_PROBLEM_LINES)) {
      const field = p.field !== undefined ? ` (${cleanText(p.field)})` : ''
      lines.push(
        `labelgate: ${name}: ${cleanText(p.file)}:${p.line}${field}: ${cleanText(p.message)}`
      )
    }
    if (errors.length > MAX_PROBLEM_LINES) {
      lines.push(
        `labelgate: ${name}: ${errors.length - MAX_PROBLEM_LINES} more errors (run without --quiet, or write --json)`
      )
    }
  }
  return lines
}
