import { spawn, type ChildProcess } from 'node:child_process'
import { UserError } from '../errors.js'

/** One object as `git cat-file --batch` gives it. */
export interface GitObject {
  type: string
  bytes: Buffer
}

interface Waiting {
  resolve: (object: GitObject | undefined) => void
  reject: (error: Error) => void
}

const NEWLINE = 0x0a

/**
 * One long-lived `git cat-file --batch` process that reads objects by id: a
 * process per file cost 20 ms each (10^4 files took minutes). Requests are
 * answered in the order written, so a queue pairs answers with callers.
 * Objects are named by id, never by path: a path may hold a newline, which
 * would end a request line early.
 *
 * The process is unreferenced while nothing waits on it, so it never keeps
 * the program alive; when the program ends, git sees the end of its input
 * and exits.
 */
export class CatFileBatch {
  private child: ChildProcess | undefined
  private readonly waiting: Waiting[] = []
  private chunks: Buffer[] = []
  private buffered = 0
  /** The current object's header, while its body is still arriving. */
  private current: { type: string; size: number } | undefined
  private failure: Error | undefined

  constructor(private readonly cwd: string) {}

  read(id: string): Promise<GitObject | undefined> {
    if (!/^[0-9a-f]{40,64}$/.test(id)) {
      return Promise.reject(new Error(`not an object id: ${id}`))
    }
    if (this.failure !== undefined) return Promise.reject(this.failure)
    const child = this.start()
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) this.hold(child, true)
      this.waiting.push({ resolve, reject })
      child.stdin!.write(`${id}\n`)
    })
  }

  /** Ends the process (it exits at the end of its input); later reads start a new one. */
  close(): void {
    const child = this.child
    if (child === undefined) return
    this.child = undefined
    child.stdin?.end()
    this.hold(child, false)
  }

  private start(): ChildProcess {
    if (this.child !== undefined) return this.child
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd: this.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }
    })
    const stderr: Buffer[] = []
    child.stdout!.on('data', (chunk: Buffer) => this.receive(chunk))
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk))
    // Writing to a git that has exited: its exit (below) tells the story.
    child.stdin!.on('error', () => undefined)
    child.on('error', (error) => this.fail(error))
    child.on('close', (code) => {
      // Closed on purpose (close()): not a failure.
      if (this.child !== child) return
      const reason = Buffer.concat(stderr).toString('utf8').trim()
      this.fail(
        new UserError(
          `git cat-file --batch stopped (exit ${code ?? 'signal'})${reason === '' ? '' : `: ${reason}`}`
        )
      )
    })
    this.child = child
    return child
  }

  private hold(child: ChildProcess, on: boolean): void {
    const streams = [child.stdin, child.stdout, child.stderr] as unknown as {
      ref?: () => void
      unref?: () => void
    }[]
    if (on) {
      child.ref()
      for (const s of streams) s.ref?.()
    } else {
      child.unref()
      for (const s of streams) s.unref?.()
    }
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk)
    this.buffered += chunk.length
    for (;;) {
      if (this.current === undefined) {
        const data = this.flatten()
        const end = data.indexOf(NEWLINE)
        if (end < 0) return
        const header = data.subarray(0, end).toString('latin1')
        this.keep(data.subarray(end + 1))
        const parts = header.split(' ')
        if (parts.length === 2 && parts[1] === 'missing') {
          this.answer(undefined)
          continue
        }
        const size = Number(parts[2])
        if (parts.length !== 3 || !Number.isSafeInteger(size)) {
          this.fail(new Error(`git cat-file --batch: unexpected '${header}'`))
          return
        }
        this.current = { type: parts[1]!, size }
      }
      // The body, then one newline.
      if (this.buffered < this.current.size + 1) return
      const data = this.flatten()
      const bytes = Buffer.from(data.subarray(0, this.current.size))
      this.keep(data.subarray(this.current.size + 1))
      const type = this.current.type
      this.current = undefined
      this.answer({ type, bytes })
    }
  }

  /** The buffered bytes as one Buffer (joined only when needed). */
  private flatten(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks)]
    return this.chunks[0]!
  }

  private keep(rest: Buffer): void {
    this.chunks = rest.length > 0 ? [rest] : []
    this.buffered = rest.length
  }

  private answer(object: GitObject | undefined): void {
    const next = this.waiting.shift()
    if (this.waiting.length === 0 && this.child !== undefined) {
      this.hold(this.child, false)
    }
    next?.resolve(object)
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const w of this.waiting.splice(0)) w.reject(error)
  }
}
