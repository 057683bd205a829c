import { UserError } from '../../errors.js'
import { scalarText } from '../../formats/export-records.js'
import type { ProblemLog } from '../../formats/problem-log.js'
import { isRecord, kindOf } from '../../formats/read-json.js'
import { parseLabelStudioExport } from '../../formats/label-studio-export.js'
import { quote } from '../../util/excerpt.js'
import type { ElementTableBuilder } from '../element-table.js'
import { labelStudioLineage } from '../lineage-values.js'
import { coordinate, show } from './box-checks.js'
import { BoxRows } from './box-rows.js'

export interface LabelStudioBoxOptions {
  /** A task data key naming the item (`image`, or `data.image`); null: the task id. */
  itemKey: string | null
  /** Only results of this `from_name` (a RectangleLabels control); all rectanglelabels results when absent. */
  control?: string
  /** The reference: one box set per task (its `ground_truth` annotation, else its first). */
  reference?: boolean
  categories?: ReadonlySet<string>
}

/**
 * Label Studio's JSON export with RectangleLabels results: per task
 * `annotations[].result[]` entries `{ type: 'rectanglelabels', from_name,
 * original_width, original_height, value: { x, y, width, height, rotation,
 * rectanglelabels: [label] } }`, where x, y, width and height are percents
 * of the image. They become pixels with original_width and original_height;
 * without those the box stays in percent units (0..100 on both axes),
 * which leaves every IoU unchanged (box-size buckets are then unknown).
 *
 * - item: the task id, or the task data key `itemKey` names;
 * - annotator: `completed_by` (a user id, or an object's email, else id);
 *   each annotation is one box set, possibly empty; cancelled annotations
 *   (`was_cancelled`) are skipped with one warning.
 * A rotated rectangle (rotation not 0) is not an axis-aligned box: it is an
 * error at its annotation's line and is left out, as is a result with
 * other than one label.
 */
export function readLabelStudioBoxes(
  bytes: Uint8Array,
  start: number,
  file: string,
  options: LabelStudioBoxOptions,
  builder: ElementTableBuilder,
  log: ProblemLog
): void {
  const { tasks: data, lines } = parseLabelStudioExport(bytes, start, file)
  const rows = new BoxRows(
    file,
    options.reference === true ? { kind: 'reference' } : { kind: 'explicit' },
    builder,
    log,
    options.categories
  )
  const itemKey =
    options.itemKey === null
      ? null
      : options.itemKey.startsWith('data.')
        ? options.itemKey.slice('data.'.length)
        : options.itemKey
  let cancelled = 0
  let cancelledLine = 0
  data.forEach((task: unknown, t) => {
    const taskLine = lines.tasks[t] ?? 1
    if (!isRecord(task)) {
      throw new UserError(
        `a Label Studio task must be a JSON object, found ${kindOf(task)}`,
        {
          file,
          line: taskLine
        }
      )
    }
    const taskData = isRecord(task.data) ? task.data : undefined
    const item = scalarText(
      itemKey === null
        ? task.id
        : taskData !== undefined && Object.hasOwn(taskData, itemKey)
          ? taskData[itemKey]
          : undefined
    )
    if (item === undefined || item === '') {
      log.add('tasks without item', {
        severity: 'error',
        file,
        line: taskLine,
        field: itemKey === null ? 'id' : `data.${itemKey}`,
        message: 'the task has no item id; its annotations are left out'
      })
      return
    }
    const annotations = Array.isArray(task.annotations) ? task.annotations : []
    let chosen = annotations.map((_, j) => j)
    if (options.reference === true) {
      const truth = annotations.findIndex(
        (a) =>
          isRecord(a) && a.ground_truth === true && a.was_cancelled !== true
      )
      const first = annotations.findIndex(
        (a) => isRecord(a) && a.was_cancelled !== true
      )
      chosen = truth >= 0 ? [truth] : first >= 0 ? [first] : []
    }
    let image = -1
    for (const j of chosen) {
      const annotation: unknown = annotations[j]
      const line = lines.annotations[t]?.[j] ?? taskLine
      if (!isRecord(annotation)) {
        log.add('annotations that are not objects', {
          severity: 'error',
          file,
          line,
          field: 'annotations',
          message: `an annotation must be a JSON object, found ${kindOf(annotation)}`
        })
        continue
      }
      if (annotation.was_cancelled === true) {
        if (cancelled++ === 0) cancelledLine = line
        continue
      }
      const annotator = completedBy(annotation.completed_by)
      if (options.reference !== true && annotator === '') {
        log.add('annotations without annotator', {
          severity: 'error',
          file,
          line,
          field: 'completed_by',
          message: 'the annotation has no completed_by (annotator); left out'
        })
        continue
      }
      const results = Array.isArray(annotation.result) ? annotation.result : []
      const boxes = results
        .map((r, k) => [r, k] as const)
        .filter(
          ([r]) =>
            isRecord(r) &&
            r.type === 'rectanglelabels' &&
            (options.control === undefined || r.from_name === options.control)
        ) as [Record<string, unknown>, number][]
      if (image < 0) {
        const sized = boxes.find(([r]) => r.original_width !== undefined)?.[0]
        image =
          sized === undefined
            ? rows.image(item, 100, 100, line, false)
            : rows.image(
                item,
                sized.original_width,
                sized.original_height,
                line
              )
      }
      if (options.reference !== true)
        rows.annotation(
          image,
          annotator,
          line,
          labelStudioLineage(annotation, task.data)
        )
      const size = rows.sizeOf(image)
      for (const [r, k] of boxes) {
        const field = `result[${k}]`
        const value = isRecord(r.value) ? r.value : {}
        const labels = value.rectanglelabels
        if (
          !Array.isArray(labels) ||
          labels.length !== 1 ||
          typeof labels[0] !== 'string'
        ) {
          log.add('boxes without one label', {
            severity: 'error',
            file,
            line,
            field: `${field}.value.rectanglelabels`,
            message: `a box needs exactly one label, found ${Array.isArray(labels) ? labels.length : kindOf(labels)}; left out`
          })
          continue
        }
        const rotation = value.rotation ?? 0
        if (rotation !== 0) {
          log.add('rotated boxes', {
            severity: 'error',
            file,
            line,
            field: `${field}.value.rotation`,
            message: `box ${quote(labels[0])} is rotated by ${typeof rotation === 'number' ? show(rotation) : quote(String(rotation))} degrees: only axis-aligned boxes can be matched; left out`
          })
          continue
        }
        const [width, height] = size ?? [100, 100]
        rows.box(
          image,
          undefined,
          labels[0],
          (coordinate(value.x) * width) / 100,
          (coordinate(value.y) * height) / 100,
          (coordinate(value.width) * width) / 100,
          (coordinate(value.height) * height) / 100,
          line,
          `${field}.value`,
          annotator
        )
      }
    }
  })
  if (cancelled > 0) {
    log.add('cancelled annotations', {
      severity: 'warning',
      file,
      line: cancelledLine,
      field: 'was_cancelled',
      message: `${cancelled} cancelled annotation${cancelled === 1 ? '' : 's'} (was_cancelled: true) skipped; first here`
    })
  }
  rows.finish()
}

/** `completed_by` as an annotator id: a number or string, or an object's email, else its id; '' when none. */
function completedBy(value: unknown): string {
  if (isRecord(value)) {
    const email = Object.hasOwn(value, 'email')
      ? scalarText(value.email)
      : undefined
    if (email !== undefined && email !== '') return email
    return (Object.hasOwn(value, 'id') ? scalarText(value.id) : '') ?? ''
  }
  return scalarText(value) ?? ''
}
