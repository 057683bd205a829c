import { cleanText } from '../../util/clean-text.js'

// XML 1.0 allows no C0 control but tab, LF and CR, and neither U+FFFE nor
// U+FFFF; cleanText already drops controls and replaces lone surrogates.
const NOT_XML = /[\uFFFE\uFFFF]/g

/**
 * Text from a report (label files, file names, config keys: untrusted) for
 * an XML attribute or element: one line with control characters as escapes, then
 * `& < > " '` as entities. Safe in either place.
 */
export function xmlText(text: string): string {
  return cleanText(text)
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** Several lines of text for an element's content: each line as `xmlText`. */
export function xmlLines(lines: readonly string[]): string {
  return lines.map(xmlText).join('\n')
}
