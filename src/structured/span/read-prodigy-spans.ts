import { scalarText } from '../../formats/export-records.js'
import { formatCount } from '../../formats/problem-log.js'
import { forEachJsonLine, isRecord, kindOf } from '../../formats/read-json.js'
import { codePointToUtf16, toUtf16 } from './code-points.js'
import type { SpanSink } from './span-sink.js'

/**
 * Prodigy's `db-out` JSONL of an NER task (`ner.manual`, `ner.correct`,
 * `spans.manual`) and spaCy-style JSONL: one task per line, `{ text,
 * tokens?: [{ text, start, end, id }], spans: [{ start, end, label,
 * token_start?, token_end?, text? }], answer, _input_hash, _annotator_id,
 * _session_id }`.
 *
 * - Item `_input_hash` (the same text gets the same hash for every
 *   annotator), or the key `fields.item` names (a task key, else
 *   `meta.<key>`). Annotator `_annotator_id`, else `_session_id`, or the
 *   key `fields.annotator` names.
 * - `answer: accept` is an annotation with its spans (none: an empty set);
 *   `reject` (the annotator refused the text, marking nothing) and `ignore`
 *   are skipped with one warning each, as the category reader does for
 *   choice tasks; a task without `answer` (spaCy JSONL) counts as accepted;
 *   any other answer is an error.
 * - Offsets are code points (Python); they are converted to UTF-16.
 *   `tokens`, when present, are the item's tokens for the token-level alpha.
 */
export function readProdigySpans(
  bytes: Uint8Array,
  start: number,
  file: string,
  sink: SpanSink
): void {
  sink.startFile(file)
  const options = sink.options
  forEachJsonLine(bytes, start, file, (task, line) => {
    const answer = task.answer
    if (answer === 'ignore' || answer === 'reject') {
      sink.skip(
        `${answer}ed answers`,
        line,
        'answer',
        (n) =>
          `${formatCount(n)} ${answer}ed answer${n === 1 ? '' : 's'} (answer: ${answer}) skipped; first here`
      )
      return
    }
    if (answer !== undefined && answer !== 'accept') {
      sink.error(
        'records without a valid answer',
        line,
        'answer',
        `answer ${typeof answer === 'string' ? `'${answer}'` : kindOf(answer)} is not accept, reject or ignore`
      )
      return
    }
    const itemName = options.itemField ?? '_input_hash'
    const item = scalarText(lookup(task, itemName))
    if (item === undefined || item === '') {
      sink.error(
        'records without item',
        line,
        itemName,
        `the task has no ${itemName} (item)`
      )
      return
    }
    let annotatorName = options.annotatorField ?? '_annotator_id'
    let annotator = scalarText(lookup(task, annotatorName))
    if (options.annotatorField === undefined && (annotator ?? '') === '') {
      annotatorName = '_session_id'
      annotator = scalarText(lookup(task, annotatorName))
    }
    // Gold spans have no annotator: a reference file needs none.
    if (sink.reference) annotator = ''
    else if (annotator === undefined || annotator === '') {
      sink.error(
        'records without annotator',
        line,
        annotatorName,
        options.annotatorField === undefined
          ? 'the task has no _annotator_id or _session_id (annotator)'
          : `the task has no ${annotatorName} (annotator)`
      )
      return
    }
    const text = task.text
    if (typeof text !== 'string') {
      sink.error(
        'tasks without text',
        line,
        'text',
        `the task's text is ${kindOf(text)}, not a string`
      )
      return
    }
    if (!sink.begin(item, annotator, text, line)) return
    // Lineage fields: a task key, else a `meta` key (as for the item).
    sink.builder.setExtras((name) => lookup(task, name))
    const map = codePointToUtf16(text)
    if (Array.isArray(task.tokens)) {
      const pairs = new Int32Array(task.tokens.length * 2)
      let ok = true
      task.tokens.forEach((t: unknown, k) => {
        const s = isRecord(t) ? toUtf16(map, t.start) : undefined
        const e = isRecord(t) ? toUtf16(map, t.end) : undefined
        if (!Number.isInteger(s) || !Number.isInteger(e)) ok = false
        pairs[2 * k] = s as number
        pairs[2 * k + 1] = e as number
      })
      if (ok) sink.setTokens(pairs)
      else
        sink.warn(
          'tokens without offsets',
          line,
          'tokens',
          'a token has no integer start and end; the text is split at white space instead'
        )
    }
    const spans = task.spans ?? []
    if (!Array.isArray(spans)) {
      sink.error(
        'spans that are not arrays',
        line,
        'spans',
        `spans must be an array, found ${kindOf(spans)}`
      )
      return
    }
    spans.forEach((span: unknown, k) => {
      if (!isRecord(span)) {
        sink.error(
          'spans that are not objects',
          line,
          `spans[${k}]`,
          `a span must be a JSON object, found ${kindOf(span)}`
        )
        return
      }
      sink.span(
        toUtf16(map, span.start),
        toUtf16(map, span.end),
        scalarText(span.label) ?? '',
        line,
        span.text,
        `spans[${k}].`
      )
    })
  })
  sink.end()
}

/** A key of the task, else of its `meta` (`meta.x` names that one only). */
function lookup(task: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(task, name)) return task[name]
  const meta = isRecord(task.meta) ? task.meta : undefined
  if (meta === undefined) return undefined
  const key = name.startsWith('meta.') ? name.slice('meta.'.length) : name
  return Object.hasOwn(meta, key) ? meta[key] : undefined
}
