/** A data problem found in a label file: reported at file:line, it can fail the gate. */
export type Severity = 'error' | 'warning'

export interface Problem {
  severity: Severity
  file: string
  line: number
  message: string
  /** The column or key the problem is about, when there is one. */
  field?: string
  /**
   * An error already at the base of the change this run judges (a pull
   * request): reported, and it does not fail the dataset.
   */
  pre_existing?: true
}

const rank = (p: Problem): number =>
  p.severity === 'warning' ? 2 : p.pre_existing === true ? 1 : 0

/**
 * Worst first (errors, then errors already at the base, then warnings), then
 * by file and line, so output is stable and the first rows matter most.
 */
export function compareProblems(a: Problem, b: Problem): number {
  return (
    rank(a) - rank(b) ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line
  )
}

/** `… and 123 more kind`: a capped kind's summary, matched only when identical. */
const SUMMARY = /^\.\.\. and [\d,]+ more /

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Marks the head's error problems that were already at the base
 * (`pre_existing: true`) on a run that judges a change: they are reported,
 * and do not fail the dataset. "The same problem" is decided conservatively:
 * the same severity, file, field and message, once the line numbers the
 * message itself names (`line 12`, `row 12`, `data/a.csv:12`, for the
 * version's `files`) are set aside, since a change that inserts rows above moves them.
 * Problems are matched as a multiset: two at the head and one at the base
 * leave one new (so a change that fixes one error and adds an identical
 * one elsewhere leaves the count, and the verdict, as they were). A capped kind's summary (`... and 123 more …`) matches only
 * an identical summary. Whatever does not match is new, so a renamed file's
 * errors are new. Warnings are left as they are.
 */
export function markPreExisting(
  head: Problem[],
  base: Problem[],
  files: Iterable<string>
): Problem[] {
  const names = [...new Set(files)]
    .filter((f) => f.length > 0)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
  const lines = new RegExp(
    names.length > 0
      ? `(\\b(?:line|row) |(?:${names.join('|')}):)\\d+\\b`
      : '(\\b(?:line|row) )\\d+\\b',
    'g'
  )
  const key = (p: Problem): string =>
    [
      p.severity,
      p.file,
      p.field ?? '',
      SUMMARY.test(p.message) ? p.message : p.message.replace(lines, '$1#')
    ].join('\u0000')
  const available = new Map<string, number>()
  for (const p of base) {
    if (p.severity !== 'error') continue
    const k = key(p)
    available.set(k, (available.get(k) ?? 0) + 1)
  }
  return head.map((p) => {
    if (p.severity !== 'error') return p
    const k = key(p)
    const left = available.get(k) ?? 0
    if (left === 0) return p
    available.set(k, left - 1)
    return { ...p, pre_existing: true }
  })
}

/** A problem that fails the dataset: an error the change did not find at the base. */
export function failsDataset(p: Problem): boolean {
  return p.severity === 'error' && p.pre_existing !== true
}

/** What a version's problems come with: its files, to set aside `file:N` in messages. */
interface VersionProblems {
  problems: Problem[]
  files: readonly string[]
  referenceFiles: readonly string[]
}

/**
 * The head's problems as a run judges them: on a change against a base, an
 * error already at the base is marked pre-existing (`markPreExisting`); on a
 * state run, or without a base, every error stands.
 */
export function judgedProblems(
  head: VersionProblems,
  base: VersionProblems | null | undefined,
  judge: 'change' | 'state'
): Problem[] {
  if (judge !== 'change' || base === undefined || base === null)
    return head.problems
  return markPreExisting(head.problems, base.problems, [
    ...head.files,
    ...head.referenceFiles,
    ...base.files,
    ...base.referenceFiles
  ])
}
