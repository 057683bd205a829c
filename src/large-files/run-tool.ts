import { spawn } from 'node:child_process'

export interface ToolResult {
  /** False when the program itself is not installed (ENOENT). */
  found: boolean
  code: number
  stdout: Buffer
  stderr: string
  /** True when stdout passed `maxOutput` and the program was stopped. */
  overflow: boolean
}

/**
 * Runs an external program (git lfs, dvc) with an argument vector, never a
 * shell: paths and pointers come from a pull request. Stdout is collected up
 * to `maxOutput` bytes (the size the pointer declares), so a program that
 * sends more is stopped instead of filling memory.
 */
export function runTool(
  program: string,
  args: readonly string[],
  options: {
    cwd: string
    input?: Uint8Array
    maxOutput: number
    env?: Record<string, string>
  }
): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GIT_TERMINAL_PROMPT: '0',
        LC_ALL: 'C',
        ...options.env
      }
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    let size = 0
    let errSize = 0
    let overflow = false
    child.stdout?.on('data', (b: Buffer) => {
      size += b.length
      if (size > options.maxOutput) {
        overflow = true
        child.kill()
        return
      }
      out.push(b)
    })
    child.stderr?.on('data', (b: Buffer) => {
      // Only the start of the message is shown.
      if (errSize < 8192) err.push(b)
      errSize += b.length
    })
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({
        found: error.code !== 'ENOENT',
        code: -1,
        stdout: Buffer.alloc(0),
        stderr: error.message,
        overflow: false
      })
    )
    child.on('close', (code) =>
      resolve({
        found: true,
        code: code ?? -1,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8').trim(),
        overflow
      })
    )
    if (options.input !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined)
      child.stdin.end(options.input)
    }
  })
}
