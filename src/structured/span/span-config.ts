import { DEFAULT_FIELDS, type DatasetConfig } from '../../config/schema.js'
import { DEFAULT_SPAN_OPTIONS, type SpanOptions } from './span-options.js'

/**
 * The reading options of a span dataset from its config: the `span:` key,
 * and the `fields:` names that differ from the defaults. Categories are
 * not passed: the structured pipeline checks every label against them.
 */
export function spanOptionsOf(
  dataset: DatasetConfig,
  fields: { item: string; annotator?: string; label: string }
): SpanOptions {
  const span = dataset.span
  return {
    overlap: span?.overlap ?? DEFAULT_SPAN_OPTIONS.overlap,
    scheme: span?.scheme ?? DEFAULT_SPAN_OPTIONS.scheme,
    textField: span?.text_field ?? DEFAULT_SPAN_OPTIONS.textField,
    ...(span?.tag_column !== undefined && { tagColumn: span.tag_column }),
    ...(span?.annotator_column !== undefined && {
      annotatorColumn: span.annotator_column
    }),
    ...(fields.item !== DEFAULT_FIELDS.item && { itemField: fields.item }),
    ...(fields.annotator !== undefined &&
      fields.annotator !== DEFAULT_FIELDS.annotator && {
        annotatorField: fields.annotator
      }),
    ...(fields.label !== DEFAULT_FIELDS.label && { labelField: fields.label })
  }
}
