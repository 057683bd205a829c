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
