/**
 * Entity spans from a sentence's token tags, as seqeval decodes them in
 * strict mode (`classification_report(..., mode='strict', scheme=IOB2 |
 * IOBES)`, seqeval/scheme.py):
 *
 * - `bio` (IOB2): an entity starts at `B-X` and goes on over `I-X` of the
 *   same type. An `I-X` that does not continue a `B-X` or `I-X` of type X
 *   starts nothing: it is dropped (seqeval's default mode would start an
 *   entity there; strict mode does not).
 * - `bioes` (IOBES): `S-X` is a one-token entity; `B-X` goes on over `I-X`
 *   and `E-X` of the same type and is an entity only if its last token is
 *   `E-X` (so `B-X I-X O` is dropped whole). `I-X` or `E-X` without a
 *   `B-X` before them are dropped.
 *
 * The type is the text after the one-letter prefix and its `-` (`B-PER` ->
 * `PER`). A tag with another prefix, or a prefix the scheme does not have
 * (`E-` or `S-` in a bio file), is not a tag of the scheme: the caller
 * reports it. Tokens whose tag is not O and that belong to no entity are the
 * invalid ones, returned so that readers can warn at their lines.
 */
export type TagScheme = 'bio' | 'bioes'

const O = 0
const B = 1
const I = 2
const E = 3
const S = 4

export interface DecodedTags {
  /** Entities as [start token, end token (exclusive), type] triples. */
  entities: { start: number; end: number; type: string }[]
  /** Token indices with a non-O tag that are part of no entity, ascending. */
  invalid: number[]
}

/** The prefix code of a tag, or -1 when the scheme has no such prefix. */
export function tagPrefix(tag: string, scheme: TagScheme): number {
  if (tag === 'O') return O
  if (tag.length < 2) return -1
  const p = tag[0]
  const code =
    p === 'B' ? B : p === 'I' ? I : p === 'E' ? E : p === 'S' ? S : -1
  if (code === -1) return -1
  if (scheme === 'bio' && (code === E || code === S)) return -1
  return code
}

/** The entity type of a tag: `B-PER` -> `PER` (seqeval strips the `-`). */
export function tagType(tag: string): string {
  let from = 1
  while (from < tag.length && tag[from] === '-') from++
  return tag.slice(from) || '_'
}

/**
 * Decodes one sentence. `tags` must hold only tags of the scheme (check
 * each with `tagPrefix` first; the reader reports the others and passes O).
 */
export function decodeTags(
  tags: readonly string[],
  scheme: TagScheme
): DecodedTags {
  const n = tags.length
  const prefix = new Int8Array(n)
  const type: string[] = new Array<string>(n)
  for (let t = 0; t < n; t++) {
    const p = tagPrefix(tags[t]!, scheme)
    prefix[t] = p < 0 ? O : p
    type[t] = p <= 0 ? '' : tagType(tags[t]!)
  }
  const covered = new Uint8Array(n)
  const entities: DecodedTags['entities'] = []
  let t = 0
  while (t < n) {
    const p = prefix[t]!
    const starts = p === B || (scheme === 'bioes' && p === S)
    if (!starts) {
      t++
      continue
    }
    // Walk over the tokens that continue the chunk (seqeval's `_forward`).
    let end = t + 1
    let last = p
    if (p === B) {
      while (end < n && type[end] === type[t]) {
        const q = prefix[end]!
        const inside =
          scheme === 'bio'
            ? q === I
            : (last === B || last === I) && (q === I || q === E)
        if (!inside) break
        last = q
        end++
      }
    }
    // The chunk is an entity if it ends the way the scheme says
    // (seqeval's `_is_end`): in bio always; in bioes on E or S.
    const valid = scheme === 'bio' || last === E || last === S
    if (valid) {
      entities.push({ start: t, end, type: type[t]! })
      covered.fill(1, t, end)
    }
    t = end
  }
  const invalid: number[] = []
  for (let k = 0; k < n; k++)
    if (prefix[k] !== O && covered[k] === 0) invalid.push(k)
  return { entities, invalid }
}
