import type { Problem } from '../model/problem.js'
import type { LabelSchema, Migration } from './label-schema.js'

export interface SchemaChange {
  from_version: number
  to_version: number
  added: string[]
  removed: string[]
  renamed: { from: string; to: string }[]
  /** Base annotations whose label the migration renames (filled in by the caller). */
  affected_annotations: number
}

export interface SchemaComparison {
  change: SchemaChange | null
  /** Old label → new label, from the migrations that lead from base to head. */
  renames: Map<string, string>
  /** Base category → the first of those steps that renamed or removed it. */
  steps: Map<string, Migration>
  problems: Problem[]
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/**
 * Checks a schema change between base and head: categories may change only
 * with a higher version, and every category that disappears needs a migration
 * step (a rename or a removal) from a version at or after the base's. Renames
 * chain in version order (a → b at v1, b → c at v2 gives a → c).
 */
export function compareSchemas(
  base: LabelSchema,
  head: LabelSchema
): SchemaComparison {
  const problems: Problem[] = []
  const at = (message: string): Problem => ({
    severity: 'error',
    file: head.file,
    line: 1,
    field: 'categories',
    message
  })
  const unchanged = sameList(base.categories, head.categories)
  if (unchanged && base.version === head.version) {
    return { change: null, renames: new Map(), steps: new Map(), problems }
  }
  if (head.version < base.version) {
    problems.push(
      at(
        `schema version went down from ${base.version} to ${head.version}; versions only go up`
      )
    )
  } else if (!unchanged && head.version === base.version) {
    problems.push(
      at(
        `the categories changed but the schema version is still ${head.version}; raise it to ${base.version + 1} and add a migration`
      )
    )
  }

  const steps = head.migrations
    .filter((m) => m.from >= base.version && m.from < head.version)
    .sort((a, b) => a.from - b.from)
  const renames = new Map<string, string>()
  const firstStep = new Map<string, Migration>()
  for (const c of base.categories) {
    let label = c
    for (const step of steps) {
      if (!firstStep.has(c) && step.remove.includes(label)) {
        firstStep.set(c, step)
      }
      const next = step.rename.get(label)
      if (next === undefined) continue
      if (!firstStep.has(c)) firstStep.set(c, step)
      label = next
    }
    if (label !== c) renames.set(c, label)
  }
  const removedByMigration = new Set(steps.flatMap((s) => s.remove))
  const headSet = new Set(head.categories)
  const baseSet = new Set(base.categories)

  const removed: string[] = []
  for (const c of base.categories) {
    if (headSet.has(c)) continue
    const target = renames.get(c)
    if (target !== undefined) {
      if (!headSet.has(target)) {
        problems.push(
          at(
            `the migration renames '${c}' to '${target}', which is not a category of version ${head.version}`
          )
        )
      }
      continue
    }
    removed.push(c)
    if (!removedByMigration.has(c)) {
      problems.push(
        at(
          `category '${c}' was removed or renamed without a migration; add { from: ${base.version}, rename: { ${c}: <new> } } or remove: [${c}]`
        )
      )
    }
  }
  const renamedTargets = new Set(renames.values())
  const added = head.categories.filter(
    (c) => !baseSet.has(c) && !renamedTargets.has(c)
  )
  return {
    change: {
      from_version: base.version,
      to_version: head.version,
      added,
      removed,
      renamed: [...renames].map(([from, to]) => ({ from, to })),
      affected_annotations: 0
    },
    renames,
    steps: firstStep,
    problems
  }
}
