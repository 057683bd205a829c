import { cleanText } from '../../util/clean-text.js'

/**
 * Text from a label file, a commit or the config made inert in HTML text and
 * in double-quoted attribute values: `& < > " '` become entities, and control
 * characters, line breaks and bidirectional overrides go (cleanText).
 */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!)
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}

/**
 * JSON for a `<script type="application/json">` block: no `<` (so no
 * `</script>` or `<!--` can end or bend the block), no `>` or `&`, and the
 * two line separators JavaScript once treated as line ends, all as \u escapes
 * that JSON.parse reads back to the same characters.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}
