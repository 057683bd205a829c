/**
 * Text from a label file made safe to show on one line: every control
 * character, and the bidirectional overrides that can make text display in
 * a different order from how it reads ("Trojan Source"), shown as a visible
 * escape (`\u001b`, `\u202e`) rather than passed on or dropped. Dropping made
 * an annotator `al<ESC>[31mice<BEL>` read as a second `alice`, and a label
 * `neg<ESC>]0;t<BEL>ative` as `negative`; escaped, an ANSI sequence is inert
 * and in plain sight (`al\u001b[31mice\u0007`). Line breaks and tabs become
 * spaces (white space, not a way to hide text), and lone surrogates (from a
 * cut string) are replaced. Cleaning clean text changes nothing.
 */
export function cleanText(text: string): string {
  return text
    .replace(LINE_BREAK, ' ')
    .replace(
      CONTROL,
      (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
    )
    .replace(LONE_SURROGATE, '\uFFFD')
}

const LINE_BREAK = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g

// \p{Cc}: C0, DEL and C1 controls (C1 includes the one-byte CSI, U+009B).
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu

const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
