import type { Problem } from '../model/problem.js'
import { excerpt } from '../util/excerpt.js'
import { formatCount } from '../util/format-count.js'

// Readers import it from here with the log they count into.
export { formatCount }

/** A `ProblemLog` as plain data: kept problems and their kinds, then the counts past the cap. */
export interface ProblemLogState {
  kept: Problem[]
  kinds: string[]
  omitted: { kind: string; count: number; first: Problem }[]
}

/**
 * Collects problems, keeping at most `limit` of each kind (a plural noun such
 * as "conflicting duplicates") plus one summary line per kind, so that a broken
 * million-row file gives a readable report rather than a million entries.
 */
export class ProblemLog {
  private readonly kept: Problem[] = []
  /** The kind of each kept problem (to hand a log over, `state`). */
  private readonly keptKinds: string[] = []
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
    this.keep(kind, problem)
  }

  private keep(kind: string, problem: Problem): void {
    const count = (this.counts.get(kind) ?? 0) + 1
    this.counts.set(kind, count)
    if (count <= this.limit) {
      this.kept.push(problem)
      this.keptKinds.push(kind)
      return
    }
    const o = this.omitted.get(kind)
    if (o === undefined) this.omitted.set(kind, { count: 1, first: problem })
    else o.count++
  }

  /**
   * Everything this log holds, as plain data (a worker of a parallel read
   * sends it to the main thread, which `absorb`s it).
   */
  state(): ProblemLogState {
    return {
      kept: this.kept,
      kinds: this.keptKinds,
      omitted: [...this.omitted].map(([kind, o]) => ({ kind, ...o }))
    }
  }

  /**
   * Adds the problems of another log (the records after this log's), in
   * their order, with their lines moved down by `lineOffset`: the same
   * problems, caps and summaries as adding them here one by one.
   */
  absorb(state: ProblemLogState, lineOffset: number): void {
    const shift = (p: Problem): Problem =>
      p.line === undefined ? p : { ...p, line: p.line + lineOffset }
    state.kept.forEach((p, i) => this.keep(state.kinds[i]!, shift(p)))
    // Past the other log's cap, so past this one's: only counted.
    for (const { kind, count, first } of state.omitted) {
      this.counts.set(kind, (this.counts.get(kind) ?? 0) + count)
      const o = this.omitted.get(kind)
      if (o === undefined)
        this.omitted.set(kind, { count, first: shift(first) })
      else o.count += count
    }
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
