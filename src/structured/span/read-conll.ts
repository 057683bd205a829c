import { UserError } from '../../errors.js'
import { quote } from '../../util/excerpt.js'
import { decodeTags, tagPrefix, type TagScheme } from './bio-tags.js'
import type { SpanSink } from './span-sink.js'

/** One sentence as read: tokens, tags, annotator, the lines they came from. */
interface Sentence {
  id: string | null
  tokens: string[]
  tags: string[]
  lines: number[]
  annotator: string
}

const ID_COMMENT = /^#\s*(?:sent_id|id)\s*=\s*(.*?)\s*$/

/**
 * CoNLL-2003-style files: one token per line, whitespace-separated columns
 * (token first, the tag in the last column or `span.tag_column`), a blank
 * line between sentences, `-DOCSTART-` lines between documents (skipped).
 *
 *   (When `span.annotator_column` is the last column, the tag defaults to
 *   the one before it.)
 * - An item is a sentence. Its id is the value of a `# id = ...` or
 *   `# sent_id = ...` line before it (CoNLL-U style), else its ordinal in
 *   the file (1, 2, ...), so files of different annotators over the same
 *   sentences in the same order share items.
 * - The annotator is the file's name without its last extension
 *   (`conll/alice.bio` -> `alice`), or the column `span.annotator_column`;
 *   then consecutive sentences with the same tokens are one item (the
 *   layout that repeats a sentence once per annotator), and the ordinal
 *   counts items.
 * - The item's text is its tokens joined by single spaces, so that span
 *   offsets (UTF-16, end exclusive) are defined: token k starts after the
 *   lengths of tokens 0..k-1 plus one space each.
 * - Tags decode as seqeval's strict mode (see `bio-tags.ts`); the scheme is
 *   `span.scheme`, or with `auto` `bioes` when the file has an `E-` or `S-`
 *   tag, else `bio`. A tag sequence that strict mode drops (`I-` without a
 *   `B-`, a `B-` not closed by `E-` in bioes) is a warning at the first
 *   dropped token's line; a tag that is not of the scheme is an error and
 *   counts as O.
 */
export function readConll(
  bytes: Uint8Array,
  start: number,
  file: string,
  sink: SpanSink
): void {
  const text = new TextDecoder().decode(bytes.subarray(start))
  sink.startFile(file)
  const options = sink.options
  const fromName = annotatorFromFileName(file)
  const sentences: Sentence[] = []
  let current: Sentence | null = null
  let pendingId: string | null = null
  let line = 0
  let schemeHint: TagScheme = 'bio'
  const close = (): void => {
    if (current !== null && current.tokens.length > 0) sentences.push(current)
    current = null
  }
  for (const raw of text.split(/\r\n|\n|\r/)) {
    line++
    const source = raw.trim()
    if (source === '') {
      close()
      continue
    }
    const id = ID_COMMENT.exec(source)
    if (id !== null && (current === null || current.tokens.length === 0)) {
      pendingId = id[1]!
      continue
    }
    const columns = source.split(/\s+/)
    if (columns[0] === '-DOCSTART-') {
      close()
      continue
    }
    // Default: the last column, or the one before it when the last is the annotator's.
    const tagAt =
      (options.tagColumn ??
        (options.annotatorColumn === columns.length
          ? columns.length - 1
          : columns.length)) - 1
    if (columns.length < 2 || tagAt >= columns.length || tagAt < 1) {
      throw new UserError(
        `a token line needs the token and its tag${options.tagColumn === undefined ? '' : ` in column ${options.tagColumn}`}; found ${columns.length} column${columns.length === 1 ? '' : 's'}`,
        { file, line, field: 'tag' }
      )
    }
    let annotator = fromName
    if (options.annotatorColumn !== undefined) {
      const value = columns[options.annotatorColumn - 1]
      if (value === undefined || value === '') {
        throw new UserError(
          `no annotator in column ${options.annotatorColumn} (span.annotator_column)`,
          { file, line, field: 'annotator' }
        )
      }
      annotator = value
    }
    const tag = columns[tagAt]!
    if (tag[1] === '-' && (tag[0] === 'E' || tag[0] === 'S'))
      schemeHint = 'bioes'
    if (current === null) {
      current = { id: pendingId, tokens: [], tags: [], lines: [], annotator }
      pendingId = null
    } else if (annotator !== current.annotator) {
      sink.error(
        'sentences with two annotators',
        line,
        'annotator',
        `annotator ${quote(annotator)} inside a sentence of ${quote(current.annotator)}; put a blank line between annotators' sentences (the sentence keeps ${quote(current.annotator)})`
      )
    }
    current.tokens.push(columns[0]!)
    current.tags.push(tag)
    current.lines.push(line)
  }
  close()

  const scheme: TagScheme =
    options.scheme === 'auto' ? schemeHint : options.scheme
  let ordinal = 0
  let previous: Sentence | null = null
  let previousItem = ''
  for (const sentence of sentences) {
    let item: string
    const sameAsPrevious =
      options.annotatorColumn !== undefined &&
      previous !== null &&
      sentence.id === null &&
      previous.id === null &&
      sameTokens(previous.tokens, sentence.tokens)
    if (sentence.id !== null) item = sentence.id
    else if (sameAsPrevious) item = previousItem
    else item = String(++ordinal)
    previous = sentence
    previousItem = item
    readSentence(sentence, item, scheme, sink)
  }
  sink.end()
}

function readSentence(
  sentence: Sentence,
  item: string,
  scheme: TagScheme,
  sink: SpanSink
): void {
  const { tokens, lines } = sentence
  const offsets = new Int32Array(tokens.length + 1)
  for (let t = 0; t < tokens.length; t++)
    offsets[t + 1] = offsets[t]! + tokens[t]!.length + 1
  const text = tokens.join(' ')
  // Tags outside the scheme are errors and count as O.
  const tags = sentence.tags.map((tag, t) => {
    if (tagPrefix(tag, scheme) >= 0) return tag
    sink.error(
      'tags outside the scheme',
      lines[t]!,
      'tag',
      `tag ${quote(tag)} is not a ${scheme} tag (O, ${scheme === 'bio' ? 'B-X, I-X' : 'B-X, I-X, E-X, S-X'}); read as O`
    )
    return 'O'
  })
  if (!sink.begin(item, sentence.annotator, text, lines[0]!)) return
  const { entities, invalid } = decodeTags(tags, scheme)
  for (let k = 0; k < invalid.length; k++) {
    // One warning per run of dropped tokens, at its first token.
    if (k > 0 && invalid[k - 1] === invalid[k]! - 1) continue
    const t = invalid[k]!
    sink.warn(
      'invalid tag sequences',
      lines[t]!,
      'tag',
      `tag ${quote(tags[t]!)} does not ${tags[t]![0] === 'B' ? 'end with an E- tag of its type' : 'continue an entity of its type'}; strict ${scheme} decoding drops it (as seqeval's strict mode)`
    )
  }
  for (const e of entities) {
    sink.span(offsets[e.start]!, offsets[e.end]! - 1, e.type, lines[e.start]!)
  }
}

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false
  return true
}

/** `data/ner/alice.conll` -> `alice`; a name without extension stays whole. */
export function annotatorFromFileName(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(0, dot) : base
}
