/**
 * GitHub rejects an issue comment longer than this with 422 "Body is too long
 * (maximum is 65536 characters)". The limit is not in the OpenAPI schema.
 */
export const COMMENT_MAX_LENGTH = 65_536

export const COMMENT_CUT_NOTE =
  "> [!WARNING]\n> This comment was cut to fit GitHub's 65,536-character limit; the full report is in the job summary."

/** Room for the closers of an open code fence, `<details>` or HTML comment. */
const CLOSER_BUDGET = 256
/** How far back a cut may move to end on a whole line. */
const LINE_SLACK = 4096

/**
 * The body, cut to GitHub's comment limit with a visible note when longer.
 * The renderer already keeps under 65,000; this is the safety net. Length is
 * counted in UTF-16 code units, never fewer than the characters GitHub
 * counts, and a surrogate pair is never split. The cut ends on a whole line
 * and closes what was left open, so the note renders as a note and not inside
 * a code block, a collapsed section or a comment.
 */
export function fitCommentBody(
  body: string,
  max: number = COMMENT_MAX_LENGTH
): string {
  if (body.length <= max) return body
  const note = `\n\n${COMMENT_CUT_NOTE}\n`
  let end = Math.max(0, max - note.length - CLOSER_BUDGET)
  if (isHighSurrogate(body.charCodeAt(end - 1))) end -= 1
  let head = body.slice(0, end)
  const lineEnd = head.lastIndexOf('\n')
  if (lineEnd > 0 && lineEnd >= head.length - LINE_SLACK) {
    head = head.slice(0, lineEnd)
  }
  return head + closers(head) + note
}

function closers(text: string): string {
  let out = ''
  if (text.lastIndexOf('<!--') > text.lastIndexOf('-->')) out += ' -->'
  const fences = text.split('\n').filter((l) => /^\s*(```|~~~)/.test(l))
  if (fences.length % 2 === 1) out += `\n${fences.at(-1)!.trim().slice(0, 3)}`
  const open = count(text, '<details') - count(text, '</details>')
  out += '\n</details>'.repeat(Math.min(Math.max(open, 0), 10))
  return out
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
