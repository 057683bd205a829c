import { isRecord } from '../formats/read-json.js'

/**
 * Where the structured readers find an annotation's lineage fields (config
 * `lineage`): a field name → the record's value, undefined when absent.
 * The same names as the category readers use, so one `lineage:` block reads
 * alike for every type.
 */
export type LineageLookup = (name: string) => unknown

/** The first of `records` with `name` as an own key (never the prototype). */
export function ownKeys(...records: unknown[]): LineageLookup {
  return (name) => {
    for (const record of records) {
      if (isRecord(record) && Object.hasOwn(record, name)) return record[name]
    }
    return undefined
  }
}

/**
 * A Label Studio annotation's lineage fields, as the category reader has
 * them: `labeled_at` (= created_at), `updated_at`, `lead_time`, `tool`
 * (= label-studio); any other name is an annotation key, else a task data key.
 */
export function labelStudioLineage(
  annotation: Record<string, unknown>,
  taskData: unknown
): LineageLookup {
  const rest = ownKeys(annotation, taskData)
  return (name) => {
    switch (name) {
      case 'labeled_at':
        return annotation.created_at ?? null
      case 'updated_at':
        return annotation.updated_at ?? null
      case 'lead_time':
        return annotation.lead_time ?? null
      case 'tool':
        return 'label-studio'
    }
    return rest(name)
  }
}

/**
 * The formats whose records carry lineage fields, per type. CoNLL files and
 * YOLO txt files hold tokens or coordinates only: lineage on them is a
 * configuration error, not every annotation missing its fields.
 */
export const LINEAGE_FORMATS: Readonly<Record<string, readonly string[]>> = {
  span: ['label-studio', 'prodigy', 'jsonl'],
  box: ['coco', 'json', 'label-studio'],
  multi_label: ['csv', 'tsv', 'json', 'jsonl', 'label-studio']
}
