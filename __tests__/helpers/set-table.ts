import {
  ElementTableBuilder,
  type ElementTable
} from '../../src/structured/element-table.js'

/**
 * A multi_label table as the readers make it: one row per annotation
 * (annotator null: a reference row), label codes ascending and once each.
 * `space`: share its code space (a reference beside its annotations).
 */
export function setTable(
  rows: [string, string | null, string[]][],
  space?: ElementTable
): ElementTable {
  const b = new ElementTableBuilder(
    'multi_label',
    space === undefined
      ? undefined
      : {
          items: space.items,
          annotators: space.annotators,
          labels: space.labels
        }
  )
  const file = b.addFile('rows')
  rows.forEach(([item, annotator, labels], line) => {
    b.beginRow(
      b.items.intern(item),
      annotator === null ? -1 : b.annotators.intern(annotator),
      file,
      line + 1
    )
    const codes = [...new Set(labels.map((l) => b.labels.intern(l)))].sort(
      (x, y) => x - y
    )
    for (const c of codes) b.addElement(c)
  })
  return b.finish()
}
