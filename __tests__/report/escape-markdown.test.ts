import { describe, expect, it } from '@jest/globals'
import { cleanText } from '../../src/util/clean-text.js'
import { escapeMarkdown } from '../../src/render/markdown/escape-markdown.js'
import { shorten } from '../../src/util/shorten.js'

const ZWSP = '\u200B'

describe('escapeMarkdown', () => {
  it('turns HTML into entities', () => {
    const out = escapeMarkdown('<img src=x onerror=alert(1)>')
    expect(out).not.toContain('<')
    expect(out).not.toContain('>')
    expect(out).toBe('&lt;img src=x onerror=alert\\(1\\)&gt;')
  })

  it('escapes ampersands so no entity is decoded', () => {
    expect(escapeMarkdown('&lt;b&gt; & co')).toBe('&amp;lt;b&amp;gt; &amp; co')
  })

  it('backslash-escapes every Markdown punctuation character', () => {
    expect(escapeMarkdown('\\`*_{}[]()+-.!|~')).toBe(
      '\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)\\+\\-\\.\\!\\|\\~'
    )
  })

  it('makes a link into plain text', () => {
    expect(escapeMarkdown('[link](javascript:alert(1))')).toBe(
      '\\[link\\]\\(javascript:alert\\(1\\)\\)'
    )
  })

  it('neutralises @mentions with a zero-width space', () => {
    const out = escapeMarkdown('@org/team and @alice')
    expect(out).toBe(`@${ZWSP}org/team and @${ZWSP}alice`)
    expect(out).not.toMatch(/@[A-Za-z]/)
  })

  it('neutralises issue references, which GitHub links after unescaping', () => {
    expect(escapeMarkdown('#123')).toBe(`\\#${ZWSP}123`)
    expect(escapeMarkdown('org/repo#7')).toBe(`org/repo\\#${ZWSP}7`)
    expect(escapeMarkdown('GH-45 and gh-9')).toBe(
      `GH${ZWSP}\\-45 and gh${ZWSP}\\-9`
    )
    // Not a reference: escaped, nothing inserted.
    expect(escapeMarkdown('#tag x-1')).toBe('\\#tag x\\-1')
  })

  it('stops URLs from being autolinked', () => {
    expect(escapeMarkdown('see https://evil.example/x')).toBe(
      `see https:${ZWSP}//evil\\.example/x`
    )
    expect(escapeMarkdown('a: b')).toBe('a: b')
  })

  it('puts everything on one line', () => {
    expect(escapeMarkdown('a\nb\r\nc\rd\u2028e\tf')).toBe('a b c d e f')
  })

  it('cannot produce our hidden marker', () => {
    const out = escapeMarkdown('<!-- labelgate:report -->')
    expect(out).not.toContain('<!--')
    expect(out).toBe('&lt;\\!\\-\\- labelgate:report \\-\\-&gt;')
  })

  it('shows control characters and escape sequences as inert escapes', () => {
    // The backslash of each escape is itself escaped: it renders as \u0000.
    expect(escapeMarkdown('a\u0000b\u0007c\u001b[2Jd\u009be')).toBe(
      'a\\\\u0000b\\\\u0007c\\\\u001b\\[2Jd\\\\u009be'
    )
  })

  it('keeps ordinary text as it is', () => {
    expect(escapeMarkdown('positive')).toBe('positive')
    expect(escapeMarkdown('très bien 😀')).toBe('très bien 😀')
  })
})

describe('cleanText', () => {
  it('shows ANSI sequences, OSC and bidi overrides as visible escapes', () => {
    expect(cleanText('\u001b[2J\u001b[31mred\u001b[0m')).toBe(
      '\\u001b[2J\\u001b[31mred\\u001b[0m'
    )
    expect(cleanText('\u001b]0;title\u0007x')).toBe('\\u001b]0;title\\u0007x')
    expect(cleanText('a\u202Eb\u2066c')).toBe('a\\u202eb\\u2066c')
  })

  it('keeps ids that differ only in control characters apart', () => {
    const spoof = cleanText('al\u001b[31mice\u0007')
    expect(spoof).not.toBe('alice')
    expect(spoof).toBe('al\\u001b[31mice\\u0007')
    // eslint-disable-next-line no-control-regex
    expect(spoof).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
  })

  it('changes nothing in text it cleaned', () => {
    const once = cleanText('a\u0000b\r\nc\u202e\uD83D')
    expect(cleanText(once)).toBe(once)
  })

  it('turns line breaks and tabs into spaces', () => {
    expect(cleanText('a\r\nb\tc\nd')).toBe('a b c d')
  })

  it('replaces lone surrogates', () => {
    expect(cleanText('a\uD83D')).toBe('a\uFFFD')
    expect(cleanText('😀')).toBe('😀')
  })
})

describe('shorten', () => {
  it('leaves short text alone', () => {
    expect(shorten('abc', 3)).toBe('abc')
  })

  it('cuts to the limit with an ellipsis', () => {
    const out = shorten('x'.repeat(10_000), 80)
    expect(Array.from(out)).toHaveLength(80)
    expect(out.endsWith('…')).toBe(true)
  })

  it('never splits a surrogate pair', () => {
    const out = shorten('😀'.repeat(10), 5)
    expect(out).toBe('😀😀😀😀…')
  })
})
