/** A data problem found in a label file: reported at file:line, it can fail the gate. */
export type Severity = 'error' | 'warning'

export interface Problem {
  severity: Severity
  file: string
  line: number
  message: string
  /** The column or key the problem is about, when there is one. */
  field?: string
}

const rank: Record<Severity, number> = { error: 0, warning: 1 }

/** Worst first, then by file and line, so output is stable and the first rows matter most. */
export function compareProblems(a: Problem, b: Problem): number {
  return (
    rank[a.severity] - rank[b.severity] ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line
  )
}
