// Entry of a parse worker (dist/parse-worker.js): reads the pieces of a
// delimited file the main thread posts, one at a time (see chunk-pool.ts).
import { parentPort } from 'node:worker_threads'
import { parseChunk, transferables, type ChunkTask } from './parse-chunk.js'

const port = parentPort
if (port === null) throw new Error('parse-worker.js runs as a worker thread')
port.on('message', (task: ChunkTask) => {
  const result = parseChunk(task)
  port.postMessage(result, transferables(result))
})
