import { UserError } from '../errors.js'
import { SPAN_METRICS } from '../metrics/names.js'
import type { StructuredType } from './element-table.js'
import { boxKind } from './box/box-kind.js'
import { multiLabelKind } from './multi-label/multi-label-kind.js'
import type { StructuredKind } from './structured-kind.js'

/** A type whose pieces are still to come: every use is a clear UserError. */
function notImplemented(
  type: StructuredType,
  metrics: readonly string[]
): StructuredKind {
  const refuse = (): never => {
    throw new UserError(`type ${type} is not implemented yet`, {
      field: 'type'
    })
  }
  return {
    type,
    // No reader: reading names the missing formats (not implemented yet).
    readers: {},
    agreementMetrics: metrics,
    referenceMetrics: [],
    accuracyMeaning: '',
    measure: refuse,
    describe: refuse,
    disagreement: refuse
  }
}

/**
 * The registry of label types beyond one category: each plugs its readers,
 * metrics, description and disagreement into the shared structured pipeline.
 */
export const KINDS: Record<StructuredType, StructuredKind> = {
  multi_label: multiLabelKind,
  span: notImplemented('span', SPAN_METRICS),
  box: boxKind
}

export function kindOf(type: StructuredType): StructuredKind {
  return KINDS[type]
}
