import { UserError } from '../../errors.js'
import { scalarText } from '../../formats/export-records.js'
import type { ProblemLog } from '../../formats/problem-log.js'
import { isRecord, kindOf, parseJsonDocument } from '../../formats/read-json.js'
import { quote } from '../../util/excerpt.js'
import type { ElementTableBuilder } from '../element-table.js'
import { ownKeys } from '../lineage-values.js'
import { BoxRows, type AnnotatorSource } from './box-rows.js'
import { coordinate } from './box-checks.js'
import { objectArrayLines } from './json-element-lines.js'
import { scanCoco } from './scan-coco.js'

/** How a COCO file's images are named as items. */
export type CocoItemKey = 'file_name' | 'id'

export interface CocoOptions {
  annotator: AnnotatorSource
  /** The image key that names the item: `file_name` (default; stable across exports) or `id`. */
  item?: CocoItemKey
}

/**
 * A COCO object-detection file (https://cocodataset.org/#format-data):
 * `{ images: [{ id, file_name, width, height }], annotations: [{ id,
 * image_id, category_id, bbox: [x, y, width, height], iscrowd }],
 * categories: [{ id, name }] }`, boxes in absolute pixels from the
 * top-left corner.
 *
 * - item: the image's `file_name` (default; image ids are often renumbered
 *   per export) or its `id`;
 * - label: the category's `name`;
 * - annotator: see `AnnotatorSource` (the file's name, a key of each
 *   annotation, or none for the reference);
 * - image size: the image's `width` and `height`.
 * Every image listed counts as annotated by the file's annotator(s): an
 * image without boxes is an empty box set, not a missing annotation.
 * `iscrowd: 1` regions (a crowd, not one object; COCO's evaluation ignores
 * them) are left out with one warning. A record that cannot be used is an
 * error problem at its line and is left out.
 */
export function readCoco(
  bytes: Uint8Array,
  start: number,
  file: string,
  options: CocoOptions,
  builder: ElementTableBuilder,
  log: ProblemLog
): void {
  // The scanner hands over no annotation records: files whose annotator or
  // lineage fields are keys of the annotation take the JSON.parse path.
  const scanned =
    options.annotator.kind === 'field' || builder.extraNames.length > 0
      ? undefined
      : scanCoco(bytes, start)
  if (scanned !== undefined) {
    const { line, crowd, imageId, categoryId, coords: c } = scanned
    readRecords(
      file,
      options,
      builder,
      log,
      { list: scanned.categories, lines: scanned.categoryLines },
      { list: scanned.images, lines: scanned.imageLines },
      (annotation) => {
        for (let k = 0; k < scanned.annotations; k++)
          annotation(
            line[k]!,
            crowd[k] === 1,
            imageId[k],
            categoryId[k],
            undefined,
            true,
            c[4 * k]!,
            c[4 * k + 1]!,
            c[4 * k + 2]!,
            c[4 * k + 3]!
          )
      },
      scanned.annotations
    )
    return
  }
  const { text, data } = parseJsonDocument(bytes, start, file)
  if (!isRecord(data)) {
    throw new UserError(
      `expected a COCO object with images, annotations and categories, found ${kindOf(data)}`,
      { file, line: 1 }
    )
  }
  for (const key of ['images', 'annotations', 'categories'] as const) {
    if (!Array.isArray(data[key])) {
      throw new UserError(
        `a COCO file needs an array '${key}', found ${kindOf(data[key])}`,
        { file, line: 1, field: key }
      )
    }
  }
  const lines = objectArrayLines(text, ['images', 'annotations', 'categories'])
  const annotationLines = lines.get('annotations')!
  readRecords(
    file,
    options,
    builder,
    log,
    { list: data.categories as unknown[], lines: lines.get('categories')! },
    { list: data.images as unknown[], lines: lines.get('images')! },
    (annotation) => {
      ;(data.annotations as unknown[]).forEach((a, k) => {
        const line = annotationLines[k] ?? 1
        if (!isRecord(a)) {
          log.add('bad annotations', {
            severity: 'error',
            file,
            line,
            field: 'annotations',
            message: `an annotation must be an object, found ${kindOf(a)}`
          })
          return
        }
        const bbox = a.bbox
        const four = Array.isArray(bbox) && bbox.length === 4
        annotation(
          line,
          a.iscrowd === 1 || a.iscrowd === true,
          a.image_id,
          a.category_id,
          four ? a : bbox,
          four,
          four ? coordinate(bbox[0]) : NaN,
          four ? coordinate(bbox[1]) : NaN,
          four ? coordinate(bbox[2]) : NaN,
          four ? coordinate(bbox[3]) : NaN
        )
      })
    },
    (data.annotations as unknown[]).length
  )
}

/**
 * One annotation as either reader hands it over. `fourValues` false: bbox
 * is not 4 values and `record` is the bbox value (reported); otherwise
 * `record` is the annotation object (undefined from the scanner, which only
 * reads files whose annotator is not a key of the annotation).
 */
type AnnotationSink = (
  line: number,
  isCrowd: boolean,
  rawImage: unknown,
  rawCategory: unknown,
  record: unknown,
  fourValues: boolean,
  x: number,
  y: number,
  w: number,
  h: number
) => void

/**
 * The records of a COCO file, from the byte scanner or from JSON.parse:
 * categories, then images, then annotations, each checked and added to the
 * rows in the same way.
 */
function readRecords(
  file: string,
  options: CocoOptions,
  builder: ElementTableBuilder,
  log: ProblemLog,
  categoryRecords: { list: readonly unknown[]; lines: readonly number[] },
  imageRecords: { list: readonly unknown[]; lines: readonly number[] },
  eachAnnotation: (sink: AnnotationSink) => void,
  /** The number of annotation records (room for the boxes, made once). */
  annotations: number
): void {
  const rows = new BoxRows(
    file,
    options.annotator,
    builder,
    log,
    undefined,
    annotations
  )
  const itemKey = options.item ?? 'file_name'

  // Categories: id -> name.
  const categories = new Map<string, string>()
  categoryRecords.list.forEach((c, k) => {
    const line = categoryRecords.lines[k] ?? 1
    const id = isRecord(c) ? scalarText(c.id) : undefined
    const name = isRecord(c) ? scalarText(c.name) : undefined
    if (id === undefined || id === '' || name === undefined || name === '') {
      log.add('bad categories', {
        severity: 'error',
        file,
        line,
        field: 'categories',
        message: 'a category needs an id and a name'
      })
      return
    }
    categories.set(id, name)
  })

  // Images: id -> image index in the rows.
  const images = new Map<string, number>()
  // Ids are numbers in most files: looked up by number (a number's text
  // names it alone, as the string key does), instead of a String() and a
  // string hash per annotation (10^6 a file); string ids by text.
  const imageByNumber = new Map<number, number>()
  /** Whether an image with an id that is not a number was registered. */
  let textIds = false
  imageRecords.list.forEach((image, k) => {
    const line = imageRecords.lines[k] ?? 1
    if (!isRecord(image)) {
      log.add('bad images', {
        severity: 'error',
        file,
        line,
        field: 'images',
        message: `an image must be an object, found ${kindOf(image)}`
      })
      return
    }
    const id = scalarText(image.id)
    const name = scalarText(image[itemKey])
    if (id === undefined || id === '' || name === undefined || name === '') {
      log.add('bad images', {
        severity: 'error',
        file,
        line,
        field: id === undefined || id === '' ? 'id' : itemKey,
        message: `an image needs an id and a ${itemKey}`
      })
      return
    }
    // While every id so far is a number, a number is a duplicate exactly
    // when it is in imageByNumber (equal numbers, equal texts): no string
    // hash per image.
    const numeric = typeof image.id === 'number'
    if (
      numeric && !textIds
        ? imageByNumber.has(image.id as number)
        : images.has(id)
    ) {
      log.add('duplicate images', {
        severity: 'error',
        file,
        line,
        field: 'id',
        message: `image id ${quote(id)} is listed twice; the first is used`
      })
      return
    }
    const index = rows.image(
      name,
      image.width,
      image.height,
      line,
      true,
      // A closure per image only when lineage fields are read.
      builder.extraNames.length > 0 ? ownKeys(image) : undefined
    )
    images.set(id, index)
    if (numeric) imageByNumber.set(image.id as number, index)
    else textIds = true
  })

  const labelByNumber = new Map<number, string>()
  // Files list an image's annotations together: the last id's image and
  // label answer most lookups (NaN never equals: no image or label yet).
  let lastImageId = NaN
  let lastImage = -1
  let lastCategoryId = NaN
  let lastLabel = ''
  let crowd = 0
  let crowdLine = 0
  eachAnnotation(
    (line, isCrowd, rawImage, rawCategory, record, fourValues, x, y, w, h) => {
      if (isCrowd) {
        if (crowd++ === 0) crowdLine = line
        return
      }
      let image =
        rawImage === lastImageId
          ? lastImage
          : typeof rawImage === 'number'
            ? imageByNumber.get(rawImage)
            : undefined
      if (image === undefined) {
        image = images.get(scalarText(rawImage) ?? '')
        if (image !== undefined && typeof rawImage === 'number')
          imageByNumber.set(rawImage, image)
      }
      if (image === undefined) {
        const imageId = scalarText(rawImage) ?? ''
        log.add('annotations of unknown images', {
          severity: 'error',
          file,
          line,
          field: 'image_id',
          message: `image_id ${quote(imageId)} is not in the file's images; the box is left out`
        })
        return
      }
      if (typeof rawImage === 'number') {
        lastImageId = rawImage
        lastImage = image
      }
      let label =
        rawCategory === lastCategoryId
          ? lastLabel
          : typeof rawCategory === 'number'
            ? labelByNumber.get(rawCategory)
            : undefined
      if (label === undefined) {
        label = categories.get(scalarText(rawCategory) ?? '')
        if (label !== undefined && typeof rawCategory === 'number')
          labelByNumber.set(rawCategory, label)
      }
      if (label === undefined) {
        const categoryId = scalarText(rawCategory) ?? ''
        log.add('annotations of unknown categories', {
          severity: 'error',
          file,
          line,
          field: 'category_id',
          message: `category_id ${quote(categoryId)} is not in the file's categories; the box is left out`
        })
        return
      }
      if (!fourValues) {
        log.add('bad boxes', {
          severity: 'error',
          file,
          line,
          field: 'bbox',
          message: `bbox must be [x, y, width, height], found ${Array.isArray(record) ? `${record.length} values` : kindOf(record)}; left out`
        })
        return
      }
      if (typeof rawCategory === 'number') {
        lastCategoryId = rawCategory
        lastLabel = label
      }
      rows.box(image, record, label, x, y, w, h, line, 'bbox')
    }
  )
  if (crowd > 0) {
    log.add('crowd regions', {
      severity: 'warning',
      file,
      line: crowdLine,
      field: 'iscrowd',
      message: `${crowd} crowd region${crowd === 1 ? '' : 's'} (iscrowd: 1) left out: a crowd is not one object; first here`
    })
  }
  rows.finish()
}
