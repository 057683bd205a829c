/** A replacement of characters [start, end) of a text. */
export interface TextEdit {
  start: number
  end: number
  text: string
}

/** The text with the edits (sorted, not overlapping) applied. */
export function applyTextEdits(
  text: string,
  edits: readonly TextEdit[]
): string {
  const pieces: string[] = []
  let from = 0
  for (const e of edits) {
    pieces.push(text.slice(from, e.start), e.text)
    from = e.end
  }
  pieces.push(text.slice(from))
  return pieces.join('')
}

/**
 * One label of a set as the rewrite meets it: its text, where it sits, and
 * `previousEnd`, where the text after the label before it ends (what to cut,
 * up to `end`, to drop this label together with its separator).
 */
export interface SetElement {
  label: string
  start: number
  end: number
  previousEnd: number
}

/**
 * The edits that migrate one annotation's label set, in element order.
 * `relabel` says what a label becomes (undefined: unchanged or removed,
 * which stays for the user to resolve); `encode` turns a new name into the
 * text that replaces the old one. When a rename makes a label equal to one
 * already in the set (`ORGANIZATION` → `ORG` in `ORG|ORGANIZATION`, a
 * merge), the later of the two is dropped with the separator before it: a
 * set holds a label once (the readers keep it once and warn), so the file
 * says what the set means. A label that was given twice before the
 * migration, with no rename involved, is left as it is.
 */
export function setEdits(
  elements: readonly SetElement[],
  relabel: (label: string) => string | undefined,
  encode: (label: string) => string,
  onMerged: (label: string) => void
): TextEdit[] {
  const edits: TextEdit[] = []
  // The set's labels after migration, and whether each came from a rename.
  const seen = new Map<string, boolean>()
  for (const e of elements) {
    const to = relabel(e.label)
    const label = to ?? e.label
    const renamed = to !== undefined
    const earlier = seen.get(label)
    if (earlier !== undefined && (earlier || renamed)) {
      edits.push({ start: e.previousEnd, end: e.end, text: '' })
      onMerged(label)
      continue
    }
    if (earlier === undefined) seen.set(label, renamed)
    if (renamed) edits.push({ start: e.start, end: e.end, text: encode(to) })
  }
  return edits
}

/**
 * The labels of a CSV/TSV cell (or a JSON string) joined by `separator`,
 * as the multi_label reader splits them: each part trimmed, empty parts
 * skipped. Offsets are into `text`; a label's span excludes the white space
 * around it, so a rewrite keeps `PER | ORG` spaced as it was.
 */
export function cellElements(text: string, separator: string): SetElement[] {
  const out: SetElement[] = []
  if (text.trim() === '') return out
  let previousEnd = 0
  let from = 0
  for (;;) {
    let to = text.indexOf(separator, from)
    if (to < 0) to = text.length
    const part = text.slice(from, to)
    const label = part.trim()
    if (label !== '') {
      const start = from + (part.length - part.trimStart().length)
      const end = start + label.length
      out.push({ label, start, end, previousEnd })
      previousEnd = end
    }
    if (to === text.length) return out
    from = to + separator.length
  }
}
