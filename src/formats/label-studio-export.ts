import { UserError } from '../errors.js'
import { kindOf, parseJsonDocument } from './read-json.js'

/**
 * A Label Studio JSON export, parsed: its tasks, and the lines where each
 * task and each of its annotations start (problems name those lines).
 * Anything but a JSON array of tasks is an error at line 1: the three
 * Label Studio readers (choices, spans, boxes) share this first step.
 */
export function parseLabelStudioExport(
  bytes: Uint8Array,
  start: number,
  file: string
): {
  text: string
  tasks: unknown[]
  lines: { tasks: number[]; annotations: number[][] }
} {
  const { text, data } = parseJsonDocument(bytes, start, file)
  if (!Array.isArray(data)) {
    throw new UserError(
      `expected the JSON array of tasks of a Label Studio export, found ${kindOf(data)}`,
      { file, line: 1 }
    )
  }
  return { text, tasks: data, lines: annotationLines(text) }
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
