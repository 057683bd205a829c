/**
 * Text from a label file made safe to show on one line: ANSI escape sequences
 * removed whole (so `ESC[2J` leaves nothing behind), line breaks and tabs turned
 * into spaces, other control characters and the bidirectional overrides that can
 * make text display in a different order from how it reads ("Trojan Source")
 * dropped, and lone surrogates (from a cut string) replaced.
 */
export function cleanText(text: string): string {
  return text
    .replace(ANSI_SEQUENCE, '')
    .replace(LINE_BREAK, ' ')
    .replace(CONTROL, '')
    .replace(LONE_SURROGATE, '\uFFFD')
}

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \) and two-character escapes.
const ANSI_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]/g

const LINE_BREAK = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g

// \p{Cc}: C0, DEL and C1 controls (C1 includes the one-byte CSI, U+009B).
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu

const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
