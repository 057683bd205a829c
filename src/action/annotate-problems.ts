import type { AnnotationProperties } from '@actions/core'
import { compareProblems, type Problem } from '../model/problem.js'
import { excerpt } from '../util/excerpt.js'

/** GitHub shows at most 10 error and 10 warning annotations per step. */
export const ANNOTATIONS_PER_LEVEL = 10

export interface Annotator {
  error: (message: string, properties: AnnotationProperties) => void
  warning: (message: string, properties: AnnotationProperties) => void
  notice: (message: string, properties?: AnnotationProperties) => void
}

/** A reader's summary line, "... and 123 more conflicting duplicates": 123 problems, not one. */
const SUMMARY_LINE = /^\.\.\. and ([\d,]+) more /

/**
 * File:line annotations for data problems of the whole step (every dataset
 * at once: the limits are GitHub's per step, not per dataset), worst first,
 * at most 10 errors and 10 warnings (an error already at the base of the
 * change, `pre_existing`, is annotated as a warning: it does not fail the
 * check), then one notice that counts what was
 * left out (the job summary and the JSON report have them all). A reader's
 * "... and N more" line is never annotated; it counts N into the notice.
 */
export function annotateProblems(
  problems: readonly Problem[],
  out: Annotator
): { shown: number; omitted: number } {
  let errors = 0
  let warnings = 0
  let omitted = 0
  for (const p of [...problems].sort(compareProblems)) {
    const summary = SUMMARY_LINE.exec(p.message)
    if (summary !== null) {
      omitted += Number(summary[1]!.replace(/,/g, ''))
      continue
    }
    // An error already at the base does not fail the check: a red
    // annotation on a line the change did not touch would say it does.
    const old = p.severity === 'error' && p.pre_existing === true
    const properties: AnnotationProperties = {
      title: `labelgate: ${old ? 'label error already at the base' : p.severity === 'error' ? 'label error' : 'label warning'}`,
      file: excerpt(p.file, 300),
      startLine: p.line
    }
    if (old && warnings < ANNOTATIONS_PER_LEVEL) {
      out.warning(excerpt(p.message, 1000), properties)
      warnings++
    } else if (old) {
      omitted++
    } else if (p.severity === 'error' && errors < ANNOTATIONS_PER_LEVEL) {
      out.error(excerpt(p.message, 1000), properties)
      errors++
    } else if (p.severity === 'warning' && warnings < ANNOTATIONS_PER_LEVEL) {
      out.warning(excerpt(p.message, 1000), properties)
      warnings++
    } else {
      omitted++
    }
  }
  if (omitted > 0) {
    out.notice(
      `labelgate: ${omitted.toLocaleString('en-US')} more data problem(s) are not annotated here (GitHub shows ${ANNOTATIONS_PER_LEVEL} errors and ${ANNOTATIONS_PER_LEVEL} warnings per step); see the job summary or the JSON report.`
    )
  }
  return { shown: errors + warnings, omitted }
}
