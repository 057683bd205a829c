import type { TagScheme } from './bio-tags.js'

/**
 * How a span dataset is read and checked (the dataset's `span:` key).
 * - `overlap`: `allow` (default: nested and crossing entities are common
 *   in real corpora, e.g. GENIA, ACE) or `forbid` (flat NER such as
 *   CoNLL-2003: two spans of one annotation that share a character are an
 *   error at the second one's line).
 * - `scheme`: the CoNLL tag scheme, `auto` (default: `bioes` when a file
 *   has an `E-` or `S-` tag, else `bio`), `bio` (IOB2) or `bioes`.
 * - `text_field`: the task data key holding the text (Label Studio
 *   `data.<key>`; default `text`).
 * - `tag_column`, `annotator_column`: 1-based CoNLL columns (default: the
 *   last column is the tag, the annotator is the file's name).
 */
export interface SpanOptions {
  overlap: 'allow' | 'forbid'
  scheme: 'auto' | TagScheme
  textField: string
  tagColumn?: number
  annotatorColumn?: number
  /**
   * Field names from `fields:` when they differ from the defaults: the item
   * key (Label Studio `data.<key>`, Prodigy task key), the annotator key
   * (Prodigy), the labels control's `from_name` (Label Studio).
   */
  itemField?: string
  annotatorField?: string
  labelField?: string
  /** Declared entity types; any other label is an error. */
  categories?: readonly string[]
}

export const DEFAULT_SPAN_OPTIONS: SpanOptions = {
  overlap: 'allow',
  scheme: 'auto',
  textField: 'text'
}
