import { UserError } from '../errors.js'
import { issueProblems } from './issue-problems.js'
import { parseConfigYaml } from './parse-config-yaml.js'
import { configSchema, type Config } from './schema.js'
import { locate } from './yaml-location.js'
import type { z } from 'zod'

/**
 * The config file's text as a checked, defaulted `Config`. Pure: the caller
 * reads the file. Anything wrong is a UserError naming `file:line:column` and
 * the field; of several problems, the one written first in the file.
 */
export function loadConfig(text: string, file: string): Config {
  return loadYamlWith(configSchema, text, file)
}

/** Any YAML file of ours (the config, a label schema) checked against a zod schema. */
export function loadYamlWith<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string
): z.output<S> {
  const { doc, lineCounter, data } = parseConfigYaml(text, file)
  const result = schema.safeParse(data)
  if (result.success) return result.data

  const problems = result.error.issues.flatMap((issue) =>
    issueProblems(issue, data, schema)
  )
  const withUnknownKeys = new Set(
    problems.filter((p) => p.kind === 'unknown-key').map((p) => p.field)
  )
  const relevant = problems.filter(
    (p) => !(p.kind === 'missing-key' && withUnknownKeys.has(p.field))
  )
  // A wrong or missing version explains every other difference: say only that.
  const version = relevant.filter(
    (p) => p.path.length === 1 && p.path[0] === 'version'
  )
  const placed = (version.length > 0 ? version : relevant).map((problem) => ({
    problem,
    at: locate(doc, lineCounter, problem.path, problem.part)
  }))
  placed.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column)
  const first = placed[0]!
  throw new UserError(oneLine(first.problem.message), {
    file,
    line: first.at.line,
    column: first.at.column,
    field:
      first.problem.field === undefined
        ? undefined
        : oneLine(first.problem.field)
  })
}

/** Keys and values from the file may hold line breaks; the error stays one line. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    JSON.stringify(c).slice(1, -1)
  )
}
