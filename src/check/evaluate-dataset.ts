import type { DatasetConfig } from '../config/schema.js'
import { diffRatings } from '../diff/diff-ratings.js'
import { labelShift } from '../diff/label-shift.js'
import { sliceRatings } from '../diff/slice-ratings.js'
import { evaluateGates, gateEffect } from '../gates/evaluate-gates.js'
import { compareProblems } from '../model/problem.js'
import { buildVersionReport } from '../report/build-version-report.js'
import type { DatasetReport } from '../report/types.js'
import type { Problem } from '../model/problem.js'
import { compareSchemas, type SchemaChange } from '../schema/compare-schemas.js'
import { renameCategories } from '../schema/migrate-ratings.js'
import type { DatasetVersion } from './read-version.js'

export type Timer = <T>(
  phase: 'read' | 'metrics',
  work: () => Promise<T> | T
) => Promise<T>

/**
 * Metrics of head, base and the change's slice, the diff, and the gates of one
 * dataset. `base` is undefined without a base revision, null when the dataset
 * does not exist at the base (a new dataset: everything is added).
 */
export async function evaluateDataset(
  dataset: DatasetConfig,
  head: DatasetVersion,
  base: DatasetVersion | null | undefined,
  timed: Timer
): Promise<DatasetReport> {
  const headReport = await timed('metrics', () =>
    buildVersionReport(head.ratings, head.reference)
  )
  let baseReport = null
  let changedReport = null
  let diff = null
  let relabeled: DatasetReport['relabeled'] = []
  let shift = null
  let schemaChange: SchemaChange | null = null
  const schemaProblems: Problem[] = []
  if (base !== undefined) {
    // Base labels pass through the schema's migration (renames) first.
    let migrated = base?.ratings
    if (base?.schema && head.schema) {
      const comparison = compareSchemas(base.schema, head.schema)
      schemaProblems.push(...comparison.problems)
      if (comparison.change !== null) {
        const renamed = renameCategories(base.ratings, comparison.renames)
        migrated = renamed.ratings
        schemaChange = {
          ...comparison.change,
          affected_annotations: renamed.affected
        }
      }
    }
    const baseRatings = migrated ?? sliceRatings(head.ratings, () => false)
    await timed('metrics', () => {
      if (base !== null) {
        baseReport = buildVersionReport(baseRatings, base.reference)
      }
      const d = diffRatings(baseRatings, head.ratings)
      diff = d.report
      relabeled = d.relabeled
      // The change's slice (DESIGN section 3): agreement over the touched items
      // with all their head annotations; reference metrics over the annotations
      // the change added or relabeled, so a new batch is judged on its own.
      const touched = sliceRatings(
        head.ratings,
        (r) => d.touchedItems[head.ratings.item[r]!] === 1
      )
      const added = sliceRatings(head.ratings, (r) => d.changedRatings[r] === 1)
      changedReport = buildVersionReport(touched, head.reference, added)
      shift = labelShift(baseRatings, head.ratings)
    })
  }
  const gates = evaluateGates(dataset.gates, {
    head: headReport,
    base: baseReport,
    changed: changedReport
  })
  const problems = [...head.problems, ...schemaProblems].sort(compareProblems)
  const passed =
    !gates.some((g) => gateEffect(g) === 'error') &&
    !problems.some((p) => p.severity === 'error')
  return {
    name: dataset.name,
    passed,
    level: dataset.level,
    files: head.files,
    reference_files: head.referenceFiles,
    head: headReport,
    base: baseReport,
    changed: changedReport,
    diff,
    relabeled,
    label_shift: shift,
    schema_change: schemaChange,
    gates,
    problems
  }
}
