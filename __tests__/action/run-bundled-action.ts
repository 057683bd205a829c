import { spawn } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'yaml'
import { GIT_ENV } from './git-fixture.js'

/** The bundled action, as `runs.main` in action.yml names it. */
export const ACTION_DIR = process.cwd()
export const ACTION_MAIN = path.join(ACTION_DIR, 'dist', 'index.js')

interface ActionYml {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
  runs: { using: string; main: string }
}

export async function readActionYml(): Promise<ActionYml> {
  return parse(
    await readFile(path.join(ACTION_DIR, 'action.yml'), 'utf8')
  ) as ActionYml
}

/**
 * The `INPUT_*` variables a runner sets: every input of action.yml with its
 * default (expressions evaluated from `expressions`), overridden by `given`.
 * The runner upper-cases the name, turns spaces into `_` and keeps hyphens.
 */
export function inputEnv(
  yml: ActionYml,
  given: Record<string, string>,
  expressions: Record<string, string>
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const name of Object.keys(given)) {
    if (!(name in yml.inputs))
      throw new Error(`action.yml has no input ${name}`)
  }
  for (const [name, spec] of Object.entries(yml.inputs)) {
    const fallback = (spec.default ?? '').replace(
      /\$\{\{\s*([\w.]+)\s*\}\}/g,
      (_, expression: string) => {
        const value = expressions[expression]
        if (value === undefined) throw new Error(`no value for ${expression}`)
        return value
      }
    )
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] =
      given[name] ?? fallback
  }
  return env
}

/**
 * Parses the GITHUB_OUTPUT file: `name<<delimiter` blocks as @actions/core
 * writes them (and plain `name=value` lines).
 */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      i++
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++])
      if (i >= lines.length) throw new Error(`unterminated output ${name}`)
      out[name] = value.join('\n')
      continue
    }
    const eq = line.indexOf('=')
    if (eq < 0) throw new Error(`bad output line: ${line}`)
    out[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return out
}

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** stdout lines that are workflow commands (`::error ...`). */
  commands: string[]
  durationMs: number
}

export interface RunOptions {
  /** Scratch folder for this run (event file, outputs, RUNNER_TEMP). */
  dir: string
  workspace: string
  eventName: string
  payload: unknown
  sha: string
  apiUrl: string
  token: string
  inputs?: Record<string, string>
  repository?: string
}

/**
 * Runs `node dist/index.js` the way a runner does: a child process with the
 * workspace as cwd and the GITHUB_* / RUNNER_* / INPUT_* environment, and
 * nothing else inherited. Asynchronous, so that a fake API in this process
 * keeps answering.
 */
export async function runBundledAction(
  options: RunOptions
): Promise<ActionRun> {
  const yml = await readActionYml()
  await mkdir(options.dir, { recursive: true })
  const eventPath = path.join(options.dir, 'event.json')
  const outputPath = path.join(options.dir, 'github_output')
  const summaryPath = path.join(options.dir, 'step_summary.md')
  const runnerTemp = path.join(options.dir, 'runner_temp')
  await mkdir(runnerTemp, { recursive: true })
  await writeFile(eventPath, JSON.stringify(options.payload))
  await writeFile(outputPath, '')
  await writeFile(summaryPath, '')

  const env: NodeJS.ProcessEnv = {
    PATH: GIT_ENV.PATH,
    HOME: GIT_ENV.HOME,
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: options.sha,
    GITHUB_REPOSITORY: options.repository ?? 'acme/labels',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: runnerTemp,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    ...inputEnv(yml, options.inputs ?? {}, { 'github.token': options.token })
  }
  const started = performance.now()
  const { code, stdout, stderr } = await new Promise<{
    code: number | null
    stdout: string
    stderr: string
  }>((resolve, reject) => {
    const child = spawn(process.execPath, [ACTION_MAIN], {
      cwd: options.workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    child.on('error', reject)
    child.on('close', (exit) =>
      resolve({
        code: exit,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      })
    )
  })
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
    summary: await readFile(summaryPath, 'utf8'),
    commands: stdout.split('\n').filter((l) => l.startsWith('::')),
    durationMs: performance.now() - started
  }
}
