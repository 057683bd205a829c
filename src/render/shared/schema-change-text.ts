import type { SchemaChangeReport } from '../../report/types.js'

/**
 * "v1 → v2: renamed pos → positive; added mixed; removed spam (12 base
 * annotations renamed)". `label` formats each label for the target (escaped
 * Markdown or cleaned terminal text); they come from a schema file in the PR.
 */
export function schemaChangeText(
  change: SchemaChangeReport,
  label: (text: string) => string
): string {
  const parts: string[] = []
  if (change.renamed.length > 0) {
    parts.push(
      `renamed ${change.renamed.map((r) => `${label(r.from)} → ${label(r.to)}`).join(', ')}`
    )
  }
  if (change.added.length > 0) {
    parts.push(`added ${change.added.map(label).join(', ')}`)
  }
  if (change.removed.length > 0) {
    parts.push(`removed ${change.removed.map(label).join(', ')}`)
  }
  const what = parts.length > 0 ? parts.join('; ') : 'no category changed'
  const affected =
    change.affected_annotations > 0
      ? ` (${change.affected_annotations.toLocaleString('en-US')} base annotation${change.affected_annotations === 1 ? '' : 's'} renamed before the diff)`
      : ''
  return `v${change.from_version} → v${change.to_version}: ${what}${affected}`
}
