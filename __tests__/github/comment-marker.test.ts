import { describe, expect, it } from '@jest/globals'
import {
  commentMarker,
  hasMarker,
  withMarker
} from '../../src/github/comment-marker.js'
import { REPORT_MARKER } from '../../src/render/markdown/render-markdown.js'

describe('commentMarker', () => {
  it('is the renderer marker without an id, and carries an id otherwise', () => {
    expect(commentMarker()).toBe(REPORT_MARKER)
    expect(commentMarker('')).toBe('<!-- labelgate:report -->')
    expect(commentMarker('labels/gold.yml')).toBe(
      '<!-- labelgate:report:labels/gold.yml -->'
    )
  })

  it('rejects ids that could end the HTML comment or break the line', () => {
    for (const id of ['a -->', 'a--b', 'two words', 'x\ny', 'a>b', 'é']) {
      expect(() => commentMarker(id)).toThrow(/comment marker id/)
    }
    expect(() => commentMarker('x'.repeat(101))).toThrow(/comment marker id/)
  })
})

describe('withMarker', () => {
  const body = `${REPORT_MARKER}\n## labelgate passed\n`

  it('keeps a body that already starts with the marker', () => {
    expect(withMarker(body, REPORT_MARKER)).toBe(body)
  })

  it("replaces the renderer's marker with one that has an id", () => {
    const marker = commentMarker('b')
    expect(withMarker(body, marker)).toBe(`${marker}\n## labelgate passed\n`)
  })

  it('prepends the marker to a body without one', () => {
    expect(withMarker('hello', REPORT_MARKER)).toBe(`${REPORT_MARKER}\nhello`)
  })
})

describe('hasMarker', () => {
  it('matches the first line only, tolerating CRLF', () => {
    expect(hasMarker(`${REPORT_MARKER}\r\nbody`, REPORT_MARKER)).toBe(true)
    expect(hasMarker(REPORT_MARKER, REPORT_MARKER)).toBe(true)
    expect(hasMarker(`text\n${REPORT_MARKER}`, REPORT_MARKER)).toBe(false)
    expect(hasMarker(null, REPORT_MARKER)).toBe(false)
  })

  it('tells a marker with an id from the plain one', () => {
    const withId = commentMarker('a')
    expect(hasMarker(`${withId}\nx`, REPORT_MARKER)).toBe(false)
    expect(hasMarker(`${REPORT_MARKER}\nx`, withId)).toBe(false)
    expect(hasMarker(`${withId}\nx`, withId)).toBe(true)
  })
})
