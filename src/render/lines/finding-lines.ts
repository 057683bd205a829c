import { gateSubject } from '../shared/gate-detail.js'
import { gateEffect } from '../../gates/gate-effect.js'
import {
  compareProblems,
  failsDataset,
  type Severity
} from '../../model/problem.js'
import type { Report } from '../../report/types.js'
import { cleanText } from '../../util/clean-text.js'
import { workflowCommand } from './workflow-command.js'

/** How findings are written one per line: GitHub workflow commands, or compiler-style text. */
export const LINE_FORMATS = ['github', 'plain'] as const
export type LineFormat = (typeof LINE_FORMATS)[number]

/** One gate outcome or data problem that counts against the check, as one line. */
export interface Finding {
  severity: Severity
  /** The label file, or the config file for a gate. */
  file: string
  /** 0 when there is no line (a gate). */
  line: number
  dataset: string
  /** What it is about: `gate krippendorff_alpha`, `field label`. */
  subject: string
  message: string
}

/** Data problems listed per dataset before a count of the rest. */
export const PROBLEMS_PER_DATASET = 20

/**
 * The findings of a report, dataset by dataset: first the gates whose
 * outcome is an error (or, with `warnings`, a warning), then the data
 * problems worst first (errors; with `warnings`, warnings too), at most
 * `PROBLEMS_PER_DATASET` of them, then one finding that counts the rest.
 * Every string is cleaned of control characters (they come from label files
 * and configs, possibly from a pull request).
 */
export function reportFindings(
  report: Report,
  { warnings }: { warnings: boolean }
): Finding[] {
  const out: Finding[] = []
  const config = cleanText(report.config.path)
  for (const dataset of report.datasets) {
    const name = cleanText(dataset.name)
    for (const gate of dataset.gates) {
      const effect = gateEffect(gate)
      if (effect === null || (effect === 'warning' && !warnings)) continue
      const subject = gateSubject(gate)
      const who = subject !== null ? ` [${cleanText(subject)}]` : ''
      out.push({
        severity: effect,
        file: config,
        line: 0,
        dataset: name,
        subject: `gate ${cleanText(gate.metric)}${who} ${gate.status}`,
        message: cleanText(gate.message)
      })
    }
    const problems = dataset.problems
      .filter((p) => warnings || failsDataset(p))
      .sort(compareProblems)
    for (const p of problems.slice(0, PROBLEMS_PER_DATASET)) {
      // An error already at the base of the change is a warning here, as a
      // pre-existing gate breach is: it does not fail the check.
      out.push({
        severity: failsDataset(p) ? 'error' : 'warning',
        file: cleanText(p.file),
        line: p.line,
        dataset: name,
        subject: p.field !== undefined ? `field ${cleanText(p.field)}` : '',
        message:
          p.pre_existing === true
            ? `${cleanText(p.message)} (already at the base)`
            : cleanText(p.message)
      })
    }
    const more = problems.length - PROBLEMS_PER_DATASET
    if (more > 0) {
      out.push({
        severity: failsDataset(problems[PROBLEMS_PER_DATASET]!)
          ? 'error'
          : 'warning',
        file: '',
        line: 0,
        dataset: name,
        subject: '',
        message: `${more.toLocaleString('en-US')} more data problem${more === 1 ? '' : 's'} (see the report, or write --json)`
      })
    }
  }
  return out
}

/**
 * One finding as a line: `plain` is `file:line: severity: [dataset] subject:
 * message` (the form compilers print, which editors and CI log parsers
 * link); `github` is a workflow command that the runner turns into an
 * annotation at the file and line.
 */
export function formatFinding(finding: Finding, format: LineFormat): string {
  const about = finding.subject !== '' ? `${finding.subject}: ` : ''
  if (format === 'github') {
    return workflowCommand(
      finding.severity,
      {
        file: finding.file,
        line: finding.line,
        title: `labelgate: ${finding.dataset}`
      },
      `${about}${finding.message}`
    )
  }
  const place =
    finding.file === ''
      ? 'labelgate'
      : finding.line > 0
        ? `${finding.file}:${finding.line}`
        : finding.file
  return `${place}: ${finding.severity}: [${finding.dataset}] ${about}${finding.message}`
}
