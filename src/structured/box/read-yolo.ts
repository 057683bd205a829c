import { parse as parseYaml } from 'yaml'
import { UserError } from '../../errors.js'
import type { ProblemLog } from '../../formats/problem-log.js'
import { isRecord } from '../../formats/read-json.js'
import { quote } from '../../util/excerpt.js'
import type { ElementTableBuilder } from '../element-table.js'
import { BoxRows, type AnnotatorSource } from './box-rows.js'

const decoder = new TextDecoder('utf-8', { fatal: false })

/** `labels/alice/img_001.txt` → `img_001`: the image a YOLO label file is about. */
export function yoloImageName(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1)
  return base.endsWith('.txt') ? base.slice(0, -4) : base
}

/** `labels/alice/img_001.txt` → `alice`: the folder that holds an annotator's YOLO files. */
export function yoloFolderAnnotator(file: string): string {
  const parts = file.split('/')
  return parts.length >= 2 ? parts[parts.length - 2]! : ''
}

/**
 * The class names of a YOLO dataset, index = class id: a classes file with
 * one name per line (darknet's `obj.names`, `classes.txt`; trailing blank
 * lines ignored), or an ultralytics `data.yaml` whose `names` is a list or
 * an `{id: name}` map.
 */
export function readYoloClasses(bytes: Uint8Array, file: string): string[] {
  const text = decoder.decode(bytes).replace(/^\uFEFF/, '')
  if (/\.ya?ml$/i.test(file)) {
    let data: unknown
    try {
      data = parseYaml(text)
    } catch {
      throw new UserError('the YOLO data file is not valid YAML', { file })
    }
    const names = isRecord(data) ? data.names : undefined
    if (Array.isArray(names)) return names.map((n) => String(n))
    if (isRecord(names)) {
      const out: string[] = []
      for (const [k, v] of Object.entries(names)) {
        const id = Number(k)
        if (!Number.isInteger(id) || id < 0)
          throw new UserError(`class id ${quote(k)} is not a whole number`, {
            file,
            field: 'names'
          })
        out[id] = String(v)
      }
      for (let i = 0; i < out.length; i++)
        if (out[i] === undefined)
          throw new UserError(`class id ${i} has no name`, {
            file,
            field: 'names'
          })
      return out
    }
    throw new UserError(
      "the YOLO data file needs 'names' (a list or a map of class names)",
      {
        file,
        field: 'names'
      }
    )
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim())
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  const blank = lines.indexOf('')
  if (blank >= 0)
    throw new UserError(
      'a blank line in the classes file would shift every class id after it',
      {
        file,
        line: blank + 1
      }
    )
  if (lines.length === 0)
    throw new UserError('the classes file names no class', { file })
  return lines
}

export interface YoloOptions {
  annotator: AnnotatorSource
  classes: readonly string[]
  /** The image's [width, height] in pixels; undefined keeps normalized coordinates (the unit square). */
  size: readonly [number, number] | undefined
  /** Declared classes (the dataset's categories), for unknown-class problems. */
  categories?: ReadonlySet<string>
}

/**
 * One YOLO label file: the boxes of one image, a line `class cx cy w h`
 * each, the class an index into the classes file and the centre and size
 * normalized to the image (0..1). With the image size they become absolute
 * pixels (x = (cx - w/2) * width, ...). Without it they stay normalized:
 * every IoU and so every agreement and reference metric is the same
 * (IoU does not change when both axes are scaled), but box-size buckets
 * and pixel positions are not known for that image. An empty file is an
 * image with no box. A line that cannot be read is an error problem at its
 * line, and its box is left out.
 */
export function readYoloFile(
  bytes: Uint8Array,
  file: string,
  options: YoloOptions,
  builder: ElementTableBuilder,
  log: ProblemLog
): void {
  const rows = new BoxRows(
    file,
    options.annotator,
    builder,
    log,
    options.categories
  )
  const size = options.size
  const image =
    size === undefined
      ? rows.image(yoloImageName(file), 1, 1, 1, false)
      : rows.image(yoloImageName(file), size[0], size[1], 1)
  const [width, height] = size ?? [1, 1]
  const text = decoder.decode(bytes).replace(/^\uFEFF/, '')
  const lines = text.split(/\r\n|\n|\r/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (line === '' || line.startsWith('#')) continue
    const fields = line.split(/\s+/)
    const at = i + 1
    if (fields.length !== 5) {
      log.add('bad YOLO lines', {
        severity: 'error',
        file,
        line: at,
        message: `expected 'class cx cy w h' (5 values), found ${fields.length}${fields.length > 5 ? ' (segmentation polygons and confidences are not boxes)' : ''}; left out`
      })
      continue
    }
    const id = Number(fields[0])
    if (!Number.isInteger(id) || id < 0 || id >= options.classes.length) {
      log.add('boxes of unknown classes', {
        severity: 'error',
        file,
        line: at,
        field: 'class',
        message: `class id ${quote(fields[0]!)} is not in the classes file (0 to ${options.classes.length - 1}); left out`
      })
      continue
    }
    const [cx, cy, w, h] = fields
      .slice(1)
      .map((v) => (/^[-+.\deE]+$/.test(v) ? Number(v) : NaN)) as [
      number,
      number,
      number,
      number
    ]
    rows.box(
      image,
      undefined,
      options.classes[id]!,
      (cx - w / 2) * width,
      (cy - h / 2) * height,
      w * width,
      h * height,
      at,
      'cx cy w h'
    )
  }
  rows.finish()
}
