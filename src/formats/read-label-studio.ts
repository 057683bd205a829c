import { DEFAULT_FIELDS } from '../config/schema.js'
import { UserError } from '../errors.js'
import { didYouMean } from '../util/did-you-mean.js'
import { ExportRecords, scalarText } from './export-records.js'
import type { FieldSpec, RecordSink } from './field-spec.js'
import { formatCount, type ProblemLog } from './problem-log.js'
import { isRecord, kindOf, parseJsonDocument } from './read-json.js'

/**
 * Label Studio's JSON export: an array of tasks, each
 * `{ id, data: {...}, annotations: [{ id, completed_by, created_at,
 * updated_at, lead_time, was_cancelled, ground_truth, result: [{ from_name,
 * to_name, type: 'choices', value: { choices: [..] } }] }] }`.
 *
 * One record per annotation, for one choices control:
 * - item: the task `id`, or the task data key `fields.item` names
 *   (`data.text_id` or `text_id`); the default `item_id` means the task id;
 * - annotator: `completed_by` (a user id, or an object: its email, else id);
 * - label: the one choice of the control whose `from_name` is `fields.label`;
 *   with the default `label` and no control of that name, the only choices
 *   control in the file (several: the run stops and lists them);
 * - lineage fields: `labeled_at` (= created_at), `updated_at`, `lead_time`,
 *   `tool` (= label-studio); any other name is an annotation key, else a task
 *   data key.
 *
 * Cancelled annotations (`was_cancelled: true`) are skipped with one warning.
 * An annotation that cannot be mapped is an error problem at the line where
 * its object starts; the record is skipped.
 */
export function readLabelStudio(
  bytes: Uint8Array,
  start: number,
  file: string,
  specs: readonly FieldSpec[],
  records: string,
  sink: RecordSink,
  log: ProblemLog,
  multi = false
): void {
  const { text, data } = parseJsonDocument(bytes, start, file)
  if (!Array.isArray(data)) {
    throw new UserError(
      `expected the JSON array of tasks of a Label Studio export, found ${kindOf(data)}`,
      { file, line: 1 }
    )
  }
  const lines = annotationLines(text)
  const itemSpec = specs[0]!
  const itemKey =
    itemSpec.name === DEFAULT_FIELDS.item || itemSpec.name === 'id'
      ? null
      : itemSpec.name.startsWith('data.')
        ? itemSpec.name.slice('data.'.length)
        : itemSpec.name
  if (specs[1]!.name !== DEFAULT_FIELDS.annotator) {
    throw new UserError(
      `format label-studio takes the annotator from completed_by; remove fields.annotator ('${specs[1]!.name}')`,
      { field: 'fields.annotator' }
    )
  }

  // Tasks, with their annotation objects and lines.
  const tasks: {
    task: Record<string, unknown>
    line: number
    annotations: unknown[]
    lines: number[]
  }[] = []
  data.forEach((task: unknown, t) => {
    const line = lines.tasks[t] ?? 1
    if (!isRecord(task)) {
      throw new UserError(
        `a Label Studio task must be a JSON object, found ${kindOf(task)}`,
        { file, line }
      )
    }
    const annotations = task.annotations
    if (annotations === undefined || annotations === null) return
    if (!Array.isArray(annotations)) {
      throw new UserError(
        `a task's annotations must be an array, found ${kindOf(annotations)}`,
        { file, line, field: 'annotations' }
      )
    }
    tasks.push({
      task,
      line,
      annotations,
      lines: lines.annotations[t] ?? []
    })
  })

  const control = chooseControl(tasks, specs[2]!.name, file)
  const out = new ExportRecords(file, specs, sink, log)
  for (const { task, line: taskLine, annotations, lines: at } of tasks) {
    const taskData = isRecord(task.data) ? task.data : undefined
    annotations.forEach((annotation: unknown, j) => {
      const line = at[j] ?? taskLine
      if (!isRecord(annotation)) {
        out.reject(
          'annotations that are not objects',
          line,
          'annotations',
          `an annotation must be a JSON object, found ${kindOf(annotation)}`
        )
        return
      }
      if (annotation.was_cancelled === true) {
        out.skip(
          'cancelled annotations',
          line,
          'was_cancelled',
          (n) =>
            `${formatCount(n)} cancelled annotation${n === 1 ? '' : 's'} (was_cancelled: true) skipped; first here`
        )
        return
      }
      // Item.
      const itemValue =
        itemKey === null ? task.id : taskData && ownValue(taskData, itemKey)
      const item = scalarText(itemValue)
      if (item === undefined || item === '') {
        out.reject(
          'records without item',
          line,
          itemKey === null ? 'id' : `data.${itemKey}`,
          itemKey === null
            ? `the task has no id (item)`
            : `item is ${item === undefined ? kindOf(itemValue) : 'missing'} (task data key '${itemKey}')`
        )
        return
      }
      // Annotator.
      const annotator = completedBy(annotation.completed_by)
      if (annotator === '') {
        out.reject(
          'records without annotator',
          line,
          'completed_by',
          'annotation has no completed_by (annotator)'
        )
        return
      }
      // Label.
      const label = multi
        ? chosenLabels(annotation, control)
        : chosenLabel(annotation, control)
      if (typeof label !== 'string') {
        out.reject(label.kind, line, 'result', label.message)
        return
      }
      out.add(
        item,
        annotator,
        label,
        (name) => {
          switch (name) {
            case 'labeled_at':
              return annotation.created_at ?? null
            case 'updated_at':
              return annotation.updated_at ?? null
            case 'lead_time':
              return annotation.lead_time ?? null
            case 'tool':
              return 'label-studio'
          }
          if (Object.hasOwn(annotation, name)) return annotation[name]
          if (taskData !== undefined && Object.hasOwn(taskData, name)) {
            return taskData[name]
          }
          return undefined
        },
        () => [
          'labeled_at',
          'updated_at',
          'lead_time',
          'tool',
          ...Object.keys(annotation),
          ...(taskData === undefined ? [] : Object.keys(taskData))
        ],
        line
      )
    })
  }
  out.finish(records)
}

/** A value of an own key (never from the prototype: `constructor`, `__proto__`). */
function ownValue(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/** `completed_by` as an annotator id: a number or string, or an object's email, else its id; '' when none. */
function completedBy(value: unknown): string {
  if (isRecord(value)) {
    const email = scalarText(ownValue(value, 'email'))
    if (email !== undefined && email !== '') return email
    return scalarText(ownValue(value, 'id')) ?? ''
  }
  return scalarText(value) ?? ''
}

/**
 * The choices control to read: the one `fields.label` names, else (the
 * default name, `label`, matching none) the only choices control in the
 * file. Several without a name, or a name no result has, stop the run.
 */
function chooseControl(
  tasks: readonly { annotations: unknown[] }[],
  name: string,
  file: string
): string | null {
  const choices = new Set<string>()
  const all = new Map<string, Set<string>>()
  for (const { annotations } of tasks) {
    for (const annotation of annotations) {
      if (!isRecord(annotation) || annotation.was_cancelled === true) continue
      const result = annotation.result
      if (!Array.isArray(result)) continue
      for (const r of result) {
        if (!isRecord(r) || typeof r.from_name !== 'string') continue
        const type = typeof r.type === 'string' ? r.type : '?'
        if (type === 'choices') choices.add(r.from_name)
        let types = all.get(r.from_name)
        if (types === undefined) all.set(r.from_name, (types = new Set()))
        types.add(type)
      }
    }
  }
  const named = name !== DEFAULT_FIELDS.label
  if (all.has(name)) return name
  if (named) {
    const found = [...all.keys()]
    throw new UserError(
      `no annotation result has from_name '${name}' (found: ${found.length === 0 ? 'none' : found.join(', ')}); set fields.label to the choices control's from_name` +
        didYouMean(name, found),
      { file, field: 'fields.label' }
    )
  }
  if (choices.size === 1) return [...choices][0]!
  if (choices.size > 1) {
    throw new UserError(
      `several choices controls (from_name: ${[...choices].join(', ')}); set fields.label to the one to check`,
      { file, field: 'fields.label' }
    )
  }
  if (all.size === 0) return null // no result at all: every record says so
  const types = [...new Set([...all.values()].flatMap((t) => [...t]))]
  throw new UserError(
    `no choices result in any annotation (result types found: ${types.join(', ')}); only classification (choices) is supported yet`,
    { file, field: 'result' }
  )
}

/**
 * Every choice of `control` in an annotation, as the JSON text of an array
 * of strings (a multi_label dataset reads the set back from it), or why
 * there is none. No result for the control, or no choice, is the empty set.
 */
function chosenLabels(
  annotation: Record<string, unknown>,
  control: string | null
): string | { kind: string; message: string } {
  const result = annotation.result
  if (result !== undefined && result !== null && !Array.isArray(result)) {
    return {
      kind: 'annotations without a choice',
      message: `result is ${kindOf(result)}, not an array`
    }
  }
  const mine = (result ?? []).filter(
    (r: unknown) => isRecord(r) && r.from_name === control
  ) as Record<string, unknown>[]
  if (mine.length > 1) {
    return {
      kind: 'annotations with several results',
      message: `annotation has ${mine.length} results for control '${control}' (per-region choices are not supported yet)`
    }
  }
  if (mine.length === 0) return '[]'
  const r = mine[0]!
  if (r.type !== 'choices') {
    return {
      kind: 'unsupported result types',
      message: `result type ${typeof r.type === 'string' ? `'${r.type}'` : kindOf(r.type)} for control '${control}' is not supported (only choices)`
    }
  }
  const choices = isRecord(r.value) ? r.value.choices : undefined
  if (!Array.isArray(choices)) {
    return {
      kind: 'annotations without a choice',
      message: `result for control '${control}' has no choices array`
    }
  }
  const labels: string[] = []
  for (const choice of choices) {
    const label = scalarText(choice)
    if (label === undefined || label === '') {
      return {
        kind: 'annotations without a choice',
        message: `a choice for control '${control}' is ${label === '' ? 'empty' : kindOf(choice)}`
      }
    }
    labels.push(label)
  }
  return JSON.stringify(labels)
}

/** The one choice of `control` in an annotation, or why there is none. */
function chosenLabel(
  annotation: Record<string, unknown>,
  control: string | null
): string | { kind: string; message: string } {
  const result = annotation.result
  if (result !== undefined && result !== null && !Array.isArray(result)) {
    return {
      kind: 'annotations without a choice',
      message: `result is ${kindOf(result)}, not an array`
    }
  }
  const mine = (result ?? []).filter(
    (r: unknown) => isRecord(r) && r.from_name === control
  ) as Record<string, unknown>[]
  if (mine.length === 0) {
    return {
      kind: 'annotations without a choice',
      message:
        control === null
          ? 'annotation has no result'
          : `annotation has no result for control '${control}'`
    }
  }
  if (mine.length > 1) {
    return {
      kind: 'annotations with several results',
      message: `annotation has ${mine.length} results for control '${control}' (per-region choices are not supported yet)`
    }
  }
  const r = mine[0]!
  if (r.type !== 'choices') {
    return {
      kind: 'unsupported result types',
      message: `result type ${typeof r.type === 'string' ? `'${r.type}'` : kindOf(r.type)} for control '${control}' is not supported (only choices)`
    }
  }
  const choices = isRecord(r.value) ? r.value.choices : undefined
  if (!Array.isArray(choices) || choices.length === 0) {
    return {
      kind: 'annotations without a choice',
      message: `result for control '${control}' has no choices`
    }
  }
  if (choices.length > 1) {
    return {
      kind: 'multi-label annotations',
      message: `${choices.length} choices for control '${control}': multi-label is not supported yet`
    }
  }
  const label = scalarText(choices[0])
  if (label === undefined || label === '') {
    return {
      kind: 'annotations without a choice',
      message: `the choice for control '${control}' is ${label === '' ? 'empty' : kindOf(choices[0])}`
    }
  }
  return label
}

/**
 * Lines (1-based) where each task of a valid export starts, and where each
 * object of a task's `annotations` array starts, by position: the same
 * order as JSON.parse gives. One pass over the text, no values built.
 * When a task repeats the key, the last one counts (as in JSON.parse).
 */
export function annotationLines(text: string): {
  tasks: number[]
  annotations: number[][]
} {
  const tasks: number[] = []
  const annotations: number[][] = []
  // Per open container: array or object; for objects, whether the next
  // string is a key and the last key; for arrays, whether an element is due.
  const kinds: number[] = [] // 0x5b '[' or 0x7b '{'
  const due: boolean[] = []
  const keys: string[] = []
  let inAnnotations = false
  let line = 1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++
      continue
    }
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue
    const depth = kinds.length
    const top = depth - 1
    if (depth > 0 && kinds[top] === 0x5b && due[top] && c !== 0x5d) {
      // An element starts here.
      due[top] = false
      if (depth === 1) {
        tasks.push(line)
        annotations.push([])
      } else if (depth === 3 && inAnnotations) {
        annotations[annotations.length - 1]!.push(line)
      }
    }
    if (c === 0x22) {
      const from = i
      for (i++; text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) i++
      }
      if (depth > 0 && kinds[top] === 0x7b && due[top]) {
        // A key.
        const raw = text.slice(from, i + 1)
        keys[top] = raw.includes('\\')
          ? (JSON.parse(raw) as string)
          : raw.slice(1, -1)
        due[top] = false
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (c === 0x5b && depth === 2 && keys[top] === 'annotations') {
        inAnnotations = true
        annotations[annotations.length - 1] = []
      }
      kinds.push(c)
      due.push(true)
      keys.push('')
    } else if (c === 0x5d || c === 0x7d) {
      kinds.pop()
      due.pop()
      keys.pop()
      if (kinds.length === 2) inAnnotations = false
    } else if (c === 0x2c && depth > 0) {
      due[top] = true
    }
  }
  return { tasks, annotations }
}
