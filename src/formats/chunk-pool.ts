import { Worker } from 'node:worker_threads'
import { parseChunk, type ChunkResult, type ChunkTask } from './parse-chunk.js'

/** Reads pieces of delimited files (`parseChunk`), on worker threads or in process. */
export interface ChunkPool {
  /** How many pieces it reads at once. */
  readonly threads: number
  /**
   * Pieces it can take now without keeping the reader waiting: when none,
   * the main thread reads a piece itself rather than wait.
   */
  readonly idle: number
  /** Reads one piece; never rejects for bad data (the result holds the error). */
  parse(task: ChunkTask): Promise<ChunkResult>
  /** Stops its threads (idempotent). */
  close(): Promise<void>
}

/**
 * The pieces read on this thread, one at a time, each on a later turn of the
 * event loop (as a worker's result arrives), so the reader also reads pieces
 * itself meanwhile: the same results as the workers give, for tests (a
 * worker cannot load TypeScript sources).
 */
export function inProcessPool(threads = 2): ChunkPool {
  let busy = 0
  return {
    threads,
    get idle() {
      return threads - busy
    },
    parse: (task) => {
      busy++
      return new Promise((resolve) =>
        setImmediate(() => {
          busy--
          resolve(parseChunk(task))
        })
      )
    },
    close: () => Promise.resolve()
  }
}

interface Waiter {
  resolve: (r: ChunkResult) => void
  reject: (e: Error) => void
}

interface Slot {
  worker: Worker
  /** Pieces posted to the worker, in order (it answers in order). */
  posted: Waiter[]
}

/**
 * Pieces posted to a worker at once: the one it reads and the next, waiting
 * in its own message queue, so it never waits for the main thread (which
 * sees a result only between its own pieces).
 */
const DEPTH = 2

/**
 * `threads` worker threads running `script` (dist/parse-worker.js), started
 * on the first piece, so a run that reads only small files starts none.
 * Workers do not keep the process alive while idle.
 */
export class WorkerPool implements ChunkPool {
  /** Pieces read so far (for the benchmark's profile line). */
  pieces = 0
  private slots: Slot[] = []
  private readonly queue: (Waiter & { task: ChunkTask })[] = []
  /**
   * Set once the pool failed or was closed: every later piece is refused
   * with it, so a read that posts more after a worker died gets that error
   * in turn instead of a fresh set of workers.
   */
  private stopped: Error | undefined

  constructor(
    private readonly script: URL,
    readonly threads: number
  ) {}

  get idle(): number {
    // Past what the workers hold, the main thread reads pieces itself:
    // merging costs it about half of what reading a piece does.
    let assigned = this.queue.length
    for (const slot of this.slots) assigned += slot.posted.length
    return Math.max(0, DEPTH * this.threads - assigned)
  }

  parse(task: ChunkTask): Promise<ChunkResult> {
    if (this.stopped !== undefined) return Promise.reject(this.stopped)
    if (this.slots.length === 0) this.start()
    this.pieces++
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject })
      this.pump()
    })
  }

  async close(): Promise<void> {
    this.stopped ??= new Error('the parse workers were closed')
    const slots = this.slots
    this.slots = []
    // Pieces still out are answered, not left waiting forever.
    this.rejectAll(slots, this.stopped)
    await Promise.all(slots.map((s) => s.worker.terminate()))
  }

  private rejectAll(slots: readonly Slot[], error: Error): void {
    for (const slot of slots) {
      for (const waiter of slot.posted.splice(0)) waiter.reject(error)
    }
    for (const next of this.queue.splice(0)) next.reject(error)
  }

  private start(): void {
    for (let i = 0; i < this.threads; i++) {
      const worker = new Worker(this.script)
      worker.unref()
      const slot: Slot = { worker, posted: [] }
      worker.on('message', (result: ChunkResult) => {
        const waiter = slot.posted.shift()
        if (slot.posted.length === 0) worker.unref()
        waiter?.resolve(result)
        this.pump()
      })
      worker.on('error', (error) => this.fail(error))
      // A worker that ends without an error event (killed, out of memory)
      // would leave its pieces waiting forever.
      worker.on('exit', (code) => {
        if (slot.posted.length > 0)
          this.fail(new Error(`the worker exited (code ${code})`))
      })
      this.slots.push(slot)
    }
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (slot.posted.length < DEPTH) {
        const next = this.queue.shift()
        if (next === undefined) return
        slot.posted.push(next)
        // Busy workers keep the process alive until their pieces are read.
        slot.worker.ref()
        slot.worker.postMessage(next.task, [
          next.task.bytes.buffer as ArrayBuffer
        ])
      }
    }
  }

  private fail(error: Error): void {
    const failed = new Error(
      `a parse worker failed (${this.script.pathname}): ${error.message}; --threads 1 reads without workers`
    )
    this.stopped ??= failed
    this.rejectAll(this.slots, this.stopped)
    void this.close()
  }
}

/**
 * The workers for `threads` reading threads (the main thread is one of
 * them), running the bundle's parse-worker.js next to this file; undefined
 * for 1 thread. The caller closes the pool after the run.
 */
export function workerPool(threads: number): WorkerPool | undefined {
  if (threads <= 1) return undefined
  return new WorkerPool(
    new URL('./parse-worker.js', import.meta.url),
    threads - 1
  )
}
