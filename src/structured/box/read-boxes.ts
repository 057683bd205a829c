import { UserError } from '../../errors.js'
import { ProblemLog } from '../../formats/problem-log.js'
import type {
  StructuredReader,
  StructuredReadInput
} from '../structured-kind.js'
import { imageStem, readImageSizes } from './image-sizes.js'
import { readCoco } from './read-coco.js'
import { readLabelStudioBoxes } from './read-label-studio-boxes.js'
import {
  readYoloClasses,
  readYoloFile,
  yoloFolderAnnotator,
  yoloImageName
} from './read-yolo.js'

/** Bytes after a UTF-8 byte order mark. */
function textStart(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
}

/** A file the dataset's box settings name, read by the pipeline (`auxiliary`). */
function auxiliaryFile(
  input: StructuredReadInput,
  key: 'classes' | 'sizes'
): Uint8Array | undefined {
  const path = input.dataset.box?.[key]
  if (path === undefined) return undefined
  const bytes = input.auxiliary.get(path)
  if (bytes === undefined)
    throw new UserError(`box.${key} file does not exist at this version`, {
      file: path,
      field: `box.${key}`
    })
  return bytes
}

// Parsed once per version: the pipeline hands the same bytes to every call.
const parsedClasses = new WeakMap<Uint8Array, string[]>()
const parsedSizes = new WeakMap<
  Uint8Array,
  { sizes: Map<string, readonly [number, number]>; log: ProblemLog }
>()

/**
 * COCO JSON (also any `.json` of a box dataset). The item is the image's
 * `file_name`, or its `id` with `fields.item: id`; the annotator the file's
 * name (`box.annotator: file_name`, default) or each annotation's
 * `fields.annotator` key (`box.annotator: key`).
 */
function readCocoInput(input: StructuredReadInput): void {
  const log = new ProblemLog()
  const reference = input.fields.annotator === undefined
  const mode = input.dataset.box?.annotator ?? 'file_name'
  readCoco(
    input.bytes,
    textStart(input.bytes),
    input.file,
    {
      annotator: reference
        ? { kind: 'reference' }
        : mode === 'key'
          ? { kind: 'field', key: input.fields.annotator! }
          : { kind: 'file' },
      item: input.fields.item === 'id' ? 'id' : 'file_name'
    },
    input.builder,
    log
  )
  input.problems.push(...log.finish())
}

/**
 * YOLO: one `.txt` per image (the item is the file's name without `.txt`),
 * the annotator the folder that holds it (`labels/alice/img_1.txt`), classes
 * from `box.classes`, sizes from `box.sizes`.
 */
function readYoloInput(input: StructuredReadInput): void {
  const classesBytes = auxiliaryFile(input, 'classes')
  if (classesBytes === undefined)
    throw new UserError('format yolo needs box.classes', {
      file: input.file,
      field: 'box.classes'
    })
  let classes = parsedClasses.get(classesBytes)
  if (classes === undefined) {
    classes = readYoloClasses(classesBytes, input.dataset.box!.classes!)
    parsedClasses.set(classesBytes, classes)
  }
  const log = new ProblemLog()
  const sizesBytes = auxiliaryFile(input, 'sizes')
  let size: readonly [number, number] | undefined
  if (sizesBytes !== undefined) {
    let parsed = parsedSizes.get(sizesBytes)
    if (parsed === undefined) {
      const sizesLog = new ProblemLog()
      parsed = {
        sizes: readImageSizes(sizesBytes, input.dataset.box!.sizes!, sizesLog),
        log: sizesLog
      }
      parsedSizes.set(sizesBytes, parsed)
      input.problems.push(...sizesLog.finish())
    }
    const image = yoloImageName(input.file)
    size = parsed.sizes.get(imageStem(image)) ?? parsed.sizes.get(image)
    if (size === undefined)
      log.add('images without a size', {
        severity: 'warning',
        file: input.file,
        line: 1,
        message: `image '${image}' is not in the sizes file; its boxes stay normalized (IoU is unchanged, the box size is unknown)`
      })
  }
  readYoloFile(
    input.bytes,
    input.file,
    {
      annotator:
        input.fields.annotator === undefined
          ? { kind: 'reference' }
          : { kind: 'fixed', name: yoloFolderAnnotator(input.file) },
      classes,
      size
    },
    input.builder,
    log
  )
  input.problems.push(...log.finish())
}

/**
 * Label Studio RectangleLabels. The item is the task id, or the task data
 * key `fields.item` names; `fields.label`, when set, picks the control by
 * its from_name.
 */
function readLabelStudioInput(input: StructuredReadInput): void {
  const log = new ProblemLog()
  const { item, label } = input.fields
  readLabelStudioBoxes(
    input.bytes,
    textStart(input.bytes),
    input.file,
    {
      itemKey: item === 'item_id' || item === 'id' ? null : item,
      ...(label !== 'label' && { control: label }),
      reference: input.fields.annotator === undefined
    },
    input.builder,
    log
  )
  input.problems.push(...log.finish())
}

/** The readers of box datasets by format (`json` is COCO). */
export const BOX_READERS: Readonly<Record<string, StructuredReader>> = {
  coco: readCocoInput,
  json: readCocoInput,
  yolo: readYoloInput,
  'label-studio': readLabelStudioInput
}
