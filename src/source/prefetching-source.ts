import type { ByteStream } from './byte-stream.js'
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

  /**
   * Starts reading every file a pattern matches; errors surface on `read`.
   * Files `streamed` says will be read as streams are not fetched whole
   * when the source can stream them: that would hold each file in memory.
   */
  async prefetch(
    pattern: string,
    streamed: (path: string) => boolean = () => false
  ): Promise<void> {
    const paths = await this.inner.list(pattern).catch(() => [])
    const streams = this.inner.open !== undefined
    for (const p of paths) {
      if (streams && streamed(p)) continue
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

  /** A stream, unless the file was fetched already. */
  open(path: string): Promise<ByteStream | undefined> {
    if (this.pending.has(path) || this.inner.open === undefined) {
      return Promise.resolve(undefined)
    }
    return this.inner.open(path)
  }

  read(path: string): Promise<Uint8Array | undefined> {
    const promise = this.pending.get(path)
    if (promise === undefined) return this.inner.read(path)
    // Each prefetched file is read once; drop it so its buffer can be freed.
    this.pending.delete(path)
    return promise
  }
}
