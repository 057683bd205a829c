/**
 * A run that cannot be done (bad config, unreadable file, missing column, unknown
 * revision). The CLI prints `format()` as one line and exits 2; no stack trace.
 * Data problems that a run can report (a label outside the schema, a conflicting
 * duplicate) are not errors but `Problem`s in the report.
 */
import { excerpt } from './util/excerpt.js'

export interface Location {
  file?: string
  line?: number
  column?: number
  field?: string
}

export class UserError extends Error {
  readonly where: Location

  /**
   * Messages and places often hold text from a file, a file name from git or
   * a key from a config, all possibly from a pull request: they are cleaned of
   * control characters and escape sequences (which could clear a terminal or
   * forge log lines) and kept to a readable length, here, once for every error.
   */
  constructor(message: string, where: Location = {}) {
    super(excerpt(message, MESSAGE_LENGTH))
    this.name = 'UserError'
    this.where = {
      ...where,
      file: where.file === undefined ? undefined : excerpt(where.file, 300),
      field: where.field === undefined ? undefined : excerpt(where.field, 200)
    }
  }

  /** `file:line:column: field 'x': message`, leaving out what is unknown. */
  format(): string {
    const { file, line, column, field } = this.where
    let place = ''
    if (file !== undefined) {
      place = file
      if (line !== undefined) place += `:${line}`
      if (line !== undefined && column !== undefined) place += `:${column}`
      place += ': '
    }
    const what = field !== undefined ? `field '${field}': ` : ''
    return `${place}${what}${this.message}`
  }
}

/** The longest error message, in characters (a one-line cause, not a dump). */
const MESSAGE_LENGTH = 1000

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}
