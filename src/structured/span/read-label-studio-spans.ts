import { UserError } from '../../errors.js'
import { scalarText } from '../../formats/export-records.js'
import { isRecord, kindOf } from '../../formats/read-json.js'
import { parseLabelStudioExport } from '../../formats/label-studio-export.js'
import { formatCount } from '../../formats/problem-log.js'
import { labelStudioLineage } from '../lineage-values.js'
import type { SpanSink } from './span-sink.js'

/**
 * Label Studio's JSON export of a text NER project: an array of tasks
 * `{ id, data: { text }, annotations: [{ completed_by, was_cancelled,
 * result: [{ from_name, to_name, type: 'labels', value: { start, end,
 * text, labels: [..] } }] }] }`.
 *
 * One annotation is one row: item the task `id` (or `data.<key>` with
 * `fields.item`), annotator `completed_by` (an id, or an object's email,
 * else its id), text `data.<span.text_field>` (default `text`), and one span
 * per label of each `labels` result (of the control `fields.label` when it
 * is set, else of every labels control). An annotation with no labels result
 * is an empty set (the annotator saw the text and marked nothing).
 * Cancelled annotations are skipped with one warning. Problems are reported
 * at the line where the annotation's object starts, with the result's index
 * in the field (`result[2].value.end`).
 */
export function readLabelStudioSpans(
  bytes: Uint8Array,
  start: number,
  file: string,
  sink: SpanSink
): void {
  const { tasks: data, lines } = parseLabelStudioExport(bytes, start, file)
  sink.startFile(file)
  const options = sink.options
  const textKey = options.textField
  const itemKey = options.itemField?.replace(/^data\./, '')
  const control = options.labelField
  data.forEach((task: unknown, t) => {
    const taskLine = lines.tasks[t] ?? 1
    if (!isRecord(task)) {
      throw new UserError(
        `a Label Studio task must be a JSON object, found ${kindOf(task)}`,
        { file, line: taskLine }
      )
    }
    const annotations = task.annotations
    if (annotations === undefined || annotations === null) return
    if (!Array.isArray(annotations)) {
      throw new UserError(
        `a task's annotations must be an array, found ${kindOf(annotations)}`,
        { file, line: taskLine, field: 'annotations' }
      )
    }
    const taskData = isRecord(task.data) ? task.data : undefined
    const itemValue =
      itemKey === undefined ? task.id : taskData && taskData[itemKey]
    const item = scalarText(itemValue)
    const body = taskData?.[textKey]
    annotations.forEach((annotation: unknown, j) => {
      const line = lines.annotations[t]?.[j] ?? taskLine
      if (!isRecord(annotation)) {
        sink.error(
          'annotations that are not objects',
          line,
          'annotations',
          `an annotation must be a JSON object, found ${kindOf(annotation)}`
        )
        return
      }
      if (annotation.was_cancelled === true) {
        sink.skip(
          'cancelled annotations',
          line,
          'was_cancelled',
          (n) =>
            `${formatCount(n)} cancelled annotation${n === 1 ? '' : 's'} (was_cancelled: true) skipped; first here`
        )
        return
      }
      if (item === undefined || item === '') {
        sink.error(
          'records without item',
          line,
          itemKey === undefined ? 'id' : `data.${itemKey}`,
          `the task has no ${itemKey === undefined ? 'id' : `data.${itemKey}`} (item)`
        )
        return
      }
      if (typeof body !== 'string') {
        sink.error(
          'tasks without text',
          line,
          `data.${textKey}`,
          `the task has no text in data.${textKey} (found ${kindOf(body)}); set span.text_field to the key that holds it`
        )
        return
      }
      const annotator = completedBy(annotation.completed_by)
      if (annotator === '') {
        sink.error(
          'records without annotator',
          line,
          'completed_by',
          'annotation has no completed_by (annotator)'
        )
        return
      }
      if (!sink.begin(item, annotator, body, line)) return
      sink.builder.setExtras(labelStudioLineage(annotation, taskData))
      const result = Array.isArray(annotation.result) ? annotation.result : []
      result.forEach((r: unknown, k) => {
        if (!isRecord(r) || r.type !== 'labels') return
        if (control !== undefined && r.from_name !== control) return
        const value = r.value
        if (!isRecord(value) || !Array.isArray(value.labels)) {
          sink.error(
            'labels results without labels',
            line,
            `result[${k}].value.labels`,
            'a labels result needs value.labels (an array of entity types)'
          )
          return
        }
        if (value.labels.length === 0) {
          sink.error(
            'spans without a label',
            line,
            `result[${k}].value.labels`,
            `span [${String(value.start)}, ${String(value.end)}) has no label`
          )
          return
        }
        for (const label of value.labels) {
          sink.span(
            value.start,
            value.end,
            scalarText(label) ?? '',
            line,
            value.text,
            `result[${k}].value.`
          )
        }
      })
    })
  })
  sink.end()
}

/** `completed_by`: a user id, or an object with an email, else an id. */
function completedBy(value: unknown): string {
  if (isRecord(value)) {
    return scalarText(value.email) ?? scalarText(value.id) ?? ''
  }
  return scalarText(value) ?? ''
}
