import {
  DEFAULT_FIELDS,
  type DatasetConfig,
  type Format
} from '../config/schema.js'
import { UserError } from '../errors.js'
import { checkText } from '../formats/text-checks.js'
import { decodeUtf8 } from '../formats/utf8.js'
import { parseJsonDocument, kindOf } from '../formats/read-json.js'
import { elementsOf, LineCounter, membersOf } from './json-walk.js'
import {
  applyTextEdits,
  cellElements,
  setEdits,
  type SetElement,
  type TextEdit
} from './label-set-text.js'
import {
  applyEdits,
  delimitedEdits,
  emptyResult,
  forEachRecord,
  tallying,
  validJsonText,
  wholeTextEdit,
  type Edit,
  type Relabel,
  type RewrittenFile
} from './rewrite-labels.js'

/**
 * Where the labels of a multi_label, span or box file sit, for the formats
 * `labelgate migrate` rewrites: a label set in a CSV/TSV cell or a JSON
 * value (`set`), `spans[].label` of Prodigy / spaCy JSONL tasks (`spans`),
 * `categories[].name` of a COCO file (`coco`), the labels of one type of
 * result in the annotations of a Label Studio JSON export (`label-studio`).
 */
export type StructuredShape =
  | { shape: 'set'; format: 'csv' | 'tsv' | 'json' | 'jsonl' }
  | { shape: 'spans' }
  | { shape: 'coco' }
  | { shape: 'class-ids' }
  | { shape: 'label-studio'; type: Exclude<DatasetConfig['type'], 'category'> }

/**
 * How a file of this type and format is rewritten, or why it is not: the
 * reason ends the one line `labelgate migrate` prints for a skipped file.
 */
export function structuredShape(
  type: Exclude<DatasetConfig['type'], 'category'>,
  format: Format
): StructuredShape | { skip: string } {
  if (type === 'multi_label') {
    if (
      format === 'csv' ||
      format === 'tsv' ||
      format === 'json' ||
      format === 'jsonl'
    ) {
      return { shape: 'set', format }
    }
  } else if (type === 'span') {
    if (format === 'prodigy' || format === 'jsonl') return { shape: 'spans' }
  } else if (format === 'coco' || format === 'json') {
    return { shape: 'coco' }
  } else if (format === 'yolo') {
    // Class ids only; the names are in box.classes (yoloClassEdits).
    return { shape: 'class-ids' }
  }
  if (format === 'label-studio') return { shape: 'label-studio', type }
  const can =
    type === 'multi_label'
      ? 'csv, tsv, json, jsonl and label-studio'
      : type === 'span'
        ? 'prodigy (jsonl) and label-studio'
        : 'coco (json), label-studio and the classes file of yolo'
  return {
    skip: `labelgate migrate does not rewrite ${type} files in format ${format} (only ${can}); relabel it in the tool that exported it`
  }
}

/**
 * Rewrites the labels of one multi_label, span or box file through
 * `relabel`, changing nothing else: only the bytes of the labels that a
 * migration renames change (and, where a rename merges two labels of one
 * set, the later one and its separator go; see `setEdits`). A file that
 * cannot be read stops with a UserError before anything is written.
 */
export function rewriteStructuredLabels(
  bytes: Uint8Array,
  file: string,
  how: StructuredShape,
  options: { labelField: string; separator: string; delimiter: string },
  relabel: Relabel
): RewrittenFile {
  bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const start = checkText(bytes, file, 'records')
  const result = emptyResult()
  const visit = tallying(result, relabel)
  let edits: Edit[]
  if (how.shape === 'set') {
    const onMerged =
      (line: number) =>
      (label: string): void => {
        result.merged.push({ label, line })
      }
    const fits =
      (line: number) =>
      (label: string): string =>
        joinable(label, options.separator, {
          file,
          line,
          field: options.labelField
        })
    if (how.format === 'csv' || how.format === 'tsv') {
      edits = delimitedEdits(
        bytes,
        start,
        file,
        options.delimiter,
        options.labelField,
        (cell, line) => {
          const e = setEdits(
            cellElements(cell, options.separator),
            (label) => visit(label, line),
            fits(line),
            onMerged(line)
          )
          return e.length === 0 ? undefined : applyTextEdits(cell, e)
        }
      )
    } else {
      const text = validJsonText(bytes, start, file, how.format)
      const textEdits: TextEdit[] = []
      forEachRecord(text, how.format, (at, line) => {
        membersOf(text, at, (key, vs, ve) => {
          if (key !== options.labelField) return
          textEdits.push(
            ...jsonSetEdits(
              text,
              vs,
              ve,
              options.separator,
              (label) => visit(label, line),
              fits(line),
              onMerged(line)
            )
          )
        })
      })
      edits = wholeTextEdit(bytes, start, text, textEdits)
    }
  } else if (how.shape === 'spans') {
    const text = validJsonText(bytes, start, file, 'jsonl')
    const textEdits: TextEdit[] = []
    forEachRecord(text, 'jsonl', (at, line) => {
      membersOf(text, at, (key, vs) => {
        if (key !== 'spans' || text[vs] !== '[') return
        elementsOf(text, vs, (es) => {
          if (text[es] !== '{') return
          membersOf(text, es, (k, ls, le) => {
            if (k !== 'label') return
            const edit = scalarEdit(text, ls, le, (label) => visit(label, line))
            if (edit !== undefined) textEdits.push(edit)
          })
        })
      })
    })
    edits = wholeTextEdit(bytes, start, text, textEdits)
  } else if (how.shape === 'coco') {
    edits = cocoEdits(bytes, start, file, visit)
  } else if (how.shape === 'class-ids') {
    edits = classNameEdits(bytes, start, visit)
  } else {
    const text = validJsonText(bytes, start, file, 'json')
    const textEdits = labelStudioEdits(
      text,
      file,
      how.type,
      options.labelField,
      visit,
      (label, line) => result.merged.push({ label, line })
    )
    edits = wholeTextEdit(bytes, start, text, textEdits)
  }
  if (edits.length > 0) result.bytes = applyEdits(bytes, edits)
  return result
}

/**
 * A new name as it goes between separators: one the reader would read back
 * as the same single label. A name holding the separator (it would split
 * into two labels), or with white space at an end (trimmed away), cannot be;
 * the run stops before anything is written.
 */
function joinable(
  label: string,
  separator: string,
  at: { file: string; line: number; field: string }
): string {
  if (label.includes(separator) || label.trim() !== label || label === '') {
    throw new UserError(
      `cannot write the new name '${label}' into a label cell: ${label.includes(separator) ? `it holds the separator '${separator}' (multi_label.separator)` : 'it starts or ends with white space'}, so it would not read back as one label; no file was changed`,
      at
    )
  }
  return label
}

/** A JSON string, number or boolean at [start, end) renamed, as a JSON string. */
function scalarEdit(
  text: string,
  start: number,
  end: number,
  relabel: (label: string) => string | undefined
): TextEdit | undefined {
  const value = JSON.parse(text.slice(start, end)) as unknown
  if (
    typeof value !== 'string' &&
    typeof value !== 'number' &&
    typeof value !== 'boolean'
  ) {
    return undefined
  }
  const to = relabel(String(value))
  return to === undefined ? undefined : { start, end, text: JSON.stringify(to) }
}

/**
 * A multi_label JSON value: an array of labels (each element its own JSON
 * value), or a string of labels joined by the separator, as the reader
 * takes them. Anything else is left for the check to report.
 */
function jsonSetEdits(
  text: string,
  start: number,
  end: number,
  separator: string,
  relabel: (label: string) => string | undefined,
  inString: (label: string) => string,
  onMerged: (label: string) => void
): TextEdit[] {
  if (text[start] === '[') {
    const elements: SetElement[] = []
    elementsOf(text, start, (es, ee, previousEnd) => {
      const value = JSON.parse(text.slice(es, ee)) as unknown
      if (
        typeof value === 'string' ||
        typeof value === 'number' ||
        typeof value === 'boolean'
      ) {
        elements.push({ label: String(value), start: es, end: ee, previousEnd })
      }
    })
    return setEdits(elements, relabel, (l) => JSON.stringify(l), onMerged)
  }
  if (text[start] !== '"') return []
  const raw = text.slice(start + 1, end - 1)
  if (!raw.includes('\\')) {
    // No escape in the string: its characters are the labels' own, so the
    // cell's edits apply to the JSON text directly.
    return setEdits(
      cellElements(raw, separator),
      relabel,
      (l) => JSON.stringify(inString(l)).slice(1, -1),
      onMerged
    ).map((e) => ({ ...e, start: e.start + start + 1, end: e.end + start + 1 }))
  }
  // Escapes (`\u00e9`, `\"`): the string is rewritten whole, written back
  // with JSON.stringify's escapes (the same string, perhaps spelled anew).
  const value = JSON.parse(text.slice(start, end)) as string
  const e = setEdits(
    cellElements(value, separator),
    relabel,
    inString,
    onMerged
  )
  return e.length === 0
    ? []
    : [{ start, end, text: JSON.stringify(applyTextEdits(value, e)) }]
}

/**
 * COCO: a label is a category's `name`; the boxes point at the category by
 * id, so renaming the category renames every box of it. A rename that gives
 * two categories the same name merges them (the reader goes by name).
 * `visit` counts categories, not boxes.
 */
function cocoEdits(
  bytes: Uint8Array,
  start: number,
  file: string,
  visit: (label: string, line: number) => string | undefined
): Edit[] {
  const { text, data } = parseJsonDocument(bytes, start, file)
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UserError(
      `expected a COCO JSON object (images, annotations, categories), found ${kindOf(data)}`,
      { file, line: 1 }
    )
  }
  const lines = new LineCounter(text)
  const textEdits: TextEdit[] = []
  const at = text.indexOf('{')
  membersOf(text, at, (key, vs) => {
    if (key !== 'categories' || text[vs] !== '[') return
    elementsOf(text, vs, (es) => {
      if (text[es] !== '{') return
      const line = lines.lineAt(es)
      membersOf(text, es, (k, ns, ne) => {
        if (k !== 'name') return
        const edit = scalarEdit(text, ns, ne, (label) => visit(label, line))
        if (edit !== undefined) textEdits.push(edit)
      })
    })
  })
  return wholeTextEdit(bytes, start, text, textEdits)
}

/** The result type and the key of its labels, per dataset type. */
const LABEL_STUDIO_RESULTS = {
  multi_label: { type: 'choices', key: 'choices' },
  span: { type: 'labels', key: 'labels' },
  box: { type: 'rectanglelabels', key: 'rectanglelabels' }
} as const

/** One result of an annotation: its control, its type, where its value is. */
interface ResultAt {
  fromName: unknown
  type: unknown
  value: number | undefined
  line: number
}

/**
 * Label Studio JSON export: the labels of the results the check reads, in
 * `annotations[].result[]` of every task (predictions and drafts are not
 * read, so not rewritten). The control is picked as the readers pick it:
 * for spans and boxes `fields.label` when set, else every control of the
 * type; for label sets the choices control `fields.label` names, else the
 * only one (several stop the run, as they stop the check). Each result's
 * label array is a set: a merge keeps a label once.
 */
function labelStudioEdits(
  text: string,
  file: string,
  type: keyof typeof LABEL_STUDIO_RESULTS,
  labelField: string,
  visit: (label: string, line: number) => string | undefined,
  onMerged: (label: string, line: number) => void
): TextEdit[] {
  const want = LABEL_STUDIO_RESULTS[type]
  const results: ResultAt[] = []
  const lines = new LineCounter(text)
  forEachRecord(text, 'json', (task) => {
    membersOf(text, task, (key, vs) => {
      if (key !== 'annotations' || text[vs] !== '[') return
      elementsOf(text, vs, (as) => {
        if (text[as] !== '{') return
        const line = lines.lineAt(as)
        membersOf(text, as, (k, rs) => {
          if (k !== 'result' || text[rs] !== '[') return
          elementsOf(text, rs, (es) => {
            if (text[es] !== '{') return
            const r: ResultAt = {
              fromName: undefined,
              type: undefined,
              value: undefined,
              line
            }
            membersOf(text, es, (field, fs, fe) => {
              if (field === 'from_name')
                r.fromName = JSON.parse(text.slice(fs, fe))
              else if (field === 'type') r.type = JSON.parse(text.slice(fs, fe))
              else if (field === 'value' && text[fs] === '{') r.value = fs
            })
            if (r.type === want.type && r.value !== undefined) results.push(r)
          })
        })
      })
    })
  })
  const control = labelStudioControl(results, type, labelField, file)
  const edits: TextEdit[] = []
  for (const r of results) {
    if (control !== undefined && r.fromName !== control) continue
    membersOf(text, r.value!, (key, vs) => {
      if (key !== want.key || text[vs] !== '[') return
      const elements: SetElement[] = []
      elementsOf(text, vs, (es, ee, previousEnd) => {
        if (text[es] === '"') {
          const label = JSON.parse(text.slice(es, ee)) as string
          elements.push({ label, start: es, end: ee, previousEnd })
        }
      })
      edits.push(
        ...setEdits(
          elements,
          (label) => visit(label, r.line),
          (l) => JSON.stringify(l),
          (label) => onMerged(label, r.line)
        )
      )
    })
  }
  return edits
}

/** The from_name whose results are rewritten; undefined: every one of the type. */
function labelStudioControl(
  results: readonly ResultAt[],
  type: keyof typeof LABEL_STUDIO_RESULTS,
  labelField: string,
  file: string
): string | undefined {
  const named = labelField !== DEFAULT_FIELDS.label
  if (type !== 'multi_label') return named ? labelField : undefined
  const controls = new Set(results.map((r) => r.fromName))
  if (controls.has(labelField) || named) return labelField
  if (controls.size > 1) {
    throw new UserError(
      `several choices controls (from_name: ${[...controls].map(String).join(', ')}); set fields.label to the one to migrate`,
      { file, field: 'fields.label' }
    )
  }
  const only = [...controls][0]
  return typeof only === 'string' ? only : labelField
}

/**
 * A YOLO classes file (`classes.txt`, `obj.names`): one class name a line,
 * the class id its position. A renamed class keeps its line (so every id
 * after it keeps its meaning) and the white space around it; a merge leaves
 * two ids with the same name, which the check reads as one label. Called
 * with a StructuredShape of `class-ids` on the classes file itself.
 */
function classNameEdits(
  bytes: Uint8Array,
  start: number,
  visit: (label: string, line: number) => string | undefined
): Edit[] {
  const text = decodeUtf8(bytes, start, bytes.length)
  const edits: TextEdit[] = []
  let line = 1
  let from = 0
  while (from <= text.length) {
    let to = text.indexOf('\n', from)
    if (to < 0) to = text.length
    const raw = text.slice(from, to)
    const name = raw.trim()
    if (name !== '') {
      const renamed = visit(name, line)
      if (renamed !== undefined) {
        const at = from + (raw.length - raw.trimStart().length)
        edits.push({ start: at, end: at + name.length, text: renamed })
      }
    }
    line++
    from = to + 1
  }
  return wholeTextEdit(bytes, start, text, edits)
}
