import { DEFAULT_FIELDS } from '../config/schema.js'
import { UserError } from '../errors.js'
import { ExportRecords, scalarText } from './export-records.js'
import type { FieldSpec, RecordSink } from './field-spec.js'
import { formatCount, type ProblemLog } from './problem-log.js'
import { forEachJsonLine, isRecord, kindOf } from './read-json.js'

/**
 * Prodigy's JSONL export (`prodigy db-out`): one task per line, `{
 * _input_hash, _task_hash, _annotator_id, _session_id, _timestamp, answer:
 * 'accept' | 'reject' | 'ignore', label?, accept?: [..], options?: [..],
 * text?, meta? }`.
 *
 * - Choice tasks (`options` present, e.g. textcat.manual with several
 *   labels): item `_input_hash`; label the one option id in `accept`
 *   (several: multi-label, not supported yet; none with answer accept: a
 *   problem; an id that is not an option: a problem). A rejected choice task
 *   gave no label: skipped with a warning.
 * - Binary tasks (a `label` key, e.g. textcat.teach): the label is the
 *   answer itself, `accept` or `reject`, and the task's `label` goes to the
 *   lineage field `prodigy_label`. The item is `_task_hash` (input and
 *   label), since one input is asked about with several labels, and those
 *   answers are not duplicates of one another.
 * - `fields.item` other than the default names a key (or `meta.<key>`) for
 *   both kinds; `fields.annotator` likewise (default `_annotator_id`, else
 *   `_session_id`).
 * - `ignore` answers are skipped with one warning.
 * - Lineage fields: `labeled_at` (`_timestamp`, Unix seconds, as ISO 8601
 *   UTC), `tool` (= prodigy), `session` (`_session_id`), `prodigy_label`;
 *   any other name is a key of the task, else of its `meta`.
 */
export function readProdigy(
  bytes: Uint8Array,
  start: number,
  file: string,
  specs: readonly FieldSpec[],
  records: string,
  sink: RecordSink,
  log: ProblemLog
): void {
  if (specs[2]!.name !== DEFAULT_FIELDS.label) {
    throw new UserError(
      `format prodigy takes the label from accept (choice tasks) or answer (binary tasks); remove fields.label ('${specs[2]!.name}')`,
      { field: 'fields.label' }
    )
  }
  const itemKey = specs[0]!.name === DEFAULT_FIELDS.item ? null : specs[0]!.name
  const annotatorKey =
    specs[1]!.name === DEFAULT_FIELDS.annotator ? null : specs[1]!.name
  const out = new ExportRecords(file, specs, sink, log)
  forEachJsonLine(bytes, start, file, (task, line) => {
    const answer = task.answer
    if (answer === 'ignore') {
      out.skip(
        'ignored answers',
        line,
        'answer',
        (n) =>
          `${formatCount(n)} ignored answer${n === 1 ? '' : 's'} (answer: ignore) skipped; first here`
      )
      return
    }
    if (answer !== 'accept' && answer !== 'reject') {
      out.reject(
        'records without a valid answer',
        line,
        'answer',
        answer === undefined || answer === null
          ? 'the task has no answer'
          : `answer ${typeof answer === 'string' ? `'${answer}'` : kindOf(answer)} is not accept, reject or ignore`
      )
      return
    }
    const choice = Array.isArray(task.options)
    const binary = !choice && task.label !== undefined && task.label !== null
    if (!choice && !binary) {
      out.reject(
        'unsupported tasks',
        line,
        'options',
        'the task has neither options (a choice task) nor a label (a binary task); spans are not supported yet'
      )
      return
    }
    // Item.
    const itemName = itemKey ?? (choice ? '_input_hash' : '_task_hash')
    const itemValue =
      itemKey === null && !choice && task._task_hash === undefined
        ? lookup(task, '_input_hash')
        : lookup(task, itemName)
    const item = scalarText(itemValue)
    if (item === undefined || item === '') {
      out.reject(
        'records without item',
        line,
        itemName,
        `item is ${item === undefined ? kindOf(itemValue) : 'missing'} (key '${itemName}')`
      )
      return
    }
    // Annotator.
    let annotatorName = annotatorKey ?? '_annotator_id'
    let annotatorValue = lookup(task, annotatorName)
    if (annotatorKey === null && (annotatorValue ?? '') === '') {
      annotatorName = '_session_id'
      annotatorValue = lookup(task, annotatorName)
    }
    const annotator = scalarText(annotatorValue)
    if (annotator === undefined || annotator === '') {
      out.reject(
        'records without annotator',
        line,
        annotatorName,
        annotatorKey === null
          ? 'the task has no _annotator_id or _session_id (annotator)'
          : `annotator is ${annotator === undefined ? kindOf(annotatorValue) : 'missing'} (key '${annotatorName}')`
      )
      return
    }
    // Label.
    let label: string
    if (binary) {
      label = answer
    } else {
      if (answer === 'reject') {
        out.skip(
          'rejected choice tasks',
          line,
          'answer',
          (n) =>
            `${formatCount(n)} rejected choice task${n === 1 ? '' : 's'} (answer: reject, no option chosen) skipped; first here`
        )
        return
      }
      const chosen = optionChoice(task)
      if (typeof chosen !== 'string') {
        out.reject(chosen.kind, line, 'accept', chosen.message)
        return
      }
      label = chosen
    }
    out.add(
      item,
      annotator,
      label,
      (name) => {
        switch (name) {
          case 'labeled_at':
            return timestampText(task._timestamp)
          case 'tool':
            return 'prodigy'
          case 'session':
            return task._session_id ?? null
          case 'prodigy_label':
            return binary ? task.label : null
        }
        return lookup(task, name)
      },
      () => [
        'labeled_at',
        'tool',
        'session',
        'prodigy_label',
        ...Object.keys(task)
      ],
      line
    )
  })
  out.finish(records)
}

/** A key of the task, else of its `meta` (`meta.x` names that one only). */
function lookup(task: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(task, name)) return task[name]
  const meta = isRecord(task.meta) ? task.meta : undefined
  if (meta === undefined) return undefined
  const key = name.startsWith('meta.') ? name.slice('meta.'.length) : name
  return Object.hasOwn(meta, key) ? meta[key] : undefined
}

/** The one accepted option id of an accepted choice task, or why there is none. */
function optionChoice(
  task: Record<string, unknown>
): string | { kind: string; message: string } {
  const accept = task.accept
  if (!Array.isArray(accept) || accept.length === 0) {
    return {
      kind: 'accepted tasks without a choice',
      message: 'answer is accept but no option is in accept'
    }
  }
  if (accept.length > 1) {
    return {
      kind: 'multi-label annotations',
      message: `${accept.length} options accepted: multi-label is not supported yet`
    }
  }
  const id = scalarText(accept[0])
  if (id === undefined || id === '') {
    return {
      kind: 'accepted tasks without a choice',
      message: `the accepted option is ${id === '' ? 'empty' : kindOf(accept[0])}`
    }
  }
  const options = task.options as unknown[]
  const known = options.some((o) => isRecord(o) && scalarText(o.id) === id)
  if (!known) {
    return {
      kind: 'choices outside the options',
      message: `accepted option '${id}' is not among the task's options`
    }
  }
  return id
}

/**
 * `_timestamp` (Unix seconds) as ISO 8601 UTC, whole seconds without a
 * fraction: 1714564800 -> 2024-05-01T12:00:00Z. Anything else is kept as
 * its text, for the lineage check to judge.
 */
export function timestampText(value: unknown): unknown {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value ?? null
  const ms = value * 1000
  if (Math.abs(ms) > 8.64e15) return String(value)
  const iso = new Date(Math.round(ms)).toISOString()
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso
}
