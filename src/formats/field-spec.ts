import { UserError } from '../errors.js'
import type { Interner } from '../model/interner.js'
import { didYouMean } from '../util/did-you-mean.js'
import { excerpt } from '../util/excerpt.js'

/** One column (or JSON key) a reader takes from each record. */
export interface FieldSpec {
  /** What the value is, for messages: item, annotator, label. */
  readonly role: string
  /** The column or key name from the config. */
  readonly name: string
  /** The config key that sets `name`, for the hint in a missing-column error. */
  readonly configKey: string
  /** Where the value's text is interned. */
  readonly interner: Interner
  /** Required values that are empty skip the record with a problem; others intern as ''. */
  readonly required: boolean
  /**
   * An extra column (a lineage field) rather than item, annotator or label:
   * the label-studio and prodigy readers look it up among the fields they
   * produce (labeled_at, tool, ...) before the raw keys.
   */
  readonly extra?: boolean
}

/**
 * Item and annotator ids are identities: one made only of white space is a
 * data error (like an empty one), since it cannot be told apart from a blank
 * cell by a reader of the file. Labels are checked against the schema instead.
 */
export function isIdRole(role: string): boolean {
  return role === 'item' || role === 'annotator'
}

/** True when the text is non-empty and only spaces, tabs or other Unicode white space. */
export function isBlank(text: string): boolean {
  return text.length > 0 && text.trim() === ''
}

/** Receives each usable record: codes[k] is the code of specs[k]'s value. */
export type RecordSink = (codes: Int32Array, line: number) => void

/** Shows at most this many found names in a missing-column message. */
const SHOW = 20
/** And each of them cut to this many characters. */
const NAME_LENGTH = 40

function found(names: readonly string[]): string {
  // Names come from the file's first line, which may be anything (a symlink
  // to a secret, a binary): each is shown short and cleaned.
  const shown = names
    .slice(0, SHOW)
    .map((n) => (n === '' ? "''" : excerpt(n, NAME_LENGTH)))
  if (names.length > SHOW) shown.push(`... ${names.length - SHOW} more`)
  return shown.join(', ')
}

/** The error for a column or key that is not in the file at all. */
export function missingField(
  what: 'column' | 'key',
  spec: FieldSpec,
  names: readonly string[],
  where: { file: string; line?: number },
  qualifier = ''
): UserError {
  return new UserError(
    `missing ${what} '${spec.name}'${qualifier} (found: ${found(names)}); set ${spec.configKey} in the config` +
      didYouMean(spec.name, names),
    where
  )
}
