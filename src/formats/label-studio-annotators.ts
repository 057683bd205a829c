import type { AnnotatorKey } from '../config/schema.js'
import { excerpt } from '../util/excerpt.js'
import { scalarText } from './export-records.js'
import type { ProblemLog } from './problem-log.js'
import { isRecord } from './read-json.js'

/** Label Studio writes an email where it has a user object, else the user id. */
function isEmail(text: string): boolean {
  return text.includes('@')
}

function own(record: Record<string, unknown>, key: string): string {
  return scalarText(Object.hasOwn(record, key) ? record[key] : undefined) ?? ''
}

/**
 * One key per person in a Label Studio export. `completed_by` is a user id
 * (`7`) in some exports and a user object (`{id: 7, email, first_name,
 * ...}`) in others, and the JSON-MIN and CSV exports write the email for an
 * object and the id otherwise: read naively, one person becomes two
 * annotators. Every object in the file links its id and email; each
 * annotator is then keyed by `key` (id or email) through those links. A
 * value that no object links stays as written; when a file holds both an
 * unlinked id and an unlinked email, they may be one person, and one
 * warning says so (a link cannot be guessed).
 */
export class LabelStudioAnnotators {
  private readonly emailOf = new Map<string, string>()
  private readonly idOf = new Map<string, string>()
  /** Bare values as written, with the first place each was seen. */
  private readonly seen = new Map<string, { line: number; field: string }>()

  constructor(readonly key: AnnotatorKey) {}

  /** Learns the id-email link of a `completed_by` user object (other values: nothing). */
  learn(value: unknown): void {
    if (!isRecord(value)) return
    const id = own(value, 'id')
    const email = own(value, 'email')
    if (id === '' || email === '') return
    if (!this.emailOf.has(id)) this.emailOf.set(id, email)
    if (!this.idOf.has(email)) this.idOf.set(email, id)
  }

  /**
   * The annotator key of a `completed_by` (or JSON-MIN/CSV `annotator`)
   * value; '' when it names nobody. Call after `learn` has seen every user
   * object of the file.
   */
  keyOf(value: unknown, line: number, field: string): string {
    let text: string
    if (isRecord(value)) {
      const id = own(value, 'id')
      const email = own(value, 'email')
      if (this.key === 'id' && id !== '') return id
      if (this.key === 'email' && email !== '') return email
      text = id !== '' ? id : email
    } else {
      text = scalarText(value) ?? ''
    }
    if (text === '') return ''
    if (!this.seen.has(text)) this.seen.set(text, { line, field })
    const email = isEmail(text)
    if (email === (this.key === 'email')) return text
    return (email ? this.idOf.get(text) : this.emailOf.get(text)) ?? text
  }

  /** Ends the file: the warning when an unlinked id and an unlinked email may be one person. */
  finish(file: string, log: ProblemLog): void {
    const ids: string[] = []
    const emails: string[] = []
    for (const text of this.seen.keys()) {
      if (isEmail(text)) {
        if (!this.idOf.has(text)) emails.push(text)
      } else if (!this.emailOf.has(text)) ids.push(text)
    }
    if (ids.length === 0 || emails.length === 0) return
    // The values of the kind not asked for are the ones kept as written.
    const odd = this.key === 'id' ? emails : ids
    const first = this.seen.get(odd[0]!)!
    const n = odd.length
    log.add('annotators given both as ids and as emails', {
      severity: 'warning',
      file,
      line: first.line,
      field: first.field,
      message:
        `annotators appear both as user ids and as emails; ${n.toLocaleString('en-US')} ${this.key === 'id' ? 'email' : 'id'}${n === 1 ? '' : 's'} ` +
        `(first here: '${excerpt(odd[0]!, 80)}') ${n === 1 ? 'is' : 'are'} linked by no {id, email} user object in the file and kept as written, ` +
        `so one person may count as two annotators (annotator_key: ${this.key})`
    })
  }
}
