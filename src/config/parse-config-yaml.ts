import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Scalar,
  type YAMLError
} from 'yaml'
import { UserError } from '../errors.js'
import {
  MAX_BLOCK_DEPTH,
  MAX_FLOW_DEPTH,
  tooDeeplyNested
} from './yaml-depth.js'

export interface ParsedConfigYaml {
  doc: Document
  lineCounter: LineCounter
  /** The top-level mapping as plain data, ready for the schema. */
  data: Record<string, unknown>
}

/**
 * YAML text to plain data, keeping the document so that later errors can name
 * a line and column. Anything that is not one YAML mapping is a UserError here.
 * yaml's default alias limit stays on: the config may come from a pull request.
 */
export function parseConfigYaml(text: string, file: string): ParsedConfigYaml {
  const lineCounter = new LineCounter()
  const tooDeep = tooDeeplyNested(text)
  if (tooDeep !== undefined) {
    const before = text.slice(0, tooDeep.offset).split('\n')
    throw new UserError(
      tooDeep.kind === 'brackets'
        ? `invalid YAML: brackets nested deeper than ${MAX_FLOW_DEPTH} levels`
        : `invalid YAML: lists and mappings nested deeper than ${MAX_BLOCK_DEPTH} levels`,
      {
        file,
        line: before.length,
        column: before[before.length - 1]!.length + 1
      }
    )
  }
  const doc = parseDocumentSafely(text, file, {
    lineCounter,
    // Positions come from the line counter; yaml's pretty errors would only
    // add a multi-line source excerpt, which a one-line error drops.
    prettyErrors: false,
    uniqueKeys: true,
    // Core code never writes to the console; problems become UserErrors here.
    logLevel: 'error'
  })
  // Warnings (an unresolved `!tag`, say) are errors too: a config that yaml
  // had to guess at is not one the user can trust.
  const yamlProblem = doc.errors[0] ?? doc.warnings[0]
  if (yamlProblem !== undefined)
    throw yamlError(yamlProblem, doc, text, lineCounter, file)

  const contents = doc.contents
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    throw new UserError(
      "the config is empty; it needs 'version: 1' and a list of 'datasets'",
      { file, line: 1, column: 1 }
    )
  }
  if (!isMap(contents)) {
    throw new UserError(
      `expected a mapping with 'version: 1' and 'datasets', got ${kindOf(contents)}`,
      { file, ...at(lineCounter, contents.range?.[0] ?? 0) }
    )
  }

  const complexKey = firstComplexKey(doc)
  if (complexKey !== undefined) {
    throw new UserError(
      `invalid YAML: a key must be plain text, not ${kindOf(complexKey)}`,
      { file, ...at(lineCounter, complexKey.range?.[0] ?? 0) }
    )
  }

  const reserved = firstReservedKey(doc)
  if (reserved !== undefined) {
    throw new UserError(
      `key '${String(reserved.value)}' is reserved and cannot be used in a config or schema file`,
      { file, ...at(lineCounter, reserved.range?.[0] ?? 0) }
    )
  }

  let data: unknown
  try {
    data = doc.toJS()
  } catch (error) {
    throw aliasError(doc, lineCounter, file, error)
  }
  return { doc, lineCounter, data: data as Record<string, unknown> }
}

/**
 * parseDocument, with the stack overflow that very deep nesting can still
 * cause (past the lexical check above) turned into a one-line error.
 */
function parseDocumentSafely(
  text: string,
  file: string,
  options: Parameters<typeof parseDocument>[1]
): Document {
  try {
    return parseDocument(text, options)
  } catch (error) {
    if (error instanceof RangeError) {
      throw new UserError('invalid YAML: nested too deeply to read', { file })
    }
    throw error
  }
}

function yamlError(
  error: YAMLError,
  doc: Document,
  text: string,
  lineCounter: LineCounter,
  file: string
): UserError {
  let message = error.message.split('\n')[0]!
  if (error.code === 'MULTIPLE_DOCS') {
    message = "a config is one YAML document; remove the '---' separator"
  } else if (error.code === 'DUPLICATE_KEY') {
    const key = keyAt(doc, error.pos[0])
    message = `key ${key === undefined ? '' : `'${key}' `}is set twice in one mapping`
  } else if (error.code === 'TAG_RESOLVE_FAILED') {
    const tag = text.slice(error.pos[0], error.pos[1])
    message = `unknown tag '${tag}'; a config is plain YAML, without custom tags`
  }
  return new UserError(`invalid YAML: ${message}`, {
    file,
    ...at(lineCounter, error.pos[0])
  })
}

/** A list or mapping used as a key (`? [a, b]`): JSON has no such keys. */
function firstComplexKey(doc: Document): Node | undefined {
  let found: Node | undefined
  visit(doc, {
    Pair(_key, pair) {
      const key = pair.key as Node | null
      if (key !== null && !isScalar(key)) {
        found = key
        return visit.BREAK
      }
      return undefined
    }
  })
  return found
}

/**
 * Keys that plain JavaScript objects treat specially: `__proto__` would set
 * the object's prototype rather than add a key, so the entry vanished without
 * a word (`gates: { __proto__: { min: 0.99 } }` left no gate at all).
 */
const RESERVED_KEYS = new Set(['__proto__'])

function firstReservedKey(doc: Document): Scalar | undefined {
  let found: Scalar | undefined
  visit(doc, {
    Pair(_key, pair) {
      const key = pair.key as Node | null
      if (isScalar(key) && RESERVED_KEYS.has(String(key.value))) {
        found = key
        return visit.BREAK
      }
      return undefined
    }
  })
  return found
}

/** The text of the mapping key that starts at `offset`, if any. */
function keyAt(doc: Document, offset: number): string | undefined {
  let found: string | undefined
  visit(doc, {
    Pair(_key, pair) {
      const key = pair.key as Node | null
      if (isScalar(key) && key.range?.[0] === offset) {
        found = String(key.value)
        return visit.BREAK
      }
      return undefined
    }
  })
  return found
}

/** `toJS` throws for aliases: one without its anchor, or too many (a bomb). */
function aliasError(
  doc: Document,
  lineCounter: LineCounter,
  file: string,
  error: unknown
): UserError {
  const anchors = new Set<string>()
  let unresolved: Node | undefined
  let firstAlias: Node | undefined
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        firstAlias ??= node
        if (!anchors.has(node.source)) {
          unresolved = node
          return visit.BREAK
        }
      } else if (node.anchor !== undefined) {
        anchors.add(node.anchor)
      }
      return undefined
    }
  })
  if (unresolved !== undefined && isAlias(unresolved)) {
    const source = unresolved.source
    return new UserError(
      `invalid YAML: no anchor '&${source}' before the alias '*${source}'; ` +
        `a value that starts with '*' (a glob) needs quotes: '*${source}'`,
      { file, ...at(lineCounter, unresolved.range?.[0] ?? 0) }
    )
  }
  const reason = error instanceof Error ? error.message : String(error)
  const message = /alias count/i.test(reason)
    ? `too many aliases (${reason.toLowerCase()})`
    : reason
  return new UserError(`invalid YAML: ${message}`, {
    file,
    ...at(lineCounter, firstAlias?.range?.[0] ?? 0)
  })
}

function at(
  lineCounter: LineCounter,
  offset: number
): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset)
  return { line, column: col }
}

function kindOf(node: Node): string {
  if (isSeq(node)) return 'a list'
  if (isScalar(node)) return `the value ${JSON.stringify(node.value)}`
  if (isAlias(node)) return 'an alias'
  return 'a mapping'
}
