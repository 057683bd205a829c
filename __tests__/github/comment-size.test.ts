import { describe, expect, it } from '@jest/globals'
import {
  COMMENT_CUT_NOTE,
  COMMENT_MAX_LENGTH,
  fitCommentBody
} from '../../src/github/comment-size.js'

const MARKER = '<!-- labelgate:report -->'

describe('fitCommentBody', () => {
  it('leaves a body at the limit alone', () => {
    const body = `${MARKER}\n${'a'.repeat(COMMENT_MAX_LENGTH - MARKER.length - 1)}`
    expect(body).toHaveLength(COMMENT_MAX_LENGTH)
    expect(fitCommentBody(body)).toBe(body)
  })

  it('cuts a longer body on a line end and ends with the note', () => {
    const body = `${MARKER}\n${'| a | b |\n'.repeat(10_000)}`
    const fitted = fitCommentBody(body)
    expect(fitted.length).toBeLessThanOrEqual(COMMENT_MAX_LENGTH)
    expect(fitted.length).toBeGreaterThan(COMMENT_MAX_LENGTH - 1000)
    expect(fitted.startsWith(`${MARKER}\n`)).toBe(true)
    expect(fitted.endsWith(`\n\n${COMMENT_CUT_NOTE}\n`)).toBe(true)
    const kept = fitted.slice(0, fitted.indexOf(`\n\n${COMMENT_CUT_NOTE}`))
    expect(
      kept
        .split('\n')
        .slice(1)
        .every((l) => l === '| a | b |')
    ).toBe(true)
  })

  it('never splits a surrogate pair', () => {
    const fitted = fitCommentBody('😀'.repeat(40_000))
    expect(fitted.length).toBeLessThanOrEqual(COMMENT_MAX_LENGTH)
    const kept = fitted.slice(0, fitted.indexOf('\n\n'))
    expect(kept).toBe('😀'.repeat(kept.length / 2))
  })

  it('closes an open code fence and open <details> so the note shows', () => {
    const body = `${MARKER}\n<details><summary>rows</summary>\n\n\`\`\`\n${'row\n'.repeat(20_000)}`
    const fitted = fitCommentBody(body)
    expect(fitted.length).toBeLessThanOrEqual(COMMENT_MAX_LENGTH)
    expect(fitted).toMatch(/\nrow\n```\n<\/details>\n\n> \[!WARNING\]/)
  })

  it('honours a smaller limit', () => {
    const fitted = fitCommentBody('line\n'.repeat(1000), 600)
    expect(fitted.length).toBeLessThanOrEqual(600)
    expect(fitted).toContain(COMMENT_CUT_NOTE)
  })
})
