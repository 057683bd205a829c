import { expect } from '@jest/globals'
import { markdownTables, tableCells } from '../report/report-fixtures.js'
import { gfmStructureProblems } from './gfm-structure.js'

/** The HTML tags GitHub keeps in a comment that our bodies may use (its sanitizer allows more). */
export const GITHUB_TAGS = new Set([
  'details',
  'summary',
  'sub',
  'sup',
  'br',
  'b',
  'i',
  'code',
  'kbd',
  'p',
  'a'
])

/** GitHub's limit on a comment body, in characters. */
export const COMMENT_LIMIT = 65_536

/**
 * The structure GitHub needs to render a body as meant: every table row
 * with its header's cell count, only allowed tags, `<details>` balanced,
 * fences closed, within the size limit.
 */
export function expectWellFormedComment(body: string): void {
  expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
  // Backed by the GFM parser's token tree (tables, sanitized tags).
  expect(gfmStructureProblems(body)).toEqual([])
  for (const table of markdownTables(body)) {
    const width = tableCells(table[0]!).length
    for (const row of table) expect(tableCells(row)).toHaveLength(width)
  }
  const withoutMarker = body.replace('<!-- labelgate:report -->', '')
  expect(withoutMarker).not.toContain('<!--')
  for (const m of withoutMarker.matchAll(/<\/?([A-Za-z][A-Za-z0-9-]*)/g)) {
    expect(GITHUB_TAGS).toContain(m[1]!.toLowerCase())
  }
  const count = (s: string): number => body.split(s).length - 1
  expect(count('<details')).toBe(count('</details>'))
  expect(body.split('\n').filter((l) => l.startsWith('```')).length % 2).toBe(0)
}
