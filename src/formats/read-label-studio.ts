import { DEFAULT_FIELDS } from '../config/schema.js'
import { UserError } from '../errors.js'
import { didYouMean } from '../util/did-you-mean.js'
import { ExportRecords, scalarText } from './export-records.js'
import type { FieldSpec, RecordSink } from './field-spec.js'
import { formatCount, type ProblemLog } from './problem-log.js'
import { isRecord, kindOf } from './read-json.js'
import { parseLabelStudioExport } from './label-studio-export.js'
import { LabelStudioAnnotators } from './label-studio-annotators.js'
import type { ReadOptions } from './read-options.js'

/**
 * Label Studio's JSON export: an array of tasks, each
 * `{ id, data: {...}, annotations: [{ id, completed_by, created_at,
 * updated_at, lead_time, was_cancelled, ground_truth, result: [{ from_name,
 * to_name, type: 'choices', value: { choices: [..] } }] }] }`.
 *
 * One record per annotation, for one choices control:
 * - item: the task `id`, or the task data key `fields.item` names
 *   (`data.text_id` or `text_id`); the default `item_id` means the task id;
 * - annotator: `completed_by`, a user id or a user object, keyed by id
 *   (default) or email (`options.annotatorKey`; see LabelStudioAnnotators);
 * - label: the one choice of the control whose `from_name` is `fields.label`;
 *   with the default `label` and no control of that name, the only choices
 *   control in the file (several: the run stops and lists them);
 * - lineage fields: `labeled_at` (= created_at), `updated_at`, `lead_time`,
 *   `tool` (= label-studio); any other name is an annotation key, else a task
 *   data key.
 *
 * Cancelled annotations (`was_cancelled: true`) are skipped with one warning.
 * `options.groundTruth`: 'only' reads just the annotations marked
 * `ground_truth: true` (a reference), 'skip' leaves them out (the dataset
 * whose reference they are; one warning counts them).
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
  options: ReadOptions = {},
  /** multi_label datasets: every choice of the control, as a JSON array. */
  multi = false
): void {
  const { tasks: data, lines } = parseLabelStudioExport(bytes, start, file)
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
  const people = new LabelStudioAnnotators(options.annotatorKey ?? 'id')
  for (const { annotations } of tasks) {
    for (const a of annotations) if (isRecord(a)) people.learn(a.completed_by)
  }
  const groundTruth = options.groundTruth ?? 'all'
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
      const isTruth = annotation.ground_truth === true
      if (groundTruth === 'only' && !isTruth) return
      if (groundTruth === 'skip' && isTruth) {
        out.skip(
          'ground-truth annotations',
          line,
          'ground_truth',
          (n) =>
            `${formatCount(n)} ground-truth annotation${n === 1 ? ' is' : 's are'} the reference, not ratings (reference.ground_truth); first here`
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
      const annotator = people.keyOf(
        annotation.completed_by,
        line,
        'completed_by'
      )
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
  people.finish(file, log)
  if (groundTruth === 'only' && out.count === 0) {
    throw new UserError(
      'has no annotation marked ground_truth: true (star the trusted annotations in Label Studio, then export again)',
      { file, field: 'ground_truth' }
    )
  }
  out.finish(records)
}

/** A value of an own key (never from the prototype: `constructor`, `__proto__`). */
function ownValue(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined
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
