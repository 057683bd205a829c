import { cleanText } from '../../util/clean-text.js'
import { escapeMarkdown } from './escape-markdown.js'
import { shorten, shortenMiddle } from '../../util/shorten.js'

/** Longest data string shown in a table cell, in code points, before escaping. */
export const CELL_TEXT_MAX = 80

/**
 * Data text for Markdown: cleaned, shortened (so one 10,000-character label
 * cannot take over a table) and escaped.
 */
export function dataText(text: string, max = CELL_TEXT_MAX): string {
  return escapeMarkdown(shorten(cleanText(text), max))
}

/** An annotator or item id: as `dataText`, cut in the middle (ids often share a prefix). */
export function idText(text: string, max = 40): string {
  return escapeMarkdown(shortenMiddle(cleanText(text), max))
}

/**
 * A name we expect to be an identifier (a metric, a config path) as inline
 * code; anything with other characters falls back to escaped text, because
 * escapes do not work inside a code span.
 */
export function codeOrText(text: string, max = CELL_TEXT_MAX): string {
  return /^[A-Za-z0-9_./-]+$/.test(text) && text.length <= max
    ? `\`${text}\``
    : dataText(text, max)
}
