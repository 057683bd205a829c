import type { Source } from './source.js'

/**
 * A source whose files can be fetched ahead: the base's files are read (I/O,
 * and the kernel's first touch of the buffer's pages, on libuv's threads)
 * while the head is parsed on the main thread. Parsing stays in a fixed order,
 * so codes and results do not depend on which read finishes first.
 */
export class PrefetchingSource implements Source {
  readonly label: string
  private readonly pending = new Map<string, Promise<Uint8Array | undefined>>()

  constructor(private readonly inner: Source) {
    this.label = inner.label
  }

  /** Starts reading every file a pattern matches; errors surface on `read`. */
  async prefetch(pattern: string): Promise<void> {
    const paths = await this.inner.list(pattern).catch(() => [])
    for (const p of paths) {
      if (!this.pending.has(p)) {
        const promise = this.inner.read(p)
        // Handled when read() takes it; avoid an unhandled rejection meanwhile.
        promise.catch(() => undefined)
        this.pending.set(p, promise)
      }
    }
  }

  list(pattern: string): Promise<string[]> {
    return this.inner.list(pattern)
  }

  read(path: string): Promise<Uint8Array | undefined> {
    const promise = this.pending.get(path)
    if (promise === undefined) return this.inner.read(path)
    // Each prefetched file is read once; drop it so its buffer can be freed.
    this.pending.delete(path)
    return promise
  }
}
