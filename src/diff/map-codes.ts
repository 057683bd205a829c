/**
 * Maps the codes of one interner onto another's through their strings:
 * `result[c]` is the code of `from[c]` in `to`, or -1 where `to` lacks it.
 *
 * Base and head intern independently, but both intern in file order, so a
 * version that only appends or edits labels gives most ids the same code on
 * both sides. Those are matched by position; a Map is built only over the `to`
 * ids that did not match in place. That is sound because ids are unique on
 * each side: an id matched in place at code d cannot also be `from[c]` for
 * another c. One string comparison per code, one Map lookup per misplaced id.
 */
export function mapCodes(
  from: readonly string[],
  to: readonly string[]
): Int32Array {
  const result = new Int32Array(from.length).fill(-1)
  const placed = new Uint8Array(to.length)
  let misplaced = 0
  for (let c = 0; c < from.length; c++) {
    if (c < to.length && from[c] === to[c]) {
      result[c] = c
      placed[c] = 1
    } else misplaced++
  }
  if (misplaced === 0) return result
  const rest = new Map<string, number>()
  for (let d = 0; d < to.length; d++) if (placed[d] === 0) rest.set(to[d]!, d)
  for (let c = 0; c < from.length; c++) {
    if (result[c] !== -1) continue
    const d = rest.get(from[c]!)
    if (d !== undefined) result[c] = d
  }
  return result
}

/**
 * The code map between two versions that share a code space: each code maps to
 * itself where the other version's space reaches it (a code interned after
 * that version was read names an id it does not have).
 */
export function sameCodes(fromSize: number, toSize: number): Int32Array {
  const result = new Int32Array(fromSize)
  for (let c = 0; c < fromSize; c++) result[c] = c < toSize ? c : -1
  return result
}
