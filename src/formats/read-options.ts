import type { AnnotatorKey, Delimiter, Format } from '../config/schema.js'

/** How a dataset's (or its reference's) files are read, beyond the field names. */
export interface ReadOptions {
  /** The field separator of delimited files, as configured; default by format. */
  readonly delimiter?: Delimiter
  /** Label Studio exports: key annotators by user id (default) or email. */
  readonly annotatorKey?: AnnotatorKey
  /**
   * Label Studio JSON export, by each annotation's `ground_truth` flag:
   * read them all (default), skip the ground-truth ones (a dataset whose
   * reference they are), or read only those (that reference).
   */
  readonly groundTruth?: 'all' | 'skip' | 'only'
}

/** The one-character field separator of a delimited file. */
export function delimiterChar(format: Format, configured?: Delimiter): string {
  if (configured === undefined) return format === 'tsv' ? '\t' : ','
  return configured === 'tab' || configured === '\\t' ? '\t' : configured
}

/** A separator as a user would write it in the YAML config. */
export function delimiterInYaml(char: string): string {
  return char === '\t' ? '"\\t"' : `'${char}'`
}

/** Every separator `delimiter:` can choose, as characters. */
export const DELIMITER_CHARS: readonly string[] = [',', ';', '\t', '|']
