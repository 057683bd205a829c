import { afterEach, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import {
  closest,
  editDistance,
  MAX_SUGGESTED_LENGTH
} from '../../src/util/did-you-mean.js'
import { runCli } from '../helpers/run-cli.js'
import { configFor, folderWith } from './helpers.js'

/** The textbook full-matrix Levenshtein distance, to check the banded one. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) =>
      i === 0 ? j : j === 0 ? i : 0
    )
  )
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
  return d[a.length]![b.length]!
}

/** The unbounded rule: the nearest within a third of the length. */
function nearest(word: string, candidates: string[]): string | undefined {
  const lower = word.toLowerCase()
  const same = candidates.find((c) => c !== word && c.toLowerCase() === lower)
  if (same !== undefined) return same
  let best: string | undefined
  let bestD = Infinity
  for (const c of candidates) {
    const d = levenshtein(word, c)
    if (d < bestD) [best, bestD] = [c, d]
  }
  const limit = Math.max(1, Math.floor(word.length / 3))
  return bestD > 0 && bestD <= limit ? best : undefined
}

describe('did-you-mean is bounded and still finds typos', () => {
  it('the banded distance equals the full one', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 }),
        (a, b) => editDistance(a, b) === levenshtein(a, b)
      ),
      { seed: 9, numRuns: 2000 }
    )
  })

  it('the suggestion is as close as the unbounded rule finds', () => {
    const word = fc.string({
      unit: fc.constantFrom('a', 'b', 'A'),
      minLength: 1,
      maxLength: 9
    })
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 8 }), (w, cs) => {
        const got = closest(w, cs)
        const want = nearest(w, cs)
        if (want === undefined) return got === undefined
        // Ties may pick another candidate at the same distance.
        return (
          got !== undefined &&
          (got.toLowerCase() === w.toLowerCase()
            ? want.toLowerCase() === w.toLowerCase()
            : levenshtein(w, got) === levenshtein(w, want))
        )
      }),
      { seed: 10, numRuns: 2000 }
    )
  })

  it('long words get no suggestion; a spent budget stops suggesting', () => {
    const long = 'p'.repeat(MAX_SUGGESTED_LENGTH + 1)
    expect(closest(long, [`${long}x`])).toBeUndefined()
    expect(closest('postive', ['positive'])).toBe('positive')
    expect(closest('postive', ['positive'], { cells: 0 })).toBeUndefined()
  })
})

describe('long labels and non-finite numbers in real files', () => {
  const made: string[] = []
  afterEach(() => {
    for (const f of made.splice(0)) rmSync(f, { recursive: true, force: true })
  })

  it('a 1 MB label is quoted short in the problem, with its length', async () => {
    const label = `\u001b[31m${'z'.repeat(1_000_000)}`
    const repo = folderWith({
      'labelgate.yml': configFor('a.csv', ['    categories: [x, y]']),
      'a.csv': `item_id,annotator,label\n1,a,${label}\n1,b,x\n`
    })
    made.push(repo)
    const r = await runCli(repo, [
      'check',
      '--config',
      'labelgate.yml',
      '--json',
      'r.json'
    ])
    expect(r.code).toBe(1)
    const report = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8'))
    const [problem] = report.datasets[0].problems
    expect(problem).toMatchObject({ file: 'a.csv', line: 2, field: 'label' })
    expect(problem.message).toBe(
      `label '\\u001b[31m${'z'.repeat(70)}… (1000005 characters)' is not a category`
    )
    expect(readFileSync(path.join(repo, 'r.json')).length).toBeLessThan(20_000)
  })

  it('an interval label 1e309 is an error at its line, like Infinity', async () => {
    const repo = folderWith({
      'labelgate.yml': configFor('a.csv', [], 'interval'),
      'a.csv':
        'item_id,annotator,label\n1,a,1\n1,b,2\n2,a,1e309\n2,b,3\n3,a,-1e309\n3,b,Infinity\n'
    })
    made.push(repo)
    const r = await runCli(repo, [
      'check',
      '--config',
      'labelgate.yml',
      '--json',
      'r.json'
    ])
    expect(r.code).toBe(1)
    const report = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8'))
    const problems = report.datasets[0].problems.map(
      (p: { line: number; message: string }) => `${p.line}: ${p.message}`
    )
    expect(problems).toEqual([
      "4: label '1e309' is too large for a number (level interval); the largest is about 1.8e308",
      "6: label '-1e309' is too large for a number (level interval); the largest is about 1.8e308",
      "7: label 'Infinity' is not a number (level interval)"
    ])
    expect(report.datasets[0].head.counts.annotations).toBe(3)
  })
})
