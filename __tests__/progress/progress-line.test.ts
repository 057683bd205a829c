import { describe, expect, it } from '@jest/globals'
import type { CliIo } from '../../src/cli/cli-io.js'
import { ProgressLine, progressLineFor } from '../../src/cli/progress-line.js'

/** A progress line on a fake clock, writing to an array. */
function line(columns = 100) {
  let now = 0
  const out: string[] = []
  const progress = new ProgressLine(
    (t) => out.push(t),
    () => now,
    columns
  )
  return {
    progress,
    out,
    at: (ms: number) => {
      now = ms
    }
  }
}

function io(over: Partial<CliIo> = {}): CliIo {
  return {
    stdout: () => undefined,
    stderr: () => undefined,
    isTTY: true,
    stderrIsTTY: true,
    env: {},
    ...over
  }
}

describe('progress line', () => {
  it('says nothing during the first 2 s', () => {
    const { progress, out, at } = line()
    progress.startFile('data/labels.csv', 1e9)
    at(1999)
    progress.advance(1e8, 3e6)
    progress.finish()
    expect(out).toEqual([])
  })

  it('shows bytes, rows per second and the time left once the run passes 2 s', () => {
    const { progress, out, at } = line()
    progress.startFile('data/labels.csv', 950e6)
    at(2000)
    progress.advance(380e6, 4e6)
    expect(out).toEqual([
      '\r\u001b[Klabelgate: reading data/labels.csv 380 of 950 MB, 2,000,000 rows/s, ETA 0:03'
    ])
  })

  it('redraws at most every 250 ms and clears itself at the end of a file', () => {
    const { progress, out, at } = line()
    progress.startFile('a.csv', 1000)
    at(2000)
    progress.advance(100, 10)
    at(2100)
    progress.advance(200, 20)
    expect(out).toHaveLength(1)
    at(2250)
    progress.advance(300, 30)
    expect(out).toHaveLength(2)
    progress.advance(1000, 100)
    expect(out[2]).toBe('\r\u001b[K')
    progress.finish()
    expect(out).toHaveLength(3)
  })

  it('counts the rows of earlier files in the rate, and finish clears a shown line', () => {
    const { progress, out, at } = line()
    progress.startFile('a.csv', 0)
    progress.advance(500, 1000)
    at(1000)
    progress.startFile('b.csv', 10_000)
    at(2000)
    progress.advance(5000, 1000)
    expect(out[0]).toContain('b.csv 0 of 0 MB, 1,000 rows/s, ETA 0:01')
    progress.finish()
    expect(out[1]).toBe('\r\u001b[K')
  })

  it('fits the terminal and shows a file name without control characters', () => {
    const { progress, out, at } = line(80)
    const name = `data/${'x'.repeat(80)}\u001b[2J\n/labels.csv`
    progress.startFile(name, 1e9)
    at(3000)
    progress.advance(1e8, 3e6)
    const text = out[0]!.slice('\r\u001b[K'.length)
    expect(text.length).toBeLessThanOrEqual(79)
    expect(text).toBe(
      'labelgate: reading …[2J /labels.csv 100 of 1,000 MB, 1,000,000 rows/s, ETA 0:27'
    )
  })

  it('is made only for a terminal, outside CI, without --quiet', () => {
    expect(progressLineFor(io(), false)).toBeInstanceOf(ProgressLine)
    expect(progressLineFor(io({ env: { CI: 'false' } }), false)).toBeDefined()
    expect(progressLineFor(io(), true)).toBeUndefined()
    expect(progressLineFor(io({ stderrIsTTY: false }), false)).toBeUndefined()
    expect(progressLineFor(io({ env: { CI: 'true' } }), false)).toBeUndefined()
    expect(progressLineFor(io({ env: { CI: '1' } }), false)).toBeUndefined()
    expect(
      progressLineFor(io({ env: { GITHUB_ACTIONS: 'true' } }), false)
    ).toBeUndefined()
    expect(
      progressLineFor(io({ env: { TERM: 'dumb' } }), false)
    ).toBeUndefined()
  })
})
