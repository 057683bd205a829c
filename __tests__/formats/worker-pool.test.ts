import { describe, expect, it } from '@jest/globals'
import { WorkerPool } from '../../src/formats/chunk-pool.js'
import type { ChunkTask } from '../../src/formats/parse-chunk.js'

/** A worker script as a data: URL (real worker threads, no build needed). */
function script(body: string): URL {
  return new URL(
    `data:text/javascript,${encodeURIComponent(
      `import { parentPort } from 'node:worker_threads'\n${body}`
    )}`
  )
}

function task(bytes: number): ChunkTask {
  return {
    format: 'jsonl',
    file: 'labels.jsonl',
    records: 'annotation records',
    specs: [],
    bytes: new Uint8Array(bytes)
  }
}

describe('WorkerPool', () => {
  it('refuses every piece after a worker failed, instead of starting new workers', async () => {
    // Fails on an empty piece, answers any other: a new worker would answer.
    const pool = new WorkerPool(
      script(
        `parentPort.on('message', (t) => {
          if (t.bytes.length === 0) throw new Error('boom')
          parentPort.postMessage({ rows: t.bytes.length })
        })`
      ),
      1
    )
    try {
      await expect(pool.parse(task(0))).rejects.toThrow(
        /a parse worker failed .*boom/
      )
      await expect(pool.parse(task(8))).rejects.toThrow(
        /a parse worker failed .*boom/
      )
    } finally {
      await pool.close()
    }
  })

  it('answers the pieces still out when it is closed', async () => {
    const pool = new WorkerPool(
      script(`parentPort.on('message', () => undefined)`),
      1
    )
    // The first is with the worker, the others wait in the queue.
    const out = [pool.parse(task(8)), pool.parse(task(8)), pool.parse(task(8))]
    const answered = out.map((p) =>
      expect(p).rejects.toThrow('the parse workers were closed')
    )
    await pool.close()
    await Promise.all(answered)
    await expect(pool.parse(task(8))).rejects.toThrow(
      'the parse workers were closed'
    )
  })

  it('reads pieces on a worker that answers', async () => {
    const pool = new WorkerPool(
      script(
        `parentPort.on('message', (t) => parentPort.postMessage({ rows: t.bytes.length }))`
      ),
      2
    )
    try {
      const results = await Promise.all(
        [3, 5, 7].map((n) => pool.parse(task(n)))
      )
      expect(results.map((r) => r.rows)).toEqual([3, 5, 7])
      expect(pool.pieces).toBe(3)
    } finally {
      await pool.close()
    }
  })
})
