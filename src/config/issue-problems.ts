import type { z } from 'zod'
import { didYouMean } from '../util/did-you-mean.js'
import {
  ANNOTATOR_METRICS,
  CONSENSUS_METRICS,
  DATASET_METRICS
} from '../metrics/names.js'
import { formatFieldPath } from './field-path.js'
import { keysAt } from './keys-at.js'
import { CONFIG_VERSION, GATE_METRICS } from './schema.js'
import type { Part } from './yaml-location.js'

/** One thing wrong with the config, in the user's words, and where to point. */
export interface ConfigProblem {
  /** A missing key yields to an unknown key in its mapping: likely the same typo. */
  kind: 'unknown-key' | 'missing-key' | 'value'
  /** The entry to point at (see `locate`). */
  path: readonly PropertyKey[]
  part: Part
  /** The field the UserError names; undefined at the top level. */
  field: string | undefined
  message: string
}

type Issue = z.core.$ZodIssue

/**
 * A zod issue as one-line problems (an issue about several unknown keys gives
 * one per key, each at its own line). `data` is the parsed config, for the
 * value that was given; `schema` gives the keys allowed at each place.
 */
export function issueProblems(
  issue: Issue,
  data: unknown,
  schema: z.ZodType
): ConfigProblem[] {
  const path = issue.path
  const parent = path.slice(0, -1)
  const last = path[path.length - 1]
  const given = valueAt(data, path)
  const atValue = (message: string): ConfigProblem[] => [
    { kind: 'value', path, part: 'value', field: fieldOf(path), message }
  ]

  // A key that is not there fails as an invalid type, value or union,
  // whichever its schema is; say what is missing instead. (Custom issues may
  // point at an absent key on purpose, with their own message.)
  if (
    path.length > 0 &&
    given === undefined &&
    (issue.code === 'invalid_type' ||
      issue.code === 'invalid_value' ||
      issue.code === 'invalid_union') &&
    !has(valueAt(data, parent), last)
  ) {
    const hint =
      last === 'version' && parent.length === 0
        ? `; add 'version: ${CONFIG_VERSION}' at the top`
        : ''
    return [
      {
        kind: 'missing-key',
        path,
        part: 'value',
        field: fieldOf(parent),
        message: `missing required key '${String(last)}'${hint}`
      }
    ]
  }

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = keysAt(schema, path)
      return issue.keys.map((key) => ({
        kind: 'unknown-key',
        path: [...path, key],
        part: 'key',
        field: fieldOf(path),
        message: `unknown key '${key}'${suggestion(key, allowed)}`
      }))
    }
    case 'invalid_key': {
      const key = String(last)
      const what = issue.issues[0]?.message ?? 'invalid key'
      return [
        {
          kind: 'unknown-key',
          path,
          part: 'key',
          field: fieldOf(parent),
          message: `${what} '${key}'${suggestion(key, keysAt(schema, parent))}`
        }
      ]
    }
    case 'invalid_type':
      return atValue(
        `expected ${expectedName(issue.expected)}, got ${describe(given)}`
      )
    case 'invalid_value': {
      if (path.length === 1 && last === 'version') {
        return atValue(
          `this labelgate reads config version ${CONFIG_VERSION}, got ${describe(given)}`
        )
      }
      const options = issue.values.map(String)
      // Punctuation (delimiter: ',' ';' '|') reads only quoted, as in YAML.
      const shown = options.map((o) =>
        /^[\w.-]+$/.test(o) ? o : JSON.stringify(o)
      )
      const expected =
        options.length === 1
          ? `expected ${shown[0]}`
          : `expected one of ${shown.join(', ')}`
      // No "did you mean ','?" for ':': edit distance says nothing there.
      const typo =
        typeof given === 'string' && /^[\w.-]+$/.test(given)
          ? didYouMean(given, options)
          : ''
      return atValue(`${expected}, got ${describe(given)}${typo}`)
    }
    case 'invalid_union':
      return atValue(`expected ${unionExpected(issue)}, got ${describe(given)}`)
    case 'too_small':
      return atValue(tooSmall(issue, given))
    case 'too_big':
      return atValue(tooBig(issue, given))
    case 'invalid_format':
      return atValue(`${issue.message}, got ${describe(given)}`)
    case 'not_multiple_of':
      return atValue(
        `expected a multiple of ${issue.divisor}, got ${describe(given)}`
      )
    default:
      // Custom issues carry messages written for users in schema.ts.
      return atValue(issue.message)
  }
}

function fieldOf(path: readonly PropertyKey[]): string | undefined {
  return path.length === 0 ? undefined : formatFieldPath(path)
}

/** A close name, else the short list of what is allowed here. */
function suggestion(word: string, allowed: readonly string[]): string {
  const close = didYouMean(word, allowed)
  if (close !== '') return close
  if (allowed === GATE_METRICS) {
    return (
      `; a gate names one of ${DATASET_METRICS.join(', ')}, ` +
      `or changed.<metric>, or ` +
      ANNOTATOR_METRICS.map((m) => `annotator.${m}`).join(', ') +
      `, or ${CONSENSUS_METRICS.join(', ')}, or label_shift`
    )
  }
  if (allowed.length === 0) return ''
  return `; expected one of ${allowed.join(', ')}`
}

function tooSmall(
  issue: Extract<Issue, { code: 'too_small' }>,
  given: unknown
): string {
  const min = Number(issue.minimum)
  if (issue.origin === 'array') {
    return `needs at least ${min} ${min === 1 ? 'entry' : 'entries'}`
  }
  if (issue.origin === 'string') {
    return min === 1 ? 'must not be empty' : `needs at least ${min} characters`
  }
  const bound = issue.inclusive === false ? 'above' : 'at least'
  return `expected a number ${bound} ${min}, got ${describe(given)}`
}

function tooBig(
  issue: Extract<Issue, { code: 'too_big' }>,
  given: unknown
): string {
  const max = Number(issue.maximum)
  if (issue.origin === 'array') {
    return `allows at most ${max} ${max === 1 ? 'entry' : 'entries'}`
  }
  if (issue.origin === 'string') return `allows at most ${max} characters`
  const bound = issue.inclusive === false ? 'below' : 'at most'
  return `expected a number ${bound} ${max}, got ${describe(given)}`
}

function unionExpected(issue: Extract<Issue, { code: 'invalid_union' }>) {
  const names: string[] = []
  for (const branch of 'errors' in issue ? issue.errors : []) {
    for (const inner of branch) {
      if (inner.code === 'invalid_type' && inner.path.length === 0) {
        const name = expectedName(inner.expected)
        if (!names.includes(name)) names.push(name)
      }
    }
  }
  if (names.length === 0) return 'another value'
  if (names.length === 1) return names[0]!
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text'
    case 'number':
      return 'a number'
    case 'int':
      return 'a whole number'
    case 'boolean':
      return 'true/false'
    case 'object':
    case 'record':
      return 'a mapping'
    case 'array':
      return 'a list'
    default:
      return expected
  }
}

/** The given value as a user would recognise it in their YAML. */
export function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `'${value}'`
  return String(value)
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[segment]
  }
  return current
}

function has(container: unknown, key: PropertyKey | undefined): boolean {
  return (
    key !== undefined &&
    container !== null &&
    typeof container === 'object' &&
    Object.prototype.hasOwnProperty.call(container, key)
  )
}
