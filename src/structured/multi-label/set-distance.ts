/**
 * Distances between two label sets given as ascending code arrays
 * (Passonneau 2006). Both are 0 for two empty sets: they are the same set,
 * so the annotators agree (NLTK divides by the empty union and fails).
 */

/** |A ∩ B| of two ascending code arrays. */
export function intersectionSize(
  a: ArrayLike<number>,
  b: ArrayLike<number>
): number {
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) {
    const x = a[i]!
    const y = b[j]!
    if (x === y) {
      n++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return n
}

/** Jaccard distance 1 − |A ∩ B| / |A ∪ B|. */
export function jaccardDistance(
  a: ArrayLike<number>,
  b: ArrayLike<number>
): number {
  const inter = intersectionSize(a, b)
  const union = a.length + b.length - inter
  return union === 0 ? 0 : 1 - inter / union
}

/**
 * MASI distance 1 − J × M (Passonneau 2006): J the Jaccard similarity, M the
 * monotonicity weight, 1 when the sets are equal, 2/3 when one is a subset of
 * the other, 1/3 when they overlap otherwise, 0 when they are disjoint. The
 * thirds are exact (NLTK rounds them to 0.67 and 0.33).
 */
export function masiDistance(
  a: ArrayLike<number>,
  b: ArrayLike<number>
): number {
  const inter = intersectionSize(a, b)
  const union = a.length + b.length - inter
  if (union === 0) return 0
  let m: number
  if (a.length === b.length && inter === a.length) m = 1
  else if (inter === Math.min(a.length, b.length)) m = 2 / 3
  else if (inter > 0) m = 1 / 3
  else m = 0
  return 1 - (inter / union) * m
}

export type SetDistance = (a: ArrayLike<number>, b: ArrayLike<number>) => number
