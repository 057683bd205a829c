import type { Problem } from '../model/problem.js'
import { excerpt } from '../util/excerpt.js'

/** 4211 -> "4,211", independent of the machine's locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * Collects problems, keeping at most `limit` of each kind (a plural noun such
 * as "conflicting duplicates") plus one summary line per kind, so that a broken
 * million-row file gives a readable report rather than a million entries.
 */
export class ProblemLog {
  private readonly kept: Problem[] = []
  private readonly omitted = new Map<
    string,
    { count: number; first: Problem }
  >()
  private readonly counts = new Map<string, number>()

  constructor(private readonly limit = 1000) {}

  /**
   * Messages quote labels and ids from the file; each is cleaned and kept to
   * a readable length here, so no report field carries a 100 MB label.
   */
  add(kind: string, raw: Problem): void {
    const problem: Problem = {
      ...raw,
      file: excerpt(raw.file, 300),
      message: excerpt(raw.message, 1000),
      ...(raw.field !== undefined && { field: excerpt(raw.field, 200) })
    }
    const count = (this.counts.get(kind) ?? 0) + 1
    this.counts.set(kind, count)
    if (count <= this.limit) {
      this.kept.push(problem)
      return
    }
    const o = this.omitted.get(kind)
    if (o === undefined) this.omitted.set(kind, { count: 1, first: problem })
    else o.count++
  }

  /** How many problems of this kind were added, kept or not. */
  count(kind: string): number {
    return this.counts.get(kind) ?? 0
  }

  /** The kept problems in the order added, then one summary per capped kind. */
  finish(): Problem[] {
    const summaries: Problem[] = []
    for (const [kind, { count, first }] of this.omitted) {
      summaries.push({
        severity: first.severity,
        file: first.file,
        line: first.line,
        message: `... and ${formatCount(count)} more ${kind}`
      })
    }
    return [...this.kept, ...summaries]
  }
}
