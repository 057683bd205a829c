import { cleanText } from '../../util/clean-text.js'

/**
 * A string from a data file (annotator id, label, item id, path, message),
 * made inert for GitHub Markdown: it renders as the same visible text, on one
 * line, inside a table cell or anywhere else. Label files are untrusted input.
 *
 * - Markdown punctuation is backslash-escaped, so no link, emphasis, code span,
 *   heading, list, strikethrough or table cell boundary (`|`) can start.
 * - `<`, `>` and `&` become entities, so no HTML (`<img onerror>`, comments
 *   such as our own `<!-- labelgate:report -->` marker) and no entity survive.
 * - A zero-width space goes after `@` (no @mention notifies anyone), between
 *   `#` or `GH-` and a digit (GitHub links issue references in the rendered
 *   text, after backslash escapes are gone, so `\#123` alone would still link
 *   and post a cross-reference on that issue), and inside `://` (no autolink).
 * - `$` becomes the entity `&#36;`: GitHub renders `$...$` and `$$...$$` as
 *   math (a label like `$\color{red}{X}$` would restyle the comment), and a
 *   backslash does not stop that outside a math span; an entity is no `$` to
 *   the math parser and still shows as one.
 * - Line breaks become spaces and control characters visible escapes
 *   (cleanText), whose backslash is escaped like any other.
 */
export function escapeMarkdown(text: string): string {
  return cleanText(text).replace(
    SPECIAL,
    (ch, offset: number, whole: string) => {
      switch (ch) {
        case '&':
          return '&amp;'
        case '$':
          return '&#36;'
        case '<':
          return '&lt;'
        case '>':
          return '&gt;'
        case '@':
          return '@' + ZWSP
        case ':':
          // GitHub autolinks `https://x\.y` even escaped, showing the backslash
          // in the link; a zero-width space after the colon stops that.
          return whole.startsWith('//', offset + 1) ? ':' + ZWSP : ':'
        case '#':
          return isDigit(whole, offset + 1) ? '\\#' + ZWSP : '\\#'
        case '-':
          return isDigit(whole, offset + 1) &&
            whole.slice(Math.max(0, offset - 2), offset).toLowerCase() === 'gh'
            ? ZWSP + '\\-'
            : '\\-'
        default:
          return '\\' + ch
      }
    }
  )
}

const ZWSP = '\u200B'

const SPECIAL = /[\\`*_{}[\]()#+\-.!|~<>&@:$]/g

function isDigit(text: string, index: number): boolean {
  const c = text.charCodeAt(index)
  return c >= 48 && c <= 57
}
