import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Node
} from 'yaml'

/** 1-based, as editors and GitHub annotations count. */
export interface Position {
  line: number
  column: number
}

/** Which part of a `key: value` entry a problem is about. */
export type Part = 'key' | 'value'

/**
 * Where the entry at `path` was written: its value node (its key when the value
 * is empty, as in `level:`), or its key node for `part: 'key'`. A path that
 * leads nowhere (a missing key) stops at the deepest node that exists: the
 * mapping that lacks the key.
 */
export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  part: Part
): Position {
  let node: Node | null = doc.contents
  let keyNode: Node | null = null
  for (const segment of path) {
    const container = resolve(doc, node)
    const entry = childOf(container, segment)
    if (entry === undefined) break
    node = entry.value
    keyNode = entry.key
  }
  const chosen =
    part === 'key' && keyNode !== null
      ? keyNode
      : isBlank(node) && keyNode !== null
        ? keyNode
        : (node ?? keyNode)
  const offset = chosen?.range?.[0] ?? 0
  const { line, col } = lineCounter.linePos(offset)
  return { line, column: col }
}

interface Entry {
  key: Node | null
  value: Node | null
}

function childOf(node: Node | null, segment: PropertyKey): Entry | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null
      if (keyText(key) === String(segment)) {
        return { key, value: (pair.value as Node | null) ?? null }
      }
    }
    return undefined
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment] as Node | null | undefined
    return item === undefined ? undefined : { key: null, value: item }
  }
  return undefined
}

/** The key as the parsed object spells it (`toJS` turns scalar keys into text). */
function keyText(key: Node | null): string | undefined {
  if (key === null) return 'null'
  return isScalar(key) ? String(key.value) : undefined
}

/** Follow an alias to its anchored node, so a path can go on through it. */
function resolve(doc: Document, node: Node | null): Node | null {
  return isAlias(node) ? (node.resolve(doc) ?? null) : node
}

/** A value written as nothing (`key:`) has an empty range; point at the key. */
function isBlank(node: Node | null): boolean {
  if (node === null) return true
  const range = node.range
  return range === undefined || range === null || range[0] === range[1]
}
