import { cleanText } from './clean-text.js'

/** The longest piece of file text a message quotes, in characters. */
export const EXCERPT_LENGTH = 80

/**
 * Text from a file made safe and short for a one-line message: cleaned of
 * control characters and escape sequences, and cut to `max` characters with a
 * note of the full length. Only the start of the text is looked at, so a
 * 100 MB label costs no more than a short one.
 */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  // Cleaning at most halves text (a CRLF becomes one space): a bounded
  // prefix is enough to fill `max` characters.
  const limit = max * 4 + 64
  const head = cleanText(text.slice(0, limit))
  if (head.length <= max && text.length <= limit) return head
  return `${head.slice(0, max).replace(/[\uD800-\uDBFF]$/, '')}… (${text.length} characters)`
}

/** `'text'` with the text shortened and cleaned as `excerpt` does. */
export function quote(text: string, max = EXCERPT_LENGTH): string {
  return `'${excerpt(text, max)}'`
}
