import {
  compareProblems,
  type Problem,
  type Severity
} from '../../model/problem.js'

/** Where a problem is, for a link or a `file:line`. */
export interface Location {
  file: string
  line: number
}

/**
 * Problems of one kind: the same severity and the same message once the
 * values in it (quoted text, numbers) are set aside, so that 1,000 rows of
 * six messages read as six groups with counts.
 */
export interface ProblemGroup {
  severity: Severity
  /** The first message of the group, as written. */
  message: string
  /** The group's kind: its message with quoted values and numbers replaced by `…`. */
  kind: string
  /** How many problems, including those only counted by a summary line. */
  count: number
  /** The first few locations, worst first. */
  examples: (Location & { message: string })[]
  /** Problems that were only counted (a reader's "... and N more" line). */
  counted: number
  /** Errors already at the base of the change: reported, not failing. */
  preExisting: boolean
}

export interface GroupedProblems {
  /** Errors that fail: those a change found at the base are not among them. */
  errors: number
  /** Errors already at the base of the change (`pre_existing`). */
  preExisting: number
  warnings: number
  /** Errors first, then the largest groups. */
  groups: ProblemGroup[]
}

/** A reader keeps the first 1,000 problems of a kind and counts the rest in one line. */
const SUMMARY_LINE = /^\.\.\. and ([\d,]+) more (.+)$/

/** The kind of a message: values in quotes and numbers set aside. */
export function problemKind(message: string): string {
  // A kind is about the wording: the first 500 characters say it.
  return message
    .slice(0, 500)
    .replace(/'[^']*('|$)|"[^"]*("|$)|`[^`]*(`|$)/g, '…')
    .replace(/\d[\d,.]*/g, 'N')
}

/**
 * Groups problems by kind, with true counts: a summary line "... and 123
 * more conflicting duplicates" counts as 123 problems of its own group, not
 * as one. Groups of errors come first, then errors already at the base (a
 * group of their own), then warnings; by size within each.
 */
export function groupProblems(
  problems: readonly Problem[],
  examplesPerGroup = 3
): GroupedProblems {
  const groups = new Map<string, ProblemGroup>()
  let errors = 0
  let preExisting = 0
  let warnings = 0
  // Many problems share a message: work out each message's kind once.
  const kinds = new Map<string, string>()
  for (const p of [...problems].sort(compareProblems)) {
    const summary = SUMMARY_LINE.exec(p.message)
    const count = summary ? Number(summary[1]!.replace(/,/g, '')) : 1
    const old = p.severity === 'error' && p.pre_existing === true
    if (old) preExisting += count
    else if (p.severity === 'error') errors += count
    else warnings += count
    let kind = summary ? `more ${summary[2]!}` : kinds.get(p.message)
    if (kind === undefined) {
      kind = problemKind(p.message)
      kinds.set(p.message, kind)
    }
    const key = `${p.severity}\u0000${old ? 'pre_existing' : ''}\u0000${kind}`
    let group = groups.get(key)
    if (group === undefined) {
      group = {
        severity: p.severity,
        message: summary ? `${summary[2]!} beyond those listed` : p.message,
        kind,
        count: 0,
        examples: [],
        counted: 0,
        preExisting: old
      }
      groups.set(key, group)
    }
    group.count += count
    if (summary) group.counted += count
    if (group.examples.length < examplesPerGroup) {
      group.examples.push({ file: p.file, line: p.line, message: p.message })
    }
  }
  const rank = (g: ProblemGroup): number =>
    g.severity === 'warning' ? 2 : g.preExisting ? 1 : 0
  const ordered = [...groups.values()].sort(
    (a, b) => rank(a) - rank(b) || b.count - a.count
  )
  return { errors, preExisting, warnings, groups: ordered }
}

/**
 * A link to a line of a file at a commit, when the repository's URL and a
 * commit SHA are known and both are plain: `<repo>/blob/<sha>/<path>#L<line>`.
 */
export function blobUrl(
  repositoryUrl: string | undefined,
  sha: string | null,
  location: Location
): string | undefined {
  if (repositoryUrl === undefined || sha === null) return undefined
  if (
    !/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?\/[A-Za-z0-9._/-]+$/.test(repositoryUrl)
  )
    return undefined
  if (!/^[0-9a-f]{40}$/.test(sha)) return undefined
  const path = location.file
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/')
  const anchor = location.line > 0 ? `#L${location.line}` : ''
  return `${repositoryUrl.replace(/\/$/, '')}/blob/${sha}/${path}${anchor}`
}
