#!/usr/bin/env node
// The read-and-split floor (not a test): the time Node needs just to read
// label files and split them into lines, in pieces of 4 MiB decoded to text
// (a file over V8's 512 MB string limit cannot be read as one string). The
// benchmark prints labelgate's time beside it: whatever labelgate does on
// top of this is its own cost.
//
//   node bench/read-floor.mjs FILE...   # prints {"seconds": s, "lines": n}
import { spawnSync } from 'node:child_process'
import { closeSync, openSync, readSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const CHUNK = 4 << 20

/** Reads each file in 4 MiB pieces and splits it into lines; returns the line count. */
export function readAndSplit(files) {
  const buffer = Buffer.allocUnsafe(CHUNK)
  let lines = 0
  for (const file of files) {
    const fd = openSync(file, 'r')
    let rest = ''
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null)
      if (n === 0) break
      const parts = (rest + buffer.toString('utf8', 0, n)).split('\n')
      rest = parts.pop()
      lines += parts.length
    }
    if (rest !== '') lines++
    closeSync(fd)
  }
  return lines
}

/**
 * The floor as the benchmark compares it: the wall time of a fresh Node
 * process that reads and splits `files` (start-up included, as in
 * labelgate's wall time).
 */
export function measureFloor(files) {
  const started = process.hrtime.bigint()
  const run = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), ...files],
    { encoding: 'utf8' }
  )
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (run.status !== 0) throw new Error(`read floor: ${run.stderr}`)
  return { seconds, lines: JSON.parse(run.stdout).lines }
}

/**
 * Milliseconds a fresh Node process takes to write one byte in each 4 KiB
 * page of a new 256 MiB buffer: the kernel's cost of handing out memory for
 * the first time. On some virtual machines it is ten times that of others,
 * and the floor, which makes a string of every 4 MiB piece and of every
 * line, feels it more than labelgate does: printed beside every benchmark
 * so that ratios from machines in different states are not compared.
 * The median of 3 processes.
 */
export function measureFirstTouch() {
  const script =
    'const b = new Uint8Array(256 << 20); const t = performance.now();' +
    ' for (let i = 0; i < b.length; i += 4096) b[i] = 1;' +
    ' process.stdout.write(String(performance.now() - t))'
  const times = [0, 1, 2].map(() => {
    const run = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8'
    })
    if (run.status !== 0) throw new Error(`first touch: ${run.stderr}`)
    return Number(run.stdout)
  })
  return times.sort((a, b) => a - b)[1]
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lines = readAndSplit(process.argv.slice(2))
  process.stdout.write(`${JSON.stringify({ lines })}\n`)
}
