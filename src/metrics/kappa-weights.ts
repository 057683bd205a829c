import { isNumericLevel, type Level } from '../model/level.js'

export type KappaWeighting = 'unweighted' | 'linear' | 'quadratic'

/** What the weights of a weighted kappa are measured on. */
export interface CategoryScale {
  /** Coordinate of each category index; NaN for a category off the scale. */
  readonly position: Float64Array
  /** Largest minus smallest coordinate on the scale. */
  readonly span: number
}

/**
 * Where each category sits for weighted kappa (Cohen 1968):
 * - ordinal: its rank. Declared categories keep their declared position
 *   (unused ones too); undeclared ones are ranked among the labels the
 *   annotators used, so a label that only the reference file holds never
 *   moves the annotators' positions (an inter-annotator coefficient depends
 *   only on the annotators' labels).
 * - interval and ratio: its numeric value (weights by value, as irrCAC's
 *   `linear.weights`/`quadratic.weights` on numeric categories): 0, 1, 10
 *   are 1 and 9 apart, not one rank each. The span runs over the declared
 *   values, else over the values the annotators used.
 * `used[k]` > 0 when some annotator rating has category k.
 */
export function categoryScale(
  level: Level,
  nCategories: number,
  declared: boolean,
  values: Float64Array | null,
  used: ArrayLike<number>
): CategoryScale {
  const position = new Float64Array(nCategories).fill(NaN)
  const onScale = (k: number): boolean => declared || used[k]! > 0
  if (isNumericLevel(level) && values !== null) {
    let min = Infinity
    let max = -Infinity
    for (let k = 0; k < nCategories; k++) {
      if (!onScale(k)) continue
      position[k] = values[k]!
      min = Math.min(min, values[k]!)
      max = Math.max(max, values[k]!)
    }
    return { position, span: max > min ? max - min : 0 }
  }
  let rank = 0
  for (let k = 0; k < nCategories; k++) if (onScale(k)) position[k] = rank++
  return { position, span: Math.max(0, rank - 1) }
}

/**
 * The K×K agreement weights (row-major): 1 on the diagonal; linear
 * 1 − |x_i − x_j|/span, quadratic 1 − (x_i − x_j)²/span² off it; 0 for
 * unweighted and for categories off the scale (they have no counts).
 */
export function kappaWeights(
  weighting: KappaWeighting,
  scale: CategoryScale
): Float64Array {
  const K = scale.position.length
  const w = new Float64Array(K * K)
  for (let i = 0; i < K; i++) {
    w[i * K + i] = 1
    if (weighting === 'unweighted' || scale.span === 0) continue
    const xi = scale.position[i]!
    if (Number.isNaN(xi)) continue
    for (let j = 0; j < K; j++) {
      const xj = scale.position[j]!
      if (j === i || Number.isNaN(xj)) continue
      const d = Math.abs(xi - xj) / scale.span
      w[i * K + j] = weighting === 'linear' ? 1 - d : 1 - d * d
    }
  }
  return w
}

/** Identity weights: unweighted agreement. */
export function identityWeights(K: number): Float64Array {
  const w = new Float64Array(K * K)
  for (let i = 0; i < K; i++) w[i * K + i] = 1
  return w
}
