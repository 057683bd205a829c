import type { StructuredType } from './element-table.js'
import { boxKind } from './box/box-kind.js'
import { multiLabelKind } from './multi-label/multi-label-kind.js'
import { spanKind } from './span/span-kind.js'
import type { StructuredKind } from './structured-kind.js'

/**
 * The registry of label types beyond one category: each plugs its readers,
 * metrics, description and disagreement into the shared structured pipeline.
 */
export const KINDS: Record<StructuredType, StructuredKind> = {
  multi_label: multiLabelKind,
  span: spanKind,
  box: boxKind
}

export function kindOf(type: StructuredType): StructuredKind {
  return KINDS[type]
}
