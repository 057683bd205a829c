import type { LabelSchema, Migration } from './label-schema.js'

/** What a schema's migrations make of one label that is no longer a category. */
export interface MigratedLabel {
  /** The label it becomes, or null when a migration removed it. */
  to: string | null
  /** The first migration step that renamed or removed it. */
  step: Migration
}

/** A schema's migration steps, oldest first. */
export function stepsInOrder(schema: LabelSchema): Migration[] {
  return [...schema.migrations].sort((a, b) => a.from - b.from)
}

/**
 * Follows `label` through the schema's migrations, oldest first: renames
 * chain (a → b at v1, b → c at v2 gives a → c), a removal ends the chain.
 * A label that is a category of the schema is current and never migrated
 * (a name may come back as a new category), nor is one no migration names.
 */
export function migrateLabel(
  schema: LabelSchema,
  label: string,
  steps: readonly Migration[] = stepsInOrder(schema)
): MigratedLabel | undefined {
  if (schema.categories.includes(label)) return undefined
  let current = label
  let first: Migration | undefined
  for (const step of steps) {
    if (step.remove.includes(current)) return { to: null, step: first ?? step }
    const next = step.rename.get(current)
    if (next === undefined) continue
    first ??= step
    current = next
  }
  return first === undefined ? undefined : { to: current, step: first }
}

/**
 * Every label the schema's migrations rename or remove and that is not a
 * category any more, with what becomes of it: the labels a file must no
 * longer hold once the schema is at its version.
 */
export function migratedLabels(
  schema: LabelSchema
): Map<string, MigratedLabel> {
  const steps = stepsInOrder(schema)
  const out = new Map<string, MigratedLabel>()
  for (const step of steps) {
    for (const label of [...step.rename.keys(), ...step.remove]) {
      if (out.has(label)) continue
      const migrated = migrateLabel(schema, label, steps)
      if (migrated !== undefined) out.set(label, migrated)
    }
  }
  return out
}

/** "the migration from version 1 in data/schema.yml (line 5)" */
export function describeStep(schema: LabelSchema, step: Migration): string {
  return `the migration from version ${step.from} in ${schema.file} (line ${step.line})`
}

/**
 * What to say about a record that still holds a label the schema's
 * migrations renamed or removed (after "label 'x' "), per such label.
 */
export function migratedLabelMessages(
  schema: LabelSchema
): Map<string, string> {
  const out = new Map<string, string>()
  for (const [label, m] of migratedLabels(schema)) {
    out.set(
      label,
      m.to === null
        ? `was removed by ${describeStep(schema, m.step)}; relabel or delete the record`
        : `is the old name of '${m.to}' (renamed by ${describeStep(schema, m.step)}); run labelgate migrate to rewrite the label files`
    )
  }
  return out
}
