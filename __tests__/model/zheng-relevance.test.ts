import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { readAnnotationFile } from '../../src/formats/read-annotations.js'
import { readReferenceFile } from '../../src/formats/read-reference.js'
import { AnnotationTableBuilder } from '../../src/model/annotation-table.js'
import { buildRatings } from '../../src/model/build-ratings.js'
import { Interner } from '../../src/model/interner.js'
import type { Problem } from '../../src/model/problem.js'
import { ReferenceTableBuilder } from '../../src/model/reference-table.js'

const DIR = fileURLToPath(
  new URL('../../__fixtures__/data/zheng_relevance/', import.meta.url)
)

/** Rows of a plain CSV (no quoting in these files), without the header. */
function rows(name: string): string[][] {
  const lines = readFileSync(DIR + name, 'utf8').split('\n')
  return lines
    .slice(1, lines[lines.length - 1] === '' ? -1 : undefined)
    .map((l) => l.split(','))
}

describe('zheng_relevance (real crowdsourced data with repeated pairs)', () => {
  const items = new Interner()
  const builder = new AnnotationTableBuilder(items)
  const reference = new ReferenceTableBuilder(items)
  const problems: Problem[] = []
  const fields = { item: 'item_id', annotator: 'annotator', label: 'label' }
  readAnnotationFile(
    readFileSync(DIR + 'annotations.csv'),
    'annotations.csv',
    'csv',
    fields,
    builder,
    problems
  )
  readReferenceFile(
    readFileSync(DIR + 'gold.csv'),
    'gold.csv',
    'csv',
    { item: 'item_id', label: 'label' },
    reference,
    problems
  )
  const table = builder.finish()
  const built = buildRatings(table, { level: 'nominal' }, reference.finish())

  it('reads every row with its line', () => {
    expect(problems).toEqual([])
    expect(table.size).toBe(98453)
    expect(table.line[0]).toBe(2)
    expect(table.line[table.size - 1]).toBe(98454)
  })

  it('keeps exactly the rows of annotations_dedup.csv, in order', () => {
    const { ratings } = built
    const kept = Array.from(ratings.item, (item, k) =>
      [
        ratings.itemIds[item],
        ratings.annotatorIds[ratings.annotator[k]!],
        ratings.categories[ratings.category[k]!]
      ].join(',')
    )
    const dedup = rows('annotations_dedup.csv').map((r) => r.join(','))
    // Row by row, without a deep-equality diff of 97k arrays.
    expect(kept).toHaveLength(96883)
    expect(dedup).toHaveLength(96883)
    expect(kept.findIndex((row, k) => row !== dedup[k])).toBe(-1)
  })

  it('reports one error per conflicting repeat and one warning per identical one', () => {
    const first = new Map<string, string>()
    let conflicting = 0
    let identical = 0
    for (const [item, annotator, label] of rows('annotations.csv')) {
      const key = `${item}\u0000${annotator}`
      const seen = first.get(key)
      if (seen === undefined) first.set(key, label!)
      else if (seen === label) identical++
      else conflicting++
    }
    const count = (severity: string, start: string) =>
      built.problems.filter(
        (p) => p.severity === severity && p.message.startsWith(start)
      ).length
    expect(conflicting).toBeGreaterThan(0)
    expect(count('error', 'conflicting labels for item')).toBe(conflicting)
    // More than 1,000 identical repeats: the rest are one summary line.
    expect(identical).toBeGreaterThan(1000)
    expect(count('warning', 'duplicate of line')).toBe(1000)
    expect(built.problems.at(-1)).toEqual({
      severity: 'warning',
      file: 'annotations.csv',
      line: expect.any(Number),
      message: `... and ${identical - 1000} more identical duplicates`
    })
    expect(built.problems).toHaveLength(conflicting + 1000 + 1)
  })

  it('maps all 4,460 gold labels', () => {
    expect(built.reference!.size).toBe(4460)
    expect(built.ratings.categories).toEqual(['0', '1', '2', '3'])
    const gold = rows('gold.csv')
    const [item, label] = gold[0]!
    const code = items.get(item!)!
    expect(built.ratings.categories[built.reference!.category[code]!]).toBe(
      label
    )
  })
})
