import type { Problem } from '../model/problem.js'
import type { SchemaComparison } from './compare-schemas.js'
import type { LabelSchema, Migration } from './label-schema.js'

/** A rename the head's migrations ask for that would erase a distinction in base data. */
export interface WithheldRename {
  from: string
  to: string
  /** `existing`: onto a name the base already uses; `merge`: two or more names onto one. */
  why: 'existing' | 'merge'
  step: Migration
}

/** How the head's renames may be applied to what is read from a trusted base. */
export interface TrustedRenames {
  /** One-to-one renames onto names not otherwise in use: every distinction kept. */
  applied: Map<string, string>
  withheld: WithheldRename[]
}

/**
 * Splits the renames that lead from the base's schema to the head's into
 * those that keep every distinction of the base's labels (applied to what is
 * read from the base) and those that would not (withheld): a rename onto a
 * category the base already has (including swaps), or several categories
 * renamed onto one. Which one is decided from the two schemas alone, so the
 * same migration is treated the same whatever the data holds.
 */
export function splitRenames(
  base: LabelSchema,
  comparison: SchemaComparison
): TrustedRenames {
  const baseSet = new Set(base.categories)
  const sources = new Map<string, number>()
  for (const to of comparison.renames.values()) {
    sources.set(to, (sources.get(to) ?? 0) + 1)
  }
  const applied = new Map<string, string>()
  const withheld: WithheldRename[] = []
  for (const [from, to] of comparison.renames) {
    const why = baseSet.has(to)
      ? 'existing'
      : sources.get(to)! > 1
        ? 'merge'
        : undefined
    if (why === undefined) applied.set(from, to)
    else withheld.push({ from, to, why, step: comparison.steps.get(from)! })
  }
  return { applied, withheld }
}

/** How many records of base data hold each label (texts not held: absent or 0). */
export type LabelCounts = ReadonlyMap<string, number>

function records(n: number, what: string): string {
  return `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`
}

function uses(reference: number, annotations: number): string {
  const parts: string[] = []
  if (reference > 0) parts.push(records(reference, 'reference label'))
  if (annotations > 0) parts.push(records(annotations, 'base annotation'))
  return parts.join(' and ')
}

/**
 * The trust-boundary errors of a pull request whose head schema migrates
 * labels that the trusted base's data holds: each withheld rename that base
 * data uses, and each migration-removed category that the base's reference
 * labels use. Such a migration would rewrite the gold (or the base the
 * change is compared with), so it is not applied to them; the error says so,
 * at the migration's line in the schema file.
 */
export function trustBoundaryProblems(
  head: LabelSchema,
  comparison: SchemaComparison,
  withheld: readonly WithheldRename[],
  reference: LabelCounts,
  baseAnnotations: LabelCounts
): Problem[] {
  const problems: Problem[] = []
  const at = (step: Migration, field: string, message: string): Problem => ({
    severity: 'error',
    file: head.file,
    line: step.line,
    field: `migrations[${step.index}].${field}`,
    message: `trust boundary: ${message}`
  })
  const from = (step: Migration): string =>
    `the migration from version ${step.from}`
  for (const w of withheld) {
    const r = reference.get(w.from) ?? 0
    const a = baseAnnotations.get(w.from) ?? 0
    if (r + a === 0) continue
    const what =
      w.why === 'existing'
        ? `renames '${w.from}' to '${w.to}', a category the base already has`
        : `merges '${w.from}' into '${w.to}' (with ${others(comparison, w)})`
    problems.push(
      at(
        w.step,
        `rename.${w.from}`,
        `${from(w.step)} ${what}; the ${uses(r, a)} holding '${w.from}' ${r + a === 1 ? 'is read as it was' : 'are read as they were'}`
      )
    )
  }
  for (const category of comparison.change?.removed ?? []) {
    const step = comparison.steps.get(category)
    const r = reference.get(category) ?? 0
    if (step === undefined || r === 0) continue
    problems.push(
      at(
        step,
        'remove',
        `${from(step)} removes '${category}', which ${uses(r, 0)} ${r === 1 ? 'uses; it stays a gold label' : 'use; they stay gold labels'}, so annotations of those items are judged against '${category}'`
      )
    )
  }
  return problems
}

/** The other categories a merge renames onto the same name, quoted. */
function others(comparison: SchemaComparison, w: WithheldRename): string {
  return [...comparison.renames]
    .filter(([from, to]) => to === w.to && from !== w.from)
    .map(([from]) => `'${from}'`)
    .join(', ')
}
