/**
 * At most `max` code points, the last one an ellipsis when the text was cut.
 * Counting code points, not UTF-16 units, never splits a surrogate pair.
 */
export function shorten(text: string, max: number): string {
  // A string's UTF-16 length is never below its code point count.
  if (text.length <= max) return text
  const points = Array.from(text)
  if (points.length <= max) return text
  return points.slice(0, Math.max(0, max - 1)).join('') + '…'
}

/**
 * For identifiers (annotator and item ids): at most `max` code points, cut in
 * the middle, so that ids sharing a long prefix (`vendor-…-0001@x.com`,
 * `vendor-…-0002@x.com`) stay apart where they differ, usually at the end.
 */
export function shortenMiddle(text: string, max: number): string {
  if (text.length <= max) return text
  const points = Array.from(text)
  if (points.length <= max) return text
  if (max < 3) return shorten(text, max)
  const tail = Math.floor((max - 1) / 2)
  const head = max - 1 - tail
  return points.slice(0, head).join('') + '…' + points.slice(-tail).join('')
}
