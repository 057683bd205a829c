/**
 * A run that cannot be done (bad config, unreadable file, missing column, unknown
 * revision). The CLI prints `format()` as one line and exits 2; no stack trace.
 * Data problems that a run can report (a label outside the schema, a conflicting
 * duplicate) are not errors but `Problem`s in the report.
 */
export interface Location {
  file?: string
  line?: number
  column?: number
  field?: string
}

export class UserError extends Error {
  readonly where: Location

  constructor(message: string, where: Location = {}) {
    super(message)
    this.name = 'UserError'
    this.where = where
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

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}
