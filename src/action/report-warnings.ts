import { gateEffect } from '../gates/evaluate-gates.js'
import type { Report } from '../report/types.js'

/**
 * Whether the report raised a warning, what `fail-on: warning` fails on: a
 * data warning, a gate whose effect is a warning (a pre-existing breach
 * among them), or a data error already at the base of the change, which
 * warns as a pre-existing breach does.
 */
export function raisedWarnings(report: Report): boolean {
  return report.datasets.some(
    (d) =>
      d.problems.some(
        (p) => p.severity === 'warning' || p.pre_existing === true
      ) || d.gates.some((g) => gateEffect(g) === 'warning')
  )
}
