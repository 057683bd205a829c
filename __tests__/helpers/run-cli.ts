import { execFileSync } from 'node:child_process'
import { main, type CliIo } from '../../src/cli/main.js'

/** git with a fixed identity, argument vector only (tests build real repositories). */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com'
    }
  }).trim()
}

/**
 * The CLI changes the process's working directory while it runs, so two
 * in-process runs must never overlap: one would restore the other's (later
 * deleted) folder, and every later suite in this worker would fail with
 * `uv_cwd`. Calls queue here, whatever the caller does (Promise.all).
 */
let queue: Promise<unknown> = Promise.resolve()

/** Runs `labelgate` in-process in `cwd`, capturing its output and exit status. */
export function runCli(
  cwd: string,
  argv: string[],
  env: NodeJS.ProcessEnv = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = queue.then(() => runCliNow(cwd, argv, env))
  queue = run.catch(() => undefined)
  return run
}

async function runCliNow(
  cwd: string,
  argv: string[],
  env: NodeJS.ProcessEnv = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    env
  }
  const previous = process.cwd()
  process.chdir(cwd)
  try {
    return { code: await main(argv, io), stdout, stderr }
  } finally {
    process.chdir(previous)
  }
}
