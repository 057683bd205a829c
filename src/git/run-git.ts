import { spawn } from 'node:child_process'

export interface GitResult {
  code: number
  stdout: Buffer
  stderr: string
}

/**
 * Runs git with an argument vector, never a shell string: revisions and paths
 * come from events and config files and must not be interpreted by a shell.
 * Output is collected as bytes (label files can be large and are not always text).
 * Without `input`, stdin is closed (`ignore`): writing an empty stdin to a git
 * that had already exited raised an unhandled EPIPE that killed the process.
 */
export function runGit(
  args: string[],
  options: { cwd: string; input?: string } = { cwd: '.' }
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout?.on('data', (b: Buffer) => out.push(b))
    child.stderr?.on('data', (b: Buffer) => err.push(b))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8').trim()
      })
    )
    if (options.input !== undefined && child.stdin) {
      // git may exit before reading all of it; its exit code tells the story.
      child.stdin.on('error', () => undefined)
      child.stdin.end(options.input)
    }
  })
}
